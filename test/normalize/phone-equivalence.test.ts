import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString, type CountryCode, type Examples } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { parsePhoneFast } from '../../src/normalize/phone-parse';

/**
 * The fast phone path re-implements libphonenumber-js parsing over compiled plans.
 * These tests hold it to the library's own answers.
 */
const regions = getCountries();

function viaLibrary(text: string, region: CountryCode | undefined): string {
  const parsed = parsePhoneNumberFromString(text, region === undefined ? {} : { defaultCountry: region });
  const type = parsed?.getType();
  return parsed && type ? `${parsed.number}|${type}|${parsed.country}` : 'invalid';
}

function viaFastPath(text: string, region: CountryCode | undefined): string | 'fallback' {
  const parsed = parsePhoneFast(text, region);
  if (parsed === 'fallback') return parsed;
  return parsed && parsed.type ? `+${parsed.callingCode}${parsed.nationalNumber}|${parsed.type}|${parsed.region}` : 'invalid';
}

function forms(region: CountryCode): string[] {
  const example = getExampleNumber(region, examples as unknown as Examples);
  if (!example) return [];
  const nn = example.nationalNumber;
  const cc = example.countryCallingCode;
  return [nn, `0${nn}`, `+${cc}${nn}`, `+${cc} ${nn}`, `${cc}${nn}`, `00${cc}${nn}`, `+${cc}0${nn}`, `(${nn.slice(0, 3)}) ${nn.slice(3)}`];
}

describe('fast phone path', () => {
  it('agrees with libphonenumber-js on every region example in every written form', () => {
    for (const region of regions) {
      for (const text of forms(region)) {
        for (const defaultRegion of [region, 'US', 'CN', undefined] as const) {
          const fast = viaFastPath(text, defaultRegion);
          if (fast !== 'fallback') expect({ text, defaultRegion, result: fast }).toEqual({ text, defaultRegion, result: viaLibrary(text, defaultRegion) });
        }
      }
    }
  });

  it('agrees with libphonenumber-js on mutated numbers', () => {
    const mutated = fc
      .record({
        region: fc.constantFrom(...regions),
        defaultRegion: fc.option(fc.constantFrom(...regions), { nil: undefined }),
        edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })), { maxLength: 4 }),
        form: fc.nat(7),
        extraDigit: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
      })
      .map(({ region, defaultRegion, edits, form, extraDigit }) => {
        const example = forms(region)[form] ?? '12345';
        const chars = example.split('');
        for (const [at, digit] of edits) {
          const index = at % chars.length;
          if (/\d/.test(chars[index]!)) chars[index] = String(digit);
        }
        if (extraDigit !== undefined) chars.push(String(extraDigit));
        return { text: chars.join(''), defaultRegion };
      });
    fc.assert(
      fc.property(mutated, ({ text, defaultRegion }) => {
        const fast = viaFastPath(text, defaultRegion);
        return fast === 'fallback' || fast === viaLibrary(text, defaultRegion);
      }),
      { numRuns: 4000, seed: 20240601 },
    );
  });

  it('leaves inputs with letters or extensions to the library', () => {
    expect(parsePhoneFast('+1 415 555 0100 ext. 12', 'US')).toBe('fallback');
    expect(parsePhoneFast('tel:+14155550100', 'US')).toBe('fallback');
  });
});
