import fs from 'node:fs';
import path from 'node:path';

/**
 * The flags `bin/customer-graph` starts node with (its `#!/usr/bin/env -S node …` line), so that a
 * benchmark runs the product's code under the same V8 settings as the command does.
 */
export function productNodeFlags(): string[] {
  const firstLine = fs.readFileSync(path.join(__dirname, '..', '..', 'bin', 'customer-graph'), 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node(.*)$/.exec(firstLine);
  return match ? (match[1] ?? '').trim().split(/\s+/).filter((flag) => flag !== '') : [];
}
