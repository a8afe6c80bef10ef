import type { RestPaginationConfig } from '../config/sources';
import { SourceError } from '../errors';
import type { JsonResponse, PageRequest } from './rest-request';
import { isJsonObject } from './json-values';
import { readPath } from './types';

/** Walks the pages of a paginated API. `next` is only asked after a page that had records. */
export interface Pager {
  first(): PageRequest;
  next(previous: PageRequest, response: JsonResponse, recordCount: number): PageRequest | undefined;
}

export interface PagerContext {
  source: string;
  /** When set, a next link to another origin is refused: it would receive the credentials. */
  credentialOrigin?: string;
}

function withParams(base: URL, params: Record<string, string | number>): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
  return url;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The `rel="next"` target of an RFC 8288 Link header. */
export function nextLinkTarget(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>([^,<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s,]+))/i.exec(match[2] ?? '');
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return match[1];
  }
  return undefined;
}

/** Stops an API that hands out the same cursor or link again, which would otherwise never end. */
class RepeatGuard {
  private readonly seen = new Set<string>();

  constructor(
    private readonly context: PagerContext,
    private readonly what: string,
  ) {}

  check(value: string, at: PageRequest): void {
    if (this.seen.has(value)) {
      throw new SourceError('SOURCE_UNREADABLE', { source: this.context.source, position: at.label }, `the API returned ${this.what} ${JSON.stringify(clip(value))} a second time; stopping instead of looping forever`);
    }
    this.seen.add(value);
  }
}

export function createPager(config: RestPaginationConfig, base: URL, context: PagerContext): Pager {
  switch (config.style) {
    case 'none':
      return { first: () => ({ url: base, label: 'page 1' }), next: () => undefined };
    case 'page': {
      const at = (page: number): PageRequest => ({ url: withParams(base, { [config.pageParam]: page, [config.sizeParam]: config.size }), label: `page ${page}` });
      let page = config.firstPage;
      // An empty page ends the read, not a short one: an API may cap the page size below ours.
      return { first: () => at(page), next: () => at((page += 1)) };
    }
    case 'offset': {
      const at = (offset: number): PageRequest => ({ url: withParams(base, { [config.offsetParam]: offset, [config.limitParam]: config.limit }), label: `offset ${offset}` });
      let offset = 0;
      return { first: () => at(offset), next: (_previous, _response, count) => at((offset += count)) };
    }
    case 'cursor': {
      const guard = new RepeatGuard(context, 'cursor');
      return {
        first: () => ({ url: base, label: 'page 1' }),
        next: (previous, response) => {
          const cursor = isJsonObject(response.body) ? readPath(response.body, config.cursorPath) : undefined;
          if (cursor === undefined || cursor === null || cursor === '' || cursor === false) return undefined;
          const text = typeof cursor === 'string' ? cursor : JSON.stringify(cursor);
          guard.check(text, previous);
          return { url: withParams(base, { [config.cursorParam]: text }), label: `cursor ${clip(text)}` };
        },
      };
    }
    case 'link': {
      const guard = new RepeatGuard(context, 'next link');
      let page = 1;
      return {
        first: () => ({ url: base, label: 'page 1' }),
        next: (previous, response) => {
          const target = nextLinkTarget(response.headers.get('link'));
          if (target === undefined) return undefined;
          const url = new URL(target, previous.url);
          if (context.credentialOrigin !== undefined && url.origin !== context.credentialOrigin) {
            throw new SourceError('SOURCE_UNREADABLE', { source: context.source, position: previous.label }, `the next link points to another origin (${url.origin}); not sending the credentials there`);
          }
          guard.check(url.toString(), previous);
          page += 1;
          return { url, label: `page ${page}` };
        },
      };
    }
  }
}
