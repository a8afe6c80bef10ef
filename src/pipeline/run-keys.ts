/**
 * The keys a sync run has seen, each with a small number (a content fingerprint, or a marker),
 * kept in typed arrays outside the JavaScript heap: about 24 bytes a key at most, against some 40
 * for a Map of strings, and nothing for the garbage collector to trace, which keeps the heap (and
 * the process's peak memory) small on sources of millions of rows.
 *
 * A key is identified by a 64-bit hash of its characters (two independent 32-bit hashes). Two
 * different keys of one run sharing both is about as likely as n² / 2^65 (under 10^-7 for ten
 * million keys); the run would then treat them as one key.
 */
export class RunKeys {
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  /** EMPTY marks a free slot. */
  private values = new Int32Array(1024).fill(EMPTY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): number | undefined {
    const slot = this.find(key);
    const value = this.values[slot] as number;
    return value === EMPTY ? undefined : value;
  }

  has(key: string): boolean {
    return this.values[this.find(key)] !== EMPTY;
  }

  /** Stores a value for a key; values must be small integers other than EMPTY. */
  set(key: string, value: number): void {
    const slot = this.find(key);
    if (this.values[slot] === EMPTY) {
      this.count += 1;
      this.high[slot] = hashHigh;
      this.low[slot] = hashLow;
    }
    this.values[slot] = value;
    if (this.count * 2 > this.values.length) this.grow();
  }

  /** The values of the keys stored here that `other` does not hold. */
  valuesOfKeysNotIn(other: RunKeys): number[] {
    const values: number[] = [];
    for (let slot = 0; slot < this.values.length; slot += 1) {
      const value = this.values[slot] as number;
      if (value === EMPTY) continue;
      if (other.values[other.slotOf(this.high[slot] as number, this.low[slot] as number)] === EMPTY) values.push(value);
    }
    return values;
  }

  /** The slot holding the key, or the free slot where it belongs; leaves its hash in hashHigh/hashLow. */
  private find(key: string): number {
    hashKey(key);
    return this.slotOf(hashHigh, hashLow);
  }

  /** The slot holding the key of this hash, or the free slot where it belongs. */
  private slotOf(high: number, low: number): number {
    const mask = this.values.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      if (this.values[slot] === EMPTY) return slot;
      if (this.high[slot] === high && this.low[slot] === low) return slot;
    }
  }

  private grow(): void {
    const { high, low, values } = this;
    const capacity = values.length * 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let old = 0; old < values.length; old += 1) {
      if (values[old] === EMPTY) continue;
      let slot = (low[old] as number) & mask;
      while (this.values[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.high[slot] = high[old] as number;
      this.low[slot] = low[old] as number;
      this.values[slot] = values[old] as number;
    }
  }
}

const EMPTY = -0x7fffffff;

// The last key's hash halves: module state instead of a returned pair, so hashing allocates nothing.
let hashHigh = 0;
let hashLow = 0;

/** FNV-1a and a multiply-rotate hash (murmur3's mixing) over the UTF-16 code units, finalized. */
function hashKey(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    let k = Math.imul(c, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    b ^= Math.imul(k, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    b = (Math.imul(b, 5) + 0xe6546b64) | 0;
  }
  b ^= b >>> 16;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  a ^= a >>> 15;
  a = Math.imul(a, 0x2c1b3c6d);
  a ^= a >>> 12;
  hashHigh = a >>> 0;
  hashLow = b >>> 0;
}
