/**
 * The GraphQL server under HTTP load on MariaDB, beside a minimal baseline (a bare node:http
 * handler running the same reads through mysql2), with autocannon at 32 connections:
 * `customer(id)` and `customers(first: 50)` with nested source records. Prints requests/s, p50
 * and p99 for each, and the server's share of the baseline's requests/s.
 * Target: `customer(id)` ≥ 50% of the baseline's requests/s with p99 ≤ 25 ms.
 *
 * `customer` reads as an analyst (masked names: no audit entry); `customer_audited` reads the same
 * as a steward, whose unmasked read queues one audit_log entry (written in batches with other
 * requests' entries), which the baseline does not do; `customers50` needs source records, so it
 * reads as a steward too.
 * BENCH_HTTP_CUSTOMERS sets the generated data size (default 5,000 people in two sources),
 * BENCH_HTTP_SECONDS the measuring time per run (default 10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { signToken } from '../src/access/tokens';
import { loadProjectConfig } from '../src/config/load-config';
import { silentLogger } from '../src/logging';
import { runSync } from '../src/pipeline/run-sync';
import { createRepositories } from '../src/store/repositories';
import { createBenchDatabase } from './support/bench-database';
import { note, reportFigure } from './support/bench-output';
import { BENCH_JWT_SECRET } from './support/http-bench-settings';
import { productNodeFlags } from './support/product-node-flags';

const PEOPLE = Number(process.env.BENCH_HTTP_CUSTOMERS ?? 5_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = 32;
// Extra node flags for the target processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them.
const TARGET_NODE_ARGS = process.env.BENCH_HTTP_TARGET_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
// BENCH_HTTP_ONLY: comma-separated workload names to run (customer, customer_audited, customers50).
const ONLY = process.env.BENCH_HTTP_ONLY?.split(',').map((name) => name.trim());
const GIVEN = ['Ann', 'Bo', 'Chen', 'Dana', 'Emil', 'Fatima', 'Grace', 'Hiro', 'Ivan', 'Jana'];
const FAMILY = ['Lee', 'Müller', 'Wang', 'Smith', 'Garcia', 'Kowalski', 'Rossi', 'Silva'];
const COUNTRIES = ['DE', 'CN', 'US', 'FR', 'GB'];

const CUSTOMER_QUERY = 'query($id: ID!) { customer(id: $id) { id givenName familyName email country } }';
const PAGE_QUERY = 'query($first: Int) { customers(first: $first) { edges { node { id givenName familyName email country sourceRecords { source externalId } } } pageInfo { hasNextPage } } }';

/** Two sources describing the same people (crm and shop), so customers merge records. */
function writeSources(dir: string): string {
  const crm = ['id,first,last,email,country'];
  const shop = ['no,given,family,mail,country'];
  for (let i = 0; i < PEOPLE; i += 1) {
    const given = GIVEN[i % GIVEN.length] as string;
    const family = FAMILY[(i >> 3) % FAMILY.length] as string;
    const email = `${given.toLowerCase()}.${family.toLowerCase()}.${i}@example.com`;
    const country = COUNTRIES[i % COUNTRIES.length] as string;
    crm.push(`C${i},${given},${family},${email},${country}`);
    if (i % 2 === 0) shop.push(`S${i},${given},${family},${email.toUpperCase()},${country}`);
  }
  fs.writeFileSync(path.join(dir, 'crm.csv'), `${crm.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'shop.csv'), `${shop.join('\n')}\n`);
  const config = {
    sources: [
      { name: 'crm', kind: 'csv', path: 'crm.csv', primaryKey: 'id', trust: 2, mapping: { first: 'givenName', last: 'familyName', email: 'email', country: 'country' } },
      { name: 'shop', kind: 'csv', path: 'shop.csv', primaryKey: 'no', trust: 1, mapping: { given: 'givenName', family: 'familyName', mail: 'email', country: 'country' } },
    ],
  };
  const file = path.join(dir, 'bench-config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

async function startTarget(mode: 'graphql' | 'baseline', url: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [...productNodeFlags(), ...TARGET_NODE_ARGS, '--import', 'tsx', path.join(__dirname, 'support', 'http-target.ts'), mode, url], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const lines = readline.createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const { port } = JSON.parse(line) as { port: number };
    return { port, child };
  }
  throw new Error(`${mode} target exited before listening`);
}

/** The target process's CPU time so far, in microseconds. */
function cpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
    child.send('cpu');
  });
}

async function load(url: string, headers: Record<string, string>, bodies: () => string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies() }) }],
  });
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase('mysql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-http-'));
  const children: ChildProcess[] = [];
  try {
    await runSync(bench.db, loadProjectConfig(writeSources(dir)), silentLogger());
    const page = await createRepositories(bench.db.knex).customers.page(1000);
    const ids = page.customers.map((c) => c.id);
    note(`http bench: ${PEOPLE} people loaded on MariaDB, ${CONNECTIONS} connections, ${SECONDS} s per run`);
    const bearer = async (role: string) => ({
      authorization: `Bearer ${await signToken({ secret: new TextEncoder().encode(BENCH_JWT_SECRET), issuer: 'customer-graph', audience: 'customer-graph' }, { role, ttl: '1h' })}`,
    });
    const analyst = await bearer('analyst');
    const steward = await bearer('steward');
    let next = 0;
    const customerBody = () => JSON.stringify({ query: CUSTOMER_QUERY, variables: { id: ids[(next += 1) % ids.length] } });
    const workloads: Record<string, { baseline: string; auth: Record<string, string>; bodies: () => string }> = {
      customer: { baseline: 'customer', auth: analyst, bodies: customerBody },
      customer_audited: { baseline: 'customer', auth: steward, bodies: customerBody },
      customers50: { baseline: 'customers50', auth: steward, bodies: () => JSON.stringify({ query: PAGE_QUERY, variables: { first: 50 } }) },
    };
    const rps: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const mode of ['baseline', 'graphql'] as const) {
      const target = await startTarget(mode, bench.url);
      children.push(target.child);
      const url = `http://127.0.0.1:${target.port}/graphql`;
      for (const [name, workload] of Object.entries(workloads).filter(([name]) => !ONLY || ONLY.includes(name))) {
        if (mode === 'baseline' && workload.baseline !== name) continue;
        const { auth, bodies } = workload;
        const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: bodies() });
        const checked = (await check.json()) as { errors?: unknown };
        if (checked.errors) throw new Error(`${mode} ${name}: ${JSON.stringify(checked.errors).slice(0, 500)}`);
        await load(url, auth, bodies, 2); // warm-up: JIT, pools, caches
        const cpuBefore = await cpuMicros(target.child);
        const result = await load(url, auth, bodies, SECONDS);
        const cpuSpentMicros = (await cpuMicros(target.child)) - cpuBefore;
        if (result.non2xx > 0 || result.errors > 0) note(`${mode} ${name}: ${result.non2xx} non-2xx, ${result.errors} errors (timeouts)`);
        rps[`${mode}.${name}`] = result.requests.average;
        reportFigure(`http.${mode}.${name}.requests_per_s`, result.requests.average, 'req/s');
        reportFigure(`http.${mode}.${name}.p50`, result.latency.p50, 'ms');
        reportFigure(`http.${mode}.${name}.p99`, result.latency.p99, 'ms');
        cpu[`${mode}.${name}`] = cpuSpentMicros / 1000 / Math.max(1, result.requests.total);
        reportFigure(`http.${mode}.${name}.cpu_per_request`, Math.round(cpu[`${mode}.${name}`]! * 1000) / 1000, 'cpu-ms/req');
      }
      target.child.kill();
    }
    for (const [name, workload] of Object.entries(workloads)) {
      const graphql = rps[`graphql.${name}`];
      const baseline = rps[`baseline.${workload.baseline}`];
      if (graphql !== undefined && baseline) reportFigure(`http.${name}.graphql_to_baseline`, Math.round((graphql / baseline) * 1000) / 1000, 'ratio');
      const graphqlCpu = cpu[`graphql.${name}`];
      const baselineCpu = cpu[`baseline.${workload.baseline}`];
      // Requests/s the server would reach, relative to the baseline, if CPU were the only limit.
      if (graphqlCpu && baselineCpu) reportFigure(`http.${name}.graphql_to_baseline_by_cpu`, Math.round((baselineCpu / graphqlCpu) * 1000) / 1000, 'ratio');
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    await bench.drop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
