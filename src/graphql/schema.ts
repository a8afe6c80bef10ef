import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CustomerConnectionResolver } from './resolvers/customer-connection-resolver';
import { CustomerResolver } from './resolvers/customer-resolver';
import { IngestResolver } from './resolvers/ingest-resolver';
import { OperationsResolver } from './resolvers/operations-resolver';
import { QualityResolver } from './resolvers/quality-resolver';

/** Builds the executable schema from the type-graphql classes. */
export async function buildCustomerGraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [CustomerResolver, CustomerConnectionResolver, IngestResolver, OperationsResolver, QualityResolver],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The SDL committed as schema/schema.graphql; sorted so it only changes when the schema does. */
export function printCustomerGraphSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
