/**
 * Wall-clock milliseconds per phase of a run, logged with its summary: where the time of a
 * large resolution goes (loading, decoding, matching, each kind of write) without a profiler.
 */
export class PhaseTimer {
  readonly millis: Record<string, number> = {};
  private last = performance.now();

  /** Ends the phase running since the previous mark (or the start) under `name`. */
  mark(name: string): void {
    const now = performance.now();
    this.millis[name] = Math.round((this.millis[name] ?? 0) + now - this.last);
    this.last = now;
  }
}
