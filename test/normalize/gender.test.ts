import { describe, expect, it } from 'vitest';
import { normalizeGender } from '../../src/normalize/gender';

describe('normalizeGender', () => {
  it.each([
    ['F', 'female'], ['female', 'female'], ['女', 'female'], ['2', 'female'],
    ['m', 'male'], ['Male', 'male'], ['男', 'male'], ['1', 'male'],
    ['non-binary', 'other'], ['X', 'other'],
    ['prefer not to say', 'undisclosed'], ['0', 'undisclosed'],
  ])('maps %j to %s', (raw, gender) => {
    expect(normalizeGender(raw)).toMatchObject({ ok: true, value: gender });
  });

  it('rejects an unrecognised value as BAD_GENDER', () => {
    expect(normalizeGender('banana')).toMatchObject({ ok: false, code: 'BAD_GENDER' });
  });
});
