import { parse, type CsvError, type InfoRecord, type Options as CsvParseOptions, type Parser } from 'csv-parse';
import { countQuotes, splitSimpleCsvLine } from './csv-line';
import { clipRaw } from './raw-text';
import { readDecodedText, type TextFileSettings } from './text-file';

export interface CsvDialect {
  delimiter: string;
  quote: string;
}

/**
 * A record longer than this is taken for an unterminated quote. Without a bound, one stray quote
 * near the top of a large export would make the parser buffer the rest of the file as one field.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Longest piece of one line handed to the parser at a time. */
const PIECE_CHARS = 64 * 1024;

export type CsvRowEvent =
  /** `line` is the record's first physical line (a quoted field may span several). */
  | { kind: 'row'; fields: string[]; line: number; raw: string }
  /** A line csv-parse could not read; reading goes on with the next line. */
  | { kind: 'broken'; line: number; text: string; error: CsvError };

type CsvRow = Extract<CsvRowEvent, { kind: 'row' }>;

/** What csv-parse hands `on_record` when `raw` is on. */
interface RawCsvRecord {
  record: string[];
  raw: string;
}

/** One physical line of the file with its line break, or a piece of a very long one. */
interface SourceLine {
  number: number;
  text: string;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * csv-parse counts every `\r` and every `\n` inside a record as a line of its own (a quoted
 * `\r\n` is two), while a line of the file ends at `\n`: each `\r` inside a record is one line
 * too many in its count.
 */
function countCarriageReturns(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) count += 1;
  return count;
}

/** The text without its line break (csv-parse hands a CRLF record over with the `\r` only). */
function withoutBreak(text: string): string {
  if (text.endsWith('\r')) return text.slice(0, -1);
  if (!text.endsWith('\n')) return text;
  return text.charCodeAt(text.length - 2) === 13 ? text.slice(0, -2) : text.slice(0, -1);
}

/**
 * One csv-parse parser over lines starting after line `lineOffset`. Records are collected in
 * `on_record` instead of being pushed through the stream, so nothing waits on a reader. The first
 * quoting error ends the pass: csv-parse cannot recover from one (it reads on in the wrong quote
 * state and swallows the rows after it), so later records of the pass are discarded.
 */
class ParsePass {
  failure: { afterLine: number; error: CsvError } | undefined;
  lastCleanLine: number;
  private rows: CsvRow[] = [];
  private readonly parser: Parser;

  constructor(dialect: CsvDialect, lineOffset: number) {
    this.lastCleanLine = lineOffset;
    let overcounted = 0;
    const options: CsvParseOptions<CsvRow, RawCsvRecord> = {
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_BYTES,
      on_record: (entry: RawCsvRecord, context: InfoRecord): null => {
        if (this.failure) return null;
        const raw = withoutBreak(entry.raw);
        overcounted += countCarriageReturns(raw);
        const endLine = lineOffset + context.lines - overcounted;
        this.lastCleanLine = endLine;
        this.rows.push({ kind: 'row', fields: entry.record, line: endLine - countLineBreaks(raw), raw });
        return null;
      },
      on_skip: (error: CsvError | undefined): undefined => {
        if (!this.failure && error) this.failure = { afterLine: this.lastCleanLine, error };
        return undefined;
      },
    };
    // csv-parse's typings only take generic options together with `columns`; the runtime does not care.
    this.parser = parse(options as unknown as CsvParseOptions);
  }

  /** csv-parse handles a write synchronously; records appear once the line after them is seen. */
  write(text: string): void {
    this.parser.write(text);
  }

  /** Waits until everything written has been parsed (a no-op for today's synchronous parser). */
  settled(): Promise<void> {
    return new Promise((resolve, reject) => this.parser.write('', (error) => (error ? reject(error) : resolve())));
  }

  end(): Promise<void> {
    return new Promise((resolve) => this.parser.end(resolve));
  }

  takeRows(): CsvRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  destroy(): void {
    this.parser.destroy();
  }
}

/**
 * Turns decoded text into CSV rows. Plain lines are split directly (splitSimpleCsvLine); from the
 * first line that needs csv-parse (a quoted field spanning lines, bad quoting) a parser pass reads
 * until the quotes balance at the end of a line, then plain splitting resumes. A quoting error
 * costs one line, not the rest of the file: the first non-empty line after the last clean record
 * is reported as broken, and a fresh parser is fed the lines after it again. Only lines not yet
 * confirmed by a clean record are kept for that, so memory stays bounded by one record
 * (MAX_RECORD_BYTES) however the file is broken.
 */
class CsvRowReader {
  private pass: ParsePass;
  /** True while a parser pass owns the input (between a line it must read and a balanced end). */
  private parsing = false;
  private openQuotes = 0;
  private unconfirmed: SourceLine[] = [];
  private partial = '';
  private nextLineNumber = 1;
  private events: CsvRowEvent[] = [];

  constructor(private readonly dialect: CsvDialect) {
    this.pass = new ParsePass(dialect, 0);
  }

  async push(text: string): Promise<CsvRowEvent[]> {
    const lines: SourceLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      lines.push({ number: this.nextLineNumber, text: this.partial + text.slice(start, end + 1) });
      this.nextLineNumber += 1;
      this.partial = '';
      start = end + 1;
    }
    this.partial += text.slice(start);
    // A line this long is passed on in pieces: a file without \n (old Mac \r endings, or no line
    // breaks at all) must not be held whole. The pieces keep the line's number.
    if (this.partial.length > PIECE_CHARS) {
      lines.push({ number: this.nextLineNumber, text: this.partial });
      this.partial = '';
    }
    await this.take(lines, false);
    if (this.parsing) {
      await this.pass.settled();
      this.feed(this.settle());
    }
    return this.takeEvents();
  }

  async end(): Promise<CsvRowEvent[]> {
    if (this.partial.length > 0) await this.take([{ number: this.nextLineNumber, text: this.partial }], true);
    this.partial = '';
    if (this.parsing) await this.finishPass();
    this.pass.destroy();
    return this.takeEvents();
  }

  /** Splits plain lines directly and hands the others, with what follows them, to a parser pass. */
  private async take(lines: SourceLine[], atEnd: boolean): Promise<void> {
    for (const line of lines) {
      const complete = atEnd || line.text.endsWith('\n');
      if (!this.parsing) {
        if (complete) {
          const raw = withoutBreak(line.text);
          if (raw.length === 0) continue;
          const fields = splitSimpleCsvLine(raw, this.dialect);
          if (fields) {
            this.events.push({ kind: 'row', fields, line: line.number, raw });
            continue;
          }
        }
        this.pass.destroy();
        this.pass = new ParsePass(this.dialect, line.number - 1);
        this.parsing = true;
        this.openQuotes = 0;
      }
      this.feed([line]);
      if (this.openQuotes % 2 === 0 && complete && !atEnd) await this.finishPass();
    }
  }

  /** Ends the parser pass (and the passes re-reading after a quoting error it reveals). */
  private async finishPass(): Promise<void> {
    for (let ended = false; !ended; ) {
      const pass = this.pass;
      await pass.end();
      this.feed(this.settle());
      ended = pass === this.pass;
    }
    this.unconfirmed = [];
    this.parsing = false;
  }

  private takeEvents(): CsvRowEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Writes lines in order; lines to re-read after a failure go first, on a stack so none is copied. */
  private feed(lines: SourceLine[]): void {
    const stack: Array<{ lines: SourceLine[]; next: number }> = [{ lines, next: 0 }];
    for (let top = stack[0]; top; top = stack[stack.length - 1]) {
      const line = top.lines[top.next];
      if (!line) {
        stack.pop();
        continue;
      }
      top.next += 1;
      this.unconfirmed.push(line);
      this.openQuotes += countQuotes(line.text, this.dialect.quote);
      this.pass.write(line.text);
      const replay = this.settle();
      if (replay.length > 0) stack.push({ lines: replay, next: 0 });
    }
  }

  /** Collects the pass's rows; after a failure, starts a new pass and returns the lines to re-read. */
  private settle(): SourceLine[] {
    for (const row of this.pass.takeRows()) this.events.push(row);
    const { failure } = this.pass;
    if (!failure) {
      let confirmed = 0;
      while (confirmed < this.unconfirmed.length && this.unconfirmed[confirmed]!.number <= this.pass.lastCleanLine) confirmed += 1;
      if (confirmed > 0) this.unconfirmed = this.unconfirmed.slice(confirmed);
      return [];
    }
    this.pass.destroy();
    // The new pass starts outside any quote; the lines it re-reads are counted again as fed.
    this.openQuotes = 0;
    const unread = this.unconfirmed.filter((line) => line.number > failure.afterLine);
    this.unconfirmed = [];
    const brokenAt = unread.findIndex((line) => withoutBreak(line.text).length > 0);
    const broken = unread[brokenAt];
    if (!broken) {
      // Only blank lines after the last clean record: nothing is lost.
      this.pass = new ParsePass(this.dialect, unread[unread.length - 1]?.number ?? failure.afterLine);
      return [];
    }
    this.events.push({ kind: 'broken', line: broken.number, text: clipRaw(withoutBreak(broken.text)), error: failure.error });
    this.pass = new ParsePass(this.dialect, broken.number);
    return unread.slice(brokenAt + 1).filter((line) => line.number !== broken.number);
  }
}

/** The rows of a CSV file, streamed a decoded chunk (some hundreds of rows) at a time. */
export async function* readCsvRowBatches(settings: TextFileSettings & CsvDialect): AsyncGenerator<CsvRowEvent[]> {
  const reader = new CsvRowReader(settings);
  for await (const text of readDecodedText(settings)) yield await reader.push(text);
  yield await reader.end();
}

/** The rows of a CSV file, one by one. */
export async function* readCsvRows(settings: TextFileSettings & CsvDialect): AsyncGenerator<CsvRowEvent> {
  for await (const batch of readCsvRowBatches(settings)) yield* batch;
}
