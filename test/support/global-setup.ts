import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { isMysqlReachable, MYSQL_URL } from './mysql-probe';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlAvailable: boolean;
  }
}

/** Checks the MySQL server once for the whole run; suites read the answer with inject(). */
export default async function setup(project: TestProject): Promise<void> {
  const available = await isMysqlReachable();
  if (!available) {
    process.stderr.write(`\n[customer-graph tests] MySQL not reachable at ${MYSQL_URL}: MySQL suites are skipped (never under CI=true)\n`);
  }
  project.provide('mysqlAvailable', available);
}
