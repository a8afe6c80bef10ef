import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { AppError, ConfigError } from '../errors';
import { ProjectConfigSchema, type ProjectConfig } from './sources';

/** `sources[2].mapping.email` — the path style users see in validation messages. */
export function formatIssuePath(issuePath: ReadonlyArray<string | number>): string {
  return issuePath.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${part}` : part;
  }, '');
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatIssuePath(issue.path) || '(root)'}: ${issue.message}`);
}

/** Validates a parsed config object; relative file paths are resolved against `baseDir`. */
export function parseProjectConfig(input: unknown, baseDir: string, origin = 'config'): ProjectConfig {
  const parsed = ProjectConfigSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(`Invalid ${origin}`, describeIssues(parsed.error));
  return {
    ...parsed.data,
    sources: parsed.data.sources.map((source) =>
      'path' in source ? { ...source, path: path.resolve(baseDir, source.path) } : source,
    ),
  };
}

/** Reads a YAML or JSON config file and validates it, listing every problem by its path. */
export function loadProjectConfig(file: string): ProjectConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `cannot read config file ${absolute}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = absolute.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid config file ${absolute}`, [(error as Error).message]);
  }
  return parseProjectConfig(data, path.dirname(absolute), `config file ${absolute}`);
}
