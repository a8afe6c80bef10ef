import { PairBuffer } from './pair-buffer';

/** Calls `visit` with the live members of every usable block, `tooLarge` for oversized ones. */
export type BlockWalk = (
  visit: (members: Int32Array, count: number) => void,
  tooLarge?: (key: number, hash: number, members: readonly number[]) => void,
) => void;

/**
 * Every pair of records sharing a block of `forEachBlock`, each once as (lower index, higher
 * index), ascending, for records 0 to n - 1. The blocks are walked twice; `tooLarge` goes to the
 * first walk only, so each oversized block is told once.
 */
export function pairsInBlocks(n: number, forEachBlock: BlockWalk, tooLarge: (key: number, hash: number, members: readonly number[]) => void): PairBuffer {
  // Counting sort by the lower record: count partners per record, place them, then sort
  // and de-duplicate each record's (short) partner list. Linear in pairs plus records.
  const start = new Int32Array(n + 1);
  forEachBlock(
    (members, count) => {
      for (let x = 0; x < count; x++) {
        const a = members[x] as number;
        for (let y = x + 1; y < count; y++) {
          const b = members[y] as number;
          const low = a < b ? a : b;
          start[low + 1] = (start[low + 1] as number) + 1;
        }
      }
    },
    tooLarge,
  );
  for (let record = 0; record < n; record++) start[record + 1] = (start[record + 1] as number) + (start[record] as number);
  const fill = start.slice(0, n);
  const partners = new Int32Array(start[n] as number);
  forEachBlock((members, count) => {
    for (let x = 0; x < count; x++) {
      const a = members[x] as number;
      for (let y = x + 1; y < count; y++) {
        const b = members[y] as number;
        const low = a < b ? a : b;
        const slot = fill[low] as number;
        partners[slot] = a < b ? b : a;
        fill[low] = slot + 1;
      }
    }
  });
  let unique = 0;
  for (let record = 0; record < n; record++) {
    unique += sortUnique(partners, start[record] as number, start[record + 1] as number);
  }
  const pairs = new PairBuffer(Math.max(16, unique));
  for (let record = 0; record < n; record++) {
    const from = start[record] as number;
    const to = start[record + 1] as number;
    for (let i = from; i < to; i++) {
      const partner = partners[i] as number;
      if (partner < 0) break; // the de-duplicated tail of this record's slice
      pairs.push(record, partner);
    }
  }
  return pairs;
}

/**
 * Sorts values[from, to) ascending (insertion sort for the usual short slices), moves the distinct
 * values to the front, marks the rest -1 and returns how many are distinct.
 */
function sortUnique(values: Int32Array, from: number, to: number): number {
  if (to - from > 32) {
    values.subarray(from, to).sort();
  } else {
    for (let i = from + 1; i < to; i++) {
      const value = values[i] as number;
      let j = i - 1;
      while (j >= from && (values[j] as number) > value) {
        values[j + 1] = values[j] as number;
        j--;
      }
      values[j + 1] = value;
    }
  }
  let write = from;
  for (let i = from; i < to; i++) if (i === from || values[i] !== values[write - 1]) values[write++] = values[i] as number;
  for (let i = write; i < to; i++) values[i] = -1;
  return write - from;
}
