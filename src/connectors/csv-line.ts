import type { CsvDialect } from './csv-rows';

/**
 * The fields of one complete CSV line (its line break already removed), for the lines that need
 * no judgement: unquoted fields, and quoted fields that close on the same line with `""` escapes.
 * Anything else (a quote inside an unquoted field, text after a closing quote, a quoted field
 * running onto the next line, a stray carriage return) gives null, and the line goes to
 * csv-parse, whose rules and error reporting stay the reference. Splitting here costs a fraction
 * of csv-parse's per-record bookkeeping, which dominated the load of a large export.
 */
export function splitSimpleCsvLine(line: string, dialect: CsvDialect): string[] | null {
  const { delimiter, quote } = dialect;
  if (line.includes('\r')) return null;
  const fields: string[] = [];
  const length = line.length;
  let at = 0;
  for (;;) {
    if (line.startsWith(quote, at)) {
      const value = readQuoted(line, at + 1, quote);
      if (value === null) return null;
      fields.push(value.text);
      at = value.end;
      if (at === length) return fields;
      if (!line.startsWith(delimiter, at)) return null;
      at += delimiter.length;
      continue;
    }
    const end = line.indexOf(delimiter, at);
    const field = end === -1 ? line.slice(at) : line.slice(at, end);
    if (field.includes(quote)) return null;
    fields.push(field);
    if (end === -1) return fields;
    at = end + delimiter.length;
  }
}

/** A quoted field starting after its opening quote: its text and the index after its closing quote. */
function readQuoted(line: string, start: number, quote: string): { text: string; end: number } | null {
  // csv-parse's escape character is `"` whatever the quote; with another quote character such
  // fields are left to it.
  if (quote !== '"' && line.includes('"', start)) return null;
  let text = '';
  let from = start;
  for (;;) {
    const close = line.indexOf(quote, from);
    if (close === -1) return null;
    if (line.startsWith(quote, close + 1)) {
      text += line.slice(from, close + 1);
      from = close + 2;
      continue;
    }
    return { text: text + line.slice(from, close), end: close + 1 };
  }
}

/** Quote characters in a line: an odd running count means a quoted field is still open. */
export function countQuotes(line: string, quote: string): number {
  let count = 0;
  for (let at = line.indexOf(quote); at !== -1; at = line.indexOf(quote, at + 1)) count += 1;
  return count;
}
