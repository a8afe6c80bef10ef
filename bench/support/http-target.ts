/**
 * One HTTP target of the HTTP bench, in its own process so the load generator does not share
 * its event loop: `graphql DATABASE_URL` (the real server, real auth, field rules, audit) or
 * `baseline DATABASE_URL` (a bare node:http handler running the same reads and decryption through mysql2).
 * Prints `{"port": N}` on stdout once listening; answers a `cpu` message on the IPC channel with
 * its CPU time so far, so the bench can price each request in CPU (steadier than requests/s on a
 * shared machine).
 */
import '../../src/cli/production-default';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { createAccessControl } from '../../src/access/access-control';
import { loadEnv } from '../../src/config/env';
import { buildCustomerGraphSchema } from '../../src/graphql/schema';
import { silentLogger } from '../../src/logging';
import { startServer } from '../../src/server/http-server';
import { openDatabase, parseDatabaseUrl } from '../../src/store/database';
import { fieldProtection } from '../../src/store/field-protection';
import { createRepositories } from '../../src/store/repositories';

import { BENCH_JWT_SECRET } from './http-bench-settings';

async function startGraphql(url: string): Promise<number> {
  const db = await openDatabase(parseDatabaseUrl(url, ''));
  const env = loadEnv({ JWT_SECRET: BENCH_JWT_SECRET, DATA_DIR: '/nonexistent', NODE_ENV: 'production' });
  const access = createAccessControl(env, createRepositories(db.knex), { anonymousRole: null });
  const server = await startServer({ db, schema: await buildCustomerGraphSchema(), access, logger: silentLogger(), port: 0, host: '127.0.0.1' });
  return server.port;
}

/** The reads the GraphQL server makes for the two bench queries, written by hand. */
async function startBaseline(url: string): Promise<number> {
  const pool = mysql.createPool({ uri: url, connectionLimit: 10 });
  const readBody = async (req: http.IncomingMessage): Promise<{ query: string; variables?: Record<string, unknown> }> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };
  // Personal columns are stored encrypted: the hand-written reads decrypt them too.
  const { cipher } = fieldProtection();
  const customerJson = (row: Record<string, unknown>) => {
    const personal = JSON.parse(cipher.open(row.personal as string)) as { givenName?: string; familyName?: string; emails?: string[] };
    return { id: row.id, givenName: personal.givenName ?? null, familyName: personal.familyName ?? null, emails: personal.emails ?? [], country: row.country };
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      let data: unknown;
      if (body.query.includes('customer(')) {
        const [rows] = await pool.query<mysql.RowDataPacket[]>('select * from `customers` where `id` = ? limit 1', [body.variables?.id]);
        data = { customer: rows[0] ? customerJson(rows[0]) : null };
      } else {
        const first = Number(body.variables?.first ?? 50);
        const [rows] = await pool.query<mysql.RowDataPacket[]>(
          'select `customers`.* from `customers` where `merged_into` is null and `deleted_at` is null order by `customers`.`id` asc limit ?',
          [first + 1],
        );
        const page = rows.slice(0, first);
        const ids = page.map((row) => row.id);
        const [records] = ids.length
          ? await pool.query<mysql.RowDataPacket[]>(
              'select `r`.`id`, `r`.`source`, `r`.`external_id`, `r`.`payload`, `l`.`customer_id` from `source_records` as `r` inner join `customer_links` as `l` on `l`.`source_record_id` = `r`.`id` where `l`.`customer_id` in (?) order by `r`.`id` asc',
              [ids],
            )
          : [[]];
        const byCustomer = new Map<unknown, unknown[]>();
        for (const record of records as mysql.RowDataPacket[]) {
          const list = byCustomer.get(record.customer_id) ?? [];
          list.push({ source: record.source, externalId: record.external_id });
          byCustomer.set(record.customer_id, list);
        }
        data = {
          customers: {
            edges: page.map((row) => ({ node: { ...customerJson(row), sourceRecords: byCustomer.get(row.id) ?? [] } })),
            pageInfo: { hasNextPage: rows.length > first },
          },
        };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data }));
    })().catch((error: Error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: error.message }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const [mode, url] = process.argv.slice(2);
if (!url || (mode !== 'graphql' && mode !== 'baseline')) throw new Error('usage: http-target.ts graphql|baseline DATABASE_URL');
(mode === 'graphql' ? startGraphql(url) : startBaseline(url)).then((port) => process.stdout.write(`${JSON.stringify({ port })}\n`));
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpuMicros: process.cpuUsage().user + process.cpuUsage().system });
});
process.on('SIGTERM', () => process.exit(0));
