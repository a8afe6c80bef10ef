import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { writeFixtureDir } from '../support/fixtures';
import { extractAll, extractFailure, recordValues, sourceConfig } from './extract';

const HEADER = 'id,name,email';

function csvFile(content: string | Buffer, settings: Record<string, unknown> = {}) {
  const dir = writeFixtureDir({});
  const file = path.join(dir, 'customers.csv');
  fs.writeFileSync(file, content);
  return sourceConfig({ kind: 'csv', path: file, mapping: { name: 'fullName', email: 'email' }, ...settings });
}

describe('CSV connector: encodings', () => {
  it('reads UTF-8 rows as records keyed by header column, located by file and line', async () => {
    const items = await extractAll(csvFile(`${HEADER}\n1,Ann Lee,ann@example.com\n2,Bo Kim,bo@example.com\n`));
    expect(items).toEqual([
      { kind: 'record', location: 'customers.csv:2', values: { id: '1', name: 'Ann Lee', email: 'ann@example.com' } },
      { kind: 'record', location: 'customers.csv:3', values: { id: '2', name: 'Bo Kim', email: 'bo@example.com' } },
    ]);
  });

  it('drops a UTF-8 byte order mark so the first column keeps its name', async () => {
    const items = await extractAll(csvFile(`\uFEFF${HEADER}\n1,Ann,ann@example.com\n`));
    expect(recordValues(items)).toEqual([{ id: '1', name: 'Ann', email: 'ann@example.com' }]);
  });

  it('decodes a GBK export from a Chinese back office', async () => {
    const content = iconv.encode(`${HEADER}\n1,王小明,wang@example.cn\n2,李娜,li@example.cn\n`, 'gbk');
    const items = await extractAll(csvFile(content, { encoding: 'gbk' }));
    expect(recordValues(items).map((values) => values.name)).toEqual(['王小明', '李娜']);
  });

  it('decodes GB18030, including characters GBK cannot encode', async () => {
    const content = iconv.encode(`${HEADER}\n1,𠮷野家,y@example.cn\n`, 'gb18030');
    const items = await extractAll(csvFile(content, { encoding: 'gb18030' }));
    expect(recordValues(items)).toEqual([{ id: '1', name: '𠮷野家', email: 'y@example.cn' }]);
  });

  it('decodes UTF-16LE with a byte order mark', async () => {
    const content = iconv.encode(`${HEADER}\r\n1,Zoë Müller,zoe@example.de\r\n`, 'utf-16le', { addBOM: true });
    const items = await extractAll(csvFile(content, { encoding: 'utf-16le' }));
    expect(recordValues(items)).toEqual([{ id: '1', name: 'Zoë Müller', email: 'zoe@example.de' }]);
  });

  it('decodes UTF-16BE without a byte order mark when the source says so', async () => {
    const content = iconv.encode(`${HEADER}\n1,王小明,wang@example.cn\n`, 'utf-16be');
    const items = await extractAll(csvFile(content, { encoding: 'utf-16be' }));
    expect(recordValues(items)).toEqual([{ id: '1', name: '王小明', email: 'wang@example.cn' }]);
  });

  it('follows a UTF-16 byte order mark even when the configured encoding is the utf-8 default', async () => {
    const content = iconv.encode(`${HEADER}\n1,Ann,ann@example.com\n`, 'utf-16be', { addBOM: true });
    const items = await extractAll(csvFile(content));
    expect(recordValues(items)).toEqual([{ id: '1', name: 'Ann', email: 'ann@example.com' }]);
  });

  it('decodes multi-byte characters split across read chunks', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},王小明${i},w${i}@example.cn`);
    const items = await extractAll(csvFile(`${HEADER}\n${rows.join('\n')}\n`));
    expect(items).toHaveLength(20_000);
    expect(items.every((item) => item.kind === 'record' && String(item.values.name).startsWith('王小明'))).toBe(true);
  });

  it('refuses invalid UTF-8 with the file, the line and the encoding setting to change', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n1,Ann,ann@example.com\n2,Ren`), Buffer.from([0xe9]), Buffer.from(',rene@example.fr\n')]);
    const { error } = await extractFailure(csvFile(latin1));
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toMatch(/^source "crm" at customers\.csv:3: invalid UTF-8 byte 0xE9 at byte offset 41/);
    expect(error.message).toContain('set "encoding" in the source config');
  });

  it('names the right line for invalid UTF-8 far into a large file', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i},Ann,ann${i}@example.com`);
    const content = Buffer.concat([Buffer.from(`${HEADER}\n${rows.join('\n')}\n9,G`), Buffer.from('王', 'utf8').subarray(0, 2), Buffer.from(',x@example.com\n')]);
    const { error } = await extractFailure(csvFile(content));
    expect(error.message).toContain('customers.csv:5002: invalid UTF-8');
  });

  it('refuses bytes that are not valid GBK instead of loading replacement characters', async () => {
    const content = Buffer.concat([iconv.encode(`${HEADER}\n1,王,w@example.cn\n2,`, 'gbk'), Buffer.from([0xff, 0xff]), Buffer.from(',x@example.cn\n')]);
    const { error } = await extractFailure(csvFile(content, { encoding: 'gbk' }));
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toContain('customers.csv:3: bytes that are not valid gbk');
  });
});

describe('CSV connector: empty and broken files', () => {
  it('fails an empty file as having no header row', async () => {
    const { error } = await extractFailure(csvFile(''));
    expect(error.message).toBe('source "crm" at customers.csv:1: file is empty (no header row)');
  });

  it('reads a header-only file as zero records', async () => {
    expect(await extractAll(csvFile(`${HEADER}\n`))).toEqual([]);
  });

  it('fails with SOURCE_NOT_FOUND naming a file that does not exist', async () => {
    const source = sourceConfig({ kind: 'csv', path: '/nonexistent/customers.csv', mapping: { email: 'email' } });
    const { error } = await extractFailure(source);
    expect(error.code).toBe('SOURCE_NOT_FOUND');
    expect(error.message).toContain('/nonexistent/customers.csv');
  });

  it('fails naming the column the header lacks', async () => {
    const { error } = await extractFailure(csvFile('id,name\n1,Ann\n'));
    expect(error.message).toBe('source "crm" at customers.csv:1, field "email": header has no column "email"');
  });

  it('yields a row with the wrong number of columns as malformed with its raw text', async () => {
    const items = await extractAll(csvFile(`${HEADER}\n1,Ann,ann@example.com\n2,Bo\n`));
    expect(items[1]).toEqual({ kind: 'malformed', location: 'customers.csv:3', reason: 'expected 3 columns, found 2', raw: '2,Bo' });
  });

  it('locates a record with a quoted line break at its first line', async () => {
    const items = await extractAll(csvFile(`${HEADER}\n1,"Ann\nLee",ann@example.com\n2,Bo,bo@example.com\n`));
    expect(items.map((item) => item.location)).toEqual(['customers.csv:2', 'customers.csv:4']);
    expect(recordValues(items)[0]?.name).toBe('Ann\nLee');
  });

  it('locates records of a CRLF file at their first line when quoted fields hold line breaks', async () => {
    const items = await extractAll(csvFile(`${HEADER}\r\n1,"Ann\r\nLee",a@example.com\r\n2,Bo,b@example.com\r\n3,"A\r\nB\r\nC",c@example.com\r\n4,Di,d@example.com\r\n`));
    expect(items.map((item) => item.location)).toEqual(['customers.csv:2', 'customers.csv:4', 'customers.csv:5', 'customers.csv:8']);
    expect(recordValues(items).map((values) => values.email)).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
  });

  it('yields an unterminated quote as malformed with its line, keeping the rows before and after it', async () => {
    const items = await extractAll(csvFile(`${HEADER}\n1,Ann,ann@example.com\n2,"Bo Kim,bo@example.com\n3,Cy,cy@example.com\n`));
    expect(items).toEqual([
      { kind: 'record', location: 'customers.csv:2', values: { id: '1', name: 'Ann', email: 'ann@example.com' } },
      expect.objectContaining({ kind: 'malformed', location: 'customers.csv:3', raw: '2,"Bo Kim,bo@example.com' }),
      { kind: 'record', location: 'customers.csv:4', values: { id: '3', name: 'Cy', email: 'cy@example.com' } },
    ]);
    expect(items[1]).toMatchObject({ reason: expect.stringContaining('never closed') });
  });

  it('yields a stray closing quote as malformed and reads on', async () => {
    const items = await extractAll(csvFile(`${HEADER}\n1,"Ann" Lee,ann@example.com\n2,Bo,bo@example.com\n`));
    expect(items.map((item) => [item.kind, item.location])).toEqual([
      ['malformed', 'customers.csv:2'],
      ['record', 'customers.csv:3'],
    ]);
  });

  it('loses no row after an unterminated quote near the top of a large file', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i + 10},Name ${i},n${i}@example.com`);
    const items = await extractAll(csvFile(`${HEADER}\n1,"Ann,ann@example.com\n${rows.join('\n')}\n`));
    expect(items[0]).toMatchObject({ kind: 'malformed', location: 'customers.csv:2' });
    expect(recordValues(items)).toHaveLength(50_000);
  });

  it('fails when the header row itself has an unterminated quote', async () => {
    const { error } = await extractFailure(csvFile(`id,"name,email\n1,Ann,ann@example.com\n`));
    expect(error.message).toMatch(/^source "crm" at customers\.csv:1: the header row cannot be read/);
  });
});
