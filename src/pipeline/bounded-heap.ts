import v8 from 'node:v8';

/**
 * How far (in percent) V8 may let its heap grow past what the last full collection kept, while a
 * sync or a resolution runs. A sync allocates a lot per batch but keeps little (tens of MB); V8's
 * own rule lets the heap grow to several times the live size between full collections, so a
 * million-row load peaked near 250 MB of heap, mostly garbage. Bounded this way it stays near
 * 100 MB at no CPU cost (see the README's sync figures). A resolution keeps a large live set (every
 * record while matching) and writes a lot of garbage beside it: bounded, a 300,000-record run
 * peaked at 868 MB instead of 1,852 MB, for about 13 % more CPU in collections.
 */
export const HEAP_GROWTH_PERCENT = 50;

/** V8's default: the growth factor follows the measured collection and allocation speeds. */
const V8_DEFAULT_GROWTH = 0;

type SetGrowth = (percent: number) => void;

const setV8Growth: SetGrowth = (percent) => v8.setFlagsFromString(`--heap-growing-percent=${percent}`);

/**
 * Holds the heap to HEAP_GROWTH_PERCENT while at least one holder has it. Syncs may overlap
 * (pushes into a running server): the bound lasts until the last holder releases it. V8 reads
 * the flag at every full collection, so setting it at run time takes effect.
 */
export class HeapGrowthBound {
  private holders = 0;

  constructor(private readonly setGrowth: SetGrowth = setV8Growth) {}

  /** Bounds the growth; the returned function releases this hold (once). */
  hold(): () => void {
    if (this.holders++ === 0) this.setGrowth(HEAP_GROWTH_PERCENT);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders === 0) this.setGrowth(V8_DEFAULT_GROWTH);
    };
  }

  /** Runs `work` with the growth bounded, released however it ends. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    const release = this.hold();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The process's bound, held by every sync and every resolution (the V8 flag is process-wide). */
export const heapGrowthBound = new HeapGrowthBound();
