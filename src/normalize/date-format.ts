import { DateTime } from 'luxon';

/**
 * Source date formats (luxon token syntax) compiled once into matchers.
 *
 * Purely numeric formats (`yyyy`, `MM`/`M`, `dd`/`d`, `HH`/`H`, `mm`, `ss`, `SSS`,
 * literal separators such as `-`, `/`, `.`, `年`) and epoch values (`x` millis,
 * `X` seconds) are compiled to one RegExp each, which is an order of magnitude
 * faster than luxon. Any other token (month names, zones, quotes) is handed to a
 * luxon parser built once per format.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export type ParsedTemporal =
  | { kind: 'wall'; wall: WallTime; hasTime: boolean; offsetMinutes: number | undefined }
  | { kind: 'epoch'; epochMs: number };

/** `undefined`: the text does not have this format's shape. */
export type FormatMatcher = (text: string) => ParsedTemporal | 'impossible' | undefined;

export interface CompiledFormat {
  match: FormatMatcher;
  /** `digits`: matches only digit strings (`yyyyMMdd`, `x`); `separated`: never matches them; `any`: unknown. */
  shape: 'digits' | 'separated' | 'any';
  /** Characters every match contains (`/`, `.`, `年`): a text lacking one is skipped without running the matcher. */
  literals: string;
}

const NATIVE_TOKENS: Readonly<Record<string, { pattern: string; field: keyof WallTime }>> = {
  yyyy: { pattern: '(\\d{4})', field: 'year' },
  MM: { pattern: '(\\d{2})', field: 'month' },
  M: { pattern: '(\\d{1,2})', field: 'month' },
  dd: { pattern: '(\\d{2})', field: 'day' },
  d: { pattern: '(\\d{1,2})', field: 'day' },
  HH: { pattern: '(\\d{2})', field: 'hour' },
  H: { pattern: '(\\d{1,2})', field: 'hour' },
  mm: { pattern: '(\\d{2})', field: 'minute' },
  ss: { pattern: '(\\d{2})', field: 'second' },
  SSS: { pattern: '(\\d{3})', field: 'millisecond' },
};

// Epoch values shorter than this are far more likely to be something else (a year, yyyyMMdd).
const EPOCH_MILLIS = /^-?\d{10,15}$/;
const EPOCH_SECONDS = /^-?\d{9,12}$/;
const TOKEN_RUN = /([A-Za-z])\1*/g;

const compiled = new Map<string, CompiledFormat>();

export function compiledFormat(format: string): CompiledFormat {
  let entry = compiled.get(format);
  if (entry === undefined) {
    const native = compileNative(format);
    const shape = native === undefined ? 'any' : /^[A-Za-z]+$/.test(format) ? 'digits' : 'separated';
    const literals = native === undefined ? '' : [...new Set(format.replace(/[A-Za-z]/g, ''))].join('');
    entry = { match: native ?? compileWithLuxon(format), shape, literals };
    compiled.set(format, entry);
  }
  return entry;
}

function compileNative(format: string): FormatMatcher | undefined {
  if (format === 'x') return epochMatcher(EPOCH_MILLIS, 1);
  if (format === 'X') return epochMatcher(EPOCH_SECONDS, 1000);
  if (format.includes("'")) return undefined;
  const fields: Array<keyof WallTime> = [];
  let source = '^';
  let last = 0;
  for (const match of format.matchAll(TOKEN_RUN)) {
    const token = NATIVE_TOKENS[match[0]];
    if (token === undefined) return undefined;
    source += escapeRegExp(format.slice(last, match.index)) + token.pattern;
    fields.push(token.field);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(format.slice(last)) + '$';
  if (!fields.includes('year') || !fields.includes('month') || !fields.includes('day')) return undefined;
  const hasTime = fields.includes('hour');
  const re = new RegExp(source);
  return (text) => {
    const m = re.exec(text);
    if (m === null) return undefined;
    const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 };
    for (let i = 0; i < fields.length; i++) wall[fields[i]!] = Number(m[i + 1]);
    return isValidWallTime(wall) ? { kind: 'wall', wall, hasTime, offsetMinutes: undefined } : 'impossible';
  };
}

function epochMatcher(shape: RegExp, unitMs: number): FormatMatcher {
  return (text) => {
    if (!shape.test(text)) return undefined;
    const epochMs = Number(text) * unitMs;
    return Number.isFinite(new Date(epochMs).getTime()) ? { kind: 'epoch', epochMs } : 'impossible';
  };
}

const ZONE_TOKEN = /Z|z/;

function compileWithLuxon(format: string): FormatMatcher {
  const parser = DateTime.buildFormatParser(format, { locale: 'en-US' });
  const carriesZone = ZONE_TOKEN.test(format.replace(/'[^']*'/g, ''));
  const hasTime = /[Hhms]/.test(format.replace(/'[^']*'/g, ''));
  return (text) => {
    const dt = DateTime.fromFormatParser(text, parser, { locale: 'en-US', zone: 'UTC', setZone: true });
    if (!dt.isValid) return dt.invalidReason === 'unit out of range' ? 'impossible' : undefined;
    const wall: WallTime = {
      year: dt.year, month: dt.month, day: dt.day,
      hour: dt.hour, minute: dt.minute, second: dt.second, millisecond: dt.millisecond,
    };
    return { kind: 'wall', wall, hasTime, offsetMinutes: carriesZone ? dt.offset : undefined };
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidWallTime(w: WallTime): boolean {
  return (
    w.year >= 1 && w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= daysInMonth(w.year, w.month) &&
    w.hour <= 23 && w.minute <= 59 && w.second <= 59
  );
}
