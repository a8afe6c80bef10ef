import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitSimpleCsvLine } from '../../src/connectors/csv-line';
import { readCsvRows } from '../../src/connectors/csv-rows';
import { writeFixtureDir } from '../support/fixtures';

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

describe('reading a file that mixes plain lines with lines csv-parse must read', () => {
  it('gives the same rows, with their first line numbers, as csv-parse over the whole file', async () => {
    const lines = [
      'id,name,note',
      '1,Ann,plain',
      '2,"Bo ""the"" Kim","spans',
      'two lines"',
      '3,Cy,"quoted, comma"',
      '',
      '4,"Di',
      '',
      'with a blank line inside",x',
      '5,Ed,last',
    ];
    const dir = writeFixtureDir({ 'a.csv': `${lines.join('\n')}\n` });
    const rows: { fields: string[]; line: number }[] = [];
    for await (const event of readCsvRows({ name: 'crm', path: `${dir}/a.csv`, encoding: 'utf-8', ...comma })) {
      if (event.kind === 'row') rows.push({ fields: event.fields, line: event.line });
    }
    const expected = parse(`${lines.join('\n')}\n`, { skip_empty_lines: true, relax_column_count: true }) as string[][];
    expect(rows.map((row) => row.fields)).toEqual(expected);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 5, 7, 10]);
  });
});
