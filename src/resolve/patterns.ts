/**
 * Comparison patterns: the vector of levels of one pair, encoded as one number (mixed radix,
 * one digit per comparison). Thousands of distinct patterns stand for millions of pairs, so
 * EM and scoring work per pattern, and every candidate pair keeps only a pattern id.
 */
export class PatternTable {
  private readonly multipliers: number[];
  private readonly idByCode = new Map<number, number>();
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
    let id = this.idByCode.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.idByCode.set(code, id);
      this.codes.push(code);
      this.counts.push(0);
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
}
