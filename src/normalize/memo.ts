/**
 * Bounded memo tables for normalizers whose inputs repeat heavily in customer data
 * (name parts, full names, mail domains, date strings, currency tokens).
 *
 * A table is a Map with a size cap: when it is full it is cleared and starts over.
 * That bounds memory whatever a source sends, costs nothing per hit (no recency
 * bookkeeping), and after a clear the values that really repeat come back within a
 * few records. Only pure functions may be memoized, and their results are shared
 * between callers, so callers must treat them as read-only.
 */
export class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`memo limit must be at least 1, got ${limit}`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * `fn` with its results kept in a bounded table keyed by its one string argument.
 * `fn` must be pure and must not return undefined.
 */
export function memoized<R>(fn: (key: string) => R, limit: number): (key: string) => R {
  const memo = new BoundedMemo<string, R>(limit);
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = fn(key);
      memo.set(key, value);
    }
    return value;
  };
}
