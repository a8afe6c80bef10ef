import type { Knex } from 'knex';
import { parseJsonColumn } from './dialect';
import { fieldProtection, type FieldProtection } from './field-protection';
import { openPayload } from './record-payload';

/** A correction as stored on a source record (the fields the quality report counts by). */
export interface StoredCorrection {
  field?: string;
  reason: string;
}

/** What a source record holds after normalization: its values and the corrections made to them, decrypted. */
export interface RecordPayload {
  normalized: Record<string, unknown>;
  corrections: StoredCorrection[];
}

/** Rows per page: a source of millions of records is read without holding them all. */
const PAGE = 5_000;

/**
 * Reads the decrypted payloads of a source's active records in id order, a page at a time:
 * what counting over every record (the data quality report) needs, without raw values.
 */
export class SourceRecordPayloadReader {
  constructor(
    private readonly knex: Knex,
    private readonly protection: FieldProtection = fieldProtection(),
  ) {}

  async *activePayloads(source: string): AsyncGenerator<RecordPayload> {
    const { cipher } = this.protection;
    for (let afterId = 0; ; ) {
      const rows: { id: number; payload: string }[] = await this.knex('source_records')
        .select('id', 'payload')
        .where({ source, status: 'active' })
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(PAGE);
      for (const row of rows) {
        const payload = openPayload(cipher, row.payload);
        yield {
          normalized: parseJsonColumn<Record<string, unknown>>(payload.normalized, {}),
          corrections: parseJsonColumn<StoredCorrection[]>(payload.corrections, []),
        };
      }
      if (rows.length < PAGE) return;
      afterId = Number(rows[rows.length - 1]!.id);
    }
  }
}
