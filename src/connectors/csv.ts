import { Readable } from 'node:stream';
import { parse, type CsvError, type InfoRecord, type Options as CsvParseOptions } from 'csv-parse';
import type { CsvSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import { clipRaw, MAX_RAW_CHARS } from './raw-text';
import { assertReadable, fileLocation, readDecodedText } from './text-file';
import { TextLines } from './text-lines';
import type { Connector, ExtractedItem } from './types';

type CsvSettings = Pick<CsvSourceConfig, 'name' | 'path' | 'delimiter' | 'quote' | 'encoding' | 'primaryKey' | 'mapping'>;

/**
 * A record longer than this is taken for an unterminated quote. Without a bound, one stray quote
 * near the top of a large export would make the parser buffer the rest of the file as one field.
 */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

interface CsvRow {
  fields: string[];
  /** First physical line of the record (a quoted field may span several). */
  line: number;
  raw: string;
}

/** What csv-parse hands `on_record` when `raw` is on. */
interface RawCsvRecord {
  record: string[];
  raw: string;
}

/** The first quoting error of a parse pass, and the last line parsed cleanly before it. */
interface ParseFailure {
  afterLine: number;
  error: CsvError;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Columns the source config relies on: the primary key and every mapped field's first segment. */
function requiredColumns(settings: CsvSettings): string[] {
  return [...new Set([settings.primaryKey, ...Object.keys(settings.mapping)])];
}

function describeFailure(error: CsvError): string {
  const problem =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field opened on this line is never closed'
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? `a quoted field opened on this line runs on for more than ${MAX_RECORD_BYTES} bytes without closing`
        : `bad quoting (${error.message.replace(/ at line \d+/, '')})`;
  return `${problem}; the line is set aside and reading resumes on the next line`;
}

/**
 * One csv-parse pass from `startLine` to the end of the file or to the first quoting error.
 * csv-parse cannot recover from a quoting error by itself (it reads on in the wrong quote state,
 * swallowing the rows after it), so the pass stops there and reports where clean rows ended.
 */
async function* parseRowsFrom(settings: CsvSettings, startLine: number, outcome: { failure?: ParseFailure }): AsyncGenerator<CsvRow> {
  const lines = new TextLines(readDecodedText(settings));
  const lineOffset = startLine - 1;
  await lines.skip(lineOffset);
  let lastCleanLine = lineOffset;
  const input = Readable.from(lines.rest());
  const stop = (): void => {
    input.unpipe(parser);
    input.destroy();
    if (!parser.writableEnded) parser.end();
  };
  const options: CsvParseOptions<CsvRow, RawCsvRecord> = {
    delimiter: settings.delimiter,
    quote: settings.quote,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (entry: RawCsvRecord, context: InfoRecord): CsvRow | null => {
      if (outcome.failure) return null; // parsed in a broken quote state: re-read in the next pass
      const endLine = lineOffset + context.lines;
      lastCleanLine = endLine;
      const raw = entry.raw.replace(/\r?\n$/, '');
      return { fields: entry.record, line: endLine - countLineBreaks(raw), raw };
    },
    on_skip: (error: CsvError | undefined): undefined => {
      if (outcome.failure || !error) return undefined;
      outcome.failure = { afterLine: lastCleanLine, error };
      setImmediate(stop); // not from inside the parser's own transform call
      return undefined;
    },
  };
  // csv-parse's typings only take generic options together with `columns`; the runtime does not care.
  const parser = parse(options as unknown as CsvParseOptions);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) yield row;
  } finally {
    input.destroy();
    parser.destroy();
    await lines.close();
  }
}

/** The first non-empty line after `afterLine`: the one a quoting error started on. */
async function brokenLineAfter(settings: CsvSettings, afterLine: number): Promise<{ line: number; text: string } | undefined> {
  const lines = new TextLines(readDecodedText(settings));
  try {
    let line = await lines.skip(afterLine);
    for (;;) {
      const next = await lines.next(MAX_RAW_CHARS);
      if (!next) return undefined;
      line += 1;
      if (next.text.length > 0) return { line, text: next.truncated ? `${next.text}…` : next.text };
    }
  } finally {
    await lines.close();
  }
}

/**
 * Streams a CSV file row by row (constant memory). The first row is the header. Rows that
 * cannot be parsed or have the wrong number of columns come out as `malformed` items with
 * their line, so the pipeline can quarantine them; a quoting error costs one line, not the rest
 * of the file: the line is reported and parsing restarts after it.
 */
export class CsvConnector implements Connector {
  constructor(private readonly settings: CsvSettings) {}

  async *extract(): AsyncIterable<ExtractedItem> {
    const { settings } = this;
    await assertReadable(settings);
    let header: string[] | undefined;
    let startLine = 1;
    for (;;) {
      const outcome: { failure?: ParseFailure } = {};
      for await (const row of parseRowsFrom(settings, startLine, outcome)) {
        if (header) {
          yield this.toItem(row, header);
        } else {
          header = row.fields.map((name) => name.trim());
          this.checkHeader(header);
        }
      }
      if (!outcome.failure) break;
      const broken = await brokenLineAfter(settings, outcome.failure.afterLine);
      if (!broken) break;
      const reason = describeFailure(outcome.failure.error);
      if (!header) {
        throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: fileLocation(settings, broken.line) }, `the header row cannot be read: ${reason}`);
      }
      yield { kind: 'malformed', location: fileLocation(settings, broken.line), reason, raw: broken.text };
      startLine = broken.line + 1;
    }
    if (!header) {
      throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: fileLocation(settings, 1) }, 'file is empty (no header row)');
    }
  }

  private toItem(row: CsvRow, header: string[]): ExtractedItem {
    const location = fileLocation(this.settings, row.line);
    if (row.fields.length !== header.length) {
      return { kind: 'malformed', location, reason: `expected ${header.length} columns, found ${row.fields.length}`, raw: clipRaw(row.raw) };
    }
    const values: Record<string, unknown> = {};
    header.forEach((name, index) => {
      values[name] = row.fields[index];
    });
    return { kind: 'record', location, values };
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
