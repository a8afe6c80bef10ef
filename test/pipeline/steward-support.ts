import fs from 'node:fs';
import path from 'node:path';
import { parseProjectConfig } from '../../src/config/load-config';
import type { ProjectConfig } from '../../src/config/sources';
import type { Database } from '../../src/store/database';
import { writeFixtureDir } from '../support/fixtures';

export const HEADER = 'id,first,last,email,dob';

/** Tables resolution and steward decisions write, emptied between tests. */
const TABLES = ['record_block_keys', 'resolution_state', 'match_decisions', 'field_overrides', 'resolution_models', 'match_reviews', 'field_lineage', 'customer_consents', 'customer_links', 'customers', 'audit_log', 'quarantine', 'source_records', 'sync_runs', 'sources'];

export async function emptyTables(db: Database): Promise<void> {
  for (const table of TABLES) await db.knex(table).delete();
}

/** A one-source CSV project whose file can be rewritten between syncs; `settings` adds top-level config keys. */
export function csvProject(rows: readonly string[], settings: Record<string, unknown> = {}): { config: ProjectConfig; rewrite(rows: readonly string[]): void } {
  const dir = writeFixtureDir({ 'people.csv': [HEADER, ...rows].join('\n') + '\n' });
  const config = parseProjectConfig(
    {
      sources: [
        {
          name: 'crm',
          kind: 'csv',
          path: 'people.csv',
          primaryKey: 'id',
          mapping: { first: 'givenName', last: 'familyName', email: 'email', dob: 'birthDate' },
          defaults: { dateFormats: ['yyyy-MM-dd'] },
        },
      ],
      ...settings,
    },
    dir,
  );
  return { config, rewrite: (next) => fs.writeFileSync(path.join(dir, 'people.csv'), [HEADER, ...next].join('\n') + '\n') };
}

/** Clusters as sorted lists of external ids, sorted: comparable across runs whatever the customer ids. */
export async function clustersByExternalId(db: Database): Promise<string[][]> {
  const rows = await db
    .knex('customer_links as l')
    .join('source_records as r', 'r.id', 'l.source_record_id')
    .where('r.status', 'active')
    .select('l.customer_id', 'r.external_id');
  const byCustomer = new Map<string, string[]>();
  for (const row of rows) (byCustomer.get(row.customer_id) ?? byCustomer.set(row.customer_id, []).get(row.customer_id)!).push(String(row.external_id));
  return [...byCustomer.values()].map((ids) => ids.sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

export async function customerOfExternalId(db: Database, externalId: string): Promise<string> {
  const row = await db
    .knex('customer_links as l')
    .join('source_records as r', 'r.id', 'l.source_record_id')
    .where({ 'r.source': 'crm', 'r.external_id': externalId })
    .first('l.customer_id');
  return String(row.customer_id);
}

/**
 * People with near-duplicate records (typos in names, a missing email), deterministic: enough
 * pairs for blocking, scoring and clustering to have real work.
 */
export function generatedRows(people: number, startId = 1): string[] {
  const given = ['olivia', 'liam', 'emma', 'noah', 'ava', 'lucas', 'mia', 'ethan', 'zoe', 'oscar', 'ruby', 'henry'];
  const family = ['smith', 'jones', 'taylor', 'brown', 'wilson', 'martin', 'nguyen', 'walker', 'harris', 'clarke', 'young', 'king', 'wright'];
  const rows: string[] = [];
  let id = startId;
  for (let p = 0; p < people; p++) {
    const first = given[(p * 7) % given.length] as string;
    const last = family[(p * 5 + Math.floor(p / 13)) % family.length] as string;
    const dob = `19${50 + (p % 45)}-${String(1 + (p % 12)).padStart(2, '0')}-${String(1 + ((p * 3) % 28)).padStart(2, '0')}`;
    const email = `${first}.${last}.${p}@example.com`;
    rows.push(`${id++},${first},${last},${email},${dob}`);
    if (p % 2 === 0) rows.push(`${id++},${first.slice(0, -1)}${first.endsWith('a') ? 'e' : 'a'},${last},,${dob}`);
    if (p % 3 === 0) rows.push(`${id++},${first},${last},${email},`);
  }
  return rows;
}
