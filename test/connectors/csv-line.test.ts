import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitSimpleCsvLine } from '../../src/connectors/csv-line';

const comma = { delimiter: ',', quote: '"' };

/** What csv-parse itself makes of one line, as the reference. */
function reference(line: string, dialect = comma): string[] {
  return (parse(line, { delimiter: dialect.delimiter, quote: dialect.quote, relax_column_count: true }) as string[][])[0] ?? [];
}

describe('splitting plain CSV lines without csv-parse', () => {
  it.each([
    'a,b,c',
    'a,,c,',
    ',',
    '"quoted, with comma",plain',
    '"with ""escaped"" quotes",x',
    '"",""',
    'unicode 王小明,"Müller, Anna"',
    '  spaced  , fields ',
  ])('agrees with csv-parse on %j', (line) => {
    expect(splitSimpleCsvLine(line, comma)).toEqual(reference(line));
  });

  it('agrees with csv-parse for a two-character delimiter and another quote character', () => {
    const dialect = { delimiter: '||', quote: "'" };
    const line = "a||'b || c'||d";
    expect(splitSimpleCsvLine(line, dialect)).toEqual(reference(line, dialect));
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b"c,d'],
    ['text after a closing quote', '"a"b,c'],
    ['a quoted field left open on its line', '"a,b'],
    ['a carriage return inside the line', 'a\rb,c'],
    ['a double quote inside a field quoted with another character', "'a\"b',c"],
  ])('leaves %s to csv-parse', (_what, line) => {
    expect(splitSimpleCsvLine(line, _what.includes('another') ? { delimiter: ',', quote: "'" } : comma)).toBeNull();
  });
});
