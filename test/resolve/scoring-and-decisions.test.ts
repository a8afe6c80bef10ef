import { describe, expect, it } from 'vitest';
import { comparisonsByName } from '../../src/resolve/comparisons';
import { resolveConfig } from '../../src/resolve/config';
import { PairJudge } from '../../src/resolve/decisions';
import { PreparedRecords } from '../../src/resolve/prepared-records';
import { decide, defaultParameters, matchExplanation, probabilityOfScore, ScoringModel } from '../../src/resolve/scoring';
import { NameLevel } from '../../src/resolve/comparators/names';
import { resolveRecords } from '../../src/resolve';
import { record, syntheticPeople } from './fixtures';

const comparisons = comparisonsByName(['givenName', 'familyName', 'birthDate', 'email', 'phone']);
const parameters = defaultParameters(comparisons, 0.001);
const model = new ScoringModel(comparisons, parameters, { birthYearTolerance: 5 });

describe('match weights and probability', () => {
  it('are log2(m/u) per level, zero for a missing value', () => {
    const given = parameters.comparisons[0]!;
    const exact = given.levels[1]!;
    expect(model.weights[0]![1]).toBeCloseTo(Math.log2(exact.m / exact.u), 12);
    expect(model.weights[0]![0]).toBe(0);
  });

  it('add up with the prior into a log2-odds score', () => {
    const levels = [NameLevel.Exact, NameLevel.Exact, 1, 0, 0];
    const expected = Math.log2(0.001 / 0.999) + model.weights[0]![1]! + model.weights[1]![1]! + model.weights[2]![1]!;
    expect(model.scoreOfLevels(levels)).toBeCloseTo(expected, 12);
  });

  it('turn a score into a probability', () => {
    expect(probabilityOfScore(0)).toBe(0.5);
    expect(probabilityOfScore(Math.log2(99))).toBeCloseTo(0.99, 12);
  });
});

describe('thresholds', () => {
  const thresholds = { link: 0.99, review: 0.5 };
  it('must be ordered, review below link', () => {
    expect(() => resolveConfig({ thresholds: { link: 0.5, review: 0.9 } })).toThrow();
  });
  it('link at or above the upper threshold', () => expect(decide(0.995, thresholds)).toBe('link'));
  it('review between the thresholds', () => expect(decide(0.7, thresholds)).toBe('review'));
  it('do not link below the lower threshold', () => expect(decide(0.2, thresholds)).toBe('none'));
  it('include the threshold values themselves', () => {
    expect(decide(0.99, thresholds)).toBe('link');
    expect(decide(0.5, thresholds)).toBe('review');
  });
});

describe('deterministic rules', () => {
  const judge = new PairJudge(model, resolveConfig({ thresholds: { link: 0.99999999, review: 0.9999999 } }));
  const levelsOf = (a: Parameters<typeof record>[1], b: Parameters<typeof record>[1]): number[] => {
    const prepared = PreparedRecords.from([record('a', a), record('b', b)]);
    const levels: number[] = [];
    model.levelsInto(prepared, 0, 1, levels);
    return levels;
  };

  it('link a shared email when the names do not disagree', () => {
    const judgement = judge.judge(levelsOf({ givenName: 'ann', emails: ['ann@x.com'] }, { givenName: 'anne', emails: ['ann@x.com'] }));
    expect(judgement).toMatchObject({ decision: 'link', rule: 'sameEmail' });
  });

  it('do not link a shared family inbox with different given names by rule', () => {
    const judgement = judge.judge(
      levelsOf(
        { givenName: 'ann', familyName: 'lee', emails: ['lees@x.com'] },
        { givenName: 'oscar', familyName: 'lee', emails: ['lees@x.com'] },
      ),
    );
    expect(judgement.rule).toBeUndefined();
  });

  it('do not take a shared phone alone as proof', () => {
    const judgement = judge.judge(
      levelsOf({ givenName: 'ann', familyName: 'lee', phones: ['+61400000001'] }, { givenName: 'oscar', familyName: 'lee', phones: ['+61400000001'] }),
    );
    expect(judgement.rule).toBeUndefined();
  });

  it('link a shared phone with a similar given name and compatible family name', () => {
    const judgement = judge.judge(
      levelsOf({ givenName: 'bob', familyName: 'lee', phones: ['+61400000001'] }, { givenName: 'robert', familyName: 'lee', phones: ['+61400000001'] }),
    );
    expect(judgement).toMatchObject({ decision: 'link', rule: 'samePhoneSimilarName' });
  });
});

describe('match explanation', () => {
  it('lists every comparison with its level, m, u and weight, and the totals', () => {
    const pair = { left: 'a', right: 'b', score: 12.5, probability: 0.9998, decision: 'link' as const, levels: [1, 3, 0, 4, 0] };
    const explanation = matchExplanation(pair, parameters);
    expect(explanation.comparisons.map((c) => [c.comparison, c.level])).toEqual([
      ['givenName', 'exact'],
      ['familyName', 'veryClose'],
      ['birthDate', 'null'],
      ['email', 'different'],
      ['phone', 'null'],
    ]);
    expect(explanation.comparisons[2]!.weight).toBe(0);
    expect(explanation.comparisons[0]!.weight).toBeCloseTo(model.weights[0]![1]!, 12);
    expect(explanation).toMatchObject({ left: 'a', right: 'b', score: 12.5, probability: 0.9998, decision: 'link' });
  });
});

describe('deterministic rules against the evidence', () => {
  it('do not link a shared email when everything else disagrees', () => {
    const judge = new PairJudge(model, resolveConfig({ rules: { minScore: -10 } }));
    const prepared = PreparedRecords.from([
      record('a', { givenName: 'ann', familyName: 'lee', birthDate: '1950-01-01', emails: ['ann.lee@x.com'] }),
      record('b', { givenName: 'ann', familyName: 'lee', birthDate: '1990-06-30', emails: ['ann.lee@x.com'] }),
    ]);
    const levels: number[] = [];
    model.levelsInto(prepared, 0, 1, levels);
    const strict = new PairJudge(model, resolveConfig({ rules: { minScore: model.scoreOfLevels(levels) + 1 } }));
    expect(judge.judge(levels).rule).toBe('sameEmail');
    expect(strict.judge(levels).rule).toBeUndefined();
  });
});

describe('early rejection of clear non-matches', () => {
  it('never changes a decision: a pair is cut short only if it could not reach the cutoff', () => {
    const records = syntheticPeople(80, 4);
    const { parameters } = resolveRecords(records, { training: { uSamplePairs: 20_000 } });
    const all = comparisonsByName(resolveConfig().comparisons);
    const trained = new ScoringModel(all, parameters, { birthYearTolerance: 5 });
    const prepared = PreparedRecords.from(records);
    const cutoff = 0;
    const full: number[] = [];
    const partial: number[] = [];
    let cut = 0;
    for (let a = 0; a < prepared.size; a++) {
      for (let b = a + 1; b < prepared.size; b++) {
        trained.levelsInto(prepared, a, b, full);
        const reached = trained.levelsReaching(prepared, a, b, cutoff, partial);
        if (reached) expect(partial).toEqual(full);
        else {
          cut++;
          expect(trained.scoreOfLevels(full)).toBeLessThan(cutoff);
        }
      }
    }
    expect(cut).toBeGreaterThan(0);
  });
});

describe('household guard', () => {
  const all = comparisonsByName(resolveConfig().comparisons);
  const household = new ScoringModel(all, defaultParameters(all, 0.01), { birthYearTolerance: 5 });
  const home = { familyName: 'lee', streetNumber: '12', addressLine1: 'king street', city: 'perth', postalCode: '6000', region: 'wa', phones: ['+61400000001'] };
  const judgeOf = (overrides: Parameters<typeof resolveConfig>[0] = {}) => {
    const judge = new PairJudge(household, resolveConfig(overrides));
    return (a: Parameters<typeof record>[1], b: Parameters<typeof record>[1]) => {
      const levels: number[] = [];
      household.levelsInto(PreparedRecords.from([record('a', a), record('b', b)]), 0, 1, levels);
      return judge.judge(levels);
    };
  };
  const mother = { ...home, givenName: 'ann', birthDate: '1960-03-01' };
  const son = { ...home, givenName: 'oscar', birthDate: '1992-11-23' };

  it('sends two people of one household to review rather than linking them', () => {
    const judgement = judgeOf()(mother, son);
    expect(judgement.probability).toBeGreaterThan(0.99);
    expect(judgement.decision).toBe('review');
  });

  it('steps aside when a personal identifier agrees', () => {
    expect(judgeOf()({ ...mother, nationalId: '1234567' }, { ...son, nationalId: '1234567' }).decision).toBe('link');
  });

  it('can be switched off', () => {
    expect(judgeOf({ rules: { householdGuard: false } })(mother, son).decision).toBe('link');
  });
});
