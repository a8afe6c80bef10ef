import { parseJsonColumn } from './dialect';
import type { FieldCipher } from './field-cipher';

/**
 * What a source record holds beyond its keys: its normalized values, its raw values as read and
 * the corrections normalization made, stored as one encrypted value (`source_records.payload`):
 * one encryption per record loaded and one decryption per record read, where a column each cost
 * three. The plaintext is the three JSON texts joined by NUL, which JSON text never contains
 * (JSON.stringify writes it as \u0000), so resolution parses the normalized part alone.
 */
export interface RecordPayloadText {
  normalized: string;
  raw: string;
  /** Null when normalization corrected nothing. */
  corrections: string | null;
}

const SEPARATOR = '\u0000';

/** The stored (encrypted) payload of a record. */
export function sealPayload(cipher: FieldCipher, normalizedJson: string, rawJson: string, correctionsJson: string | null): string {
  return cipher.seal(`${normalizedJson}${SEPARATOR}${rawJson}${SEPARATOR}${correctionsJson ?? ''}`);
}

/** The three JSON texts of a stored payload (plaintext written without encryption reads the same). */
export function openPayload(cipher: FieldCipher, stored: unknown): RecordPayloadText {
  const text = cipher.open(String(stored));
  const first = text.indexOf(SEPARATOR);
  const second = text.indexOf(SEPARATOR, first + 1);
  const corrections = text.slice(second + 1);
  return { normalized: text.slice(0, first), raw: text.slice(first + 1, second), corrections: corrections === '' ? null : corrections };
}

/** Only the normalized values of a stored payload, parsed: what resolution and erasure read. */
export function normalizedOf(cipher: FieldCipher, stored: unknown): Record<string, unknown> {
  const text = cipher.open(String(stored));
  return parseJsonColumn<Record<string, unknown>>(text.slice(0, text.indexOf(SEPARATOR)), {});
}
