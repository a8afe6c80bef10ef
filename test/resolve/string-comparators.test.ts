import { describe, expect, it } from 'vitest';
import { boundedEditDistance, levenshtein, typoDistance, withinOneTypo } from '../../src/resolve/comparators/edit-distance';
import { jaro, jaroWinkler, jaroWinklerAtLeast } from '../../src/resolve/comparators/jaro-winkler';
import { soundex } from '../../src/resolve/comparators/soundex';

describe('Jaro–Winkler', () => {
  it('matches the published reference values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
  });

  it('is 1 for equal strings and 0 when one side is empty or nothing matches', () => {
    expect(jaroWinkler('anna', 'anna')).toBe(1);
    expect(jaroWinkler('', 'anna')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('jonathan', 'johnathan')).toBeCloseTo(jaroWinkler('johnathan', 'jonathan'), 12);
  });

  it('handles strings longer than its scratch buffers', () => {
    const long = 'a'.repeat(600);
    expect(jaroWinkler(long, `${long}b`)).toBeGreaterThan(0.99);
  });

  it('with a floor, returns the exact similarity whenever the floor is reachable', () => {
    const pairs: [string, string][] = [
      ['martha', 'marhta'],
      ['pridhamstreet', 'pridhamtstreet'],
      ['kaminskas', 'isabelle'],
      ['georgia', 'pettigrove'],
      ['jon', 'john'],
    ];
    for (const [a, b] of pairs) {
      const exact = jaroWinkler(a, b);
      const floored = jaroWinklerAtLeast(a, b, 0.8);
      if (exact >= 0.8) expect(floored).toBe(exact);
      else expect(floored).toBeLessThan(0.8);
    }
  });
});

describe('bounded edit distances', () => {
  it('computes Levenshtein distance exactly within the bound', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
    expect(levenshtein('', 'abc')).toBe(3);
  });

  it('reports bound + 1 once the distance exceeds the bound', () => {
    expect(boundedEditDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedEditDistance('abcdefgh', 'hgfedcba', 1)).toBe(2);
  });

  it('counts an adjacent transposition as one edit only in typo mode', () => {
    expect(levenshtein('0709', '0079')).toBe(2);
    expect(typoDistance('0709', '0079', 2)).toBe(1);
  });

  it('recognises a single keying error of each kind', () => {
    expect(withinOneTypo('2193', '2139')).toBe(true); // neighbours swapped
    expect(withinOneTypo('3165', '3167')).toBe(true); // one wrong digit
    expect(withinOneTypo('363', '3630')).toBe(true); // one inserted
    expect(withinOneTypo('4137877', '413787')).toBe(true); // one dropped
    expect(withinOneTypo('1234', '1234')).toBe(true);
    expect(withinOneTypo('2193', '3912')).toBe(false);
    expect(withinOneTypo('1234', '2143')).toBe(false); // two swaps
    expect(withinOneTypo('12', '1234')).toBe(false);
  });

  it('agrees with the optimal-string-alignment distance on a sample of pairs', () => {
    const values = ['1234', '1243', '2134', '124', '12345', '1334', '4321', '', '1', '21'];
    for (const a of values) for (const b of values) expect(withinOneTypo(a, b)).toBe(typoDistance(a, b, 1) <= 1);
  });
});

describe('Soundex', () => {
  it('codes names as in the reference examples', () => {
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Rupert')).toBe('R163');
    expect(soundex('Ashcraft')).toBe('A261');
    expect(soundex('Tymczak')).toBe('T522');
    expect(soundex('Pfister')).toBe('P236');
    expect(soundex('Lee')).toBe('L000');
  });

  it('gives no code to a value without letters', () => {
    expect(soundex('')).toBe('');
    expect(soundex('123')).toBe('');
  });
});
