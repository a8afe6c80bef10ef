import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from '../logging';
import type { Repositories } from '../store/repositories';

/**
 * Writes each request's unmasked personal reads as one audit entry, after execution and before
 * the response leaves. The entry names the operation only: query text and variables can hold
 * personal data (a searched email) and never go into the log.
 */
export function auditReadsPlugin(repos: Repositories, logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, operation }) {
          if (!contextValue.audit || contextValue.audit.isEmpty) return;
          try {
            await contextValue.audit.flush(repos.auditLog, { operation: operation?.operation ?? 'query', operationName: operationName ?? null });
          } catch (error) {
            logger.error({ err: { message: (error as Error).message } }, 'audit entry could not be written');
          }
        },
      };
    },
  };
}
