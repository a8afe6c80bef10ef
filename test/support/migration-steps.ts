import type { Knex } from 'knex';
import { migrations } from '../../migrations';

/** The project's migrations as knex's migrator takes them, to step a test database back and forth. */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations.find(([candidate]) => candidate === name)![1],
};

/** Rolls back every migration from `name` (inclusive) on: the schema as it was before it. */
export async function migrateDownThrough(knex: Knex, name: string): Promise<void> {
  const steps = migrations.length - migrations.findIndex(([candidate]) => candidate === name);
  for (let step = 0; step < steps; step++) await knex.migrate.down({ migrationSource });
}
