import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCountry } from '../../src/normalize/country';
import { normalizeDate, normalizeDateTime } from '../../src/normalize/date';
import { normalizeEmail } from '../../src/normalize/email';
import { EMAIL_DOMAIN_TYPOS } from '../../src/normalize/email-domain-typos';
import { formatMoney, MoneyDecimal, parseMoney, type MoneyStyle } from '../../src/normalize/money';
import { minorUnits } from '../../src/normalize/currency';
import { normalizePersonName, splitFullName } from '../../src/normalize/name';
import { normalizePhone } from '../../src/normalize/phone';
import { normalizeCustomerFields } from '../../src/normalize/record';
import type { Normalized } from '../../src/normalize/result';
import { resolveNormalizeSettings } from '../../src/normalize/settings';

const RUNS = { numRuns: 300, seed: 7 };

/** Normalizing an accepted value again gives the same value and no new corrections. */
function idempotent<T>(normalize: (raw: string) => Normalized<T>, toText: (value: T) => string) {
  return (raw: string): boolean => {
    const once = normalize(raw);
    if (!once.ok) return true;
    const text = toText(once.value);
    const twice = normalize(text);
    return twice.ok && toText(twice.value) === text && twice.corrections.length === 0;
  };
}

const latinWord = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,10}(?:['-][A-Za-z]{1,8})?$/);
const hanName = fc.stringMatching(/^[王李张刘陈杨欧阳司马小明娜伟芳国强丽]{2,4}$/);
const nameText = fc.oneof(fc.array(latinWord, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), hanName);
const emailText = fc
  .tuple(fc.emailAddress(), fc.constantFrom('', ...EMAIL_DOMAIN_TYPOS.keys()), fc.boolean())
  .map(([email, typo, shout]) => {
    const withTypo = typo === '' ? email : email.replace(/@.*$/, `@${typo}`);
    return shout ? `  ${withTypo.toUpperCase()} ` : withTypo;
  });
const phoneText = fc
  .tuple(fc.constantFrom('CN', 'US', 'GB', 'DE', 'JP'), fc.stringMatching(/^[0-9]{6,12}$/), fc.constantFrom('', '+', '0', '00', '+86 ', '+1 '))
  .map(([region, digits, prefix]) => ({ region, text: prefix + digits.replace(/(\d{3})(?=\d)/g, '$1 ') }));
const dateText = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) => {
    const iso = d.toISOString();
    const [y, m, day] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
    return fc.constantFrom(iso.slice(0, 10), `${y}/${m}/${day}`, `${day}.${m}.${y}`, `${y}年${+m}月${+day}日`, `${y}${m}${day}`, iso, String(d.getTime()));
  });
const countryText = fc.constantFrom('CN', 'chn', 'China', '中国', 'USA', 'U.S.', 'UK', 'England', 'Deutschland', 'Japan', '美国', 'Narnia');

describe('idempotence: normalizing a normalized value changes nothing', () => {
  it('holds for names', () => {
    fc.assert(fc.property(nameText, idempotent((raw) => normalizePersonName(raw), (v) => v)), RUNS);
  });

  it('holds for full-name splitting of given-first names', () => {
    fc.assert(
      fc.property(fc.array(latinWord, { minLength: 2, maxLength: 3 }), (words) => {
        const once = splitFullName(words.join(' ').toLowerCase());
        if (!once.ok) return true;
        const twice = splitFullName(once.value.fullName);
        return twice.ok && twice.value.fullName === once.value.fullName && twice.value.familyName === once.value.familyName;
      }),
      RUNS,
    );
  });

  it('holds for emails', () => {
    fc.assert(fc.property(emailText, idempotent(normalizeEmail, (v) => v)), RUNS);
  });

  it('holds for phones', () => {
    fc.assert(fc.property(phoneText, ({ region, text }) => idempotent((raw) => normalizePhone(raw, { defaultRegion: region }), (v) => v.e164)(text)), RUNS);
  });

  it('holds for dates and date-times', () => {
    fc.assert(fc.property(dateText, idempotent((raw) => normalizeDate(raw), (v) => v)), RUNS);
    fc.assert(fc.property(dateText, idempotent((raw) => normalizeDateTime(raw, { timezone: 'Asia/Shanghai' }), (v) => v)), RUNS);
  });

  it('holds for countries', () => {
    fc.assert(fc.property(countryText, idempotent(normalizeCountry, (v) => v)), RUNS);
  });
});

describe('no data loss', () => {
  const settings = resolveNormalizeSettings({ defaultCountry: 'CN', currency: 'CNY', today: '2025-01-01' });
  const record = fc.record({
    fullName: fc.oneof(nameText, fc.constant('N/A')),
    email: emailText,
    phone: phoneText.map((p) => p.text),
    birthDate: dateText,
    country: countryText,
    lifetimeValue: fc.constantFrom('¥1,234.50', '$12', '1.234,50 €', 'abc', '88'),
  });

  it('every correction carries the raw value it replaced', () => {
    fc.assert(
      fc.property(record, (input) => {
        const raws = new Set(Object.values(input));
        return normalizeCustomerFields(input, settings).corrections.every((c) => raws.has(c.raw));
      }),
      RUNS,
    );
  });

  it('every input field ends as a value, a correction or a rejection', () => {
    fc.assert(
      fc.property(record, (input) => {
        const out = normalizeCustomerFields(input, settings);
        return Object.keys(input).every(
          (field) =>
            (out.fields as Record<string, unknown>)[field] !== undefined ||
            out.rejections.some((r) => r.field === field) ||
            out.corrections.some((c) => c.field === field),
        );
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('fullName', 'email', 'phone', 'birthDate', 'signupAt', 'country', 'postalCode', 'lifetimeValue', 'gender'), fc.string({ unit: 'grapheme' })), (input) => {
        normalizeCustomerFields(input, settings);
      }),
      RUNS,
    );
  });
});

describe('money round trip: formatting then parsing gives the same amount', () => {
  const money = fc
    .tuple(fc.constantFrom('CNY', 'USD', 'EUR', 'JPY', 'GBP', 'KWD', 'CHF', 'CAD'), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }))
    .map(([currency, minor]) => ({ currency, amount: new MoneyDecimal(minor.toString()).dividedBy(10 ** minorUnits(currency)).toFixed(minorUnits(currency)) }));
  const style = fc.constantFrom<MoneyStyle>('en', 'de', 'code-prefix', 'code-suffix');

  it('holds for every style and currency', () => {
    fc.assert(
      fc.property(money, style, (m, s) => {
        const text = formatMoney(m, s);
        const parsed = parseMoney(text, { defaultCurrency: m.currency, ...(s === 'de' ? { decimalSeparator: ',' as const } : {}) });
        expect(parsed).toMatchObject({ ok: true, value: { currency: m.currency } });
        return parsed.ok && new MoneyDecimal(parsed.value.amount).equals(m.amount);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
