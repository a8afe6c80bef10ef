import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../errors';
import { limitOf } from '../graphql/limits';
import type { Logger } from '../logging';

/** AppError codes whose message is meant for the caller; any other failure is internal. */
const PUBLIC_APP_ERROR_CODES = new Set(['NOT_FOUND', 'BAD_USER_INPUT']);

/**
 * Every error leaves with `extensions.code`. Internal errors (a database failure, a bug) are
 * logged in full and answered with a fixed message, no stack and no SQL, unless the server
 * runs in development mode.
 */
export function createErrorFormatter(logger: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
      const limit = limitOf(formatted.message);
      return limit ? { ...formatted, extensions: { ...formatted.extensions, limit } } : formatted;
    }
    const original = unwrapResolverError(error);
    if (original instanceof AppError && PUBLIC_APP_ERROR_CODES.has(original.code)) {
      return { ...formatted, message: original.message, extensions: { code: original.code } };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error while answering a GraphQL request');
    if (development) return formatted;
    return { message: 'internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Errors about the document or its variables: the request itself was well-formed HTTP. */
const DOCUMENT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COSTLY']);

/**
 * The HTTP status for a response. GraphQL over HTTP asks for 200 on document and variable errors
 * when the response is `application/json` (legacy clients read the body, not the status);
 * Apollo answers 400. `application/graphql-response+json` keeps 400.
 */
export function responseStatus(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  try {
    const parsed = JSON.parse(body) as { errors?: GraphQLFormattedError[] };
    const codes = (parsed.errors ?? []).map((e) => e.extensions?.code);
    return codes.length > 0 && codes.every((code) => typeof code === 'string' && DOCUMENT_ERROR_CODES.has(code)) ? 200 : status;
  } catch {
    return status;
  }
}
