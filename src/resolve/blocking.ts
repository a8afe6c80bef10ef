import type { BlockingKeyDefinition } from './blocking-keys';
import { GrowableInt32 } from './columns';
import { pairsInBlocks } from './block-pairs';
import type { PairBuffer } from './pair-buffer';
import type { PreparedRecords } from './prepared-records';
import { HashSink, TextSink } from './key-sinks';
import { allocateEntries, type Entries, emptyEntries, lowerBound, SortScratch, sortByHash } from './sorted-entries';
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
/** Value hashes are 32-bit; a key's position is the multiple of this in keyValuesOf. */
const KEY_SPAN = 2 ** 32;

export class BlockIndex {
  private main: Entries[];
  private delta: { hash: number[]; record: number[]; generation: number[]; positions: Map<number, number[]> }[];
  private readonly generation = new GrowableInt32();
  private readonly sink = new HashSink();
  private readonly scratch = new SortScratch();
  /** Per key, value hashes to treat as oversized whatever members are present (see treatAsOversized). */
  private readonly knownOversized: Set<number>[];

  constructor(
    readonly keys: readonly BlockingKeyDefinition[],
    readonly maxBlockSize: number,
  ) {
    this.main = keys.map(() => emptyEntries());
    this.knownOversized = keys.map(() => new Set());
    this.delta = keys.map(() => ({ hash: [], record: [], generation: [], positions: new Map() }));
  }

  /**
   * Treats blocks as oversized although fewer of their members are indexed here: a resolver
   * holding part of the records learns from the store which blocks are too large in all of them.
   * `values` as keyValuesOf gives them.
   */
  treatAsOversized(values: Iterable<number>): void {
    for (const value of values) this.knownOversized[Math.floor(value / KEY_SPAN)]?.add(value % KEY_SPAN);
  }

  /**
   * The blocking key values of one record as numbers, `key position × 2³² + value hash`: equal
   * numbers, same block (for the same configured keys).
   */
  keyValuesOf(records: PreparedRecords, record: number): number[] {
    const values: number[] = [];
    this.keys.forEach((key, k) => {
      this.sink.reset(k);
      key.emit(records, record, this.sink);
      for (let v = 0; v < this.sink.count; v++) values.push(k * KEY_SPAN + (this.sink.hashes[v] as number));
    });
    return values;
  }

  /** Indexes every record at once (a full run): one sort per key. */
  build(records: PreparedRecords): void {
    const n = records.size;
    for (let record = 0; record < n; record++) this.generation.set(record, 1);
    this.keys.forEach((key, k) => {
      // Emit into the shared scratch, then move into arrays of exactly the right size.
      let staging = this.scratch.atLeast(n);
      let count = 0;
      const sink = this.sink;
      for (let record = 0; record < n; record++) {
        sink.reset(k);
        key.emit(records, record, sink);
        for (let v = 0; v < sink.count; v++) {
          if (count === staging.hash.length) staging = this.growStaging(count);
          staging.hash[count] = sink.hashes[v] as number;
          staging.record[count] = record;
          count++;
        }
      }
      const entries = allocateEntries(count);
      entries.hash.set(staging.hash.subarray(0, count));
      entries.record.set(staging.record.subarray(0, count));
      entries.generation.fill(1);
      sortByHash(entries, this.scratch);
      this.main[k] = entries;
      this.delta[k] = { hash: [], record: [], generation: [], positions: new Map() };
    });
  }

  private growStaging(count: number): Entries {
    const old = this.scratch.atLeast(count);
    const saved = { hash: old.hash.slice(0, count), record: old.record.slice(0, count) };
    const bigger = this.scratch.atLeast(count * 2);
    bigger.hash.set(saved.hash);
    bigger.record.set(saved.record);
    return bigger;
  }

  /** (Re)indexes one new or changed record; its previous entries become stale. */
  index(records: PreparedRecords, record: number): void {
    const generation = this.generation.get(record) + 1;
    this.generation.set(record, generation);
    this.keys.forEach((key, k) => {
      this.sink.reset(k);
      key.emit(records, record, this.sink);
      const delta = this.delta[k] as BlockIndex['delta'][number];
      for (const hash of this.sink.list()) {
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
    const oversized: OversizedBlock[] = [];
    const pairs = pairsInBlocks(
      records.size,
      (visit, tooLarge) => this.forEachBlock(visit, tooLarge),
      (k, hash, members) => oversized.push(this.describe(records, this.keys[k] as BlockingKeyDefinition, k, hash, members)),
    );
    return { pairs, oversizedBlocks: sortBlocks(oversized) };
  }

  /** Calls `visit` with the live members of every usable block, `tooLarge` for oversized ones. */
  private forEachBlock(
    visit: (members: Int32Array, count: number) => void,
    tooLarge?: (key: number, hash: number, members: readonly number[]) => void,
  ): void {
    let members = new Int32Array(64);
    this.keys.forEach((_, k) => {
      const entries = this.main[k] as Entries;
      let start = 0;
      while (start < entries.length) {
        const hash = entries.hash[start] as number;
        let end = start + 1;
        while (end < entries.length && entries.hash[end] === hash) end++;
        if (end - start > 1) {
          if (end - start > members.length) members = new Int32Array((end - start) * 2);
          let count = 0;
          for (let e = start; e < end; e++) {
            const record = entries.record[e] as number;
            if (entries.generation[e] === this.generation.get(record)) members[count++] = record;
          }
          if (count > this.maxBlockSize) tooLarge?.(k, hash, Array.from(members.subarray(0, count)));
          else if (count > 1) visit(members, count);
        }
        start = end;
      }
    });
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
      for (const hash of this.sink.list()) {
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
        if (members.length > this.maxBlockSize || this.knownOversized[k]?.has(hash)) {
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
    const merged: Entries = allocateEntries(total);
    merged.length = 0;
    const keep = (hash: number, record: number, generation: number): void => {
      if (generation !== this.generation.get(record)) return;
      merged.hash[merged.length] = hash;
      merged.record[merged.length] = record;
      merged.generation[merged.length] = generation;
      merged.length++;
    };
    for (let e = 0; e < main.length; e++) keep(main.hash[e] as number, main.record[e] as number, main.generation[e] as number);
    for (let e = 0; e < delta.hash.length; e++) keep(delta.hash[e] as number, delta.record[e] as number, delta.generation[e] as number);
    sortByHash(merged, this.scratch);
    this.main[k] = merged;
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
    const value = texts.values[hashes.list().indexOf(hash)] ?? '';
    return { key: key.name, value, size: members.length };
  }
}

function sortBlocks(blocks: OversizedBlock[]): OversizedBlock[] {
  return blocks.sort((a, b) => b.size - a.size || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
}
