import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AuditWriter } from '../access/audit-writer';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from '../logging';

/**
 * Queues each request's unmasked personal reads as one audit entry when the response is about to
 * leave; the writer stores it within milliseconds, batched with other requests' entries. When the
 * writer cannot accept the entry (the audit store is failing, or too far behind), the response is
 * withheld: the caller gets AUDIT_UNAVAILABLE (HTTP 503) instead of data nobody would account for.
 * The entry names the operation only: query text and variables can hold personal data (a
 * searched email) and never go into the log.
 */
export function auditReadsPlugin(writer: AuditWriter, logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, operation, response }) {
          const entry = contextValue.audit?.entry({ operation: operation?.operation ?? 'query', operationName: operationName ?? null });
          if (!entry) return;
          try {
            writer.enqueue(entry);
          } catch (error) {
            logger.error({ err: { message: (error as Error).message } }, 'audit entry refused: response withheld');
            const refusal = new GraphQLError('the audit log is unavailable; try again later', { extensions: { code: 'AUDIT_UNAVAILABLE' } });
            response.body = { kind: 'single', singleResult: { errors: [refusal.toJSON()] } };
            response.http.status = 503;
          }
        },
      };
    },
  };
}
