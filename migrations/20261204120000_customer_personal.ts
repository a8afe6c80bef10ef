import type { Knex } from 'knex';
import { longTextColumn, parseJsonColumn } from '../src/store/dialect';
import type { FieldCipher } from '../src/store/field-cipher';
import { fieldProtection } from '../src/store/field-protection';

/**
 * A customer's personal fields (names, contacts and their sources, birth date, address) move from
 * a column each into one encrypted JSON value, `customers.personal`: one encryption per customer
 * written and one decryption per customer read, where there were fourteen. Existing rows are
 * folded with the process's data keys (they are only needed when there are rows), then the old
 * columns go. Each step skips what is already done, so a migration stopped half way (MySQL
 * commits DDL as it goes) finishes when run again.
 */

/** Old column → field of the JSON, in the order the JSON keeps. */
const TEXT_FIELDS: ReadonlyArray<readonly [column: string, field: string]> = [
  ['given_name', 'givenName'],
  ['family_name', 'familyName'],
  ['full_name', 'fullName'],
  ['given_name_pinyin', 'givenNamePinyin'],
  ['family_name_pinyin', 'familyNamePinyin'],
];
const PLACE_FIELDS: ReadonlyArray<readonly [column: string, field: string]> = [
  ['birth_date', 'birthDate'],
  ['address_line1', 'addressLine1'],
  ['address_line2', 'addressLine2'],
  ['city', 'city'],
  ['region', 'region'],
  ['postal_code', 'postalCode'],
];
const FOLDED = [...TEXT_FIELDS.map(([column]) => column), 'emails', 'phones', 'contact_sources', ...PLACE_FIELDS.map(([column]) => column)];
const BATCH = 500;

type ContactSources = Record<string, string[]>;

/** The JSON `customers.personal` holds, from the old columns (each decrypted; plaintext passes). */
function personalJson(row: Record<string, unknown>, cipher: FieldCipher): string {
  const open = (column: string): string | null => cipher.open(row[column] === null || row[column] === undefined ? null : String(row[column]));
  const personal: Record<string, unknown> = {};
  for (const [column, field] of TEXT_FIELDS) {
    const value = open(column);
    if (value !== null) personal[field] = value;
  }
  const sources = parseJsonColumn<{ emails?: ContactSources; phones?: ContactSources }>(open('contact_sources'), {});
  personal.emails = parseJsonColumn<string[]>(open('emails'), []);
  personal.phones = parseJsonColumn<string[]>(open('phones'), []);
  personal.emailSources = sources.emails ?? {};
  personal.phoneSources = sources.phones ?? {};
  for (const [column, field] of PLACE_FIELDS) {
    const value = open(column);
    if (value !== null) personal[field] = value;
  }
  return JSON.stringify(personal);
}

async function presentColumns(knex: Knex, columns: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const column of columns) if (await knex.schema.hasColumn('customers', column)) present.push(column);
  return present;
}

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasColumn('customers', 'personal'))) {
    await knex.schema.alterTable('customers', (t) => {
      longTextColumn(t, 'personal').nullable();
    });
  }
  const folded = await presentColumns(knex, FOLDED);
  if (folded.length === 0) return;
  for (;;) {
    const rows: Record<string, unknown>[] = await knex('customers').select(['id', ...folded]).whereNull('personal').orderBy('id').limit(BATCH);
    if (rows.length === 0) break;
    const { cipher } = fieldProtection();
    for (const row of rows) await knex('customers').where({ id: row.id }).update({ personal: cipher.seal(personalJson(row, cipher)) });
  }
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumns(...folded);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    for (const column of FOLDED) {
      if (column === 'emails' || column === 'phones') longTextColumn(t, column).nullable();
      else t.text(column).nullable();
    }
  });
  for (let after = ''; ; ) {
    const rows: { id: string; personal: string | null }[] = await knex('customers').select('id', 'personal').where('id', '>', after).orderBy('id').limit(BATCH);
    if (rows.length === 0) break;
    const { cipher } = fieldProtection();
    for (const row of rows) {
      const personal = parseJsonColumn<Record<string, unknown>>(cipher.open(row.personal), {});
      const seal = (value: unknown): string | null => cipher.seal(value === undefined || value === null ? null : String(value));
      const columns: Record<string, unknown> = {
        emails: cipher.seal(JSON.stringify(personal.emails ?? [])),
        phones: cipher.seal(JSON.stringify(personal.phones ?? [])),
        contact_sources: cipher.seal(JSON.stringify({ emails: personal.emailSources ?? {}, phones: personal.phoneSources ?? {} })),
      };
      for (const [column, field] of [...TEXT_FIELDS, ...PLACE_FIELDS]) columns[column] = seal(personal[field]);
      await knex('customers').where({ id: row.id }).update(columns);
    }
    after = rows[rows.length - 1]!.id;
  }
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('personal');
  });
}
