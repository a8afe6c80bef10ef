import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { isObjectType, lexicographicSortSchema, parse, print, printSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { Customer as StoredCustomer } from '../store/customer-repository';
import type { GraphQLContext } from './context';

/**
 * The Federation 2 spec this subgraph links, and the directives it uses. Entity types carry
 * `@Directive('@key(fields: "id")')` in their type-graphql class.
 */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.7';
const FEDERATION_IMPORTS = ['@key', '@shareable'];

/**
 * The type-graphql schema's SDL with the directives `@Directive` put on object types (`@key`),
 * which `printSchema` leaves out; the subgraph is built from it. Field directives are not carried
 * over: none is used yet.
 */
function sdlWithDirectives(schema: GraphQLSchema): DocumentNode {
  const document = parse(printSchema(schema));
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== 'ObjectTypeDefinition') return definition;
    const type = schema.getType(definition.name.value);
    const directives = type?.astNode?.directives ?? [];
    return directives.length > 0 ? { ...definition, directives: [...(definition.directives ?? []), ...directives] } : definition;
  });
  const link = parse(`extend schema @link(url: "${FEDERATION_LINK}", import: ${JSON.stringify(FEDERATION_IMPORTS)})`);
  return { ...document, definitions: [...link.definitions, ...definitions] };
}

/**
 * How the subgraph turns `{ __typename: "Customer", id }` representations into customers:
 * through the request's DataLoader (one SQL query for the whole `_entities` batch) and the
 * caller's row scope, so an entity lookup reaches no more than `customer(id)` would.
 */
const REFERENCE_RESOLVERS: GraphQLResolverMap<unknown> = {
  Customer: {
    __resolveReference: (reference: { id: string }, ctx: unknown): Promise<StoredCustomer | null> =>
      (ctx as GraphQLContext).loaders.customerById.load(String(reference.id)),
  },
};

/** Turns the type-graphql schema into an Apollo Federation 2 subgraph (`_service`, `_entities`). */
export function toSubgraphSchema(schema: GraphQLSchema): GraphQLSchema {
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, extra] of Object.entries(REFERENCE_RESOLVERS)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...extra } as GraphQLResolverMap<unknown>[string];
  }
  const subgraph = buildSubgraphSchema({ typeDefs: sdlWithDirectives(schema), resolvers });
  describeFederationFields(subgraph);
  return subgraph;
}

/** @apollo/subgraph adds its fields without descriptions; every field of this API has one. */
function describeFederationFields(schema: GraphQLSchema): void {
  const query = schema.getQueryType()?.getFields();
  if (query?._entities) query._entities.description = 'Federation: the entities (customers) named by `representations`, in order; null for one not found or out of scope.';
  if (query?._service) query._service.description = 'Federation: this subgraph\'s SDL, for a router or composition.';
  const plumbing: Record<string, string> = {
    _Any: 'Federation: an entity representation, `{ __typename, ...key fields }`.',
    _Entity: 'Federation: every type with a `@key`.',
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.description) continue;
    if (plumbing[type.name]) type.description = plumbing[type.name];
    else if (type.name.startsWith('federation__') || type.name.startsWith('link__')) type.description = 'Federation / link spec type used by the spec directives.';
  }
  const service = schema.getType('_Service');
  if (isObjectType(service)) {
    service.description = 'Federation: describes this subgraph.';
    const sdl = service.getFields().sdl;
    if (sdl) sdl.description = 'The subgraph SDL with its federation directives (`@link`, `@key`).';
  }
}

/**
 * The full subgraph schema as SDL, sorted so it changes only when the schema does, with the
 * federation directives kept: `@link` on the schema and `@key` on entity types.
 */
export function printSubgraphSchemaFile(schema: GraphQLSchema): string {
  const sorted = lexicographicSortSchema(schema);
  const body = sdlWithDirectives(sorted).definitions.filter((definition) => definition.kind !== 'SchemaExtension');
  const schemaNodes = [schema.astNode, ...schema.extensionASTNodes].filter((node) => node !== undefined && node !== null);
  return `${[...schemaNodes, ...body].map((node) => print(node)).join('\n\n')}\n`;
}
