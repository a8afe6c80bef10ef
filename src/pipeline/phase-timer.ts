/**
 * Wall-clock milliseconds per phase of a run, logged with its summary: where the time of a
 * large resolution goes (loading, decoding, matching, each kind of write) without a profiler;
 * and the largest resident set size (MB) seen as each phase ended, where its memory goes.
 */
export class PhaseTimer {
  readonly millis: Record<string, number> = {};
  readonly rssMb: Record<string, number> = {};
  private last = performance.now();

  /** Ends the phase running since the previous mark (or the start) under `name`. */
  mark(name: string): void {
    const now = performance.now();
    this.millis[name] = Math.round((this.millis[name] ?? 0) + now - this.last);
    this.last = now;
    this.rssMb[name] = Math.max(this.rssMb[name] ?? 0, Math.round(process.memoryUsage.rss() / 1048576));
  }

  /** Adds the duration of work that overlapped other phases (statements in flight while the next chunk is prepared). */
  add(name: string, millis: number): void {
    this.millis[name] = Math.round((this.millis[name] ?? 0) + millis);
  }
}
