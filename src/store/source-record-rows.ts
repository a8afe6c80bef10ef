import { fromDbTime, parseJsonColumn } from './dialect';
import type { FieldCipher } from './field-cipher';
import { lazy } from './lazy-property';
import { openPayload } from './record-payload';

// A `source_records` row as the rest of the code sees it, and the mapping from stored rows.

/** A stored source record with its payload decrypted. */
export interface StoredSourceRecord {
  id: number;
  source: string;
  externalId: string;
  raw: Record<string, unknown>;
  normalized: Record<string, unknown>;
  corrections: Record<string, unknown>[];
  contentHash: string;
  status: 'active' | 'deleted';
  syncRunId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Who a record is and when it was loaded, without its payload (normalized, raw and corrections:
 * large JSON texts) or its sync bookkeeping: what a list of a customer's records shows.
 */
export type SourceRecordHeader = Pick<StoredSourceRecord, 'id' | 'source' | 'externalId' | 'createdAt' | 'updatedAt'>;

/** Every column of a stored record. */
export const recordColumns = [
  'id',
  'source',
  'external_id',
  'payload',
  'content_hash',
  'status',
  'sync_run_id',
  'created_at',
  'updated_at',
];

/** The columns of a SourceRecordHeader. */
export const headerColumns = ['id', 'source', 'external_id', 'created_at', 'updated_at'];

export function toSourceRecordHeader(row: Record<string, unknown>): SourceRecordHeader {
  return new LazyTimesHeader(row);
}

/**
 * A header whose timestamps are parsed when first read: lists of record keys rarely ask for
 * them, and parsing two dates per row was a large share of mapping a page of records.
 */
class LazyTimesHeader implements SourceRecordHeader {
  readonly id: number;
  readonly source: string;
  readonly externalId: string;
  private createdText: string | Date | null;
  private updatedText: string | Date | null;

  constructor(row: Record<string, unknown>) {
    this.id = Number(row.id);
    this.source = String(row.source);
    this.externalId = String(row.external_id);
    this.createdText = row.created_at as string;
    this.updatedText = row.updated_at as string;
  }

  get createdAt(): Date {
    // Parsed once; the Date replaces the text.
    return (this.createdText = fromDbTime(this.createdText) as Date);
  }

  get updatedAt(): Date {
    return (this.updatedText = fromDbTime(this.updatedText) as Date);
  }
}

/**
 * A stored row as a record. Its payload (see record-payload.ts) is decrypted at once and its
 * normalized values parsed; raw values and corrections are parsed when first read: resolution
 * reads every active record's normalized values and rarely the other two.
 */
export function toStoredSourceRecord(row: Record<string, unknown>, cipher: FieldCipher): StoredSourceRecord {
  const payload = openPayload(cipher, row.payload);
  const record = {
    id: Number(row.id),
    source: String(row.source),
    externalId: String(row.external_id),
    contentHash: String(row.content_hash),
    status: row.status as StoredSourceRecord['status'],
    syncRunId: row.sync_run_id === null ? null : Number(row.sync_run_id),
    createdAt: fromDbTime(row.created_at as string) as Date,
    updatedAt: fromDbTime(row.updated_at as string) as Date,
    normalized: parseJsonColumn(payload.normalized, {}),
  } as StoredSourceRecord;
  lazy(record, 'raw', () => parseJsonColumn(payload.raw, {}));
  lazy(record, 'corrections', () => parseJsonColumn(payload.corrections, []));
  return record;
}
