import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import Decimal from 'decimal.js';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { normalizeEmail } from '../normalize/email';

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

function checkDecimal(value: unknown): string {
  if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) {
    try {
      return new Decimal(String(value).trim()).toFixed();
    } catch {
      // fall through to the error below
    }
  }
  throw new GraphQLError(`Decimal must be a decimal number written as a string, got ${JSON.stringify(value)}`);
}

/**
 * An exact decimal number that travels as a string (`"1234.50"`), so no client parses money into
 * a binary float. Inputs may also be integers.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number serialized as a string, e.g. "1234.5". Money amounts use it.',
  serialize: (value) => (value instanceof Decimal ? value.toFixed() : checkDecimal(value)),
  parseValue: checkDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new GraphQLError('Decimal must be a string or a number literal');
    return checkDecimal(ast.value);
  },
});

function checkEmailInput(value: unknown): string {
  if (typeof value === 'string') {
    const normalized = normalizeEmail(value);
    if (normalized.ok) return normalized.value;
  }
  throw new GraphQLError(`EmailAddress must be an email address, got ${JSON.stringify(value)}`);
}

/**
 * An email address. Inputs are validated and normalized the way source records are (so a filter
 * matches stored values); outputs are stored normalized addresses, or their masked form
 * (`j***@example.com`) for roles that see them masked. Unlike graphql-scalars' EmailAddress it
 * accepts internationalised domains, as the normalizer does.
 */
export const EmailAddressScalar = new GraphQLScalarType({
  name: 'EmailAddress',
  description: 'An email address (RFC 5321 dot-atom local part; internationalised domains allowed), normalized to lower case.',
  serialize: (value) => {
    if (typeof value === 'string' && value.includes('@')) return value;
    throw new GraphQLError('EmailAddress cannot represent a value without "@"');
  },
  parseValue: checkEmailInput,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('EmailAddress must be a string');
    return checkEmailInput(ast.value);
  },
});
