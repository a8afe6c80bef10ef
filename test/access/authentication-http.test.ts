import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashApiKey } from '../../src/access/authenticate';
import { createRepositories } from '../../src/store/repositories';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases';
import { postGraphql } from '../support/graphql-client';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/server';

const QUERY = '{ customers(first: 1) { totalCount } }';
const ISSUER = 'customer-graph';
const encode = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

interface SigningKey {
  privateKey: KeyLike;
  publicJwk: JWK;
  publicPem: string;
}

async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

function signed(claims: Record<string, unknown> = { role: 'admin' }): SignJWT {
  return new SignJWT(claims).setIssuer(ISSUER).setAudience(ISSUER).setIssuedAt().setExpirationTime('5m');
}

/** A JWKS endpoint on a real loopback port, counting how often it is fetched. */
async function startJwksServer(keys: JWK[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describeEachDialect('authentication over HTTP', (dialect) => {
  let test: TestDatabase;
  let fileServer: TestServer;
  let urlServer: TestServer;
  let jwksEndpoint: Awaited<ReturnType<typeof startJwksServer>>;
  let rsa: SigningKey;
  let ec: SigningKey;
  let dir: string;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    rsa = await signingKey('RS256', 'rsa-1');
    ec = await signingKey('ES256', 'ec-1');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-jwks-'));
    const jwksFile = path.join(dir, 'jwks.json');
    fs.writeFileSync(jwksFile, JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
    fileServer = await startTestServer(test.db, { env: { JWT_JWKS_FILE: jwksFile } });
    jwksEndpoint = await startJwksServer([rsa.publicJwk, ec.publicJwk]);
    urlServer = await startTestServer(test.db, { env: { JWT_JWKS_URL: jwksEndpoint.url } });
  });
  afterAll(async () => {
    await fileServer?.close();
    await urlServer?.close();
    await jwksEndpoint?.close();
    await test?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const accepted = async (server: TestServer, headers: Record<string, string>): Promise<void> => {
    const response = await postGraphql(server.url, QUERY, {}, headers);
    expect(response.errors).toBeUndefined();
    expect(response.data?.customers.totalCount).toBe(0);
  };
  /** Refused exactly like every other bad credential: 401, one error, the same words, no data. */
  const refused = async (headers: Record<string, string>, server: TestServer = fileServer): Promise<void> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(401);
    expect(Object.keys(body)).toEqual(['errors']);
    expect(body.errors).toEqual([{ message: 'invalid credentials', extensions: { code: 'UNAUTHENTICATED' } }]);
  };
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const secret = new TextEncoder().encode(TEST_JWT_SECRET);

  it('accepts an RS256 token whose key is in the JWKS file', async () => {
    await accepted(fileServer, bearer(await signed().setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(rsa.privateKey)));
  });

  it('accepts an ES256 token whose key is served at the JWKS URL', async () => {
    await accepted(urlServer, bearer(await signed().setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).sign(ec.privateKey)));
  });

  it('still accepts HS256 tokens signed with the shared secret', async () => {
    await accepted(fileServer, bearer(await signed().setProtectedHeader({ alg: 'HS256' }).sign(secret)));
  });

  it('refuses an RS256 token signed by a key outside the JWKS (forged signature)', async () => {
    const stranger = await signingKey('RS256', 'rsa-1');
    await refused(bearer(await signed().setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(stranger.privateKey)));
    await refused(bearer(await signed().setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(stranger.privateKey)), urlServer);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const token = await signed({ role: 'analyst' }).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(rsa.privateKey);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const altered = encode({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' });
    await refused(bearer(`${header}.${altered}.${signature}`));
  });

  it('refuses an unsigned token (alg none)', async () => {
    await refused(bearer(`${encode({ alg: 'none', typ: 'JWT' })}.${encode({ role: 'admin', iss: ISSUER, aud: ISSUER, exp: now() + 300 })}.`));
  });

  it('refuses an HS256 token signed with the RSA public key as its secret (HS/RS confusion)', async () => {
    const confused = await signed().setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(new TextEncoder().encode(rsa.publicPem));
    await refused(bearer(confused));
    await refused(bearer(confused), urlServer);
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuer(ISSUER).setAudience(ISSUER).setExpirationTime(now() - 60).sign(rsa.privateKey);
    await refused(bearer(token));
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    const token = await signed().setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).setNotBefore(now() + 600).sign(ec.privateKey);
    await refused(bearer(token));
  });

  it('refuses a token for another audience', async () => {
    await refused(bearer(await signed().setAudience('someone-else').setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(rsa.privateKey)));
  });

  it('refuses a token from another issuer', async () => {
    await refused(bearer(await signed().setIssuer('https://elsewhere.example').setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(rsa.privateKey)));
  });

  it('refuses a token without an expiry', async () => {
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(ISSUER).sign(secret);
    await refused(bearer(token));
  });

  it('refuses malformed authorization headers', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Bearer eyJhbGciOi.broken', `Token ${randomBytes(8).toString('hex')}`]) {
      await refused({ authorization });
    }
  });

  it('accepts an API key in X-API-Key and refuses it once revoked', async () => {
    const repos = createRepositories(test.db.knex);
    const key = `cgk_${randomBytes(24).toString('base64url')}`;
    const id = await repos.apiKeys.create('auth-test', hashApiKey(key), 'analyst', {});
    await accepted(fileServer, { 'x-api-key': key });
    await accepted(fileServer, bearer(key));
    await repos.apiKeys.revoke(id);
    await refused({ 'x-api-key': key });
    await refused(bearer(key));
  });

  it('refuses an unknown API key in X-API-Key', async () => {
    await refused({ 'x-api-key': 'cgk_unknown' });
  });
});
