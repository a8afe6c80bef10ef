import { describe, expect, it } from 'vitest';
import { IdentityResolver, resolveRecords, STEWARD_LINK_RULE } from '../../src/resolve';
import type { MatchRecord, StewardDecisions } from '../../src/resolve';
import { canonical, record, syntheticPeople } from './fixtures';

const FAST = { training: { uSamplePairs: 50_000 } };
const people = syntheticPeople(80, 33);
const { parameters } = resolveRecords(people, FAST);
const clusterOf = (clusters: string[][], id: string) => clusters.find((cluster) => cluster.includes(id)) ?? [];

const anna = [
  record('a1', { givenName: 'anna', familyName: 'smith', birthDate: '1980-02-03', postalCode: '2000', emails: ['anna@x.com'] }),
  record('a2', { givenName: 'anna', familyName: 'smith', birthDate: '1980-02-03', postalCode: '2000', emails: ['anna@x.com'] }),
  record('a3', { givenName: 'anna', familyName: 'smith', birthDate: '1980-02-03', postalCode: '2000' }),
];
const zed = record('z1', { givenName: 'zebedee', familyName: 'quartermaine', birthDate: '1901-01-01', postalCode: '9999' });
const records: MatchRecord[] = [...anna, zed, ...people];

function resolveWith(decisions: StewardDecisions) {
  return resolveRecords(records, FAST, parameters, decisions);
}

describe('steward decisions in resolution', () => {
  it('keeps records a steward merged together although nothing else links them', () => {
    const result = resolveWith({ mustLink: [['a1', 'z1'], ['a2', 'z1'], ['a3', 'z1']], cannotLink: [] });
    expect(clusterOf(result.clusters, 'z1')).toEqual(['a1', 'a2', 'a3', 'z1']);
    expect(result.links.filter((link) => link.rule === STEWARD_LINK_RULE)).toHaveLength(3);
  });

  it('never puts a cannot-link pair into one cluster, even through other records', () => {
    const result = resolveWith({ mustLink: [], cannotLink: [['a1', 'a2']] });
    expect(clusterOf(result.clusters, 'a1')).not.toContain('a2');
    expect(result.clusters.flat().sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('keeps a record split out on its own when cannot-linked with each of its former partners', () => {
    const result = resolveWith({ mustLink: [], cannotLink: [['a3', 'a1'], ['a3', 'a2']] });
    expect(clusterOf(result.clusters, 'a3')).toEqual(['a3']);
    expect(clusterOf(result.clusters, 'a1')).toEqual(['a1', 'a2']);
  });

  it('gives the same clusters incrementally as in a full run under the same decisions', () => {
    const decisions: StewardDecisions = { mustLink: [['a1', 'z1'], ['a2', 'z1']], cannotLink: [['a3', 'a1'], ['a3', 'a2']] };
    const full = resolveWith(decisions);
    const resolver = new IdentityResolver(FAST, parameters);
    resolver.setDecisions(decisions);
    resolver.resolveAll(records.filter((_, i) => i % 3 !== 0), parameters);
    resolver.upsert(records.filter((_, i) => i % 3 === 0));
    expect(canonical(resolver.clusters())).toEqual(canonical(full.clusters));
  });

  it('re-resolves the records a new decision touches', () => {
    const resolver = new IdentityResolver(FAST, parameters);
    resolver.resolveAll(records, parameters);
    expect(clusterOf(resolver.clusters(), 'a1')).toEqual(['a1', 'a2', 'a3']);
    resolver.setDecisions({ mustLink: [], cannotLink: [['a3', 'a1'], ['a3', 'a2']] });
    const increment = resolver.upsert([], ['a3']);
    expect(increment.clusters).toContainEqual(['a3']);
    expect(canonical(resolver.clusters())).toEqual(canonical(resolveWith({ mustLink: [], cannotLink: [['a3', 'a1'], ['a3', 'a2']] }).clusters));
  });
});
