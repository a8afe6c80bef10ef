import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProjectConfig } from '../../src/config/load-config';
import type { ProjectConfig } from '../../src/config/sources';

/** Writes files into a fresh temporary folder and returns its path. */
export function writeFixtureDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-fixture-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

/** One CSV source of a fixture: the file's text and the source settings besides its kind and path. */
export interface CsvFixtureSource {
  csv: string;
  primaryKey: string;
  mapping: Record<string, string>;
  trust?: number;
  defaults?: Record<string, unknown>;
}

/** A project config of CSV sources, each file written as `<name>.csv` into a fresh folder. */
export function csvSourcesConfig(sources: Record<string, CsvFixtureSource>): ProjectConfig {
  const dir = writeFixtureDir(Object.fromEntries(Object.entries(sources).map(([name, source]) => [`${name}.csv`, source.csv])));
  return parseProjectConfig(
    { sources: Object.entries(sources).map(([name, { csv: _csv, ...settings }]) => ({ name, kind: 'csv', path: `${name}.csv`, ...settings })) },
    dir,
  );
}
