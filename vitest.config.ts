import { createRequire } from 'node:module';
import os from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // type-graphql and graphql-shield load graphql as CommonJS; the tests must share that one
    // instance, or graphql's instanceof checks see two copies of the library.
    alias: [
      { find: /^graphql$/, replacement: require.resolve('graphql') },
      // Its ESM build would import graphql's ESM copy: the query cost check needs the CommonJS one.
      { find: /^graphql-query-complexity$/, replacement: require.resolve('graphql-query-complexity') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    // Integration suites share one MariaDB server; each file uses its own database, so files may run in parallel.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single one on a 2-core machine, where
    // the suite then ran file after file (7.7 min against 4.8 min with two). Most of its time is
    // spent waiting on MariaDB, child processes and HTTP, so at least two files run at once.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['./test/support/summary-reporter.ts', 'default'],
  },
});
