import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import { costLimitPlugin } from './query-cost';

/** What one GraphQL request may ask for. Batched HTTP requests (an array of operations) are off. */
export interface QueryLimits {
  /** Deepest field nesting, fragments flattened; introspection is exempt. */
  maxDepth: number;
  /** Aliased fields in one operation. */
  maxAliases: number;
  /** Cost: 1 per field, nested selections multiplied by `first`/`last` (see query-cost.ts). */
  maxCost: number;
  /** Directives in one operation. */
  maxDirectives: number;
  /** Lexical tokens in one document: refuses huge documents before validation work. */
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 10_000,
  maxDirectives: 50,
  maxTokens: 2_000,
};

const LIMIT_MESSAGES: [RegExp, string][] = [
  [/^Syntax Error: Query depth limit of \d+ exceeded/, 'depth'],
  [/^Syntax Error: Aliases limit of \d+ exceeded/, 'aliases'],
  [/^Syntax Error: Directives limit of \d+ exceeded/, 'directives'],
  [/^Syntax Error: Document contains more th(?:at|an) \d+ tokens/, 'tokens'],
];

/**
 * Which limit a validation or parse error reports (`depth`, `aliases`, `directives`, `tokens`),
 * read from graphql-armor's and graphql's messages, which also carry the limit and the value found.
 */
export function limitOf(message: string): string | undefined {
  return LIMIT_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
}

/** The Apollo plugins and validation rules that enforce the limits. */
export function queryLimitProtection(limits: QueryLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; parseOptions: { maxTokens: number } } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are counted by graphql's own parser (Apollo `parseOptions.maxTokens`): armor's
    // token plugin parses a broken document itself and turns a syntax error into a 500.
    maxTokens: { enabled: false },
    // Armor's own cost limit does not know page sizes; query-cost.ts does.
    costLimit: { enabled: false },
    // Field suggestions help in GraphiQL and show nothing a schema introspection would not.
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: [...plugins, costLimitPlugin(limits.maxCost)], validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
