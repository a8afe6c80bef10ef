/** The working state of one record's normalization, shared by the record-level field helpers. */
import type { ReasonCode } from './reasons';
import { correction, type Correction, type Normalized } from './result';
import type { CanonicalField, OutputField, SourceNormalizeSettings } from './settings';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const correctionFn = correction;

export type CustomerFields = Partial<Record<OutputField, string>>;

export interface FieldRejection {
  field: CanonicalField;
  code: ReasonCode;
  message: string;
}

/** Per-call working state, so the field helpers stay small. */
export interface Run {
  settings: SourceNormalizeSettings;
  fields: CustomerFields;
  corrections: Correction[];
  rejections: FieldRejection[];
}

/** Records corrections or the rejection (honouring onInvalid); true when the value was accepted. */
export function accepted<T>(run: Run, field: CanonicalField, raw: string, result: Normalized<T>): result is Extract<Normalized<T>, { ok: true }> {
  if (result.ok) {
    const corrections = result.corrections;
    for (let i = 0; i < corrections.length; i++) {
      const c = corrections[i]!;
      // A literal in the key order `{ ...c, field }` gives (stored JSON keeps it), without the
      // generic object spread, which is slow.
      run.corrections.push(c.field === undefined ? { raw: c.raw, value: c.value, reason: c.reason, field } : c);
    }
    return true;
  }
  if ((run.settings.onInvalid[field] ?? run.settings.defaultOnInvalid) === 'drop') {
    run.corrections.push(correctionFn('VALUE_DROPPED', raw, '', field));
  } else {
    run.rejections.push({ field, code: result.code, message: result.message });
  }
  return false;
}
