/**
 * Runs work one at a time per key, in the order it was asked for: each waits until every
 * earlier work under the same key has settled (whether it succeeded or failed).
 */
export class TurnQueue<K extends object> {
  private readonly tails = new WeakMap<K, Promise<unknown>>();

  run<T>(key: K, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.tails.set(key, next);
    return next;
  }
}
