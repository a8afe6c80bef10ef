import { createHash } from 'node:crypto';
import type { RestSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import { describeJsonType, isJsonObject } from './json-values';
import { createPager } from './rest-pagination';
import { displayUrl, fetchJson, type JsonResponse, type PageRequest } from './rest-request';
import { clipRaw } from './raw-text';
import { readPath, type Connector, type ExtractedItem, type ExtractState } from './types';

type RestSettings = Pick<RestSourceConfig, 'name' | 'url' | 'recordsPath' | 'pagination' | 'auth' | 'timeoutMs' | 'retries' | 'backoffMs' | 'since'>;

/** Numbers compare as numbers, anything else as text (ISO 8601 UTC timestamps order correctly). */
function laterWatermark(current: unknown, candidate: unknown): unknown {
  if (candidate === undefined || candidate === null || candidate === '') return current;
  if (current === undefined) return candidate;
  if (typeof current === 'number' && typeof candidate === 'number') return candidate > current ? candidate : current;
  return String(candidate) > String(current) ? candidate : current;
}

/**
 * Paginated JSON over HTTP (see RestPagination for the styles). Each page's records are at
 * `recordsPath`; the read stops at an empty page or when the API gives no next cursor or link.
 * With `since`, the stored watermark is sent as `since.param` and each record carries the highest
 * `since.field` seen so far in the read, so the stored watermark never moves backwards even when
 * the API does not return records in that order.
 */
export class RestConnector implements Connector {
  constructor(private readonly settings: RestSettings) {}

  async *extract(state?: ExtractState): AsyncIterable<ExtractedItem> {
    const { settings } = this;
    const headers = this.requestHeaders();
    const base = new URL(settings.url);
    if (settings.since && state?.watermark) base.searchParams.set(settings.since.param, state.watermark);
    const pager = createPager(settings.pagination, base, { source: settings.name, credentialOrigin: settings.auth ? base.origin : undefined });
    const policy = { timeoutMs: settings.timeoutMs, retries: settings.retries, backoffMs: settings.backoffMs };
    let request: PageRequest | undefined = pager.first();
    let previousPage: string | undefined;
    let watermark: unknown;
    while (request) {
      const response = await fetchJson(settings.name, request, headers, policy);
      const records = this.recordsOf(request, response);
      const fingerprint = createHash('sha1').update(JSON.stringify(records)).digest('hex');
      if (records.length > 0 && fingerprint === previousPage) {
        throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: request.label }, `GET ${displayUrl(request.url)} returned the same records as the page before; the API seems to ignore the pagination parameters`);
      }
      previousPage = fingerprint;
      for (const [index, record] of records.entries()) {
        const location = `${request.label} #${index}`;
        if (!isJsonObject(record)) {
          yield { kind: 'malformed', location, reason: `expected a JSON object, found ${describeJsonType(record)}`, raw: clipRaw(JSON.stringify(record)) };
          continue;
        }
        if (settings.since) watermark = laterWatermark(watermark, readPath(record, settings.since.field));
        yield { kind: 'record', location, values: record, ...(watermark === undefined ? {} : { watermark: String(watermark) }) };
      }
      request = records.length === 0 ? undefined : pager.next(request, response, records.length);
    }
  }

  private requestHeaders(): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const { auth } = this.settings;
    if (!auth) return headers;
    const secret = process.env[auth.env];
    if (!secret) {
      throw new SourceError('CONFIG_INVALID', { source: this.settings.name, position: `auth.env ${auth.env}` }, `environment variable ${auth.env} is not set (it holds the ${auth.header} credential)`);
    }
    headers[auth.header] = `${auth.prefix}${secret}`;
    return headers;
  }

  private recordsOf(request: PageRequest, response: JsonResponse): unknown[] {
    const { recordsPath } = this.settings;
    const records = recordsPath === undefined ? response.body : isJsonObject(response.body) ? readPath(response.body, recordsPath) : undefined;
    if (Array.isArray(records)) return records;
    const where = recordsPath === undefined ? 'the response body' : `"${recordsPath}"`;
    const hint = recordsPath === undefined ? '; set recordsPath to where the array is' : '';
    const found = records === undefined ? 'nothing' : describeJsonType(records);
    throw new SourceError('SOURCE_UNREADABLE', { source: this.settings.name, position: request.label }, `expected an array of records at ${where} in the response from GET ${displayUrl(request.url)}, found ${found}${hint}`);
  }
}
