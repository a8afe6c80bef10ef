import { describe, expect, it } from 'vitest';
import { type ComparisonDefinition, comparisonsByName } from '../../src/resolve/comparisons';
import { resolveConfig } from '../../src/resolve/config';
import { PatternTable } from '../../src/resolve/patterns';
import { PreparedRecords } from '../../src/resolve/prepared-records';
import { expectationMaximisation } from '../../src/resolve/training';
import { estimateU } from '../../src/resolve/u-estimation';
import { resolveRecords, type MatchRecord } from '../../src/resolve';
import { personOf, seeded, syntheticPeople } from './fixtures';

/** Three comparisons with 3 levels each (null, agree, disagree) and known parameters. */
const toy: ComparisonDefinition[] = ['first', 'second', 'third'].map((name) => ({
  name,
  levels: ['null', 'agree', 'disagree'],
  defaultM: [0, 0.6, 0.4],
  defaultU: [0, 0.3, 0.7],
  cost: 1,
  compare: () => 0,
}));

describe('expectation–maximisation', () => {
  it('recovers m and λ from pairs drawn from a known model', () => {
    const trueM = [0.95, 0.85, 0.75];
    const trueU = [0.05, 0.1, 0.2];
    const trueLambda = 0.3;
    const random = seeded(7);
    const patterns = new PatternTable([3, 3, 3]);
    for (let pair = 0; pair < 20000; pair++) {
      const match = random() < trueLambda;
      const levels = [0, 1, 2].map((c) => (random() < (match ? trueM[c] : trueU[c])! ? 1 : 2));
      patterns.add(levels);
    }
    const u = trueU.map((agree) => [1, agree, 1 - agree]);
    const options = { ...resolveConfig().training, priorPairs: 1 };
    const result = expectationMaximisation(patterns, toy, u, options, 0.5, false);
    expect(result.converged).toBe(true);
    expect(result.lambda).toBeCloseTo(trueLambda, 1);
    result.m.forEach((row, c) => expect(row[1]).toBeCloseTo(trueM[c] as number, 1));
  });

  it('is not fooled by blocked non-matches that all agree on the blocking field', () => {
    // 1,000 matches; 20,000 non-matches that share the first field (they were blocked on it)
    // and agree on the others only by chance, as random pairs do.
    const fields = ['a', 'b', 'c', 'd', 'e'];
    const binary: ComparisonDefinition[] = fields.map((name) => ({ ...toy[0]!, name }));
    const trueM = [0.95, 0.9, 0.9, 0.85, 0.8];
    const randomU = [0.01, 0.02, 0.02, 0.05, 0.1];
    const random = seeded(11);
    const patterns = new PatternTable(fields.map(() => 3));
    for (let pair = 0; pair < 21000; pair++) {
      const match = pair < 1000;
      patterns.add(fields.map((_, c) => (!match && c === 0 ? 1 : random() < (match ? trueM[c] : randomU[c])! ? 1 : 2)));
    }
    const u = randomU.map((agree) => [1, agree, 1 - agree]);
    const options = { ...resolveConfig().training, priorPairs: 1 };

    const result = expectationMaximisation(patterns, binary, u, options, 0.1);
    expect(result.lambda).toBeCloseTo(1000 / 21000, 2);
    result.m.forEach((row, c) => expect(row[1]).toBeCloseTo(trueM[c] as number, 1));
    expect(result.candidateU[0]![1]).toBeGreaterThan(0.99); // blocked non-matches always agree on it

    // Holding u at its random-pair value instead mistakes "shares the blocking field" for a match.
    const naive = expectationMaximisation(patterns, binary, u, options, 0.1, false);
    expect(naive.lambda).toBeGreaterThan(0.5);
  });

  it('keeps levels the data never shows at a finite, default-leaning m', () => {
    const patterns = new PatternTable([3, 3, 3]);
    patterns.add([1, 1, 0], 500); // "third" is always missing
    patterns.add([2, 2, 0], 500);
    const u = toy.map(() => [1, 0.1, 0.9]);
    const result = expectationMaximisation(patterns, toy, u, resolveConfig().training, 0.5);
    expect(result.m[2]).toEqual([1, 0.6, 0.4]);
  });
});

describe('u estimation', () => {
  it('finds agreement rare among random pairs and never exactly zero', () => {
    const people = syntheticPeople(200, 3);
    const records = PreparedRecords.from(people);
    const comparisons = comparisonsByName(['givenName', 'nationalId']);
    const { u } = estimateU(records, (index) => people[index] as MatchRecord, comparisons, { birthYearTolerance: 5 }, 100_000, 1);
    const [given, nationalId] = u as [number[], number[]];
    expect(given[1]).toBeGreaterThan(0.02); // 20 given names: ~1 in 20 random pairs agree
    expect(given[1]).toBeLessThan(0.15);
    expect(nationalId[1]).toBeGreaterThan(0);
    expect(nationalId[1]).toBeLessThan(0.01);
    for (const row of u) expect(row.slice(1).reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 2);
  });
});

/** Fewer random pairs for u keep the tests fast. */
const FAST = { training: { uSamplePairs: 50_000 } };

describe('trained model', () => {
  it('learns that agreement is evidence for a match and disagreement against it', () => {
    const result = resolveRecords(syntheticPeople(300, 11), FAST);
    for (const comparison of result.parameters.comparisons) {
      if (!['givenName', 'familyName', 'birthDate', 'nationalId'].includes(comparison.comparison)) continue;
      const exact = comparison.levels[1] as { m: number; u: number };
      const different = comparison.levels[comparison.levels.length - 1] as { m: number; u: number };
      expect(Math.log2(exact.m / exact.u)).toBeGreaterThan(2);
      expect(Math.log2(different.m / different.u)).toBeLessThan(-1);
    }
    expect(result.parameters.training.emConverged).toBe(true);
  });

  it('is plain, serialisable data', () => {
    const result = resolveRecords(syntheticPeople(50, 2), FAST);
    expect(JSON.parse(JSON.stringify(result.parameters))).toEqual(result.parameters);
  });

  it('resolves synthetic people nearly perfectly', () => {
    const records = syntheticPeople(300, 5);
    const { clusters } = resolveRecords(records, FAST);
    const wrong = clusters.filter((cluster) => new Set(cluster.map(personOf)).size > 1);
    expect(wrong).toEqual([]);
    const persons = new Set(records.map((r) => personOf(r.id)));
    expect(clusters.length).toBeLessThanOrEqual(persons.size * 1.03);
  });
});

/**
 * A file of 6,000 different people (each with an email and a phone of their own) drawn from 80
 * full names and 450 birth dates that cycle together: pairs alike on name, birth date and country
 * are plentiful, so EM can take "alike" for "the same person".
 */
function fewNamesAndBirthDates(count: number): MatchRecord[] {
  const given = ['ann', 'bo', 'chen', 'dana', 'emil', 'fatima', 'grace', 'hiro', 'ivan', 'jana'];
  const family = ['lee', 'muller', 'wang', 'smith', 'garcia', 'kowalski', 'rossi', 'silva'];
  const countries = ['DE', 'CN', 'US', 'FR', 'GB'];
  return Array.from({ length: count }, (_, i) => ({
    id: String(i),
    source: 'export',
    givenName: given[i % given.length],
    familyName: family[(i >> 3) % family.length],
    birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
    emails: [`${given[i % given.length]}.${i}@example.com`],
    phones: [`+49151${10_000_000 + i}`],
    country: countries[i % countries.length],
  }));
}

describe('trained model: a match class too large to be duplicates', () => {
  it('is refused, keeping the default m, when EM implies more duplicates per record than allowed', () => {
    const result = resolveRecords(fewNamesAndBirthDates(6000), FAST);
    const { training } = result.parameters;
    expect(training.refusedEmDuplicatesPerRecord).toBeGreaterThan(resolveConfig().training.maxDuplicatesPerRecord);
    for (const comparison of result.parameters.comparisons) {
      const defaults = comparisonsByName([comparison.comparison])[0] as ComparisonDefinition;
      expect(comparison.levels.slice(1).map((level) => level.m)).toEqual(defaults.defaultM.slice(1));
    }
    expect(training.duplicatesPerRecord).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('then merges none of the different people', () => {
    const { clusters } = resolveRecords(fewNamesAndBirthDates(6000), FAST);
    expect(clusters.filter((cluster) => cluster.length > 1)).toEqual([]);
  });

  it('is kept when the duplicates it implies are plausible', () => {
    const { training } = resolveRecords(syntheticPeople(300, 11), FAST).parameters;
    expect(training.refusedEmDuplicatesPerRecord).toBeUndefined();
    expect(training.duplicatesPerRecord).toBeGreaterThan(0.5);
    expect(training.duplicatesPerRecord).toBeLessThan(resolveConfig().training.maxDuplicatesPerRecord);
  });

  it('may be allowed more duplicates per record in the config', () => {
    const { training } = resolveRecords(fewNamesAndBirthDates(6000), { ...FAST, training: { ...FAST.training, maxDuplicatesPerRecord: 1000 } }).parameters;
    expect(training.refusedEmDuplicatesPerRecord).toBeUndefined();
  });
});
