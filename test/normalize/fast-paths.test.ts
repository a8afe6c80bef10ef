import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isHanName } from '../../src/normalize/chinese-name';
import { compiledFormat } from '../../src/normalize/date-format';
import { normalizeEmail } from '../../src/normalize/email';
import { parseIso } from '../../src/normalize/iso-date';
import { normalizeText, splitWords } from '../../src/normalize/text';
import { formatUtcIso, offsetAt, utcParts } from '../../src/normalize/time-zone';

/**
 * Several hot paths replace a library call or a regular expression with hand-written
 * code. Each is held here to the straightforward version it replaces.
 */
const RUNS = { numRuns: 2000, seed: 42 };

describe('text fast path', () => {
  const reference = (s: string): string =>
    s.normalize('NFKC').replace(/[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').replace(/\s+/g, ' ').trim();
  const pieces = fc.constantFrom('a', 'Z', ' ', '  ', '\t', '\u00a0', '\u3000', '１', 'Ａ', 'é', 'e\u0301', '王', '小', 'ｶ', 'ﾞ', 'が', 'か\u3099', '\u200b', 'ﬁ', '①', '한', '\u1100\u1161', '€', '¥', '·', '-');

  it('equals NFKC plus whitespace clean-up on mixed scripts', () => {
    fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (s) => normalizeText(s) === reference(s)), RUNS);
  });

  it('equals NFKC plus whitespace clean-up on arbitrary Unicode', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.array(anyCodeUnit, { maxLength: 20 }).map((units) => units.join(''));
    fc.assert(fc.property(text, (s) => normalizeText(s) === reference(s)), RUNS);
  });
});

describe('UTC formatting without Date objects', () => {
  const instant = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });

  it('formats like Date#toISOString', () => {
    fc.assert(fc.property(instant, (ms) => formatUtcIso(ms) === new Date(ms).toISOString()), RUNS);
  });

  it('splits into the same calendar fields as Date', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const d = new Date(ms);
        const p = utcParts(ms);
        return p.year === d.getUTCFullYear() && p.month === d.getUTCMonth() + 1 && p.day === d.getUTCDate() && p.hour === d.getUTCHours();
      }),
      RUNS,
    );
  });
});

describe('ISO 8601 reader', () => {
  it('reads what Date reads, for valid date-times with zones', () => {
    const iso = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 0, 1) }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(iso, fc.constantFrom('Z', '+08:00', '-0530', '+01'), (text, zone) => {
        const value = text.replace('Z', zone);
        const parsed = parseIso(value);
        if (parsed === undefined || parsed === 'impossible' || parsed.kind !== 'wall') return false;
        const w = parsed.wall;
        const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - (parsed.offsetMinutes ?? 0) * 60_000;
        return ms === Date.parse(zone === '+01' ? value + ':00' : zone === '-0530' ? value.replace('-0530', '-05:30') : value);
      }),
      RUNS,
    );
  });

  it.each(['2023-1-05', '2023-01-05T8:00', '2023-01-05T08:00Zx', '2023-01-05T08:00:00+8', '2023/01/05'])('declines %j', (text) => {
    expect(parseIso(text)).toBeUndefined();
  });
});

describe('numeric date formats without luxon', () => {
  const formats = ['yyyy-MM-dd', 'yyyy/M/d', 'dd.MM.yyyy', 'd.M.yyyy', 'yyyy年M月d日', 'yyyyMMdd', 'yyyy-MM-dd HH:mm:ss', 'M/d/yyyy H:mm'];
  const parts = fc.record({
    year: fc.integer({ min: 1000, max: 2999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    // 24:00 is left out: luxon reads it as the end of the day, these formats reject it.
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  });

  it('agrees with luxon on valid, impossible and malformed values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...formats), parts, fc.boolean(), (format, p, pad) => {
        const two = (n: number): string => (pad || n >= 10 ? String(n).padStart(2, '0') : String(n));
        const text = format
          .replace('yyyy', String(p.year)).replace('MM', two(p.month).padStart(2, '0')).replace('dd', two(p.day).padStart(2, '0'))
          .replace('HH', two(p.hour).padStart(2, '0')).replace('mm', two(p.minute).padStart(2, '0')).replace('ss', two(p.second).padStart(2, '0'))
          .replace('M', two(p.month)).replace('d', two(p.day)).replace('H', two(p.hour));
        const ours = compiledFormat(format).match(text);
        const luxon = DateTime.fromFormat(text, format, { zone: 'UTC' });
        if (luxon.isValid) {
          return ours !== undefined && ours !== 'impossible' && ours.kind === 'wall' && ours.wall.year === luxon.year && ours.wall.month === luxon.month && ours.wall.day === luxon.day && ours.wall.hour === luxon.hour;
        }
        return ours === undefined || ours === 'impossible';
      }),
      RUNS,
    );
  });
});

describe('email syntax checks without regular expressions', () => {
  const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
  const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
  const part = fc.array(fc.constantFrom('a', 'b', '1', '.', '-', '_', '+', '!', '..', 'xn--', 'z'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));

  it('accepts exactly the addresses the dot-atom and hostname grammars accept', () => {
    fc.assert(
      fc.property(part, part, (local, domain) => {
        const address = `${local}@${domain}`;
        // Repairs (doubled dots, trailing dots) change the address; compare only what is validated as written.
        if (address.includes('..') || address.endsWith('.')) return true;
        const expected = LOCAL.test(local) && HOST.test(domain);
        return normalizeEmail(address).ok === expected;
      }),
      RUNS,
    );
  });
});

describe('Han name check without the Unicode-property regex', () => {
  const reference = (text: string): boolean => /^[\p{Script=Han}\u00b7\u2022\u30fb\u2027 ]+$/u.test(text);

  it('agrees with the regex on every common ideograph', () => {
    for (let c = 0x4e00; c <= 0x9fa5; c++) {
      const ch = String.fromCharCode(c);
      expect(isHanName(ch)).toBe(true);
      expect(reference(ch)).toBe(true);
    }
  });

  it('agrees with the regex on names mixing ideographs with other characters', () => {
    const pieces = fc.constantFrom('王', '小', '明', '龥', '㐀', '𠀀', '·', ' ', 'a', 'Ａ', '한', 'カ', '\u9fa6', '\u4dff', '\u2e80', '');
    const text = fc.array(pieces, { maxLength: 6 }).map((p) => p.join(''));
    // The original check: a first character below U+2E80 rules the text out, then the regex decides.
    fc.assert(fc.property(text, (s) => isHanName(s) === (s.length > 0 && s.charCodeAt(0) >= 0x2e80 && reference(s))), RUNS);
  });
});

describe('time zone offsets cached in six-hour buckets', () => {
  // Zones with summer time, transitions on bucket edges (New York falls back at 06:00 UTC) and
  // Casablanca's summer time suspended for Ramadan; instants both scattered and in runs, so
  // buckets are filled from cached neighbours as well as from scratch.
  const zones = ['America/New_York', 'Europe/London', 'Africa/Casablanca', 'Australia/Lord_Howe', 'Asia/Shanghai'];
  const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
  const run = fc.tuple(instant, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 60_000, max: 4 * 3600_000 }));

  it('equals the offset luxon gives for every instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(run, { minLength: 1, maxLength: 8 }), (zone, runs) => {
        const exact = IANAZone.create(zone);
        for (const [from, count, step] of runs) {
          for (let i = 0; i < count; i++) {
            const at = from + i * step;
            if (offsetAt(zone, at) !== exact.offset(at)) return false;
          }
        }
        return true;
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('equals luxon around the summer-time changes of a year, visited out of order', () => {
    const zone = 'America/New_York';
    const exact = IANAZone.create(zone);
    const year = Date.UTC(2031, 0, 1);
    const instants = Array.from({ length: 4000 }, (_, i) => year + ((i * 7919) % 4000) * 2 * 3600_000 + (i % 7) * 600_000);
    for (const at of instants) expect(offsetAt(zone, at)).toBe(exact.offset(at));
  });
});

describe('splitting on spaces without String#split', () => {
  it("equals split(' ') on text with single, doubled, leading and trailing spaces", () => {
    const text = fc.array(fc.constantFrom('a', 'Bo', ' ', '  ', '王', 'é', '-', ''), { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(fc.property(text, (s) => JSON.stringify(splitWords(s)) === JSON.stringify(s.split(' '))), RUNS);
  });
});
