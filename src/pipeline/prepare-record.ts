import { createHash } from 'node:crypto';
import type { SourceConfig } from '../config/sources';
import { readPath, type ExtractedRecord } from '../connectors/types';
import type { LoadRecord } from '../store/source-record-repository';
import { thinNormalize, type FieldRejection } from './thin-normalize';

export type PreparedRecord = { ok: true; record: LoadRecord } | { ok: false; externalId: string | null; rejection: FieldRejection };

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** sha256 over a canonical JSON form (keys sorted), so equal content always hashes equal. */
export function contentHash(value: unknown): string {
  const stable = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(stable);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(stable(value))).digest('hex');
}

/**
 * Maps one extracted record onto canonical fields, normalizes it and checks what the source
 * requires. The result is either a record to load or the reason it is quarantined.
 */
export function prepareRecord(item: ExtractedRecord, source: SourceConfig): PreparedRecord {
  const externalId = asText(readPath(item.values, source.primaryKey)).trim();
  if (externalId === '') {
    return {
      ok: false,
      externalId: null,
      rejection: { field: source.primaryKey, code: 'MISSING_REQUIRED', message: `primary key column "${source.primaryKey}" is empty` },
    };
  }
  const canonical: Record<string, { column: string; value: string }[]> = {};
  for (const [column, field] of Object.entries(source.mapping)) {
    (canonical[field] ??= []).push({ column, value: asText(readPath(item.values, column)) });
  }
  const { fields, rejections } = thinNormalize(canonical, source.defaults);
  const firstRejection = rejections[0];
  if (firstRejection) return { ok: false, externalId, rejection: firstRejection };

  for (const field of source.required) {
    const value = fields[field === 'email' ? 'emails' : field === 'phone' ? 'phones' : field];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      const column = Object.entries(source.mapping).find(([, f]) => f === field)?.[0] ?? field;
      return { ok: false, externalId, rejection: { field: column, code: 'MISSING_REQUIRED', message: `required column "${column}" is empty` } };
    }
  }
  const raw = item.values;
  return { ok: true, record: { externalId, raw, normalized: fields, corrections: [], contentHash: contentHash({ raw, fields }) } };
}
