/**
 * (hash, record, generation) triples sorted by hash: the storage of one blocking key. Runs
 * of equal hashes are the blocks. Sorting is a two-pass LSD radix sort on the 32-bit hash,
 * linear in the number of entries.
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

export function sortByHash(input: Entries): Entries {
  const n = input.length;
  let hash = input.hash.slice(0, n);
  let record = input.record.slice(0, n);
  let generation = input.generation.slice(0, n);
  let nextHash = new Uint32Array(n);
  let nextRecord = new Int32Array(n);
  let nextGeneration = new Int32Array(n);
  // Three passes of 11, 11 and 10 bits: 2,048 buckets keep the scattered writes cache-friendly.
  const counts = new Int32Array(2049);
  for (const shift of [0, 11, 22]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const bucket = (((hash[i] as number) >>> shift) & 0x7ff) + 1;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    for (let b = 1; b <= 2048; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    for (let i = 0; i < n; i++) {
      const bucket = ((hash[i] as number) >>> shift) & 0x7ff;
      const target = counts[bucket] as number;
      counts[bucket] = target + 1;
      nextHash[target] = hash[i] as number;
      nextRecord[target] = record[i] as number;
      nextGeneration[target] = generation[i] as number;
    }
    [hash, nextHash] = [nextHash, hash];
    [record, nextRecord] = [nextRecord, record];
    [generation, nextGeneration] = [nextGeneration, generation];
  }
  return { hash, record, generation, length: n };
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
