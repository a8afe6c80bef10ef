import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from './resolvers/audit-resolver';
import { printSubgraphSchemaFile, toSubgraphSchema } from './federation';
import { CustomerChangeResolver } from './resolvers/customer-change-resolver';
import { CustomerConnectionResolver } from './resolvers/customer-connection-resolver';
import { CustomerConsentResolver } from './resolvers/customer-consent-resolver';
import { CustomerSearchResolver } from './resolvers/customer-search-resolver';
import { CustomerStatsResolver } from './resolvers/customer-stats-resolver';
import { CustomerProfileResolver } from './resolvers/customer-profile-resolver';
import { CustomerResolver } from './resolvers/customer-resolver';
import { CustomerResolutionResolver } from './resolvers/customer-resolution-resolver';
import { ErasureResolver } from './resolvers/erasure-resolver';
import { IngestResolver } from './resolvers/ingest-resolver';
import { OperationsResolver } from './resolvers/operations-resolver';
import { QualityResolver } from './resolvers/quality-resolver';
import { StewardResolver } from './resolvers/steward-resolver';

/** Builds the executable schema from the type-graphql classes, as a Federation 2 subgraph. */
export async function buildCustomerGraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      AuditResolver,
      CustomerResolver,
      CustomerProfileResolver,
      CustomerChangeResolver,
      CustomerStatsResolver,
      CustomerSearchResolver,
      CustomerConnectionResolver,
      CustomerConsentResolver,
      CustomerResolutionResolver,
      ErasureResolver,
      IngestResolver,
      OperationsResolver,
      QualityResolver,
      StewardResolver,
    ],
    validate: false,
    emitSchemaFile: false,
  });
  return toSubgraphSchema(schema);
}

/** The SDL committed as schema/schema.graphql, federation directives included. */
export function printCustomerGraphSchema(schema: GraphQLSchema): string {
  return printSubgraphSchemaFile(schema);
}
