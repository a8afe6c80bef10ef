/** Record-level normalization of marketing consent: the per-channel statements and their time. */
import { normalizeConsent } from './consent';
import { normalizeDateTime, type DateSettings } from './date';
import { present, type CanonicalValues } from './record-input';
import { accepted, type Run } from './record-run';
import { reject, type Normalized } from './result';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const normalizeConsentFn = normalizeConsent;
const normalizeDateTimeFn = normalizeDateTime;
const presentFn = present;
const acceptedFn = accepted;
const rejectFn = reject;

/** Consent per channel as "true" / "false", and the time it was stated (rare: a loop is fine). */
export function normalizeConsentFields(run: Run, v: CanonicalValues, dates: DateSettings, today: string): void {
  for (const field of ['emailMarketingConsent', 'smsMarketingConsent'] as const) {
    const raw = presentFn(run.corrections, field, v[field]);
    const r = raw === undefined ? undefined : normalizeConsentFn(raw);
    if (r !== undefined && acceptedFn(run, field, raw as string, r)) run.fields[field] = String(r.value);
  }
  const raw = presentFn(run.corrections, 'consentAt', v.consentAt);
  const r = raw === undefined ? undefined : consentTime(raw, dates, today);
  if (r !== undefined && acceptedFn(run, 'consentAt', raw as string, r)) run.fields.consentAt = r.value;
}

/** A consent time after `today` is a typo, and as the newest statement it would win survivorship for good. */
function consentTime(raw: string, dates: DateSettings, today: string): Normalized<string> {
  const r = normalizeDateTimeFn(raw, dates);
  if (r.ok && r.value.slice(0, 10) > today) return rejectFn('BAD_CONSENT', `consent time ${r.value} lies in the future`);
  return r;
}
