/**
 * CSV → source_records throughput on embedded SQLite and on MariaDB, and the re-sync of the
 * same unchanged file. Targets (2-core machine): MariaDB ≥ 20,000 rows/s with peak RSS ≤ 300 MB,
 * SQLite ≥ 50,000 rows/s, unchanged re-sync ≥ 100,000 rows/s. BENCH_SYNC_ROWS sets the size
 * (default 1,000,000).
 *
 * What is timed is syncSource: extract (read and parse the file) → normalize → load (upserts,
 * quarantine, the snapshot's deletion pass, the sync_runs row). Identity resolution, which the
 * `sync` command runs afterwards, is not part of these figures. Each dialect runs in its own
 * process (support/sync-load.ts), so its peak RSS is that of a sync alone. CPU seconds per figure are printed on stderr beside the wall-clock rates:
 * on a shared machine they show how much of the wall time was spent waiting for a core.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { note } from './support/bench-output';
import { productNodeFlags } from './support/product-node-flags';

const rows = Number(process.env.BENCH_SYNC_ROWS ?? 1_000_000);
const GIVEN = ['Ann', 'Bo', 'Chen', 'Dana', 'Emil', 'Fatima', 'Grace', 'Hiro', 'Ivan', 'Jana'];
const FAMILY = ['Lee', 'Müller', 'Wang', 'Smith', 'Garcia', 'Kowalski', 'Rossi', 'Silva'];
const COUNTRIES = ['DE', 'CN', 'US', 'FR', 'GB'];

function writeCsv(file: string): void {
  const fd = fs.openSync(file, 'w');
  let chunk = 'id,first,last,email,phone,dob,country\n';
  for (let i = 0; i < rows; i += 1) {
    const given = GIVEN[i % GIVEN.length] as string;
    const family = FAMILY[(i >> 3) % FAMILY.length] as string;
    chunk += `${i},${given},${family},${given.toLowerCase()}.${i}@example.com,+49151${String(10000000 + (i % 89999999))},19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10},${COUNTRIES[i % COUNTRIES.length]}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-csv-'));
const file = path.join(dir, 'customers.csv');
writeCsv(file);
note(`sync bench: ${rows} rows, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV`);
let failed = false;
for (const dialect of ['sqlite', 'mysql']) {
  const result = spawnSync(process.execPath, [...productNodeFlags(), '--import', 'tsx', path.join(__dirname, 'support', 'sync-load.ts'), dialect, file, String(rows)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed = true;
}
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
