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

/**
 * sha256 over the serialized raw and normalized values. Both serializations follow the source's
 * own field order and the mapping's order, which are stable from run to run, so unchanged
 * content hashes equal without the cost of sorting keys.
 */
export function contentHash(rawJson: string, normalizedJson: string): string {
  return createHash('sha256').update(rawJson).update('\u0000').update(normalizedJson).digest('hex');
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
  const rawJson = JSON.stringify(item.values);
  const normalizedJson = JSON.stringify(fields);
  return { ok: true, record: { externalId, rawJson, normalizedJson, correctionsJson: null, contentHash: contentHash(rawJson, normalizedJson) } };
}
