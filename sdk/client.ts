import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** One error of a GraphQL response; `extensions.code` says what kind (see the README's error codes). */
export interface GraphQLResponseError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The request got a response with errors and no data, or data with errors (partial). */
export class GraphQLRequestError<TResult = unknown> extends Error {
  constructor(
    readonly errors: GraphQLResponseError[],
    readonly status: number,
    /** Whatever data came back beside the errors (a denied field is null, the rest is there). */
    readonly data: TResult | null,
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    this.name = 'GraphQLRequestError';
  }

  /** The codes of every error, e.g. `['FORBIDDEN']`. */
  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'ERROR');
  }
}

export interface CustomerGraphClientOptions {
  /** The GraphQL endpoint, e.g. `https://customers.example.com/graphql`. */
  url: string;
  /** Extra headers, typically `{ authorization: 'Bearer …' }`; a function is called per request. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

/** A typed document from sdk/generated: its string is the operation, its type says what returns. */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/**
 * A minimal fetch client for the generated documents: `request(CustomerDetailDocument, { id })`
 * is typed by the document. Throws GraphQLRequestError when the response carries errors.
 */
export function createCustomerGraphClient(options: CustomerGraphClientOptions) {
  const fetchFn = options.fetch ?? fetch;
  return {
    async request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]): Promise<TResult> {
      const headers = typeof options.headers === 'function' ? await options.headers() : options.headers;
      const response = await fetchFn(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
      const body = (await response.json()) as { data?: TResult | null; errors?: GraphQLResponseError[] };
      if (body.errors?.length) throw new GraphQLRequestError<TResult>(body.errors, response.status, body.data ?? null);
      if (body.data === undefined || body.data === null) throw new GraphQLRequestError([{ message: `HTTP ${response.status} without data` }], response.status, null);
      return body.data;
    },
  };
}

export type CustomerGraphClient = ReturnType<typeof createCustomerGraphClient>;
export * from './generated/graphql';
