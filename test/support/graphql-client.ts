import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** Sends a typed document over real HTTP, as a client application would. */
export async function postGraphql<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  headers?: Record<string, string>,
): Promise<GraphQLResponse<TData>>;
/** Sends an ad-hoc query text (tests that build queries field by field); the data is untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function postGraphql(url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<any>>;
export async function postGraphql<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** Every customer visible to the caller, walking the connection page by page. */
export async function allCustomers(url: string, selection: string, headers: Record<string, string>): Promise<Record<string, any>[]> {
  const nodes: Record<string, any>[] = [];
  let after: string | null = null;
  for (;;) {
    const page: GraphQLResponse<any> = await postGraphql(url, `query($after: String) { customers(first: 100, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`, { after }, headers);
    if (page.errors) throw new Error(JSON.stringify(page.errors));
    nodes.push(...page.data.customers.edges.map((edge: { node: Record<string, any> }) => edge.node));
    if (!page.data.customers.pageInfo.hasNextPage) return nodes;
    after = page.data.customers.pageInfo.endCursor;
  }
}
