import { describe, expect, it } from 'vitest';
import { normalizeBirthDate, normalizeDate, normalizeDateTime } from '../../src/normalize/date';

describe('normalizeDate', () => {
  it.each([
    ['yyyy-MM-dd', '2023-01-05'],
    ['yyyy/MM/dd', '2023/01/05'],
    ['yyyy/M/d', '2023/1/5'],
    ['dd.MM.yyyy', '05.01.2023'],
    ['yyyy年M月d日', '2023年1月5日'],
    ['full-width yyyy年M月d日', '２０２３年１月５日'],
    ['yyyyMMdd', '20230105'],
    ['epoch milliseconds', '1672905600000'],
    ['an ISO date-time in UTC', '2023-01-05T08:00:00Z'],
    ['an ISO date-time with an offset, keeping its written date', '2023-01-05T23:30:00-05:00'],
    ['a date-time with a space', '2023-01-05 16:00:00'],
  ])('reads %s', (_, raw) => {
    expect(normalizeDate(raw)).toMatchObject({ ok: true, value: '2023-01-05' });
  });

  it('reads epoch milliseconds as a date in the source time zone', () => {
    expect(normalizeDate('1672934400000', { timezone: 'Asia/Shanghai' })).toMatchObject({ ok: true, value: '2023-01-06' });
    expect(normalizeDate('1672934400000', { timezone: 'UTC' })).toMatchObject({ ok: true, value: '2023-01-05' });
  });

  it('uses only the formats configured for the source', () => {
    expect(normalizeDate('20230105', { formats: ['dd.MM.yyyy'] })).toMatchObject({ ok: false, code: 'BAD_DATE' });
  });

  it('hands formats with month names to luxon', () => {
    expect(normalizeDate('Jan 5, 2023', { formats: ['MMM d, yyyy'] })).toMatchObject({ ok: true, value: '2023-01-05' });
  });

  it('reads 01/02/2023 as 1 February for a day-first source', () => {
    expect(normalizeDate('01/02/2023', { dayFirst: true })).toMatchObject({ ok: true, value: '2023-02-01' });
  });

  it('reads 01/02/2023 as 2 January for a month-first source', () => {
    expect(normalizeDate('01/02/2023', { dayFirst: false })).toMatchObject({ ok: true, value: '2023-01-02' });
  });

  it('rejects 01/02/2023 as AMBIGUOUS_DATE when the source does not say which order', () => {
    expect(normalizeDate('01/02/2023')).toMatchObject({ ok: false, code: 'AMBIGUOUS_DATE' });
  });

  it('accepts an unambiguous 13/02/2023 without a setting', () => {
    expect(normalizeDate('13/02/2023')).toMatchObject({ ok: true, value: '2023-02-13' });
  });

  it.each([
    ['30 February', '1990-02-30'],
    ['29 February of a common year', '2023-02-29'],
    ['month 13', '2023-13-01'],
    ['a compact impossible date', '19900230'],
    ['an impossible hour', '2023-01-05T25:00:00Z'],
  ])('rejects %s as IMPOSSIBLE_DATE', (_, raw) => {
    expect(normalizeDate(raw)).toMatchObject({ ok: false, code: 'IMPOSSIBLE_DATE' });
  });

  it('accepts 29 February of a leap year', () => {
    expect(normalizeDate('2024-02-29')).toMatchObject({ ok: true, value: '2024-02-29' });
  });

  it.each([['not a date'], ['2023'], ['']])('rejects %j as BAD_DATE', (raw) => {
    expect(normalizeDate(raw)).toMatchObject({ ok: false, code: 'BAD_DATE' });
  });
});

describe('normalizeDateTime', () => {
  it.each([
    ['Z', '2023-01-05T08:00:00Z'],
    ['an offset', '2023-01-05T16:00:00+08:00'],
    ['a compact offset', '2023-01-05T16:00:00+0800'],
    ['fractional seconds', '2023-01-05T08:00:00.000000Z'],
    ['epoch milliseconds', '1672905600000'],
  ])('returns UTC ISO for a value with %s', (_, raw) => {
    expect(normalizeDateTime(raw)).toMatchObject({ ok: true, value: '2023-01-05T08:00:00.000Z' });
  });

  it('reads zone-less values in the source time zone', () => {
    expect(normalizeDateTime('2023-01-05 16:00:00', { timezone: 'Asia/Shanghai' })).toMatchObject({ ok: true, value: '2023-01-05T08:00:00.000Z' });
  });

  it('reads a bare date as midnight in the source time zone', () => {
    expect(normalizeDateTime('2023-01-05', { timezone: 'America/New_York' })).toMatchObject({ ok: true, value: '2023-01-05T05:00:00.000Z' });
  });

  it('follows daylight saving time in the source time zone', () => {
    expect(normalizeDateTime('2023-07-05 12:00', { timezone: 'Europe/Berlin' })).toMatchObject({ ok: true, value: '2023-07-05T10:00:00.000Z' });
    expect(normalizeDateTime('2023-01-05 12:00', { timezone: 'Europe/Berlin' })).toMatchObject({ ok: true, value: '2023-01-05T11:00:00.000Z' });
  });

  it('moves a time that does not exist (spring forward) forward, as clocks did', () => {
    expect(normalizeDateTime('2023-03-12 02:30', { timezone: 'America/New_York' })).toMatchObject({ ok: true, value: '2023-03-12T07:30:00.000Z' });
  });

  it('reads luxon-only formats with their zone', () => {
    expect(normalizeDateTime('05 Jan 2023 16:00 +08:00', { formats: ['dd MMM yyyy HH:mm ZZ'] })).toMatchObject({ ok: true, value: '2023-01-05T08:00:00.000Z' });
  });
});

describe('normalizeBirthDate', () => {
  const today = '2025-06-15';

  it('accepts a plausible birth date', () => {
    expect(normalizeBirthDate('1990-05-01', {}, today)).toMatchObject({ ok: true, value: '1990-05-01' });
  });

  it('accepts someone born today and someone exactly 120 years old', () => {
    expect(normalizeBirthDate('2025-06-15', {}, today).ok).toBe(true);
    expect(normalizeBirthDate('1905-06-15', {}, today).ok).toBe(true);
  });

  it('rejects a future date as IMPLAUSIBLE_BIRTH_DATE', () => {
    expect(normalizeBirthDate('2025-06-16', {}, today)).toMatchObject({ ok: false, code: 'IMPLAUSIBLE_BIRTH_DATE' });
  });

  it('rejects a date more than 120 years ago as IMPLAUSIBLE_BIRTH_DATE', () => {
    expect(normalizeBirthDate('1905-06-14', {}, today)).toMatchObject({ ok: false, code: 'IMPLAUSIBLE_BIRTH_DATE' });
  });

  it('still reports impossible dates as IMPOSSIBLE_DATE', () => {
    expect(normalizeBirthDate('1990-02-30', {}, today)).toMatchObject({ ok: false, code: 'IMPOSSIBLE_DATE' });
  });
});
