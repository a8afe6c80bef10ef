import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { buildCustomerGraphSchema } from '../../src/graphql/schema';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { postGraphql } from '../support/graphql-client';
import { countStatements } from '../support/statement-counter';

/**
 * The contract: the page, its total count, the audit entry for the unmasked read, and one
 * statement for each nested relation read through a DataLoader (source records, lineage).
 */
const MAX_STATEMENTS = 5;
/** Reading consent too adds its own DataLoader batch. */
const MAX_STATEMENTS_WITH_CONSENT = MAX_STATEMENTS + 1;

/** The leaf fields of a type (no required arguments): a selection that reads all of it. */
function leafSelection(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => arg.defaultValue !== undefined || !String(arg.type).endsWith('!')))
    .map((field) => field.name)
    .join(' ');
}

/**
 * customers(first) with nested sourceRecords, emails, lineage and (optionally) consent: the
 * nested relations go through per-request DataLoaders, so the number of SQL statements does
 * not grow with the page size.
 */
async function customersQuery(withConsent: boolean): Promise<string> {
  const schema = await buildCustomerGraphSchema();
  const customer = schema.getType('Customer') as GraphQLObjectType;
  const nested = ['sourceRecords', 'lineage']
    .filter((name) => customer.getFields()[name])
    .map((name) => {
      const type = getNamedType(customer.getFields()[name]!.type);
      return isObjectType(type) ? `${name} { ${leafSelection(type)} }` : name;
    });
  const consent = withConsent ? 'consent { emailMarketing { granted source recordedAt } smsMarketing { granted source recordedAt } }' : '';
  return `query($first: Int) { customers(first: $first) { totalCount edges { cursor node { id givenName emails { address primary sources } ${nested.join(' ')} ${consent} } } pageInfo { hasNextPage endCursor } } }`;
}

describeEachDialect('SQL statements per request', (dialect) => {
  const demo = useDemoServer(dialect);
  let steward: Record<string, string>;
  let query: string;
  let queryWithConsent: string;

  beforeAll(async () => {
    steward = await demo.server.bearer('steward');
    query = await customersQuery(false);
    queryWithConsent = await customersQuery(true);
  });

  async function statementsFor(first: number, document = query): Promise<{ statements: string[]; nodes: number }> {
    const counter = countStatements(demo.db.knex);
    await demo.server.flushAudit();
    counter.start();
    const response = await postGraphql(demo.server.url, document, { first }, steward);
    // The request's audit entry is written in the background: counted once it is stored.
    await demo.server.flushAudit();
    const statements = counter.stop();
    expect(response.errors).toBeUndefined();
    return { statements, nodes: response.data.customers.edges.length };
  }

  it(`customers(first: 100) with sourceRecords, emails and lineage runs at most ${MAX_STATEMENTS} SQL statements`, async () => {
    const { statements, nodes } = await statementsFor(100);
    expect(nodes).toBe(100);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it(`reads consent as well in at most ${MAX_STATEMENTS_WITH_CONSENT} SQL statements`, async () => {
    const { statements, nodes } = await statementsFor(100, queryWithConsent);
    expect(nodes).toBe(100);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(MAX_STATEMENTS_WITH_CONSENT);
  });

  it('runs the same number of statements whatever the page size', async () => {
    const small = await statementsFor(2, queryWithConsent);
    const large = await statementsFor(100, queryWithConsent);
    expect(large.statements.length).toBe(small.statements.length);
  });
});
