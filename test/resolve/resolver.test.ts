import { describe, expect, it } from 'vitest';
import { IdentityResolver, resolveIncremental, resolveRecords } from '../../src/resolve';
import type { MatchRecord } from '../../src/resolve';
import { canonical, personOf, record, syntheticPeople } from './fixtures';

const FAST = { training: { uSamplePairs: 50_000 } };

describe('resolveRecords', () => {
  const records: MatchRecord[] = [
    record('a1', { givenName: 'anna', familyName: 'smith', birthDate: '1980-02-03', postalCode: '2000', emails: ['anna@x.com'] }),
    record('a2', { givenName: 'ana', familyName: 'smith', birthDate: '1980-02-03', postalCode: '2000' }),
    record('a3', { givenName: 'anna', familyName: 'smyth', birthDate: '1980-03-02', postalCode: '2000', emails: ['anna@x.com'] }),
    record('b1', { givenName: 'oscar', familyName: 'jones', birthDate: '1975-11-30', postalCode: '3000' }),
    record('b2', { givenName: 'oscar', familyName: 'jones', birthDate: '1975-11-30', postalCode: '3001' }),
    record('c1', { givenName: 'ruby', familyName: 'lee', birthDate: '1990-01-01', postalCode: '4000' }),
    ...syntheticPeople(60, 9),
  ];
  const result = resolveRecords(records, FAST);

  it('returns one cluster per person, singletons included', () => {
    const clusterOf = (id: string) => result.clusters.find((cluster) => cluster.includes(id));
    expect(clusterOf('a1')).toEqual(['a1', 'a2', 'a3']);
    expect(clusterOf('b1')).toEqual(['b1', 'b2']);
    expect(clusterOf('c1')).toEqual(['c1']);
    expect(result.clusters.flat().sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('records the rule of a rule-decided link', () => {
    const link = result.links.find((l) => [l.left, l.right].sort().join() === 'a1,a3');
    expect(link).toMatchObject({ decision: 'link', rule: 'sameEmail' });
  });

  it('keeps per-comparison levels on every link so that it can be explained', () => {
    const link = result.links.find((l) => [l.left, l.right].sort().join() === 'b1,b2');
    expect(link).toBeDefined();
    const resolver = new IdentityResolver(FAST, result.parameters);
    const explanation = resolver.explain(link!);
    const byName = Object.fromEntries(explanation.comparisons.map((c) => [c.comparison, c.level]));
    expect(byName).toMatchObject({ givenName: 'exact', familyName: 'exact', birthDate: 'exact', postalCode: 'oneTypo', email: 'null' });
    const total = explanation.priorWeight + explanation.comparisons.reduce((sum, c) => sum + c.weight, 0);
    expect(total).toBeCloseTo(link!.score, 9);
  });

  it('reports blocks too large to use', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => record(`t${i}`, { givenName: `p${i}`, emails: ['test@test.com'] }));
    const { oversizedBlocks } = resolveRecords([...records, ...crowd], { ...FAST, blocking: { maxBlockSize: 10 } });
    expect(oversizedBlocks).toContainEqual({ key: 'email', value: 'test@test.com', size: 12 });
  });
});

describe('incremental resolution', () => {
  const everything = syntheticPeople(150, 21);
  const { parameters } = resolveRecords(everything, FAST);

  it('gives the same clusters in two batches as all at once', () => {
    const full = resolveRecords(everything, FAST, parameters);
    const first = everything.filter((_, i) => i % 3 !== 0);
    const second = everything.filter((_, i) => i % 3 === 0);
    const resolver = new IdentityResolver(FAST, parameters);
    resolver.resolveAll(first, parameters);
    resolver.upsert(second);
    expect(canonical(resolver.clusters())).toEqual(canonical(full.clusters));
  });

  it('continues from stored clusters and records as if it had never stopped', () => {
    const first = everything.filter((_, i) => i % 4 !== 1);
    const second = everything.filter((_, i) => i % 4 === 1);
    const stored = resolveRecords(first, FAST, parameters).clusters;
    const increment = resolveIncremental({ records: first, clusters: stored }, second, FAST, parameters);
    // Untouched stored clusters plus the increment's clusters make the full result.
    const replaced = new Set(increment.replaced.map((cluster) => [...cluster].sort().join()));
    const untouched = stored.filter((cluster) => !replaced.has([...cluster].sort().join()));
    const full = resolveRecords(everything, FAST, parameters);
    expect(canonical([...untouched, ...increment.clusters])).toEqual(canonical(full.clusters));
  });

  it('gives the same clusters record by record as all at once', () => {
    const full = resolveRecords(everything.slice(0, 120), FAST, parameters);
    const resolver = new IdentityResolver(FAST, parameters);
    resolver.resolveAll([], parameters);
    for (const one of everything.slice(0, 120)) resolver.upsert([one]);
    expect(canonical(resolver.clusters())).toEqual(canonical(full.clusters));
  });

  it('scores only the pairs of the touched blocks', () => {
    const resolver = new IdentityResolver(FAST, parameters);
    const full = resolver.resolveAll(everything.slice(1), parameters);
    const increment = resolver.upsert([everything[0] as MatchRecord]);
    expect(increment.scoredPairs).toBeGreaterThan(0);
    expect(increment.scoredPairs).toBeLessThan(full.statistics.candidatePairs / 20);
  });

  it('moves a changed record out of a cluster it no longer belongs to', () => {
    const resolver = new IdentityResolver(FAST, parameters);
    resolver.resolveAll(everything, parameters);
    const member = resolver.clusters().find((cluster) => cluster.length >= 3) as string[];
    const moved = member[0] as string;
    const changed = record(moved, {
      givenName: 'zebedee',
      familyName: 'quartermaine',
      birthDate: '1901-01-01',
      nationalId: '0000000',
      postalCode: '9999',
    });
    const increment = resolver.upsert([changed]);
    expect(increment.replaced.map((c) => [...c].sort())).toContainEqual([...member].sort());
    expect(increment.clusters).toContainEqual([moved]);
    expect(increment.clusters).toContainEqual(member.filter((id) => id !== moved).sort());
    const full = resolveRecords(
      everything.map((r) => (r.id === moved ? changed : r)),
      FAST,
      parameters,
    );
    expect(canonical(resolver.clusters())).toEqual(canonical(full.clusters));
  });

  it('keeps the clusters correct on synthetic people', () => {
    const resolver = new IdentityResolver(FAST, parameters);
    resolver.resolveAll([], parameters);
    resolver.upsert(everything);
    const wrong = resolver.clusters().filter((cluster) => new Set(cluster.map(personOf)).size > 1);
    expect(wrong).toEqual([]);
  });
});
