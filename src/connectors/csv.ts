import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CsvSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import type { Connector, ExtractedItem } from './types';

type CsvSettings = Pick<CsvSourceConfig, 'name' | 'path' | 'delimiter' | 'quote' | 'encoding' | 'primaryKey' | 'mapping'>;

/** Columns the source config relies on: the primary key and every mapped field's first segment. */
function requiredColumns(settings: CsvSettings): string[] {
  return [...new Set([settings.primaryKey, ...Object.keys(settings.mapping)])];
}

function openStream(settings: CsvSettings): NodeJS.ReadableStream {
  const file = fs.createReadStream(settings.path);
  if (settings.encoding === 'utf-8') return file;
  const decoder = iconv.decodeStream(settings.encoding);
  pipeline(file, decoder, () => undefined);
  return decoder;
}

/**
 * Streams a CSV file row by row (constant memory). The first row is the header. Rows that
 * cannot be parsed or have the wrong number of columns come out as `malformed` items with
 * their line, so the pipeline can quarantine them.
 */
export class CsvConnector implements Connector {
  constructor(private readonly settings: CsvSettings) {}

  private where(line: number | string): string {
    return `${path.basename(this.settings.path)}:${line}`;
  }

  async *extract(): AsyncIterable<ExtractedItem> {
    const { settings } = this;
    try {
      await fs.promises.access(settings.path, fs.constants.R_OK);
    } catch {
      throw new SourceError(
        'SOURCE_NOT_FOUND',
        { source: settings.name, position: settings.path },
        'file does not exist or is not readable',
      );
    }

    const skipped: ExtractedItem[] = [];
    const parser = parse({
      delimiter: settings.delimiter,
      quote: settings.quote,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    });
    parser.on('skip', (error: CsvError & { lines?: number; raw?: string }) => {
      skipped.push({
        kind: 'malformed',
        location: this.where(error.lines ?? '?'),
        reason: error.message,
        raw: error.raw ?? '',
      });
    });
    const input = openStream(settings);
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);

    let header: string[] | undefined;
    try {
      for await (const chunk of parser as AsyncIterable<{ record: string[]; info: Info }>) {
        yield* skipped.splice(0);
        const { record, info } = chunk;
        if (!header) {
          header = record.map((name) => name.trim());
          this.checkHeader(header);
          continue;
        }
        const line = info.lines;
        if (record.length !== header.length) {
          yield {
            kind: 'malformed',
            location: this.where(line),
            reason: `expected ${header.length} columns, found ${record.length}`,
            raw: record.join(settings.delimiter),
          };
          continue;
        }
        const values: Record<string, unknown> = {};
        header.forEach((name, index) => {
          values[name] = record[index];
        });
        yield { kind: 'record', location: this.where(line), values };
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: settings.path }, (error as Error).message, {
        cause: error,
      });
    }
    yield* skipped.splice(0);
  }

  private checkHeader(header: string[]): void {
    const missing = requiredColumns(this.settings).filter((column) => !header.includes(column));
    const first = missing[0];
    if (first !== undefined) {
      throw new SourceError(
        'MISSING_COLUMN',
        { source: this.settings.name, position: this.where(1), field: first },
        `header has no column "${first}"${missing.length > 1 ? ` (also missing: ${missing.slice(1).join(', ')})` : ''}`,
      );
    }
  }
}
