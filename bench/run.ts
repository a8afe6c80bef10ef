/**
 * Runs every bench/*.bench.ts in its own process, one after another (they measure the machine,
 * so they must not compete), passing through their JSON lines:
 * `{"name": ..., "value": ..., "unit": ...}`. Each starts node with the flags `bin/customer-graph` uses. `npm run bench -- febrl` runs only matching files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { productNodeFlags } from './support/product-node-flags';

const dir = __dirname;
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const result = spawnSync(process.execPath, [...productNodeFlags(), '--import', 'tsx', path.join(dir, file)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`bench: ${file} exited with ${result.status ?? result.signal}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
