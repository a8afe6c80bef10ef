import type { Knex } from 'knex';
import { longTextColumn } from '../src/store/dialect';
import { fieldProtection } from '../src/store/field-protection';

/**
 * A source record's normalized values, raw values and corrections move from a column each into
 * one encrypted value, `source_records.payload`: the three JSON texts joined by NUL (which JSON
 * text never contains), normalized first. One encryption per record loaded instead of two or
 * three. Existing rows are folded with the process's data keys (needed only when there are rows),
 * then the old columns go. Each step skips what is already done, so a migration stopped half way
 * (MySQL commits DDL as it goes) finishes when run again.
 */

const FOLDED = ['raw', 'normalized', 'corrections'];
const SEPARATOR = '\u0000';
const BATCH = 1000;

async function presentColumns(knex: Knex, columns: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const column of columns) if (await knex.schema.hasColumn('source_records', column)) present.push(column);
  return present;
}

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasColumn('source_records', 'payload'))) {
    await knex.schema.alterTable('source_records', (t) => {
      longTextColumn(t, 'payload').nullable();
    });
  }
  const folded = await presentColumns(knex, FOLDED);
  if (folded.length === 0) return;
  for (;;) {
    const rows: { id: number; raw: string; normalized: string; corrections: string | null }[] = await knex('source_records')
      .select('id', 'raw', 'normalized', 'corrections')
      .whereNull('payload')
      .orderBy('id')
      .limit(BATCH);
    if (rows.length === 0) break;
    const { cipher } = fieldProtection();
    for (const row of rows) {
      const text = `${cipher.open(row.normalized)}${SEPARATOR}${cipher.open(row.raw)}${SEPARATOR}${cipher.open(row.corrections) ?? ''}`;
      await knex('source_records').where({ id: row.id }).update({ payload: cipher.seal(text) });
    }
  }
  await knex.schema.alterTable('source_records', (t) => {
    t.dropColumns(...folded);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('source_records', (t) => {
    for (const column of FOLDED) longTextColumn(t, column).nullable();
  });
  for (let after = 0; ; ) {
    const rows: { id: number; payload: string }[] = await knex('source_records').select('id', 'payload').where('id', '>', after).orderBy('id').limit(BATCH);
    if (rows.length === 0) break;
    const { cipher } = fieldProtection();
    for (const row of rows) {
      const [normalized, raw, corrections] = cipher.open(row.payload).split(SEPARATOR) as [string, string, string];
      await knex('source_records')
        .where({ id: row.id })
        .update({ raw: cipher.seal(raw), normalized: cipher.seal(normalized), corrections: cipher.seal(corrections === '' ? null : corrections) });
    }
    after = Number(rows[rows.length - 1]!.id);
  }
  await knex.schema.alterTable('source_records', (t) => {
    t.dropColumn('payload');
  });
}
