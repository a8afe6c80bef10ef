import type { CorrectionCode, ReasonCode } from './reasons';

/** A change to a value that is more than formatting; `raw` always keeps what came in. */
export interface Correction {
  field?: string;
  raw: string;
  value: string;
  reason: CorrectionCode;
}

export interface Accepted<T> {
  ok: true;
  value: T;
  corrections: readonly Correction[];
}

export interface Rejected {
  ok: false;
  code: ReasonCode;
  /** For humans; never holds more personal data than the field's own raw value. */
  message: string;
}

export type Normalized<T> = Accepted<T> | Rejected;

/** Shared so the common no-correction case allocates nothing. */
export const NO_CORRECTIONS: readonly Correction[] = Object.freeze([]);

export function accept<T>(value: T, corrections: readonly Correction[] = NO_CORRECTIONS): Accepted<T> {
  return { ok: true, value, corrections };
}

export function reject(code: ReasonCode, message: string): Rejected {
  return { ok: false, code, message };
}

export function correction(reason: CorrectionCode, raw: string, value: string, field?: string): Correction {
  return field === undefined ? { raw, value, reason } : { field, raw, value, reason };
}

/** Concatenates correction lists without allocating when one side is empty. */
export function withCorrections(a: readonly Correction[], b: readonly Correction[]): readonly Correction[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...a, ...b];
}
