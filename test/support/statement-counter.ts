import type { Knex } from 'knex';

/**
 * Counts the SQL statements a knex instance sends, from `start()` on. Reads the `query` event,
 * which fires once per statement the driver receives.
 */
export function countStatements(knex: Knex): { start(): void; stop(): string[] } {
  let statements: string[] = [];
  let counting = false;
  knex.on('query', (query: { sql: string }) => {
    if (counting) statements.push(query.sql);
  });
  return {
    start: () => {
      statements = [];
      counting = true;
    },
    stop: () => {
      counting = false;
      return statements;
    },
  };
}
