/**
 * Blocking keys describe their value as a sequence of parts (text, numbers). A key is hashed
 * for the index (a million records × nine keys: no strings may be built for that) and only
 * rendered as text to report an oversized block. Both go through the same description, so
 * they cannot disagree.
 */
export interface KeySink {
  /** Starts one value of the key (a record may have several, e.g. several emails). */
  begin(): void;
  text(value: string): void;
  /** A single character, by code. */
  char(code: number): void;
  int(value: number): void;
  end(): void;
}

/**
 * FNV-1a over the parts, seeded per key, with a final avalanche. The hashes of the current
 * record are `hashes[0 .. count)`: a fixed buffer, since emptying a JS array releases its
 * storage and this runs for every record and key.
 */
export class HashSink implements KeySink {
  hashes = new Uint32Array(16);
  count = 0;
  private hash = 0;

  constructor(private seed = 0) {}

  reset(seed: number): void {
    this.seed = seed;
    this.count = 0;
  }

  begin(): void {
    this.hash = (0x811c9dc5 ^ Math.imul(this.seed + 1, 0x9e3779b1)) >>> 0;
  }

  text(value: string): void {
    let hash = this.hash;
    for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
    this.hash = Math.imul(hash ^ 0x1f, 0x01000193); // part separator
  }

  char(code: number): void {
    this.hash = Math.imul(Math.imul(this.hash ^ code, 0x01000193) ^ 0x1f, 0x01000193);
  }

  int(value: number): void {
    let hash = this.hash;
    hash = Math.imul(hash ^ (value & 0xffff), 0x01000193);
    hash = Math.imul(hash ^ (value >>> 16), 0x01000193);
    this.hash = Math.imul(hash ^ 0x1e, 0x01000193);
  }

  end(): void {
    let hash = this.hash;
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    if (this.count === this.hashes.length) {
      const bigger = new Uint32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[this.count++] = hash >>> 0;
  }

  /** The current record's hashes as a list (for the rare callers that keep them). */
  list(): number[] {
    return Array.from(this.hashes.subarray(0, this.count));
  }
}

/** Renders the parts as "part|part" (consecutive characters form one part), for reports. */
export class TextSink implements KeySink {
  readonly values: string[] = [];
  private parts: string[] = [];
  private lastWasChar = false;

  begin(): void {
    this.parts = [];
    this.lastWasChar = false;
  }

  text(value: string): void {
    this.parts.push(value);
    this.lastWasChar = false;
  }

  char(code: number): void {
    const char = String.fromCharCode(code);
    if (this.lastWasChar) this.parts[this.parts.length - 1] += char;
    else this.parts.push(char);
    this.lastWasChar = true;
  }

  int(value: number): void {
    this.parts.push(String(value));
    this.lastWasChar = false;
  }

  end(): void {
    this.values.push(this.parts.join('|'));
  }
}
