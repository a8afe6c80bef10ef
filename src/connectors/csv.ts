import type { CsvSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import path from 'node:path';
import { MAX_RECORD_BYTES, readCsvRowBatches, type CsvRowEvent } from './csv-rows';
import { clipRaw } from './raw-text';
import { assertReadable, fileLocation } from './text-file';
import type { Connector, ExtractedItem } from './types';

type CsvSettings = Pick<CsvSourceConfig, 'name' | 'path' | 'delimiter' | 'quote' | 'encoding' | 'primaryKey' | 'mapping'>;

/** Columns the source config relies on: the primary key and every mapped field's first segment. */
function requiredColumns(settings: CsvSettings): string[] {
  return [...new Set([settings.primaryKey, ...Object.keys(settings.mapping)])];
}

function describeBrokenLine(event: Extract<CsvRowEvent, { kind: 'broken' }>): string {
  const { error } = event;
  const problem =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field opened on this line is never closed'
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? `a quoted field opened on this line runs on for more than ${MAX_RECORD_BYTES} bytes without closing`
        : `bad quoting (${error.message.replace(/ at line \d+/, '')})`;
  return `${problem}; the line is set aside and reading resumes on the next line`;
}

/**
 * Streams a CSV file row by row (constant memory). The first row is the header. Rows that
 * cannot be parsed or have the wrong number of columns come out as `malformed` items with
 * their line, so the pipeline can quarantine them; a quoting error costs its line, not the rest
 * of the file.
 */
export class CsvConnector implements Connector {
  constructor(private readonly settings: CsvSettings) {}

  async *extract(): AsyncIterable<ExtractedItem> {
    for await (const batch of this.extractBatches()) yield* batch;
  }

  /** The items of one decoded chunk at a time: a large export is read without a hop per row. */
  async *extractBatches(): AsyncIterable<ExtractedItem[]> {
    const { settings } = this;
    await assertReadable(settings);
    const file = path.basename(settings.path);
    let header: string[] | undefined;
    for await (const events of readCsvRowBatches(settings)) {
      const items: ExtractedItem[] = [];
      for (const event of events) {
        const location = `${file}:${event.line}`;
        if (event.kind === 'broken') {
          const reason = describeBrokenLine(event);
          if (!header) throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: location }, `the header row cannot be read: ${reason}`);
          items.push({ kind: 'malformed', location, reason, raw: event.text });
        } else if (!header) {
          header = event.fields.map((name) => name.trim());
          this.checkHeader(header);
        } else if (event.fields.length !== header.length) {
          items.push({ kind: 'malformed', location, reason: `expected ${header.length} columns, found ${event.fields.length}`, raw: clipRaw(event.raw) });
        } else {
          const values: Record<string, unknown> = {};
          for (let index = 0; index < header.length; index += 1) values[header[index] as string] = event.fields[index];
          items.push({ kind: 'record', location, values });
        }
      }
      if (items.length > 0) yield items;
    }
    if (!header) {
      throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: fileLocation(settings, 1) }, 'file is empty (no header row)');
    }
  }

  private checkHeader(header: string[]): void {
    const missing = requiredColumns(this.settings).filter((column) => !header.includes(column));
    const first = missing[0];
    if (first !== undefined) {
      throw new SourceError(
        'MISSING_COLUMN',
        { source: this.settings.name, position: fileLocation(this.settings, 1), field: first },
        `header has no column "${first}"${missing.length > 1 ? ` (also missing: ${missing.slice(1).join(', ')})` : ''}`,
      );
    }
  }
}
