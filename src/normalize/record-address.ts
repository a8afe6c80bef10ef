/** Record-level normalization of the address fields (lines, city, region, postal code). */
import { normalizeAddressLine, normalizePostalCode, normalizeRegion } from './address';
import { present, type CanonicalValues } from './record-input';
import { accepted, type Run } from './record-run';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const normalizeAddressLineFn = normalizeAddressLine;
const normalizePostalCodeFn = normalizePostalCode;
const normalizeRegionFn = normalizeRegion;
const presentFn = present;
const acceptedFn = accepted;

export function normalizeAddressFields(run: Run, v: CanonicalValues, recordCountry: string | undefined): void {
  const { fields } = run;
  let raw = presentFn(run.corrections, 'addressLine1', v.addressLine1);
  if (raw !== undefined) {
    const r = normalizeAddressLineFn(raw);
    if (acceptedFn(run, 'addressLine1', raw, r)) fields.addressLine1 = r.value;
  }
  raw = presentFn(run.corrections, 'addressLine2', v.addressLine2);
  if (raw !== undefined) {
    const r = normalizeAddressLineFn(raw);
    if (acceptedFn(run, 'addressLine2', raw, r)) fields.addressLine2 = r.value;
  }
  raw = presentFn(run.corrections, 'city', v.city);
  if (raw !== undefined) {
    const r = normalizeAddressLineFn(raw);
    if (acceptedFn(run, 'city', raw, r)) fields.city = r.value;
  }
  raw = presentFn(run.corrections, 'region', v.region);
  if (raw !== undefined) {
    const r = normalizeRegionFn(raw, recordCountry);
    if (acceptedFn(run, 'region', raw, r)) fields.region = r.value;
  }
  raw = presentFn(run.corrections, 'postalCode', v.postalCode);
  if (raw !== undefined) {
    const r = normalizePostalCodeFn(raw, recordCountry);
    if (acceptedFn(run, 'postalCode', raw, r)) fields.postalCode = r.value;
  }
}
