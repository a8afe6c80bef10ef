import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, getVariableValues, GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';

/**
 * Cost of one field: 1, plus its selection once per item it can return. A paged field returns
 * up to `first` (or `last`) items, the page size default when neither is given; `_entities`
 * returns one item per representation. So `customers(first: 100) { edges { node { … } } }`
 * costs about 100 times its node selection, and nesting multiplies.
 */
export const pagedCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
  return 1 + pageItems(args, paged) * childComplexity;
};

function pageItems(args: Record<string, unknown>, paged: boolean): number {
  if (Array.isArray(args.representations)) return Math.max(1, args.representations.length);
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  // A page over the maximum is refused by the field itself, with the clearer BAD_USER_INPUT.
  if (size !== undefined) return Math.min(MAX_PAGE_SIZE, Math.max(1, size));
  return paged ? DEFAULT_PAGE_SIZE : 1;
}

export function costLimitError(maximum: number, cost: number): GraphQLError {
  return new GraphQLError(`Query cost limit of ${maximum} exceeded, found ${cost} (${cost - maximum} over); ask for smaller pages or fewer nested fields.`, {
    extensions: { code: 'QUERY_TOO_COSTLY', limit: 'cost', maximum, actual: cost, http: { status: 400 } },
  });
}

const COST_ARGUMENTS = new Set(['first', 'last', 'representations']);

/**
 * Whether variables can change the document's cost: a variable in `first`/`last`/
 * `representations`, or in `@skip`/`@include`. When none can, the cost is a property of the
 * document alone and is computed once (Apollo hands the same parsed document to every request
 * with the same text).
 */
function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  visit(document, {
    Field(node) {
      if (node.arguments?.some((arg) => COST_ARGUMENTS.has(arg.name.value) && arg.value.kind === Kind.VARIABLE)) depends = true;
    },
    Directive(node) {
      if (node.arguments?.some((arg) => arg.value.kind === Kind.VARIABLE)) depends = true;
    },
  });
  return depends;
}

const documentCosts = new WeakMap<DocumentNode, { dependsOnVariables: boolean; byOperation: Map<string, number> }>();

/**
 * Refuses an operation whose cost (with its variables, so `first: $n` counts) is over `maximum`,
 * before anything executes.
 */
export function costLimitPlugin(maximum: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operation = getOperationAST(document, request.operationName);
          const variables = request.variables ?? {};
          // Variables that do not coerce: execution answers that with BAD_USER_INPUT.
          if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return;
          let known = documentCosts.get(document);
          if (!known) {
            known = { dependsOnVariables: costDependsOnVariables(document), byOperation: new Map() };
            documentCosts.set(document, known);
          }
          const operationKey = request.operationName ?? '';
          let cost = known.dependsOnVariables ? undefined : known.byOperation.get(operationKey);
          if (cost === undefined) {
            cost = getComplexity({ schema, query: document, variables, operationName: request.operationName, estimators: [pagedCost] });
            if (!known.dependsOnVariables) known.byOperation.set(operationKey, cost);
          }
          if (cost > maximum) throw costLimitError(maximum, cost);
        },
      };
    },
  };
}
