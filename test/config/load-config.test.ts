import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import { ConfigError } from '../../src/errors';

const valid = {
  sources: [{ name: 'crm', kind: 'csv', path: 'crm.csv', primaryKey: 'id', mapping: { email: 'email' } }],
};

function problemsOf(input: unknown): string[] {
  try {
    parseProjectConfig(input, '/base');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('project config', () => {
  it('resolves a CSV path against the config file folder', () => {
    const config = parseProjectConfig(valid, '/base');
    expect(config.sources[0]).toMatchObject({ path: '/base/crm.csv', trust: 1, delimiter: ',', encoding: 'utf-8' });
  });

  it('names an unknown canonical field by its path in the file', () => {
    const input = { sources: [{ ...valid.sources[0], mapping: { mail: 'emial' } }] };
    expect(problemsOf(input)).toEqual([expect.stringMatching(/^sources\[0\]\.mapping\.mail: unknown canonical field "emial"/)]);
  });

  it('lists every problem at once, not only the first', () => {
    const input = { sources: [{ name: 'Bad Name', kind: 'csv', mapping: {} }] };
    const problems = problemsOf(input);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.join('\n')).toMatch(/sources\[0\]\.name/);
    expect(problems.join('\n')).toMatch(/sources\[0\]\.path/);
    expect(problems.join('\n')).toMatch(/sources\[0\]\.primaryKey/);
  });

  it('refuses two sources with the same name', () => {
    const input = { sources: [valid.sources[0], valid.sources[0]] };
    expect(problemsOf(input)).toEqual([expect.stringContaining('sources[1].name: duplicate source name "crm"')]);
  });

  it('refuses an unknown source kind', () => {
    const input = { sources: [{ ...valid.sources[0], kind: 'ftp' }] };
    expect(problemsOf(input).join('\n')).toMatch(/sources\[0\]\.kind/);
  });
});
