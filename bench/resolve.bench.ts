/**
 * Identity resolution at scale on generated people: a full resolution (blocking, EM training,
 * scoring, clustering, survivorship, and writing golden records, links and lineage), then an
 * incremental resolution of 1,000 new records against that base, twice: right after the full run,
 * and again once the server has written back the pages the full run left dirty. Targets (MariaDB,
 * 2 cores): full ≤ 180 s with peak RSS ≤ 2 GB on 1,000,000 records of about 600,000 people;
 * increment ≤ 5 s.
 *
 * BENCH_RESOLVE_RECORDS sets the size (default 1,000,000; people = 60 % of it) and
 * BENCH_RESOLVE_DIALECT the store (default mysql). Records are written straight into
 * source_records (loading is the sync bench's subject), so only resolution is timed.
 * BENCH_KEEP_DATABASE=1 keeps the store afterwards and prints where it is, to look into it.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { createLogger } from '../src/logging';
import { resolveCustomers } from '../src/pipeline/resolve-customers';
import { seededRandom } from '../src/resolve/random';
import type { DialectName } from '../src/store/database';
import { insertRows } from '../src/store/bulk-rows';
import { nowDbTime } from '../src/store/dialect';
import { createBenchDatabase } from './support/bench-database';
import { note, peakRssMb, reportFigure } from './support/bench-output';

const records = Number(process.env.BENCH_RESOLVE_RECORDS ?? 1_000_000);
const dialect = (process.env.BENCH_RESOLVE_DIALECT ?? 'mysql') as DialectName;
const people = Math.round(records * 0.6);
// Resolution logs its summary with milliseconds per phase on stderr (LOG_LEVEL=silent to hide).
const logger = createLogger(process.env.LOG_LEVEL ?? 'info');

const GIVEN = ['olivia', 'liam', 'emma', 'noah', 'ava', 'lucas', 'mia', 'ethan', 'zoe', 'oscar', 'ruby', 'henry', 'chloe', 'jack', 'ivy', 'leo', 'grace', 'max', 'ella', 'finn', 'robert', 'william', 'elizabeth', 'margaret', 'james', 'wei', 'fang', 'hiro', 'yuki', 'sofia'];
const NICK: Record<string, string> = { robert: 'bob', william: 'bill', elizabeth: 'liz', margaret: 'maggie', james: 'jim' };
const FAMILY_STEMS = ['smith', 'jones', 'taylor', 'brown', 'wilson', 'martin', 'nguyen', 'walker', 'harris', 'clarke', 'young', 'king', 'wright', 'thompson', 'white', 'lee', 'kelly', 'murphy', 'ryan', 'morgan', 'wang', 'li', 'zhang', 'garcia', 'rossi', 'silva', 'muller', 'kowalski', 'novak', 'berg'];
const STREETS = ['king street', 'queen road', 'park avenue', 'church lane', 'mill close', 'river drive', 'station road', 'high street', 'elm way', 'oak crescent'];

const random = seededRandom(7);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const typo = (value: string): string => {
  const at = 1 + Math.floor(random() * Math.max(1, value.length - 1));
  return value.slice(0, at) + String.fromCharCode(97 + Math.floor(random() * 26)) + value.slice(at + 1);
};

interface Person {
  givenName: string;
  familyName: string;
  birthDate: string;
  email: string;
  phone: string;
  addressLine1: string;
  city: string;
  postalCode: string;
}

function person(p: number): Person {
  // Family names from stems and a number-derived suffix: thousands of distinct surnames, as in a real population.
  const familyName = `${pick(FAMILY_STEMS)}${p % 7 === 0 ? '' : String.fromCharCode(97 + (p % 26)) + String.fromCharCode(97 + ((p >> 5) % 26))}`;
  const givenName = pick(GIVEN);
  const birthDate = `${1940 + Math.floor(random() * 65)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  return {
    givenName,
    familyName,
    birthDate,
    email: `${givenName}.${familyName}${p}@example.com`,
    phone: `+4915${String(100000000 + p).slice(-9)}`,
    addressLine1: `${1 + Math.floor(random() * 200)} ${pick(STREETS)}`,
    city: `town${Math.floor(random() * 500)}`,
    postalCode: String(10000 + Math.floor(random() * 80000)),
  };
}

/** One record of a person, corrupted like real exports: typos, nicknames, swapped day/month, gaps. */
function recordOf(base: Person, copy: number): Record<string, unknown> {
  const r: Record<string, unknown> = { ...base };
  if (copy === 0) return r;
  const roll = random();
  if (roll < 0.15) r.givenName = typo(base.givenName);
  else if (roll < 0.2 && NICK[base.givenName]) r.givenName = NICK[base.givenName];
  if (random() < 0.15) r.familyName = typo(base.familyName);
  if (random() < 0.05) {
    const [y, m, d] = base.birthDate.split('-');
    if (Number(d) <= 12) r.birthDate = `${y}-${d}-${m}`;
  }
  if (random() < 0.3) delete r.email;
  if (random() < 0.4) delete r.phone;
  if (random() < 0.2) delete r.postalCode;
  return r;
}

function rowOf(source: string, externalId: string, normalized: Record<string, unknown>, now: string): Record<string, unknown> {
  const text = JSON.stringify(normalized);
  return {
    source,
    external_id: externalId,
    // The payload's layout (normalized, raw, corrections joined by NUL; see record-payload.ts), in plaintext.
    payload: `${text}\u0000${text}\u0000`,
    content_hash: createHash('sha256').update(text).digest('hex'),
    status: 'active',
    sync_run_id: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * On MariaDB, waits until the buffer pool's dirty pages stop falling (checked each second, at
 * most two minutes) and returns the seconds waited; on SQLite there is nothing to wait for.
 */
async function writeBackSettled(knex: Knex): Promise<number | undefined> {
  if (dialect !== 'mysql') return undefined;
  const dirty = async (): Promise<number> => {
    const [rows] = (await knex.raw("show global status like 'Innodb_buffer_pool_pages_dirty'")) as [{ Value: string }[]];
    return Number(rows[0]?.Value ?? 0);
  };
  const started = performance.now();
  let last = await dirty();
  for (let steady = 0; steady < 3 && performance.now() - started < 120_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await dirty();
    steady = now < last ? 0 : steady + 1;
    last = now;
  }
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase(dialect);
  try {
    const now = nowDbTime();
    const sources = ['crm', 'shop', 'support'];
    let written = 0;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      await bench.db.knex.transaction((trx) => insertRows(trx, 'source_records', batch));
      batch = [];
    };
    // Kept as JSON text for the increment's picks: far smaller than the objects, and the bench's
    // memory counts in the peak resident set size measured for resolution.
    const everyone: string[] = [];
    for (let p = 0; p < people && written < records; p++) {
      const base = person(p);
      everyone.push(JSON.stringify(base));
      // 60 % of people: one record each; the rest: 2 or 3, so the total lands on `records`.
      const copies = p < people - (records - people) ? 1 : 1 + Math.min(2, Math.ceil((records - written) / Math.max(1, people - p)) - 1 || 1);
      for (let c = 0; c < copies && written < records; c++) {
        batch.push(rowOf(sources[c % 3] as string, `${p}-${c}`, recordOf(base, c), now));
        written++;
        if (batch.length === 5000) await flush();
      }
    }
    for (let p = everyone.length; written < records; p++) {
      batch.push(rowOf('crm', `${p}-0`, recordOf(person(p), 0), now));
      written++;
      if (batch.length === 5000) await flush();
    }
    await flush();
    note(`resolve bench (${dialect}): ${written} source records of ${everyone.length}+ people`);

    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const full = await resolveCustomers(bench.db, logger, { mode: 'full' });
    const fullSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    note(`full: ${full.customers} customers, ${full.created} created; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
    reportFigure(`resolve.full.${dialect}.${written}.seconds`, Number(fullSeconds.toFixed(2)), 's');
    reportFigure(`resolve.full.${dialect}.${written}.peakRss`, peakRssMb(), 'MB');

    // 1,000 new records: half new people, half new records of people already known.
    const incrementOf = async (round: number): Promise<number> => {
      const increment: Record<string, unknown>[] = [];
      for (let i = 0; i < 1000; i++) {
        const base = i % 2 === 0 ? person(people + round * 1000 + i) : (JSON.parse(everyone[Math.floor(random() * everyone.length)] as string) as Person);
        increment.push(rowOf('app', `new-${round}-${i}`, recordOf(base, 1), nowDbTime()));
      }
      await insertRows(bench.db.knex, 'source_records', increment);
      const incStarted = performance.now();
      const inc = await resolveCustomers(bench.db, logger);
      const incSeconds = (performance.now() - incStarted) / 1000;
      note(`increment ${round + 1}: mode ${inc.mode}, ${inc.customers} customers re-resolved, ${inc.created} created, ${inc.updated} updated, ${incSeconds.toFixed(2)} s`);
      return incSeconds;
    };
    // Right after the full run the server is still writing back the pages it wrote (its buffer
    // pool mostly dirty), and every page the increment reads must first free one: that is the full
    // run's cost showing in the increment's time. Both are printed; the target is the increment
    // against the resolved base, once the write-back has settled.
    reportFigure(`resolve.incremental_right_after_full.${dialect}.1000.seconds`, Number((await incrementOf(0)).toFixed(2)), 's');
    const waited = await writeBackSettled(bench.db.knex);
    if (waited !== undefined) note(`waited ${waited.toFixed(0)} s for the server to write back the full run's pages`);
    reportFigure(`resolve.incremental.${dialect}.1000.seconds`, Number((await incrementOf(1)).toFixed(2)), 's');
    reportFigure(`resolve.peakRss.${dialect}`, peakRssMb(), 'MB');
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === '1') {
      note(`store kept: ${bench.url}`);
      await bench.db.close();
    } else {
      await bench.drop();
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
