/**
 * Byte-level UTF-8 helpers. Decoding itself is left to the native `TextDecoder`; these only
 * find *where* a fatal decode failed, so the error can name a line and byte offset, and how many
 * trailing bytes of a chunk belong to a character continued in the next chunk.
 */

/** Length of the sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Allowed range of the byte after a lead byte (excludes overlong forms, surrogates, > U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * Offset of the first byte that makes `bytes` invalid UTF-8, or -1 when every sequence is valid
 * (a sequence cut off by the end of `bytes` counts as valid: it may continue in the next chunk).
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    if (length === 1) {
      i += 1;
      continue;
    }
    for (let k = 1; k < length; k += 1) {
      if (i + k >= bytes.length) return -1;
      const byte = bytes[i + k] as number;
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (byte < low || byte > high) return i;
    }
    i += length;
  }
  return -1;
}

/** How many bytes at the end of `bytes` start a character that is not complete yet (0–3). */
export function incompleteTailLength(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= Math.min(3, end); back += 1) {
    const byte = bytes[end - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for its lead
    const length = sequenceLength(byte);
    return length > back ? back : 0;
  }
  return 0;
}

/** Number of `\n` bytes in `bytes[start, end)`. */
export function countNewlines(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let count = 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buffer.indexOf(0x0a, start);
  while (at !== -1 && at < end) {
    count += 1;
    at = buffer.indexOf(0x0a, at + 1);
  }
  return count;
}
