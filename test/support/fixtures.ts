import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes files into a fresh temporary folder and returns its path. */
export function writeFixtureDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-fixture-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
