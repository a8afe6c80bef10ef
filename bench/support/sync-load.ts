/**
 * One dialect's CSV load benchmark, in its own process so its peak RSS is its own.
 * Usage: tsx bench/support/sync-load.ts <sqlite|mysql> <csv file> <rows>
 */
import os from 'node:os';
import { parseProjectConfig } from '../../src/config/load-config';
import type { SourceConfig } from '../../src/config/sources';
import { silentLogger } from '../../src/logging';
import { syncSource } from '../../src/pipeline/sync-source';
import type { DialectName } from '../../src/store/database';
import { note, peakRssMb, reportFigure } from './bench-output';
import { createBenchDatabase } from './bench-database';

/** CPU seconds (user + system) this process used since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<void> {
  const [dialect, file, rowsText] = process.argv.slice(2) as [DialectName, string, string];
  const rows = Number(rowsText);
  const source = parseProjectConfig(
    {
      sources: [
        {
          name: 'bench',
          kind: 'csv',
          path: file,
          primaryKey: 'id',
          mapping: { first: 'givenName', last: 'familyName', email: 'email', phone: 'phone', dob: 'birthDate', country: 'country' },
          defaults: { dateFormats: ['yyyy-MM-dd'] },
        },
      ],
    },
    '/',
  ).sources[0] as SourceConfig;
  const bench = await createBenchDatabase(dialect);
  try {
    const logger = silentLogger();
    let cpu = process.cpuUsage();
    let started = process.hrtime.bigint();
    const first = await syncSource(bench.db, source, logger);
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const loadCpu = cpuSeconds(cpu);
    if (first.status !== 'succeeded' || first.counts.inserted !== rows) throw new Error(`load incomplete: ${JSON.stringify(first)}`);
    const label = dialect === 'mysql' ? 'mariadb' : 'sqlite';
    reportFigure(`sync.csv_load.${label}.rows_per_second`, Math.round(rows / loadSeconds), 'rows/s');
    reportFigure(`sync.csv_load.${label}.peak_rss`, peakRssMb(), 'MB');
    cpu = process.cpuUsage();
    started = process.hrtime.bigint();
    const again = await syncSource(bench.db, source, logger);
    const resyncSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const resyncCpu = cpuSeconds(cpu);
    if (again.counts.unchanged !== rows) throw new Error(`re-sync changed rows: ${JSON.stringify(again.counts)}`);
    reportFigure(`sync.csv_resync_unchanged.${label}.rows_per_second`, Math.round(rows / resyncSeconds), 'rows/s');
    note(
      `${label}: extract → normalize → load of ${rows} rows (no resolution): load ${loadSeconds.toFixed(1)} s wall, ${loadCpu.toFixed(1)} s CPU in this process; ` +
        `re-sync ${resyncSeconds.toFixed(1)} s wall, ${resyncCpu.toFixed(1)} s CPU; load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    await bench.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
