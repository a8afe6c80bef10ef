import { createHash } from 'node:crypto';
import type { CanonicalField } from '../config/canonical-fields';
import type { SourceConfig } from '../config/sources';
import { readPath, type ExtractedRecord } from '../connectors/types';
import {
  createMissingValueFiller,
  normalizeCustomerFields,
  normalizeEmail,
  normalizePhone,
  resolveNormalizeSettings,
  type Correction,
  type CustomerFields,
  type FxRateProvider,
  type MissingValueFiller,
  type SourceNormalizeSettings,
} from '../normalize';
import type { LoadRecord } from '../store/source-record-repository';

export interface FieldRejection {
  /** The source column (or path) at fault, as the user knows it. */
  field: string;
  code: string;
  message: string;
}

export type PreparedRecord = { ok: true; record: LoadRecord } | { ok: false; externalId: string | null; rejection: FieldRejection };

/**
 * sha256 over the serialized raw and normalized values. Both serializations follow the source's
 * own field order and the mapping's order, which are stable from run to run, so unchanged
 * content hashes equal without the cost of sorting keys.
 */
export function contentHash(rawJson: string, normalizedJson: string): string {
  return createHash('sha256').update(rawJson).update('\u0000').update(normalizedJson).digest('hex');
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The normalization settings a source's config asks for. */
export function normalizeSettingsOf(source: SourceConfig): SourceNormalizeSettings {
  const d = source.defaults;
  const partial: Partial<SourceNormalizeSettings> = {
    dateFormats: d.dateFormats,
    timezone: d.timezone,
    defaultOnInvalid: d.onInvalid,
    onInvalid: d.onInvalidField,
    required: source.required,
  };
  if (d.country) partial.defaultCountry = d.country;
  if (d.phoneRegion) partial.phoneRegion = d.phoneRegion;
  if (d.currency) partial.currency = d.currency;
  if (d.dayFirst !== undefined) partial.dayFirst = d.dayFirst;
  if (d.decimalSeparator) partial.decimalSeparator = d.decimalSeparator;
  return resolveNormalizeSettings(partial);
}

/**
 * Stored form of a normalized record: the canonical and derived fields, with every email and
 * phone the source gave (a source may map several columns to `email`) as lists.
 */
function storedForm(fields: CustomerFields, emails: string[], phones: string[]): Record<string, unknown> {
  const { email: _email, phone: _phone, ...rest } = fields;
  return { ...rest, emails, phones };
}

/**
 * Maps extracted records of one source onto canonical fields, normalizes them and checks what
 * the source requires. Each result is a record to load or the reason it is quarantined, naming
 * the source column.
 */
export class RecordPreparer {
  private readonly settings: SourceNormalizeSettings;
  private readonly columnsOf = new Map<CanonicalField, string[]>();
  /** Holds forward-fill state, so one preparer serves exactly one run, in record order. */
  private readonly filler: MissingValueFiller;

  constructor(
    private readonly source: SourceConfig,
    private readonly fx?: FxRateProvider,
  ) {
    this.settings = fx ? { ...normalizeSettingsOf(source), baseCurrency: fx.baseCurrency } : normalizeSettingsOf(source);
    this.filler = createMissingValueFiller(source.missing);
    for (const [column, field] of Object.entries(source.mapping)) {
      const columns = this.columnsOf.get(field as CanonicalField) ?? [];
      columns.push(column);
      this.columnsOf.set(field as CanonicalField, columns);
    }
  }

  prepare(item: ExtractedRecord): PreparedRecord {
    const { source } = this;
    const externalId = asText(readPath(item.values, source.primaryKey)).trim();
    if (externalId === '') {
      return {
        ok: false,
        externalId: null,
        rejection: { field: source.primaryKey, code: 'MISSING_REQUIRED', message: `primary key column "${source.primaryKey}" is empty` },
      };
    }
    // The first non-empty column of each canonical field is the field; further email and phone
    // columns are extra values of the same person.
    const input: Record<string, string> = {};
    const usedColumn = new Map<CanonicalField, string>();
    const extra: { field: 'email' | 'phone'; column: string; value: string }[] = [];
    for (const [field, columns] of this.columnsOf) {
      for (const column of columns) {
        const value = asText(readPath(item.values, column));
        if (value.trim() === '') continue;
        if (!usedColumn.has(field)) {
          input[field] = value;
          usedColumn.set(field, column);
        } else if (field === 'email' || field === 'phone') {
          extra.push({ field, column, value });
        }
      }
    }
    const filled = this.filler.fill(input);
    for (const field of Object.keys(filled.record)) {
      if (!usedColumn.has(field as CanonicalField)) usedColumn.set(field as CanonicalField, this.columnsOf.get(field as CanonicalField)?.[0] ?? field);
    }
    const normalized = normalizeCustomerFields(filled.record, this.settings, this.fx);
    const rejected = normalized.rejections[0];
    if (rejected) {
      const column = usedColumn.get(rejected.field) ?? this.columnsOf.get(rejected.field)?.[0] ?? rejected.field;
      return { ok: false, externalId, rejection: { field: column, code: rejected.code, message: rejected.message } };
    }
    const corrections: Correction[] = [...filled.corrections, ...normalized.corrections].map((c) => ({ ...c, field: c.field ? (usedColumn.get(c.field as CanonicalField) ?? c.field) : c.field }));
    const emails = normalized.fields.email ? [normalized.fields.email] : [];
    const phones = normalized.fields.phone ? [normalized.fields.phone] : [];
    for (const { field, column, value } of extra) {
      const result = field === 'email' ? normalizeEmail(value) : normalizePhone(value, { defaultRegion: this.settings.phoneRegion ?? normalized.fields.country ?? this.settings.defaultCountry });
      if (!result.ok) {
        if ((this.settings.onInvalid[field] ?? this.settings.defaultOnInvalid) === 'quarantine') {
          return { ok: false, externalId, rejection: { field: column, code: result.code, message: result.message } };
        }
        corrections.push({ field: column, raw: value, value: '', reason: 'VALUE_DROPPED' });
        continue;
      }
      const text = typeof result.value === 'string' ? result.value : result.value.e164;
      const list = field === 'email' ? emails : phones;
      if (!list.includes(text)) list.push(text);
      corrections.push(...result.corrections.map((c) => ({ ...c, field: column })));
    }
    const rawJson = JSON.stringify(item.values);
    const normalizedJson = JSON.stringify(storedForm(normalized.fields, emails, phones));
    return {
      ok: true,
      record: {
        externalId,
        rawJson,
        normalizedJson,
        correctionsJson: corrections.length > 0 ? JSON.stringify(corrections) : null,
        contentHash: contentHash(rawJson, normalizedJson),
      },
    };
  }
}
