import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

/** The graphql-scalars types the schema uses, exported under the names resolvers refer to. */
export const DateTimeScalar = DateTimeResolver;
export const DateScalar = DateResolver;
export const JSONObjectScalar = JSONObjectResolver;

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function checkPartialDate(value: unknown): string {
  if (typeof value === 'string' && PARTIAL_DATE.test(value)) return value;
  throw new GraphQLError(`PartialDate must be YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/**
 * A calendar date that may be known (or shown) only in part: `1990`, `1990-02` or `1990-02-03`.
 * Birth dates use it so a role that may see the year only gets a true value rather than a
 * fabricated day.
 */
export const PartialDateScalar = new GraphQLScalarType({
  name: 'PartialDate',
  description: 'An ISO 8601 calendar date, possibly reduced: YYYY, YYYY-MM or YYYY-MM-DD.',
  serialize: checkPartialDate,
  parseValue: checkPartialDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('PartialDate must be a string');
    return checkPartialDate(ast.value);
  },
});
