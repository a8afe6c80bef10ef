import { jaroWinklerAtLeast as importedJaroWinklerAtLeast } from './comparators/jaro-winkler';

// Hot-path imports bound once: under a CommonJS loader every imported name is a getter.
const jaroWinklerAtLeast = importedJaroWinklerAtLeast;

/**
 * Compact columns for the prepared records. A million records must fit in modest memory and
 * be compared fast, so repeated values (names, cities, postal codes) are interned: each
 * record stores a 4-byte code into a shared dictionary, equality is a code comparison, and
 * the strings themselves exist once.
 */

export class GrowableInt32 {
  values = new Int32Array(1024);

  get(index: number): number {
    return this.values[index] as number;
  }

  /** Grows once to hold `capacity` values: a million records must not resize twenty times. */
  reserve(capacity: number): void {
    if (capacity <= this.values.length) return;
    const bigger = new Int32Array(capacity);
    bigger.set(this.values);
    this.values = bigger;
  }

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      let capacity = this.values.length * 2;
      while (capacity <= index) capacity *= 2;
      const bigger = new Int32Array(capacity);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[index] = value;
  }
}

/** Strings ↔ codes; code 0 is the empty (missing) value. */
export class Dictionary {
  readonly values: string[] = [''];
  private readonly codeOf = new Map<string, number>([['', 0]]);

  intern(value: string): number {
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codeOf.set(value, code);
    }
    return code;
  }

  valueOf(code: number): string {
    return this.values[code] as string;
  }
}

/** One field of every record, as codes into a (possibly shared) dictionary. */
export class InternedColumn {
  readonly codes = new GrowableInt32();

  constructor(readonly dictionary = new Dictionary()) {}

  set(index: number, value: string): number {
    const code = this.dictionary.intern(value);
    this.codes.set(index, code);
    return code;
  }

  reserve(capacity: number): void {
    this.codes.reserve(capacity);
  }

  setCode(index: number, code: number): void {
    this.codes.set(index, code);
  }

  code(index: number): number {
    return this.codes.values[index] as number;
  }

  get(index: number): string {
    return this.dictionary.values[this.codes.values[index] as number] as string;
  }
}

/**
 * Jaro–Winkler between dictionary entries, remembered per pair of codes. Names and cities
 * repeat across a population, so the same pairs come up again and again. Direct-mapped: a
 * colliding pair simply replaces the older one. Values below `floor` are stored as 0.
 */
export class SimilarityCache {
  // Allocated on first use: many small record sets never compare a name.
  private keys = new Float64Array(0);
  private similarities = new Float64Array(0);
  private readonly mask: number;

  constructor(
    private readonly dictionary: Dictionary,
    private readonly floor: number,
    private readonly bits = 16,
  ) {
    this.mask = (1 << bits) - 1;
  }

  similarity(codeA: number, codeB: number): number {
    if (this.keys.length === 0) {
      this.keys = new Float64Array(1 << this.bits).fill(-1);
      this.similarities = new Float64Array(1 << this.bits);
    }
    const low = codeA < codeB ? codeA : codeB;
    const high = codeA < codeB ? codeB : codeA;
    const key = low * 0x4000000 + high;
    const slot = (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) & this.mask;
    if (this.keys[slot] === key) return this.similarities[slot] as number;
    const value = jaroWinklerAtLeast(this.dictionary.valueOf(low), this.dictionary.valueOf(high), this.floor);
    this.keys[slot] = key;
    this.similarities[slot] = value;
    return value;
  }
}
