/**
 * Comparison patterns: the vector of levels of one pair, encoded as one number (mixed radix,
 * one digit per comparison). Thousands of distinct patterns stand for millions of pairs, so
 * EM and scoring work per pattern, and every candidate pair keeps only a pattern id.
 *
 * Codes can exceed 2^31, and a Map keyed by such numbers boxes every lookup; a million pairs
 * would then allocate a million heap numbers. So the code → id table is open addressing
 * over a Float64Array.
 */
export class PatternTable {
  private readonly multipliers: number[];
  private slotCodes = new Float64Array(1024).fill(-1);
  private slotIds = new Int32Array(1024);
  readonly codes: number[] = [];
  readonly counts: number[] = [];

  constructor(readonly levelCounts: readonly number[]) {
    let multiplier = 1;
    this.multipliers = levelCounts.map((count) => {
      const current = multiplier;
      multiplier *= count;
      return current;
    });
    if (multiplier > Number.MAX_SAFE_INTEGER) throw new Error('too many comparison levels to encode a pattern');
  }

  get size(): number {
    return this.codes.length;
  }

  encode(levels: ArrayLike<number>): number {
    let code = 0;
    for (let c = 0; c < this.multipliers.length; c++) code += (levels[c] as number) * (this.multipliers[c] as number);
    return code;
  }

  /** Counts one more pair with these levels; returns the pattern id. */
  add(levels: ArrayLike<number>, count = 1): number {
    const code = this.encode(levels);
    const mask = this.slotCodes.length - 1;
    let slot = (Math.imul(code | 0, 0x9e3779b1) ^ Math.floor(code / 0x100000000)) & mask;
    while (this.slotCodes[slot] !== -1 && this.slotCodes[slot] !== code) slot = (slot + 1) & mask;
    let id: number;
    if (this.slotCodes[slot] === code) {
      id = this.slotIds[slot] as number;
    } else {
      id = this.codes.length;
      this.codes.push(code);
      this.counts.push(0);
      this.slotCodes[slot] = code;
      this.slotIds[slot] = id;
      if (this.codes.length * 2 > this.slotCodes.length) this.rehash();
    }
    this.counts[id] = (this.counts[id] as number) + count;
    return id;
  }

  levelsOf(id: number, out: Uint8Array | number[] = new Uint8Array(this.levelCounts.length)): Uint8Array | number[] {
    let code = this.codes[id] as number;
    for (let c = 0; c < this.levelCounts.length; c++) {
      const count = this.levelCounts[c] as number;
      out[c] = code % count;
      code = Math.floor(code / count);
    }
    return out;
  }

  private rehash(): void {
    const capacity = this.slotCodes.length * 2;
    this.slotCodes = new Float64Array(capacity).fill(-1);
    this.slotIds = new Int32Array(capacity);
    const mask = capacity - 1;
    this.codes.forEach((code, id) => {
      let slot = (Math.imul(code | 0, 0x9e3779b1) ^ Math.floor(code / 0x100000000)) & mask;
      while (this.slotCodes[slot] !== -1) slot = (slot + 1) & mask;
      this.slotCodes[slot] = code;
      this.slotIds[slot] = id;
    });
  }
}
