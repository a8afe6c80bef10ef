/**
 * (hash, record, generation) triples sorted by hash: the storage of one blocking key. Runs
 * of equal hashes are the blocks.
 */
export interface Entries {
  hash: Uint32Array;
  record: Int32Array;
  generation: Int32Array;
  length: number;
}

export function emptyEntries(): Entries {
  return { hash: new Uint32Array(0), record: new Int32Array(0), generation: new Int32Array(0), length: 0 };
}

export function allocateEntries(length: number): Entries {
  return { hash: new Uint32Array(length), record: new Int32Array(length), generation: new Int32Array(length), length };
}

/** Scratch space for sorting, reused across keys so that sorting allocates nothing. */
export class SortScratch {
  private space = allocateEntries(0);

  atLeast(length: number): Entries {
    if (this.space.hash.length < length) this.space = allocateEntries(Math.ceil(length * 1.25));
    return this.space;
  }
}

/**
 * Sorts entries by hash in place: an LSD radix sort in four passes of 8 bits (an even number
 * of passes ends back in the entries' own arrays; 256 buckets keep the writes cache-friendly).
 */
export function sortByHash(entries: Entries, scratch: SortScratch): void {
  const n = entries.length;
  const other = scratch.atLeast(n);
  let from: Entries = entries;
  let to: Entries = other;
  const counts = new Int32Array(257);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    const fromHash = from.hash;
    for (let i = 0; i < n; i++) {
      const bucket = (((fromHash[i] as number) >>> shift) & 0xff) + 1;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    for (let b = 1; b <= 256; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    for (let i = 0; i < n; i++) {
      const bucket = ((fromHash[i] as number) >>> shift) & 0xff;
      const target = counts[bucket] as number;
      counts[bucket] = target + 1;
      to.hash[target] = fromHash[i] as number;
      to.record[target] = from.record[i] as number;
      to.generation[target] = from.generation[i] as number;
    }
    [from, to] = [to, from];
  }
}

/** First position whose hash is ≥ `target` (binary search over the sorted entries). */
export function lowerBound(entries: Entries, target: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((entries.hash[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
