/**
 * Column storage for tables held in memory by a run (stored states, loaded records): typed arrays
 * grown by copying, ids found by binary search, and content hashes packed as bytes.
 */

type NumberColumn = Float64Array | Uint16Array | Uint8Array;

/** A copy of a column's first `length` values in a column of `capacity`. */
export function resizedColumn<T extends NumberColumn>(column: T, capacity: number, length: number): T {
  const copy = new (column.constructor as new (size: number) => T)(capacity);
  copy.set(column.subarray(0, Math.min(length, capacity)));
  return copy;
}

/** A content hash as stored: 64 lower-case hex digits (see contentHash), kept as its 32 bytes. */
const HEX_HASH = /^[0-9a-f]{64}$/;
const HASH_BYTES = 32;

/** Content hashes by position, 32 bytes each; a hash not of that form (none in practice) kept as its text. */
export class PackedHashes {
  private bytes: Buffer;
  private readonly other = new Map<number, string>();

  constructor(capacity: number) {
    this.bytes = Buffer.alloc(capacity * HASH_BYTES);
  }

  set(position: number, hash: string): void {
    if (HEX_HASH.test(hash)) this.bytes.write(hash, position * HASH_BYTES, HASH_BYTES, 'hex');
    else this.other.set(position, hash);
  }

  get(position: number): string {
    return this.other.get(position) ?? this.bytes.toString('hex', position * HASH_BYTES, (position + 1) * HASH_BYTES);
  }

  /** Room for `capacity` hashes, keeping the first `length`. */
  resize(capacity: number, length: number): void {
    const bytes = Buffer.alloc(capacity * HASH_BYTES);
    this.bytes.copy(bytes, 0, 0, Math.min(length, capacity) * HASH_BYTES);
    this.bytes = bytes;
  }
}

/** The position of `value` among the first `length` values of an ascending column, -1 if absent. */
export function indexInSorted(column: Float64Array, value: number, length = column.length): number {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = column[middle] as number;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
