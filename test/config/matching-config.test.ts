import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/config/load-config';
import { ConfigError } from '../../src/errors';

const SOURCE = { name: 'crm', kind: 'csv', path: 'people.csv', primaryKey: 'id', mapping: { email: 'email' } };

function problems(matching: unknown): string[] {
  try {
    parseProjectConfig({ sources: [SOURCE], matching }, '/tmp');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('matching section of the project config', () => {
  it('accepts partial settings and keeps them as given', () => {
    const config = parseProjectConfig({ sources: [SOURCE], matching: { thresholds: { link: 0.995 }, blocking: { keys: ['email', 'phone'] } } }, '/tmp');
    expect(config.matching).toEqual({ thresholds: { link: 0.995 }, blocking: { keys: ['email', 'phone'] } });
  });

  it('names an unknown blocking key by its path and lists the known ones', () => {
    const [problem] = problems({ blocking: { keys: ['email', 'emial'] } });
    expect(problem).toMatch(/^matching\.blocking\.keys\[1\]: unknown blocking key "emial" \(known: email, phone/);
  });

  it('names an unknown comparison by its path', () => {
    expect(problems({ comparisons: ['givenName', 'shoeSize'] })[0]).toMatch(/^matching\.comparisons\[1\]: unknown comparison "shoeSize"/);
  });

  it('refuses a review threshold above the link threshold', () => {
    expect(problems({ thresholds: { link: 0.9, review: 0.95 } })).toEqual(['matching.thresholds.review: must not exceed thresholds.link (0.9)']);
  });

  it('refuses a threshold outside (0, 1) and an unknown setting', () => {
    const found = problems({ thresholds: { link: 1 }, clustering: { maxClusterSize: 10, minScore: 2 } });
    expect(found.some((p) => p.startsWith('matching.thresholds.link:'))).toBe(true);
    expect(found.some((p) => p.startsWith('matching.clustering:') && p.includes('minScore'))).toBe(true);
  });
});
