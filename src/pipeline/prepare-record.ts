import { hash } from 'node:crypto';
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
  NORMALIZER_REVISION,
  type SourceNormalizeSettings,
} from '../normalize';
import { fieldProtection } from '../store/field-protection';
import type { LoadRecord } from '../store/source-record-repository';

export interface FieldRejection {
  /** The source column (or path) at fault, as the user knows it. */
  field: string;
  code: string;
  message: string;
}

export type PreparedRecord = { ok: true; record: LoadRecord } | { ok: false; externalId: string | null; rejection: FieldRejection };

/**
 * The first half of a content hash: 128 bits of sha256 over the raw values as read, under the
 * source's normalization settings (`settingsKey`). Equal halves mean the stored normalized values
 * are still what normalizing the row would give, so a re-sync can skip normalizing it.
 */
export function rawHash(settingsKey: string, rawJson: string): string {
  // One-shot hashing: no Hash object per record.
  return hash('sha256', `${settingsKey}\u0000${rawJson}`, 'hex').slice(0, 32);
}

/**
 * A record's content hash: its raw hash, then 128 bits of sha256 over its normalized values.
 * Both serializations follow the source's own field order and the mapping's order, which are
 * stable from run to run, so unchanged content hashes equal without the cost of sorting keys.
 * Both halves are keyed with `secret`: the values are encrypted at rest, and an unkeyed hash of
 * them would let anyone holding the database confirm a guessed record.
 */
export function contentHash(rawPart: string, normalizedJson: string, secret: string): string {
  return rawPart + hash('sha256', `${secret}\u0000${normalizedJson}`, 'hex').slice(0, 32);
}

/** The raw half of a content hash (see rawHash). */
export function rawPartOf(hashValue: string): string {
  return hashValue.slice(0, 32);
}

/** The normalized half of a content hash: equal halves, identical normalized values. */
export function normalizedPartOf(hashValue: string): string {
  return hashValue.slice(32);
}

/** A record's key and raw serialization, read before (and possibly instead of) normalizing it. */
export interface RawRecord {
  externalId: string;
  rawJson: string;
  rawHash: string;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** True for a value that trims to nothing; most values are told apart by their first character. */
function isBlank(value: string): boolean {
  if (value.length === 0) return true;
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return value.trim() === '';
}

/** One mapped source column and how to read it: flat names directly, paths through readPath. */
interface MappedColumn {
  name: string;
  read(values: Record<string, unknown>): unknown;
}

function mappedColumn(name: string): MappedColumn {
  if (name.includes('.')) return { name, read: (values) => readPath(values, name) };
  return { name, read: (values) => values[name] };
}

/** The canonical fields a source maps, each with its columns in mapping order. */
interface MappedField {
  field: CanonicalField;
  columns: MappedColumn[];
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
 * JSON of the stored form of a normalized record: the canonical and derived fields in the order
 * normalization set them, with every email and phone the source gave (a source may map several
 * columns to `email`) as lists. Written directly: the same text JSON.stringify gives for that
 * object, without building it first.
 */
function storedFormJson(fields: CustomerFields, emails: string[], phones: string[]): string {
  let json = '{';
  for (const key in fields) {
    if (key === 'email' || key === 'phone') continue;
    const value = fields[key as keyof CustomerFields];
    if (value === undefined) continue;
    json += `"${key}":${JSON.stringify(value)},`;
  }
  return `${json}"emails":${JSON.stringify(emails)},"phones":${JSON.stringify(phones)}}`;
}

/**
 * Maps extracted records of one source onto canonical fields, normalizes them and checks what
 * the source requires. Each result is a record to load or the reason it is quarantined, naming
 * the source column.
 */
export class RecordPreparer {
  private readonly settings: SourceNormalizeSettings;
  private readonly fields: MappedField[] = [];
  private readonly primaryKey: MappedColumn;
  /** Per field of `fields`, the index of the column the current record's value came from (-1: none). */
  private readonly chosen: number[];
  /** Holds forward-fill state, so one preparer serves exactly one run, in record order; absent when nothing is filled. */
  private readonly filler: MissingValueFiller | undefined;
  /** What normalization depends on besides a record's raw values (and the hash secret), mixed into each raw hash. */
  private readonly settingsKey: string;
  /** Keys the content hashes (see contentHash). */
  private readonly hashSecret: string;
  /**
   * Whether a record's normalized values follow from its raw values and the settings alone. Not
   * with forward fill (a value may come from the previous row) or money conversion (rates change).
   */
  readonly normalizesFromRawAlone: boolean;

  constructor(
    private readonly source: SourceConfig,
    private readonly fx?: FxRateProvider,
  ) {
    this.settings = fx ? { ...normalizeSettingsOf(source), baseCurrency: fx.baseCurrency } : normalizeSettingsOf(source);
    const strategies = source.missing;
    this.filler = Object.values(strategies).some((strategy) => strategy !== 'leave') ? createMissingValueFiller(strategies) : undefined;
    this.primaryKey = mappedColumn(source.primaryKey);
    this.hashSecret = fieldProtection().index.secret('content-hash');
    this.settingsKey = `${this.hashSecret}\u0000${JSON.stringify([NORMALIZER_REVISION, source.primaryKey, source.mapping, source.defaults, source.required, source.missing, fx?.baseCurrency ?? null])}`;
    this.normalizesFromRawAlone = fx === undefined && !Object.values(strategies).includes('ffill');
    for (const [column, field] of Object.entries(source.mapping)) {
      let mapped = this.fields.find((entry) => entry.field === field);
      if (!mapped) {
        mapped = { field: field as CanonicalField, columns: [] };
        this.fields.push(mapped);
      }
      mapped.columns.push(mappedColumn(column));
    }
    this.chosen = this.fields.map(() => -1);
  }

  /**
   * The source column a canonical field of the current record is reported under: the column its
   * value came from; for a value filled in (or a rejection), the field's first column; otherwise
   * (a derived field) the field's own name.
   */
  private columnOf(field: string, orFirstColumn: boolean): string {
    const index = this.fields.findIndex((entry) => entry.field === field);
    if (index === -1) return field;
    const mapped = this.fields[index] as MappedField;
    const chosen = this.chosen[index] as number;
    if (chosen >= 0) return (mapped.columns[chosen] as MappedColumn).name;
    return orFirstColumn ? (mapped.columns[0] as MappedColumn).name : field;
  }

  /** The record's key and raw serialization, or null when its primary key is empty. */
  readRaw(item: ExtractedRecord): RawRecord | null {
    const externalId = asText(this.primaryKey.read(item.values)).trim();
    if (externalId === '') return null;
    const rawJson = JSON.stringify(item.values);
    return { externalId, rawJson, rawHash: rawHash(this.settingsKey, rawJson) };
  }

  /** Maps and normalizes a record; `raw` is what readRaw gave for it, when already read. */
  prepare(item: ExtractedRecord, raw: RawRecord | null = this.readRaw(item)): PreparedRecord {
    const { source, fields, chosen } = this;
    const values = item.values;
    if (raw === null) {
      return {
        ok: false,
        externalId: null,
        rejection: { field: source.primaryKey, code: 'MISSING_REQUIRED', message: `primary key column "${source.primaryKey}" is empty` },
      };
    }
    const { externalId, rawJson } = raw;
    // The first non-empty column of each canonical field is the field; further email and phone
    // columns are extra values of the same person.
    const input: Record<string, string> = {};
    let extra: { field: 'email' | 'phone'; column: string; value: string }[] | undefined;
    for (let f = 0; f < fields.length; f += 1) {
      const { field, columns } = fields[f] as MappedField;
      chosen[f] = -1;
      for (let c = 0; c < columns.length; c += 1) {
        const column = columns[c] as MappedColumn;
        const value = asText(column.read(values));
        if (isBlank(value)) continue;
        if (chosen[f] === -1) {
          input[field] = value;
          chosen[f] = c;
        } else if (field === 'email' || field === 'phone') {
          (extra ??= []).push({ field, column: column.name, value });
        }
      }
    }
    const filled = this.filler ? this.filler.fill(input) : undefined;
    const normalized = normalizeCustomerFields(filled ? filled.record : input, this.settings, this.fx);
    const rejected = normalized.rejections[0];
    if (rejected) {
      return { ok: false, externalId, rejection: { field: this.columnOf(rejected.field, true), code: rejected.code, message: rejected.message } };
    }
    const corrections: Correction[] = [];
    if (filled) for (const c of filled.corrections) corrections.push(c.field ? { ...c, field: this.columnOf(c.field, true) } : c);
    for (const c of normalized.corrections) corrections.push(c.field ? { ...c, field: this.columnOf(c.field, filled?.record[c.field] !== undefined) } : c);
    const emails = normalized.fields.email ? [normalized.fields.email] : [];
    const phones = normalized.fields.phone ? [normalized.fields.phone] : [];
    if (extra) {
      const rejection = this.addExtraValues(extra, normalized.fields.country, emails, phones, corrections);
      if (rejection) return { ok: false, externalId, rejection };
    }
    const normalizedJson = storedFormJson(normalized.fields, emails, phones);
    return {
      ok: true,
      record: {
        externalId,
        rawJson,
        normalizedJson,
        correctionsJson: corrections.length > 0 ? JSON.stringify(corrections) : null,
        contentHash: contentHash(raw.rawHash, normalizedJson, this.hashSecret),
      },
    };
  }

  /** Normalizes the further email and phone columns into the lists; a rejection when one must quarantine the record. */
  private addExtraValues(
    extra: { field: 'email' | 'phone'; column: string; value: string }[],
    country: string | undefined,
    emails: string[],
    phones: string[],
    corrections: Correction[],
  ): FieldRejection | undefined {
    for (const { field, column, value } of extra) {
      const result = field === 'email' ? normalizeEmail(value) : normalizePhone(value, { defaultRegion: this.settings.phoneRegion ?? country ?? this.settings.defaultCountry });
      if (!result.ok) {
        if ((this.settings.onInvalid[field] ?? this.settings.defaultOnInvalid) === 'quarantine') return { field: column, code: result.code, message: result.message };
        corrections.push({ field: column, raw: value, value: '', reason: 'VALUE_DROPPED' });
        continue;
      }
      const text = typeof result.value === 'string' ? result.value : result.value.e164;
      const list = field === 'email' ? emails : phones;
      if (!list.includes(text)) list.push(text);
      corrections.push(...result.corrections.map((c) => ({ ...c, field: column })));
    }
    return undefined;
  }
}
