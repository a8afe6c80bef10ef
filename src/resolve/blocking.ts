import type { BlockingKeyDefinition } from './blocking-keys';
import { PairBuffer } from './pair-buffer';
import type { PreparedRecords } from './prepared-records';
import type { OversizedBlock } from './types';

/**
 * Blocking index: which records share a value of which blocking key.
 *
 * Built for a million records with modest memory: a key value is stored as two independent
 * 32-bit hashes (a collision of both is vanishingly rare, and would only add a candidate pair
 * that scoring then rejects) in an open-addressing table of typed arrays; each block is a
 * doubly linked list of "memberships" so that a changed record can leave its old blocks in
 * O(1). No strings and no per-block objects are kept.
 *
 * Blocks larger than `maxBlockSize` (a shared family phone, "test@test.com") produce no pairs
 * at all: they are reported instead, and their records still meet through their other keys.
 */
export class BlockIndex {
  // Hash table of blocks.
  private slotHashA = new Int32Array(1 << 12);
  private slotHashB = new Int32Array(1 << 12);
  private slotHead = new Int32Array(1 << 12).fill(-1);
  private slotSize = new Int32Array(1 << 12);
  private slotKey = new Uint8Array(1 << 12);
  private slotUsed = new Uint8Array(1 << 12);
  private usedSlots = 0;

  // Memberships: (record, block) with links along the block and along the record.
  private memRecord = new Int32Array(1024);
  private memSlot = new Int32Array(1024);
  private memNext = new Int32Array(1024);
  private memPrev = new Int32Array(1024);
  private memNextOfRecord = new Int32Array(1024);
  private memCount = 0;
  private freeMem = -1;
  private recordFirstMem = new Int32Array(1024).fill(-1);

  private readonly scratch: string[] = [];

  constructor(
    readonly keys: readonly BlockingKeyDefinition[],
    readonly maxBlockSize: number,
  ) {
    if (keys.length > 255) throw new Error('at most 255 blocking keys');
  }

  /** Puts a record into its blocks, first taking it out of any it was in (changed record). */
  index(records: PreparedRecords, record: number): void {
    this.remove(record);
    this.ensureRecord(record);
    for (let k = 0; k < this.keys.length; k++) {
      const values = this.scratch;
      values.length = 0;
      (this.keys[k] as BlockingKeyDefinition).values(records, record, values);
      for (const value of values) this.addMembership(record, this.slotFor(k, value, true));
    }
  }

  /** Takes a record out of all its blocks. */
  remove(record: number): void {
    if (record >= this.recordFirstMem.length) return;
    let mem = this.recordFirstMem[record] as number;
    while (mem !== -1) {
      const next = this.memNextOfRecord[mem] as number;
      this.unlinkMembership(mem);
      mem = next;
    }
    this.recordFirstMem[record] = -1;
  }

  /**
   * Every candidate partner of `record`, each once, appended to `out`. With `onlyHigher`,
   * only partners with a higher index (so that a full pass emits each pair once). `stamp`
   * is a per-record scratch array owned by the caller; `stampValue` must be unique per call.
   */
  partnersOf(
    record: number,
    onlyHigher: boolean,
    stamp: Int32Array,
    stampValue: number,
    out: number[],
    oversized: Set<number>,
  ): void {
    let mem = record < this.recordFirstMem.length ? (this.recordFirstMem[record] as number) : -1;
    while (mem !== -1) {
      const slot = this.memSlot[mem] as number;
      const size = this.slotSize[slot] as number;
      if (size > this.maxBlockSize) {
        oversized.add(slot);
      } else if (size > 1) {
        let other = this.slotHead[slot] as number;
        while (other !== -1) {
          const partner = this.memRecord[other] as number;
          if (partner !== record && (!onlyHigher || partner > record) && stamp[partner] !== stampValue) {
            stamp[partner] = stampValue;
            out.push(partner);
          }
          other = this.memNext[other] as number;
        }
      }
      mem = this.memNextOfRecord[mem] as number;
    }
  }

  /** Describes oversized blocks (found by `partnersOf`) for the caller's log. */
  describeOversized(records: PreparedRecords, slots: Iterable<number>): OversizedBlock[] {
    const blocks: OversizedBlock[] = [];
    for (const slot of slots) {
      const key = this.keys[this.slotKey[slot] as number] as BlockingKeyDefinition;
      const member = this.memRecord[this.slotHead[slot] as number] as number;
      const values: string[] = [];
      key.values(records, member, values);
      const value = values.find((v) => this.slotFor(this.slotKey[slot] as number, v, false) === slot) ?? '';
      blocks.push({ key: key.name, value, size: this.slotSize[slot] as number });
    }
    return blocks.sort((a, b) => b.size - a.size || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
  }

  /** Block sizes per key, for diagnostics: [key name, blocks, largest, pairs]. */
  statistics(): { key: string; blocks: number; largest: number; pairs: number }[] {
    const stats = this.keys.map((key) => ({ key: key.name, blocks: 0, largest: 0, pairs: 0 }));
    for (let slot = 0; slot < this.slotUsed.length; slot++) {
      const size = this.slotSize[slot] as number;
      if (size === 0) continue;
      const entry = stats[this.slotKey[slot] as number];
      if (entry === undefined) continue;
      entry.blocks++;
      entry.largest = Math.max(entry.largest, size);
      if (size <= this.maxBlockSize) entry.pairs += (size * (size - 1)) / 2;
    }
    return stats;
  }

  private slotFor(key: number, value: string, create: boolean): number {
    // Two FNV-1a style hashes with different seeds and multipliers, both over key + value.
    let hashA = 0x811c9dc5 ^ key;
    let hashB = 0x9747b28c ^ Math.imul(key + 1, 0x5bd1e995);
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      hashA = Math.imul(hashA ^ c, 0x01000193);
      hashB = Math.imul(hashB ^ c, 0x5bd1e995);
      hashB ^= hashB >>> 15;
    }
    hashA ^= hashA >>> 16;
    const mask = this.slotUsed.length - 1;
    let slot = hashA & mask;
    while (this.slotUsed[slot] === 1) {
      if (this.slotHashA[slot] === hashA && this.slotHashB[slot] === hashB && this.slotKey[slot] === key) return slot;
      slot = (slot + 1) & mask;
    }
    if (!create) return -1;
    if ((this.usedSlots + 1) * 2 > this.slotUsed.length) {
      this.growTable();
      return this.slotFor(key, value, true);
    }
    this.slotUsed[slot] = 1;
    this.slotHashA[slot] = hashA;
    this.slotHashB[slot] = hashB;
    this.slotKey[slot] = key;
    this.slotHead[slot] = -1;
    this.slotSize[slot] = 0;
    this.usedSlots++;
    return slot;
  }

  private growTable(): void {
    const old = {
      hashA: this.slotHashA,
      hashB: this.slotHashB,
      head: this.slotHead,
      size: this.slotSize,
      key: this.slotKey,
      used: this.slotUsed,
    };
    const capacity = old.used.length * 2;
    this.slotHashA = new Int32Array(capacity);
    this.slotHashB = new Int32Array(capacity);
    this.slotHead = new Int32Array(capacity).fill(-1);
    this.slotSize = new Int32Array(capacity);
    this.slotKey = new Uint8Array(capacity);
    this.slotUsed = new Uint8Array(capacity);
    const mask = capacity - 1;
    const moved = new Int32Array(old.used.length).fill(-1);
    for (let slot = 0; slot < old.used.length; slot++) {
      if (old.used[slot] !== 1) continue;
      let target = (old.hashA[slot] as number) & mask;
      while (this.slotUsed[target] === 1) target = (target + 1) & mask;
      this.slotUsed[target] = 1;
      this.slotHashA[target] = old.hashA[slot] as number;
      this.slotHashB[target] = old.hashB[slot] as number;
      this.slotKey[target] = old.key[slot] as number;
      this.slotHead[target] = old.head[slot] as number;
      this.slotSize[target] = old.size[slot] as number;
      moved[slot] = target;
    }
    for (let mem = 0; mem < this.memCount; mem++) {
      const slot = this.memSlot[mem] as number;
      if (slot >= 0) this.memSlot[mem] = moved[slot] as number;
    }
  }

  private addMembership(record: number, slot: number): void {
    let mem = this.freeMem;
    if (mem !== -1) this.freeMem = this.memNext[mem] as number;
    else {
      if (this.memCount === this.memRecord.length) this.growMemberships();
      mem = this.memCount++;
    }
    const head = this.slotHead[slot] as number;
    this.memRecord[mem] = record;
    this.memSlot[mem] = slot;
    this.memPrev[mem] = -1;
    this.memNext[mem] = head;
    if (head !== -1) this.memPrev[head] = mem;
    this.slotHead[slot] = mem;
    this.slotSize[slot] = (this.slotSize[slot] as number) + 1;
    this.memNextOfRecord[mem] = this.recordFirstMem[record] as number;
    this.recordFirstMem[record] = mem;
  }

  private unlinkMembership(mem: number): void {
    const slot = this.memSlot[mem] as number;
    const prev = this.memPrev[mem] as number;
    const next = this.memNext[mem] as number;
    if (prev === -1) this.slotHead[slot] = next;
    else this.memNext[prev] = next;
    if (next !== -1) this.memPrev[next] = prev;
    this.slotSize[slot] = (this.slotSize[slot] as number) - 1;
    this.memSlot[mem] = -1;
    this.memNext[mem] = this.freeMem;
    this.freeMem = mem;
  }

  private growMemberships(): void {
    const grow = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const bigger = new Int32Array(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.memRecord = grow(this.memRecord);
    this.memSlot = grow(this.memSlot);
    this.memNext = grow(this.memNext);
    this.memPrev = grow(this.memPrev);
    this.memNextOfRecord = grow(this.memNextOfRecord);
  }

  private ensureRecord(record: number): void {
    if (record < this.recordFirstMem.length) return;
    let capacity = this.recordFirstMem.length;
    while (capacity <= record) capacity *= 2;
    const bigger = new Int32Array(capacity).fill(-1);
    bigger.set(this.recordFirstMem);
    this.recordFirstMem = bigger;
  }
}

export interface CandidatePairs {
  pairs: PairBuffer;
  oversizedBlocks: OversizedBlock[];
}

/** All candidate pairs of an index: the union over keys, each pair once (left < right). */
export function allCandidatePairs(index: BlockIndex, records: PreparedRecords): CandidatePairs {
  const pairs = new PairBuffer(Math.max(1024, records.size * 4));
  const stamp = new Int32Array(records.size).fill(-1);
  const partners: number[] = [];
  const oversized = new Set<number>();
  for (let record = 0; record < records.size; record++) {
    partners.length = 0;
    index.partnersOf(record, true, stamp, record, partners, oversized);
    for (const partner of partners) pairs.push(record, partner);
  }
  return { pairs, oversizedBlocks: index.describeOversized(records, oversized) };
}

/**
 * Candidate pairs that involve at least one of `changed` (record indices): what an incremental
 * run must (re)score. Pairs between two changed records are emitted once.
 */
export function candidatePairsFor(index: BlockIndex, records: PreparedRecords, changed: readonly number[]): CandidatePairs {
  const pairs = new PairBuffer();
  const stamp = new Int32Array(records.size).fill(-1);
  const isChanged = new Uint8Array(records.size);
  for (const record of changed) isChanged[record] = 1;
  const partners: number[] = [];
  const oversized = new Set<number>();
  let call = 0;
  for (const record of changed) {
    partners.length = 0;
    index.partnersOf(record, false, stamp, call++, partners, oversized);
    for (const partner of partners) {
      if (isChanged[partner] === 1 && partner < record) continue; // emitted from the other side
      pairs.push(Math.min(record, partner), Math.max(record, partner));
    }
  }
  return { pairs, oversizedBlocks: index.describeOversized(records, oversized) };
}
