import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/connectors/rest-request';
import { extractAll, extractFailure, recordValues, sourceConfig } from './extract';
import { customers, sendJson, TestApi } from './test-api';

let api: TestApi;
beforeAll(async () => {
  api = await TestApi.start();
});
afterAll(async () => api?.close());

const TOTAL = 5;

function restSource(settings: Record<string, unknown> = {}) {
  return sourceConfig({ kind: 'rest', url: `${api.url}/customers`, backoffMs: 5, retries: 3, ...settings });
}

const ids = (values: Record<string, unknown>[]) => values.map((value) => value.id);

describe('REST connector: pagination', () => {
  it('reads page by page until an empty page, locating records by page and index', async () => {
    api.handle((request, response) => {
      const page = Number(request.url.searchParams.get('page'));
      const size = Number(request.url.searchParams.get('per_page'));
      sendJson(response, { data: customers((page - 1) * size + 1, Math.max(0, Math.min(size, TOTAL - (page - 1) * size))) });
    });
    const items = await extractAll(restSource({ recordsPath: 'data', pagination: { style: 'page', size: 2 } }));
    expect(ids(recordValues(items))).toEqual([1, 2, 3, 4, 5]);
    expect(items.map((item) => item.location)).toEqual(['page 1 #0', 'page 1 #1', 'page 2 #0', 'page 2 #1', 'page 3 #0']);
    expect(api.requests.map((request) => request.url.search)).toEqual(['?page=1&per_page=2', '?page=2&per_page=2', '?page=3&per_page=2', '?page=4&per_page=2']);
  });

  it('reads by offset, advancing by the number of records each page returned', async () => {
    api.handle((request, response) => {
      const offset = Number(request.url.searchParams.get('offset'));
      sendJson(response, customers(offset + 1, Math.max(0, Math.min(2, TOTAL - offset))));
    });
    const items = await extractAll(restSource({ pagination: { style: 'offset', limit: 3 } }));
    expect(ids(recordValues(items))).toEqual([1, 2, 3, 4, 5]);
    expect(items[2]?.location).toBe('offset 2 #0');
    expect(api.requests.map((request) => request.url.searchParams.get('offset'))).toEqual(['0', '2', '4', '5']);
  });

  it('follows a cursor from the body until the API gives none', async () => {
    api.handle((request, response) => {
      const after = Number(request.url.searchParams.get('after') ?? 0);
      const next = after + 2 < TOTAL ? String(after + 2) : null;
      sendJson(response, { items: customers(after + 1, Math.min(2, TOTAL - after)), meta: { next_cursor: next } });
    });
    const items = await extractAll(restSource({ recordsPath: 'items', pagination: { style: 'cursor', cursorPath: 'meta.next_cursor', cursorParam: 'after' } }));
    expect(ids(recordValues(items))).toEqual([1, 2, 3, 4, 5]);
    expect(items.map((item) => item.location)).toEqual(['page 1 #0', 'page 1 #1', 'cursor 2 #0', 'cursor 2 #1', 'cursor 4 #0']);
  });

  it('follows Link rel="next" headers, relative ones included', async () => {
    api.handle((request, response) => {
      const page = Number(request.url.searchParams.get('p') ?? 1);
      const link = page < 3 ? `</customers?p=${page + 1}>; rel="next", </customers?p=3>; rel="last"` : '</customers?p=1>; rel="first"';
      sendJson(response, customers(page * 10, 1), 200, { link });
    });
    const items = await extractAll(restSource({ pagination: { style: 'link' } }));
    expect(ids(recordValues(items))).toEqual([10, 20, 30]);
    expect(items[2]?.location).toBe('page 3 #0');
  });

  it('makes a single request without pagination', async () => {
    api.handle((_request, response) => sendJson(response, { result: { customers: customers(1, 3) } }));
    const items = await extractAll(restSource({ recordsPath: 'result.customers' }));
    expect(ids(recordValues(items))).toEqual([1, 2, 3]);
    expect(api.requests).toHaveLength(1);
  });

  it('stops with an error when the API repeats the same cursor forever', async () => {
    api.handle((_request, response) => sendJson(response, { items: customers(api.requests.length, 1), next: 'abc' }));
    const { error } = await extractFailure(restSource({ recordsPath: 'items', pagination: { style: 'cursor', cursorPath: 'next' } }));
    expect(error.message).toBe('source "crm" at cursor abc: the API returned cursor "abc" a second time; stopping instead of looping forever');
    expect(api.requests).toHaveLength(2);
  });

  it('stops with an error when the API ignores the page parameter and repeats the same page', async () => {
    api.handle((_request, response) => sendJson(response, customers(1, 2)));
    const { error } = await extractFailure(restSource({ pagination: { style: 'page', size: 2 } }));
    expect(error.message).toContain('source "crm" at page 2: GET ');
    expect(error.message).toContain('returned the same records as the page before');
  });

  it('refuses to send credentials to a next link on another origin', async () => {
    process.env.CG_TEST_TOKEN = 't0ken';
    api.handle((_request, response) => sendJson(response, customers(1, 1), 200, { link: '<http://example.org/customers?p=2>; rel="next"' }));
    try {
      const { error } = await extractFailure(restSource({ pagination: { style: 'link' }, auth: { env: 'CG_TEST_TOKEN' } }));
      expect(error.message).toContain('the next link points to another origin (http://example.org)');
    } finally {
      delete process.env.CG_TEST_TOKEN;
    }
  });

  it('yields a record that is not an object as malformed', async () => {
    api.handle((_request, response) => sendJson(response, [{ id: 1 }, 'oops']));
    const items = await extractAll(restSource());
    expect(items[1]).toEqual({ kind: 'malformed', location: 'page 1 #1', reason: 'expected a JSON object, found a string', raw: '"oops"' });
  });

  it('fails naming recordsPath when the response has no array there', async () => {
    api.handle((_request, response) => sendJson(response, { data: { id: 1 } }));
    const { error } = await extractFailure(restSource({ recordsPath: 'data' }));
    expect(error.message).toContain('expected an array of records at "data" in the response from GET');
    expect(error.message).toContain('found an object');
  });
});

describe('REST connector: retries and failures', () => {
  it('retries two 500s and succeeds on the third request', async () => {
    api.handle((_request, response) => {
      if (api.requests.length <= 2) return void response.writeHead(500).end('boom');
      sendJson(response, customers(1, 2));
    });
    const items = await extractAll(restSource());
    expect(ids(recordValues(items))).toEqual([1, 2]);
    expect(api.requests).toHaveLength(3);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    api.handle((_request, response) => {
      if (api.requests.length === 1) return void response.writeHead(429, { 'retry-after': '1' }).end();
      sendJson(response, customers(1, 1));
    });
    const items = await extractAll(restSource());
    expect(items).toHaveLength(1);
    const [first, second] = api.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:02 GMT', now)).toBe(2000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('fails at once on a 404, naming the status and the URL', async () => {
    api.handle((_request, response) => sendJson(response, { error: 'no such list' }, 404));
    const { error } = await extractFailure(restSource());
    expect(api.requests).toHaveLength(1);
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toBe(`source "crm" at page 1: HTTP 404 Not Found from GET ${api.url}/customers (content-type application/json): {"error":"no such list"}`);
  });

  it('gives up after the configured retries on a server that keeps failing', async () => {
    api.handle((_request, response) => void response.writeHead(503).end());
    const { error } = await extractFailure(restSource({ retries: 2 }));
    expect(api.requests).toHaveLength(3);
    expect(error.message).toContain('gave up after 3 attempts: HTTP 503');
  });

  it('retries a request that times out', async () => {
    api.handle((_request, response) => {
      if (api.requests.length === 1) return void setTimeout(() => sendJson(response, []), 1000);
      sendJson(response, customers(1, 1));
    });
    const items = await extractAll(restSource({ timeoutMs: 200 }));
    expect(items).toHaveLength(1);
    expect(api.requests).toHaveLength(2);
  });

  it('retries and then fails naming the URL when nothing listens', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const { error } = await extractFailure(sourceConfig({ kind: 'rest', url: `http://127.0.0.1:${port}/customers?api_key=secret123`, retries: 1, backoffMs: 1 }));
    expect(error.message).toContain(`gave up after 2 attempts: GET http://127.0.0.1:${port}/customers?api_key=***`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('secret123');
  });

  it('fails clearly on an HTML page instead of JSON', async () => {
    api.handle((_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Sign in</title></head></html>'));
    const { error } = await extractFailure(restSource());
    expect(error.message).toBe(`source "crm" at page 1: expected JSON but got an HTML page titled "Sign in"; response: HTTP 200 OK from GET ${api.url}/customers (content-type text/html)`);
  });

  it('fails clearly on a truncated JSON body', async () => {
    api.handle((_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [{"id": 1}, {"id'));
    const { error } = await extractFailure(restSource({ recordsPath: 'data', pagination: { style: 'page' } }));
    expect(error.message).toMatch(/^source "crm" at page 1: invalid JSON in the response body \(truncated\?\): .*, body of 25 characters; response: HTTP 200 OK from GET .*\/customers\?page=1&per_page=100 \(content-type application\/json\)$/);
  });
});

describe('REST connector: credentials and incremental reads', () => {
  it('sends the auth header built from the environment variable', async () => {
    process.env.CG_TEST_API_KEY = 'k-123';
    api.handle((_request, response) => sendJson(response, []));
    try {
      await extractAll(restSource({ auth: { env: 'CG_TEST_API_KEY', header: 'X-Api-Key', prefix: '' } }));
      expect(api.requests[0]?.headers['x-api-key']).toBe('k-123');
    } finally {
      delete process.env.CG_TEST_API_KEY;
    }
  });

  it('fails before any request when the auth environment variable is not set', async () => {
    api.handle((_request, response) => sendJson(response, []));
    const { error } = await extractFailure(restSource({ auth: { env: 'CG_TEST_MISSING_TOKEN' } }));
    expect(error.message).toBe('source "crm" at auth.env CG_TEST_MISSING_TOKEN: environment variable CG_TEST_MISSING_TOKEN is not set (it holds the Authorization credential)');
    expect(api.requests).toHaveLength(0);
  });

  it('sends the stored watermark as the since parameter and carries the field as each record watermark', async () => {
    api.handle((_request, response) =>
      sendJson(response, [
        { id: 1, updated_at: '2024-05-02T00:00:00Z' },
        { id: 2, updated_at: '2024-05-03T00:00:00Z' },
      ]),
    );
    const items = await extractAll(restSource({ since: { param: 'updated_since', field: 'updated_at' } }), { watermark: '2024-05-01T00:00:00Z' });
    expect(api.requests[0]?.url.searchParams.get('updated_since')).toBe('2024-05-01T00:00:00Z');
    expect(items.map((item) => (item.kind === 'record' ? item.watermark : undefined))).toEqual(['2024-05-02T00:00:00Z', '2024-05-03T00:00:00Z']);
  });

  it('never lets a record watermark fall behind one already seen in the read', async () => {
    api.handle((_request, response) => sendJson(response, [{ id: 2, updated_at: '2024-05-03' }, { id: 1, updated_at: '2024-05-02' }]));
    const items = await extractAll(restSource({ since: { param: 'since', field: 'updated_at' } }));
    expect(items.map((item) => (item.kind === 'record' ? item.watermark : undefined))).toEqual(['2024-05-03', '2024-05-03']);
    expect(api.requests[0]?.url.searchParams.has('since')).toBe(false);
  });
});
