import type { BlockingKeyDefinition } from './blocking-keys';
import { GrowableInt32 } from './columns';
import { PairBuffer } from './pair-buffer';
import type { PreparedRecords } from './prepared-records';
import { HashSink, TextSink } from './key-sinks';
import { type Entries, emptyEntries, lowerBound, sortByHash } from './sorted-entries';
import type { OversizedBlock } from './types';

/**
 * Blocking index: which records share a value of which blocking key.
 *
 * Built for a million records in modest memory: each key value is kept only as a 32-bit
 * hash, in (hash, record, generation) entries sorted by hash, so a block is a run of equal
 * hashes (12 bytes per record and key, no strings, no per-block objects). A rare hash
 * collision only adds a candidate pair that scoring rejects.
 *
 * Incremental updates append to a small unsorted delta (with a hash → positions map) that is
 * merged into the sorted entries when it grows. A changed record gets a new generation, which
 * turns all its old entries stale without searching for them.
 *
 * Blocks larger than `maxBlockSize` (a shared family phone, "test@test.com") produce no pairs:
 * they are reported instead, and their records still meet through their other keys.
 */
export class BlockIndex {
  private main: Entries[];
  private delta: { hash: number[]; record: number[]; generation: number[]; positions: Map<number, number[]> }[];
  private readonly generation = new GrowableInt32();
  private readonly sink = new HashSink();

  constructor(
    readonly keys: readonly BlockingKeyDefinition[],
    readonly maxBlockSize: number,
  ) {
    this.main = keys.map(() => emptyEntries());
    this.delta = keys.map(() => ({ hash: [], record: [], generation: [], positions: new Map() }));
  }

  /** Indexes every record at once (a full run): one sort per key. */
  build(records: PreparedRecords): void {
    const n = records.size;
    for (let record = 0; record < n; record++) this.generation.set(record, 1);
    this.keys.forEach((key, k) => {
      let entries: Entries = { hash: new Uint32Array(n), record: new Int32Array(n), generation: new Int32Array(n), length: 0 };
      const sink = this.sink;
      for (let record = 0; record < n; record++) {
        sink.reset(k);
        key.emit(records, record, sink);
        for (const hash of sink.hashes) {
          if (entries.length === entries.hash.length) entries = grown(entries);
          entries.hash[entries.length] = hash;
          entries.record[entries.length] = record;
          entries.generation[entries.length] = 1;
          entries.length++;
        }
      }
      this.main[k] = sortByHash(entries);
      this.delta[k] = { hash: [], record: [], generation: [], positions: new Map() };
    });
  }

  /** (Re)indexes one new or changed record; its previous entries become stale. */
  index(records: PreparedRecords, record: number): void {
    const generation = this.generation.get(record) + 1;
    this.generation.set(record, generation);
    this.keys.forEach((key, k) => {
      this.sink.reset(k);
      key.emit(records, record, this.sink);
      const delta = this.delta[k] as BlockIndex['delta'][number];
      for (const hash of this.sink.hashes) {
        const positions = delta.positions.get(hash);
        if (positions === undefined) delta.positions.set(hash, [delta.hash.length]);
        else positions.push(delta.hash.length);
        delta.hash.push(hash);
        delta.record.push(record);
        delta.generation.push(generation);
      }
      if (delta.hash.length > Math.max(4096, (this.main[k] as Entries).length / 8)) this.compact(k);
    });
  }

  /** Every candidate pair, each once as (lower index, higher index), ascending. */
  allPairs(records: PreparedRecords): { pairs: PairBuffer; oversizedBlocks: OversizedBlock[] } {
    this.keys.forEach((_, k) => this.compact(k));
    const n = records.size;
    let codes = new Float64Array(Math.max(1024, n * 2));
    let count = 0;
    const oversized: OversizedBlock[] = [];
    const members: number[] = [];
    this.keys.forEach((key, k) => {
      const entries = this.main[k] as Entries;
      let start = 0;
      while (start < entries.length) {
        const hash = entries.hash[start] as number;
        let end = start + 1;
        while (end < entries.length && entries.hash[end] === hash) end++;
        members.length = 0;
        for (let e = start; e < end; e++) {
          const record = entries.record[e] as number;
          if (entries.generation[e] === this.generation.get(record)) members.push(record);
        }
        if (members.length > this.maxBlockSize) {
          oversized.push(this.describe(records, key, k, hash, members));
        } else if (members.length > 1) {
          const needed = count + (members.length * (members.length - 1)) / 2;
          if (needed > codes.length) {
            const bigger = new Float64Array(Math.max(needed, codes.length * 2));
            bigger.set(codes.subarray(0, count));
            codes = bigger;
          }
          for (let x = 0; x < members.length; x++) {
            for (let y = x + 1; y < members.length; y++) {
              const a = members[x] as number;
              const b = members[y] as number;
              codes[count++] = a < b ? a * n + b : b * n + a;
            }
          }
        }
        start = end;
      }
    });
    // Sorting the pair codes removes pairs found by several keys and gives a cache-friendly order.
    const sorted = codes.subarray(0, count).sort();
    const pairs = new PairBuffer(Math.max(16, count));
    let previous = -1;
    for (let i = 0; i < count; i++) {
      const code = sorted[i] as number;
      if (code === previous) continue;
      previous = code;
      const a = Math.floor(code / n);
      pairs.push(a, code - a * n);
    }
    return { pairs, oversizedBlocks: sortBlocks(oversized) };
  }

  /**
   * Candidate partners of one record, each once, appended to `out`. `stamp` is a scratch
   * array (one slot per record) and `stampValue` must differ between calls.
   */
  partnersOf(
    records: PreparedRecords,
    record: number,
    stamp: Int32Array,
    stampValue: number,
    out: number[],
    oversized: OversizedBlock[],
  ): void {
    const members: number[] = [];
    this.keys.forEach((key, k) => {
      this.sink.reset(k);
      key.emit(records, record, this.sink);
      for (const hash of [...this.sink.hashes]) {
        members.length = 0;
        const entries = this.main[k] as Entries;
        for (let e = lowerBound(entries, hash); e < entries.length && entries.hash[e] === hash; e++) {
          const member = entries.record[e] as number;
          if (entries.generation[e] === this.generation.get(member)) members.push(member);
        }
        const delta = this.delta[k] as BlockIndex['delta'][number];
        for (const position of delta.positions.get(hash) ?? []) {
          const member = delta.record[position] as number;
          if (delta.generation[position] === this.generation.get(member)) members.push(member);
        }
        if (members.length > this.maxBlockSize) {
          oversized.push(this.describe(records, key, k, hash, members));
          continue;
        }
        for (const member of members) {
          if (member !== record && stamp[member] !== stampValue) {
            stamp[member] = stampValue;
            out.push(member);
          }
        }
      }
    });
  }

  /** Merges the delta of key k into its sorted entries, dropping stale entries. */
  private compact(k: number): void {
    const delta = this.delta[k] as BlockIndex['delta'][number];
    const main = this.main[k] as Entries;
    if (delta.hash.length === 0 && !this.hasStale(main)) return;
    const total = main.length + delta.hash.length;
    const merged: Entries = { hash: new Uint32Array(total), record: new Int32Array(total), generation: new Int32Array(total), length: 0 };
    const keep = (hash: number, record: number, generation: number): void => {
      if (generation !== this.generation.get(record)) return;
      merged.hash[merged.length] = hash;
      merged.record[merged.length] = record;
      merged.generation[merged.length] = generation;
      merged.length++;
    };
    for (let e = 0; e < main.length; e++) keep(main.hash[e] as number, main.record[e] as number, main.generation[e] as number);
    for (let e = 0; e < delta.hash.length; e++) keep(delta.hash[e] as number, delta.record[e] as number, delta.generation[e] as number);
    this.main[k] = sortByHash(merged);
    this.delta[k] = { hash: [], record: [], generation: [], positions: new Map() };
  }

  private hasStale(entries: Entries): boolean {
    for (let e = 0; e < entries.length; e++) {
      if (entries.generation[e] !== this.generation.get(entries.record[e] as number)) return true;
    }
    return false;
  }

  private describe(records: PreparedRecords, key: BlockingKeyDefinition, k: number, hash: number, members: readonly number[]): OversizedBlock {
    // Render the member's values and pick the one with this hash (same parts, same order).
    const hashes = new HashSink(k);
    const texts = new TextSink();
    key.emit(records, members[0] as number, hashes);
    key.emit(records, members[0] as number, texts);
    const value = texts.values[hashes.hashes.indexOf(hash)] ?? '';
    return { key: key.name, value, size: members.length };
  }
}

function grown(entries: Entries): Entries {
  const capacity = Math.max(16, entries.hash.length * 2);
  const bigger: Entries = {
    hash: new Uint32Array(capacity),
    record: new Int32Array(capacity),
    generation: new Int32Array(capacity),
    length: entries.length,
  };
  bigger.hash.set(entries.hash);
  bigger.record.set(entries.record);
  bigger.generation.set(entries.generation);
  return bigger;
}

function sortBlocks(blocks: OversizedBlock[]): OversizedBlock[] {
  return blocks.sort((a, b) => b.size - a.size || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
}

/**
 * Candidate pairs that involve at least one of `changed` (record indices): what an incremental
 * run must (re)score. Each pair once, as (lower index, higher index).
 */
export function candidatePairsFor(
  index: BlockIndex,
  records: PreparedRecords,
  changed: readonly number[],
): { pairs: PairBuffer; oversizedBlocks: OversizedBlock[] } {
  const pairs = new PairBuffer();
  const stamp = new Int32Array(records.size).fill(-1);
  const isChanged = new Uint8Array(records.size);
  const unique = [...new Set(changed)];
  for (const record of unique) isChanged[record] = 1;
  const partners: number[] = [];
  const oversized: OversizedBlock[] = [];
  unique.forEach((record, call) => {
    partners.length = 0;
    index.partnersOf(records, record, stamp, call, partners, oversized);
    for (const partner of partners) {
      if (isChanged[partner] === 1 && partner < record) continue; // emitted from the other side
      pairs.push(Math.min(record, partner), Math.max(record, partner));
    }
  });
  const seen = new Set<string>();
  const oversizedBlocks = sortBlocks(oversized).filter((block) => {
    const key = `${block.key}\u0000${block.value}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { pairs, oversizedBlocks };
}
