import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/access/policy-file';
import { describeEachDialect } from '../support/databases';
import { useDemoServer } from '../support/demo-server';
import { allCustomers, postGraphql } from '../support/graphql-client';
import { startTestServer } from '../support/server';

const POLICY = `
roles:
  marketing:
    Query: { customers: allow, customer: allow }
    CustomerConnection: { '*': allow }
    CustomerEdge: { '*': allow }
    PageInfo: { '*': allow }
    Customer:
      id: allow
      country: allow
      email: { mask: email }
      familyName: deny
  analyst:
    Query: { customers: allow }
    CustomerConnection: { '*': allow }
    CustomerEdge: { '*': allow }
    PageInfo: { '*': allow }
    Customer: { id: allow, country: allow }
`;

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cg-policy-'));
function writePolicy(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describeEachDialect('access policy file over HTTP', (dialect) => {
  let dir: string;
  const demo = useDemoServer(dialect, () => {
    dir = tempDir();
    return { env: { CUSTOMER_GRAPH_POLICY: writePolicy(dir, 'policy.yml', POLICY) } };
  });
  let sample: Record<string, any>;

  beforeAll(async () => {
    const all = await allCustomers(demo.server.url, 'id country email givenName', await demo.server.bearer('admin'));
    sample = all.find((node) => node.email !== null)!;
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = async (role: string, field: string) =>
    postGraphql(demo.server.url, `query($id: ID!) { customer(id: $id) { id ${field} } }`, { id: sample.id }, await demo.server.bearer(role));

  it('lets a role added by the file read the fields it grants, masked as it says', async () => {
    const country = await read('marketing', 'country');
    expect(country.errors).toBeUndefined();
    expect(country.data!.customer.country).toBe(sample.country);
    const email = await read('marketing', 'email');
    expect(email.errors).toBeUndefined();
    expect(email.data!.customer.email).toMatch(/^.\*\*\*@/);
    expect(email.data!.customer.email).not.toBe(sample.email);
  });

  it('denies the added role every field the file denies or does not name', async () => {
    for (const field of ['familyName', 'givenName', 'phone', 'birthDate', 'sourceRecords { id }']) {
      const response = await read('marketing', field);
      expect(response.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
    const runs = await postGraphql(demo.server.url, '{ syncRuns(first: 1) { totalCount } }', {}, await demo.server.bearer('marketing'));
    expect(runs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets the file change a default role', async () => {
    const listed = await postGraphql(demo.server.url, '{ customers(first: 1) { edges { node { email } } } }', {}, await demo.server.bearer('analyst'));
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read('analyst', 'country')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps the default roles the file does not name', async () => {
    const response = await read('support', 'email');
    expect(response.errors).toBeUndefined();
    expect(response.data!.customer.email).toEqual(sample.email);
  });

  it('refuses a mutation the role was not granted', async () => {
    const response = await postGraphql(demo.server.url, 'mutation { ingestRecords(source: "app", records: []) { read } }', {}, await demo.server.bearer('marketing'));
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses at start a file naming an unknown type or field, with its path', async () => {
    const file = writePolicy(dir, 'typo.yml', 'roles:\n  marketing:\n    Customer: { emial: allow }\n    Costumer: { id: allow }\n');
    const started = startTestServer(demo.db, { env: { CUSTOMER_GRAPH_POLICY: file } });
    await expect(started).rejects.toThrow(/roles\.marketing\.Customer\.emial: unknown field/);
    await expect(started).rejects.toThrow(/roles\.marketing\.Costumer: unknown type/);
    await expect(started).rejects.toThrow(file);
  });
});

describe('policy file validation', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an unknown masking strategy with its path', () => {
    const file = writePolicy(dir, 'strategy.yml', 'roles:\n  marketing:\n    Customer: { emails: { mask: scramble } }\n');
    expect(() => loadPolicy(file)).toThrow(/roles\.marketing\.Customer\.emails/);
  });

  it('refuses an unknown rule word with its path', () => {
    const file = writePolicy(dir, 'word.json', JSON.stringify({ roles: { marketing: { Customer: { emails: 'maybe' } } } }));
    expect(() => loadPolicy(file)).toThrow(/roles\.marketing\.Customer\.emails/);
  });

  it('turns the mutations list into Mutation field rules', () => {
    const file = writePolicy(dir, 'mutations.yml', 'roles:\n  importer:\n    mutations: [ingestRecords]\n');
    expect(loadPolicy(file).policy.importer).toEqual({ Mutation: { ingestRecords: 'allow' } });
  });

  it('keeps only the roles of the file when defaults are replaced', () => {
    const file = writePolicy(dir, 'replace.yml', 'defaults: replace\nroles:\n  reader:\n    Query: { customers: allow }\n');
    expect(Object.keys(loadPolicy(file).policy)).toEqual(['reader']);
  });
});
