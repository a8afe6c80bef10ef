import type { SqlSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import { openSourceDatabase, SqlDateTimeText, type SourceDatabase } from './sql-connection';
import { applyKeysetCursor, decodeWatermark, encodeWatermark, sameCursorValue, type KeysetColumns, type KeysetCursor } from './sql-keyset';
import type { Connector, ExtractedItem, ExtractState } from './types';

type SqlSettings = Pick<SqlSourceConfig, 'name' | 'url' | 'urlEnv' | 'table' | 'query' | 'primaryKey' | 'keyColumn' | 'watermarkColumn' | 'batchSize'>;
type Row = Record<string, unknown>;

/**
 * A value as the pipeline gets it: JSON-friendly and exact. Integers past 2^53 become strings,
 * dates ISO 8601 strings (MySQL DATETIME without a zone, so the source's timezone applies),
 * binary data base64.
 */
export function plainSqlValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof SqlDateTimeText) return value.toIso();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}

function displayKey(value: unknown): string {
  const plain = plainSqlValue(value);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}

/**
 * Reads a table or query in keyset-paginated batches: `WHERE key > last ORDER BY key LIMIT n`,
 * never OFFSET, so each batch costs an index seek however deep the read is, and rows inserted
 * during the read cannot shift a page. With `watermarkColumn` the order is (watermark, key)
 * and a stored watermark (see encodeWatermark) resumes right after the last committed row.
 */
export class SqlConnector implements Connector {
  private readonly columns: KeysetColumns;

  constructor(private readonly settings: SqlSettings) {
    this.columns = { key: settings.keyColumn ?? settings.primaryKey, watermark: settings.watermarkColumn };
  }

  async *extract(state?: ExtractState): AsyncIterable<ExtractedItem> {
    const db = await openSourceDatabase(this.settings);
    try {
      let cursor = this.columns.watermark && state?.watermark ? decodeWatermark(state.watermark) : undefined;
      for (;;) {
        const rows = await this.readBatch(db, cursor);
        this.checkBatch(rows, cursor);
        for (const row of rows) yield this.toRecord(row);
        const last = rows[rows.length - 1];
        if (!last || rows.length < this.settings.batchSize) break;
        cursor = this.cursorAt(last);
      }
    } finally {
      await db.close();
    }
  }

  private get from(): string {
    return this.settings.table ?? 'query';
  }

  private async readBatch(db: SourceDatabase, cursor: KeysetCursor | undefined): Promise<Row[]> {
    const { knex } = db;
    const { key, watermark } = this.columns;
    const query = this.settings.table ? knex(this.settings.table) : knex.from(knex.raw(`(${this.settings.query}) as src`));
    query.select('*');
    applyKeysetCursor(query, this.columns, cursor);
    query.orderBy(watermark === undefined ? [key] : [watermark, key]).limit(this.settings.batchSize);
    try {
      return (await query) as Row[];
    } catch (error) {
      const message = (error as Error).message;
      const missingColumn = /unknown column|no such column/i.test(message);
      throw new SourceError(missingColumn ? 'MISSING_COLUMN' : 'SOURCE_UNREADABLE', { source: this.settings.name, position: `${db.description} ${this.from}` }, `query failed: ${message}`, {
        cause: error,
      });
    }
  }

  private cursorAt(row: Row): KeysetCursor {
    const { key, watermark } = this.columns;
    if (row[key] === null || row[key] === undefined) {
      throw new SourceError('SOURCE_UNREADABLE', { source: this.settings.name, position: this.from }, `a batch ends on a row whose ${key} is NULL; keyset pagination needs a non-null, unique key column (set keyColumn)`);
    }
    return { key: row[key], watermark: watermark === undefined ? undefined : row[watermark] };
  }

  /** A repeated key would make `key > last` skip rows at a batch boundary: refuse rather than lose them. */
  private checkBatch(rows: Row[], cursor: KeysetCursor | undefined): void {
    const { key, watermark } = this.columns;
    const first = rows[0];
    if (!first) return;
    for (const column of [key, watermark]) {
      if (column !== undefined && !(column in first)) {
        throw new SourceError('MISSING_COLUMN', { source: this.settings.name, position: this.from, field: column }, `the ${this.settings.table ? 'table' : 'query'} has no column "${column}"`);
      }
    }
    let previous: KeysetCursor | undefined = cursor?.key === undefined ? undefined : cursor;
    for (const row of rows) {
      const current = { key: row[key], watermark: watermark === undefined ? undefined : row[watermark] };
      if (previous && current.key !== null && sameCursorValue(previous.key, current.key) && sameCursorValue(previous.watermark, current.watermark)) {
        throw new SourceError('SOURCE_UNREADABLE', { source: this.settings.name, position: `${this.from} ${key}=${displayKey(current.key)}` }, `${key} is not unique; keyset pagination needs a unique key column (set keyColumn)`);
      }
      previous = current;
    }
  }

  private toRecord(row: Row): ExtractedItem {
    const { key, watermark } = this.columns;
    const values: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) values[column] = plainSqlValue(value);
    return {
      kind: 'record',
      location: `${this.from} ${key}=${displayKey(row[key])}`,
      values,
      ...(watermark === undefined ? {} : { watermark: encodeWatermark(row[watermark], row[key]) }),
    };
  }
}
