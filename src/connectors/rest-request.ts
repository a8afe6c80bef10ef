import { SourceError } from '../errors';

/** Longest wait between attempts, whatever Retry-After or the backoff says. */
export const MAX_RETRY_WAIT_MS = 60_000;

export interface RetryPolicy {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

export interface PageRequest {
  url: URL;
  /** `page 3`, `offset 200`, `cursor abc`: where in the source, for locations and errors. */
  label: string;
}

export interface JsonResponse {
  body: unknown;
  headers: Headers;
}

const SECRET_PARAM = /key|token|secret|password|passwd|signature|sig|auth|credential/i;

/** The URL as shown in messages: no user info, secret-looking query parameters masked. */
export function displayUrl(url: URL): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  for (const name of [...shown.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) shown.searchParams.set(name, '***');
  }
  return shown.toString();
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Attempt =
  | { kind: 'response'; response: Response; text: string }
  | { kind: 'network'; detail: string };

function networkDetail(error: unknown, timeoutMs: number): string {
  const failure = error as Error & { cause?: { message?: string; code?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `no response within ${timeoutMs} ms`;
  const cause = failure.cause?.code ?? failure.cause?.message;
  return cause ? `${failure.message} (${cause})` : failure.message;
}

async function attempt(request: PageRequest, headers: Record<string, string>, timeoutMs: number): Promise<Attempt> {
  try {
    // One deadline for the headers and the body: a server that stalls mid-body is a timeout too.
    const response = await fetch(request.url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    return { kind: 'response', response, text: await response.text() };
  } catch (error) {
    return { kind: 'network', detail: networkDetail(error, timeoutMs) };
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function snippet(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  return compact.length > 200 ? `${compact.slice(0, 200)}…` : compact;
}

function describeResponse(request: PageRequest, response: Response): string {
  const contentType = response.headers.get('content-type') ?? 'none';
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from GET ${displayUrl(request.url)} (content-type ${contentType})`;
}

function parseJsonBody(source: string, request: PageRequest, response: Response, text: string): unknown {
  const fail = (detail: string): never => {
    throw new SourceError('SOURCE_UNREADABLE', { source, position: request.label }, `${detail}; response: ${describeResponse(request, response)}`);
  };
  const contentType = response.headers.get('content-type') ?? '';
  const trimmed = text.trimStart();
  if (/html/i.test(contentType) || trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    fail(`expected JSON but got an HTML page${title ? ` titled "${title}"` : ''}`);
  }
  if (trimmed === '') fail('expected JSON but the response body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return fail(`invalid JSON in the response body (truncated?): ${(error as Error).message}, body of ${text.length} characters`);
  }
}

/**
 * GETs one page of JSON. Network errors, timeouts, 5xx and 429 are retried up to `retries`
 * times with exponential backoff (`backoffMs`, doubled each time), or after the server's
 * Retry-After, both capped at MAX_RETRY_WAIT_MS. Any other non-2xx fails at once: retrying a
 * 401 or 404 only delays the same answer.
 */
export async function fetchJson(source: string, request: PageRequest, headers: Record<string, string>, policy: RetryPolicy): Promise<JsonResponse> {
  for (let attemptNumber = 0; ; attemptNumber += 1) {
    const outcome = await attempt(request, headers, policy.timeoutMs);
    if (outcome.kind === 'response' && outcome.response.ok) {
      return { body: parseJsonBody(source, request, outcome.response, outcome.text), headers: outcome.response.headers };
    }
    const retryable = outcome.kind === 'network' || isRetryableStatus(outcome.response.status);
    const detail = outcome.kind === 'network' ? `GET ${displayUrl(request.url)} failed: ${outcome.detail}` : `${describeResponse(request, outcome.response)}: ${snippet(outcome.text)}`;
    if (!retryable || attemptNumber >= policy.retries) {
      const tries = attemptNumber > 0 ? `gave up after ${attemptNumber + 1} attempts: ` : '';
      throw new SourceError('SOURCE_UNREADABLE', { source, position: request.label }, `${tries}${detail}`);
    }
    const serverWait = outcome.kind === 'response' ? retryAfterMs(outcome.response.headers.get('retry-after')) : undefined;
    const wait = Math.min(serverWait ?? policy.backoffMs * 2 ** attemptNumber, MAX_RETRY_WAIT_MS);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
