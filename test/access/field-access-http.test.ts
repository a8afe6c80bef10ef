import { SignJWT } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { TEST_JWT_SECRET } from '../support/server';
import { PERMISSION_MATRIX, ROLES } from './permission-matrix';

// Fields with sub-selections are checked by their own tests (source records here, lineage and
// match explanations in test/graphql/steward-api.test.ts).
const OBJECT_FIELDS = new Set(['Customer.sourceRecords', 'Customer.lineage', 'Customer.matchExplanation']);
const CUSTOMER_FIELDS = Object.keys(PERMISSION_MATRIX)
  .filter((c) => c.startsWith('Customer.') && !OBJECT_FIELDS.has(c))
  .map((c) => c.slice('Customer.'.length));
/** Object-valued fields are read with sub-fields every role sees as they are; the rules of their masked leaves are tested in customer-profile-http. */
const SELECTIONS: Record<string, string> = {
  emails: 'emails { primary sources }',
  phones: 'phones { primary sources }',
  addresses: 'addresses { city region country }',
  consent: 'consent { emailMarketing { granted source recordedAt } smsMarketing { granted source recordedAt } }',
};

describeEachDialect('field access over HTTP', (dialect) => {
  const demo = useDemoServer(dialect);
  let sample: Record<string, any>;

  beforeAll(async () => {
    // A customer with every personal field filled, read as admin for comparison.
    const all = await allCustomers(demo.server.url, CUSTOMER_FIELDS.map((f) => SELECTIONS[f] ?? f).join(' '), await demo.server.bearer('admin'));
    const found = all.find((n) => n.birthDate && n.phone && n.email);
    expect(found).toBeDefined();
    sample = found!;
  });

  for (const role of ROLES) {
    it(`serves ${role} every Customer field allowed, masked or denied as the matrix says`, async () => {
      const headers = await demo.server.bearer(role);
      for (const field of CUSTOMER_FIELDS) {
        const response = await postGraphql(demo.server.url, `query($id: ID!) { customer(id: $id) { id ${SELECTIONS[field] ?? field} } }`, { id: sample.id }, headers);
        const expected = PERMISSION_MATRIX[`Customer.${field}`]![role];
        const value = response.data?.customer?.[field];
        const original = sample[field];
        if (expected === 'deny') {
          expect(value, `${role} ${field}`).toBeNull();
          expect(response.errors?.[0]?.extensions?.code, `${role} ${field}`).toBe('FORBIDDEN');
        } else {
          expect(response.errors, `${role} ${field}`).toBeUndefined();
          if (expected === 'allow') expect(value, `${role} ${field}`).toEqual(original);
          if (expected !== 'allow' && original === null) expect(value, `${role} ${field}`).toBeNull();
          else if (expected === 'mask:email') expect(value).toMatch(/^.\*\*\*@/);
          else if (expected === 'mask:phone') expect(value).toMatch(/^\+\d+ \d*\*\*\*\*\d{4}$/);
          else if (expected === 'mask:year') expect(value).toBe(String(original).slice(0, 4));
          else if (expected === 'mask:initials') expect(value).toMatch(/^.\.$/u);
        }
      }
    });
  }

  it('answers UNAUTHENTICATED to a query without credentials', async () => {
    const response = await postGraphql(demo.server.url, '{ customers(first: 1) { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data?.customers ?? null).toBeNull();
  });

  it('still answers health without credentials', async () => {
    expect((await fetch(demo.server.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  const refused = async (authorization: string): Promise<void> => {
    const response = await postGraphql(demo.server.url, '{ customers(first: 1) { totalCount } }', {}, { authorization });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toBe('invalid credentials');
  };
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);
  const claims = { role: 'admin' };

  it('refuses a token signed with another secret', async () => {
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('customer-graph').setAudience('customer-graph').setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(40)));
    await refused(`Bearer ${forged}`);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    await refused(`Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, iss: 'customer-graph', aud: 'customer-graph', exp: 9999999999 })}.`);
  });

  it('refuses an expired token', async () => {
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('customer-graph').setAudience('customer-graph').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret);
    await refused(`Bearer ${expired}`);
  });

  it('refuses a token for another audience', async () => {
    const other = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('customer-graph').setAudience('someone-else').setExpirationTime('5m').sign(secret);
    await refused(`Bearer ${other}`);
  });

  it('refuses a token naming an unknown role', async () => {
    const intern = await new SignJWT({ role: 'intern' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('customer-graph').setAudience('customer-graph').setExpirationTime('5m').sign(secret);
    await refused(`Bearer ${intern}`);
  });

  it('refuses a malformed authorization header', async () => {
    await refused('Basic dXNlcjpwYXNz');
  });

  it('refuses an unknown API key', async () => {
    await refused('Bearer cgk_not-a-real-key');
  });

  it('keeps a country-scoped caller to its country on every path', async () => {
    const headers = await demo.server.bearer('support', { countries: ['CN'] });
    const page = await postGraphql(demo.server.url, '{ customers(first: 100) { totalCount edges { node { id country } } } }', {}, headers);
    const nodes = page.data!.customers.edges.map((e: { node: { id: string; country: string } }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: { country: string }) => n.country === 'CN')).toBe(true);
    expect(page.data!.customers.totalCount).toBe(nodes.length);
    const admin = await allCustomers(demo.server.url, 'id country', await demo.server.bearer('admin'));
    const foreign = admin.find((n) => n.country !== 'CN')!;
    const guessed = await postGraphql(demo.server.url, 'query($id: ID!) { customer(id: $id) { id } }', { id: foreign.id }, headers);
    expect(guessed.data!.customer).toBeNull();
  });

  it('shows a source-scoped caller only customers and records of its sources', async () => {
    const headers = await demo.server.bearer('steward', { sources: ['support'] });
    const page = await postGraphql(demo.server.url, '{ customers(first: 100) { totalCount edges { node { sourceRecords { source } } } } }', {}, headers);
    const records = page.data!.customers.edges.flatMap((e: { node: { sourceRecords: { source: string }[] } }) => e.node.sourceRecords);
    const admin = await allCustomers(demo.server.url, 'sourceRecords { source }', await demo.server.bearer('admin'));
    const withSupport = admin.filter((node) => node.sourceRecords.some((r: { source: string }) => r.source === 'support'));
    expect(page.data!.customers.totalCount).toBe(withSupport.length);
    expect(new Set(records.map((r: { source: string }) => r.source))).toEqual(new Set(['support']));
  });
});
