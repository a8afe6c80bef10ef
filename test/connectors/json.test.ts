import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonRecordsScanner } from '../../src/connectors/json-records-scanner';
import { JsonSyntaxError } from '../../src/connectors/json-scan-errors';
import { writeFixtureDir } from '../support/fixtures';
import { extractAll, extractFailure, recordValues, sourceConfig } from './extract';

function jsonFile(content: string, settings: Record<string, unknown> = {}) {
  const dir = writeFixtureDir({ 'customers.json': content });
  return sourceConfig({ kind: 'json', path: path.join(dir, 'customers.json'), ...settings });
}

function ndjsonFile(content: string) {
  const dir = writeFixtureDir({ 'customers.ndjson': content });
  return sourceConfig({ kind: 'ndjson', path: path.join(dir, 'customers.ndjson') });
}

/** Feeds `text` to a scanner in pieces cut at `cuts`, as a file read in chunks would. */
function scanInChunks(text: string, recordsPath: string[], cuts: number[]): unknown[] {
  const scanner = new JsonRecordsScanner(recordsPath);
  const points = [...new Set([0, ...cuts.map((cut) => cut % (text.length + 1)), text.length])].sort((a, b) => a - b);
  const values: unknown[] = [];
  for (let k = 1; k < points.length; k += 1) {
    for (const element of scanner.write(text.slice(points[k - 1], points[k]))) values.push(element.value);
  }
  scanner.end();
  return values;
}

describe('NDJSON connector', () => {
  it('reads one record per line, located by line, skipping blank lines', async () => {
    const items = await extractAll(ndjsonFile('{"id":1,"email":"a@example.com"}\n\n{"id":2,"email":"b@example.com"}\r\n'));
    expect(items).toEqual([
      { kind: 'record', location: 'customers.ndjson:1', values: { id: 1, email: 'a@example.com' } },
      { kind: 'record', location: 'customers.ndjson:3', values: { id: 2, email: 'b@example.com' } },
    ]);
  });

  it('yields an invalid JSON line as malformed with its line and the parse error, and reads on', async () => {
    const items = await extractAll(ndjsonFile('{"id":1}\n{"id":2,\n{"id":3}\n'));
    expect(items[1]).toMatchObject({ kind: 'malformed', location: 'customers.ndjson:2', raw: '{"id":2,', reason: expect.stringMatching(/^invalid JSON: /) });
    expect(recordValues(items)).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('yields a line holding valid JSON that is not an object as malformed', async () => {
    const items = await extractAll(ndjsonFile('[1,2]\n"text"\n'));
    expect(items).toEqual([
      { kind: 'malformed', location: 'customers.ndjson:1', reason: 'expected a JSON object, found an array', raw: '[1,2]' },
      { kind: 'malformed', location: 'customers.ndjson:2', reason: 'expected a JSON object, found a string', raw: '"text"' },
    ]);
  });
});

describe('JSON connector', () => {
  it('reads a top-level array, locating each record by its index', async () => {
    const items = await extractAll(jsonFile('[{"id":1},\n {"id":2}]'));
    expect(items).toEqual([
      { kind: 'record', location: 'customers.json#[0]', values: { id: 1 } },
      { kind: 'record', location: 'customers.json#[1]', values: { id: 2 } },
    ]);
  });

  it('reads the array at a nested recordsPath, skipping look-alike keys elsewhere', async () => {
    const document = {
      meta: { customers: [{ id: 'decoy' }], note: 'brackets ] } [ { and "quotes" \\ inside' },
      data: { total: 2, customers: [{ id: 1, tags: ['a', { b: null }] }, { id: 2, name: 'Zoë "Z" Müller' }], more: [1, 2.5e3, true] },
      after: 'ignored',
    };
    const items = await extractAll(jsonFile(JSON.stringify(document, null, 2), { recordsPath: 'data.customers' }));
    expect(recordValues(items)).toEqual(document.data.customers);
  });

  it('reads an empty array as zero records', async () => {
    expect(await extractAll(jsonFile('{"data": {"customers": [ ]}}', { recordsPath: 'data.customers' }))).toEqual([]);
  });

  it('yields an element that is not an object as malformed', async () => {
    const items = await extractAll(jsonFile('[{"id":1}, 42, "x"]'));
    expect(items.slice(1)).toEqual([
      { kind: 'malformed', location: 'customers.json#[1]', reason: 'expected a JSON object, found a number', raw: '42' },
      { kind: 'malformed', location: 'customers.json#[2]', reason: 'expected a JSON object, found a string', raw: '"x"' },
    ]);
  });

  it('fails naming the file and the recordsPath when the path is missing', async () => {
    const { error } = await extractFailure(jsonFile('{"data": {"clients": []}}', { recordsPath: 'data.customers' }));
    expect(error.message).toBe('source "crm" at customers.json: no "customers" in "data" (recordsPath "data.customers")');
  });

  it('fails naming the path when it holds something other than an array', async () => {
    const { error } = await extractFailure(jsonFile('{"data": {"customers": {"id": 1}}}', { recordsPath: 'data.customers' }));
    expect(error.message).toBe('source "crm" at customers.json: "data.customers" is an object, not an array of records (recordsPath "data.customers")');
  });

  it('fails a top-level object without recordsPath, saying to set it', async () => {
    const { error } = await extractFailure(jsonFile('{"customers": []}'));
    expect(error.message).toContain('the top-level value is an object, not an array of records; set recordsPath');
  });

  it('fails a truncated file naming the file, line and column where it ends', async () => {
    const { error, items } = await extractFailure(jsonFile('[\n  {"id": 1},\n  {"id": 2, "na'));
    expect(items).toHaveLength(1);
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toBe('source "crm" at customers.json:3:16: invalid JSON: unexpected end of file inside record [1]: the JSON document is incomplete (truncated?)');
  });

  it('fails invalid JSON inside a record at the position of the bad token', async () => {
    const { error } = await extractFailure(jsonFile('[\n  {"id": 1},\n  {"id": 2 "name": "x"}\n]'));
    expect(error.message).toMatch(/^source "crm" at customers\.json:3:12: invalid JSON: .* \(in record \[1\]\)$/);
  });

  it('fails invalid JSON inside a record at the record when the parser gives no position', async () => {
    const { error } = await extractFailure(jsonFile('[\n  {"id": 1},\n  {"id": 2, "name": x}\n]'));
    expect(error.message).toMatch(/^source "crm" at customers\.json:3:3: invalid JSON: Unexpected token .* \(in record \[1\], which starts here\)$/);
  });

  it('fails invalid JSON outside the records with its position', async () => {
    const { error } = await extractFailure(jsonFile('{"meta": {"a" 1}, "data": []}', { recordsPath: 'data' }));
    expect(error.message).toBe(`source "crm" at customers.json:1:15: invalid JSON: expected ':'`);
  });

  it('fails an empty file', async () => {
    const { error } = await extractFailure(jsonFile(''));
    expect(error.message).toContain('the file holds no JSON value (it is empty)');
  });

  it('streams a file much larger than one read chunk', async () => {
    const records = Array.from({ length: 30_000 }, (_, i) => ({ id: i, name: `名字 "${i}" {[` }));
    const items = await extractAll(jsonFile(JSON.stringify({ customers: records }), { recordsPath: 'customers' }));
    expect(recordValues(items)).toEqual(records);
  });
});

describe('JSON records scanner', () => {
  const records = fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 8 });

  it('yields exactly the elements JSON.parse sees, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(records, fc.jsonValue(), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(0, 2), (array, other, cuts, indent) => {
        const text = JSON.stringify({ other, wrapper: { list: array }, tail: other }, null, indent);
        // Compared with what JSON.parse makes of the text, not with the generated values: -0 prints as 0.
        const parsed = (JSON.parse(text) as { wrapper: { list: unknown[] } }).wrapper.list;
        expect(scanInChunks(text, ['wrapper', 'list'], cuts)).toEqual(parsed);
      }),
    );
  });

  it('never accepts a document cut short', () => {
    fc.assert(
      fc.property(records, fc.nat(), (array, cut) => {
        const text = JSON.stringify({ data: array });
        const truncated = text.slice(0, cut % text.length);
        expect(() => scanInChunks(truncated, ['data'], [])).toThrow();
      }),
    );
  });

  it('reports a cut inside a record as a syntax error', () => {
    expect(() => scanInChunks('[{"a": [1, 2', [], [])).toThrow(JsonSyntaxError);
  });
});
