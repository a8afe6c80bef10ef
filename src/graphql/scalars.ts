import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

/** The graphql-scalars types the schema uses, exported under the names resolvers refer to. */
export const DateTimeScalar = DateTimeResolver;
export const DateScalar = DateResolver;
export const JSONObjectScalar = JSONObjectResolver;
