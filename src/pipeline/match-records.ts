import type { MatchRecord, MatchRecordList } from '../resolve';
import type { GoldenValues, LineageEntry } from '../resolve';
import type { GoldenFields } from '../store/customer-repository';
import { textList } from '../store/record-contacts';
import { NO_SOURCE_RECORD } from '../store/resolution-plan';
import type { ResolvableRecord } from '../store/source-record-repository';
import type { LoadedRecords } from './loaded-records';

const TEXT_FIELDS = [
  'givenName',
  'familyName',
  'givenNamePinyin',
  'familyNamePinyin',
  'birthDate',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'country',
] as const;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}


/** A stored source record as the matcher sees it: its normalized values, trust and recency. */
export function toMatchRecord(record: ResolvableRecord, trust: number): MatchRecord {
  return matchRecordOf(String(record.id), record.source, record.normalized, record.updatedAt.toISOString(), trust);
}

function matchRecordOf(id: string, source: string, n: Record<string, unknown>, updatedAt: string, trust: number): MatchRecord {
  const match: MatchRecord = {
    id,
    source,
    emails: textList(n.emails ?? n.email),
    phones: textList(n.phones ?? n.phone),
    updatedAt,
    trust,
  };
  for (const field of TEXT_FIELDS) {
    const value = text(n[field]);
    if (value !== undefined) match[field] = value;
  }
  return match;
}

/**
 * Loaded records as the matcher sees them, each made when asked for rather than all held (the
 * resolver asks twice per record, the block keys once). Records loaded together share their
 * update time, so its text is made once for a run of them.
 */
export function matchRecordsOf(records: LoadedRecords, trust: ReadonlyMap<string, number>): MatchRecordList {
  let lastMillis = Number.NaN;
  let lastText = '';
  return {
    length: records.size,
    at(position) {
      const normalized = records.normalizedAt(position);
      if (normalized === undefined) return undefined;
      const millis = records.updatedAtMillis(position);
      if (millis !== lastMillis) {
        lastText = new Date(millis).toISOString();
        lastMillis = millis;
      }
      const source = records.sourceAt(position);
      return matchRecordOf(String(records.idAt(position)), source, normalized, lastText, trust.get(source) ?? 0);
    },
  };
}

/** The golden columns from survivorship's values: multi-valued fields primary first. */
export function toGoldenFields(golden: GoldenValues): GoldenFields {
  const ordered = (values: GoldenValues['emails']): string[] =>
    [...values].sort((a, b) => Number(b.primary) - Number(a.primary)).map((v) => v.value);
  return {
    givenName: golden.givenName ?? null,
    familyName: golden.familyName ?? null,
    emails: ordered(golden.emails),
    phones: ordered(golden.phones),
    birthDate: golden.birthDate ?? null,
    country: golden.country ?? null,
  };
}

/**
 * Lineage rows for the stored golden fields. A value a steward typed in has no source record
 * (NO_SOURCE_RECORD) and the rule `steward_override`.
 */
export function toLineageRows(lineage: readonly LineageEntry[]): { field: string; sourceRecordId: number; rule: string }[] {
  const stored = new Set<string>(['givenName', 'familyName', 'emails', 'phones', 'birthDate', 'country']);
  return lineage
    .filter((entry) => stored.has(entry.field))
    .map((entry) =>
      entry.recordId === null
        ? { field: entry.field, sourceRecordId: NO_SOURCE_RECORD, rule: 'steward_override' }
        : { field: entry.field, sourceRecordId: Number(entry.recordId), rule: entry.rule },
    );
}
