import { DateTime } from 'luxon';
import type { NormalizeDefaultsConfig } from '../config/sources';

/**
 * The first, deliberately thin normalization: trimmed names, lowercased emails and ISO dates.
 * The full rules (phones, money, countries, corrections) replace it field by field.
 */
export interface FieldRejection {
  field: string;
  code: string;
  message: string;
}

export interface ThinNormalized {
  fields: Record<string, string | string[]>;
  rejections: FieldRejection[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function collapse(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

function parseDate(value: string, formats: readonly string[]): string | undefined {
  for (const format of formats) {
    const parsed = DateTime.fromFormat(value, format, { zone: 'UTC' });
    if (parsed.isValid) return parsed.toISODate() ?? undefined;
  }
  return undefined;
}

export function thinNormalize(
  canonical: Record<string, { column: string; value: string }[]>,
  defaults: NormalizeDefaultsConfig,
): ThinNormalized {
  const fields: Record<string, string | string[]> = { emails: [], phones: [] };
  const rejections: FieldRejection[] = [];
  for (const [field, values] of Object.entries(canonical)) {
    for (const { column, value } of values) {
      const text = collapse(value);
      if (text === '') continue;
      if (field === 'email') {
        const email = text.toLowerCase();
        if (EMAIL.test(email)) (fields.emails as string[]).push(email);
        else rejections.push({ field: column, code: 'INVALID_EMAIL', message: `"${text}" is not an email address` });
      } else if (field === 'phone') {
        (fields.phones as string[]).push(text.replace(/[^\d+]/g, ''));
      } else if (field === 'birthDate') {
        const iso = parseDate(text, defaults.dateFormats);
        if (iso) fields.birthDate = iso;
        else rejections.push({ field: column, code: 'BAD_DATE', message: `"${text}" matches none of the formats ${defaults.dateFormats.join(', ')}` });
      } else if (field === 'country') {
        fields.country = text.toUpperCase();
      } else if (fields[field] === undefined) {
        fields[field] = text;
      }
    }
  }
  return { fields, rejections };
}
