import { compiledFormat, isValidWallTime, type ParsedTemporal, type WallTime } from './date-format';
import { parseIso } from './iso-date';
import { accept, reject, type Normalized, type Rejected } from './result';
import { prepareText } from './text';
import { epochToWall, formatUtcIso, wallAsUtc, wallTimeToEpoch } from './time-zone';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const compiledFormatFn = compiledFormat;
const isValidWallTimeFn = isValidWallTime;
const parseIsoFn = parseIso;
const acceptFn = accept;
const rejectFn = reject;
const prepareTextFn = prepareText;
const epochToWallFn = epochToWall;
const formatUtcIsoFn = formatUtcIso;
const wallAsUtcFn = wallAsUtc;
const wallTimeToEpochFn = wallTimeToEpoch;

export interface DateSettings {
  /** Formats tried in order after ISO 8601 (luxon tokens); the first whose shape matches decides. */
  formats?: readonly string[];
  /**
   * How `01/02/2023` is read: true = 1 February, false = 2 January. Unset, only
   * unambiguous values (`13/02/2023`) are accepted and the rest are rejected as
   * AMBIGUOUS_DATE rather than guessed.
   */
  dayFirst?: boolean;
  /** IANA zone for values without an offset (and for reading epoch values as dates). Default UTC. */
  timezone?: string;
}

export const DEFAULT_DATE_FORMATS: readonly string[] = [
  'yyyy-M-d', 'yyyy/MM/dd', 'yyyy/M/d', 'dd.MM.yyyy', 'd.M.yyyy', 'yyyy年M月d日', 'yyyyMMdd', 'x',
];

const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const DAY_MONTH_YEAR_TIME = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

type Parse = ParsedTemporal | Rejected;

function parseTemporal(text: string, settings: DateSettings): Parse {
  if (text === '') return rejectFn('BAD_DATE', 'date is empty');

  const iso = parseIsoFn(text);
  if (iso === 'impossible') return rejectFn('IMPOSSIBLE_DATE', `date "${text}" does not exist in the calendar`);
  if (iso !== undefined) return iso;

  // Whether the text is all digits rules out half of the formats without running them.
  const digitsOnly = isDigitString(text);
  for (const format of settings.formats ?? DEFAULT_DATE_FORMATS) {
    const compiled = compiledFormatFn(format);
    if (compiled.shape !== 'any' && (compiled.shape === 'digits') !== digitsOnly) continue;
    if (!containsAll(text, compiled.literals)) continue;
    const parsed = compiled.match(text);
    if (parsed === 'impossible') return rejectFn('IMPOSSIBLE_DATE', `date "${text}" does not exist in the calendar`);
    if (parsed !== undefined) return parsed;
  }
  return parseDayMonthOrder(text, settings.dayFirst);
}

function containsAll(text: string, characters: string): boolean {
  for (let i = 0; i < characters.length; i++) if (text.indexOf(characters[i]!) < 0) return false;
  return true;
}

function isDigitString(text: string): boolean {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  if (start === text.length) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `01/02/2023`-style values, read with the source's day/month order. */
function parseDayMonthOrder(text: string, dayFirst: boolean | undefined): Parse {
  const m = DAY_MONTH_YEAR.exec(text) ?? DAY_MONTH_YEAR_TIME.exec(text);
  if (m === null) return rejectFn('BAD_DATE', `date "${text}" matches none of the formats configured for this source`);
  const a = +m[1]!;
  const b = +m[3]!;
  let readDayFirst = dayFirst;
  if (readDayFirst === undefined) {
    if (a > 12 && b <= 12) readDayFirst = true;
    else if (b > 12 && a <= 12) readDayFirst = false;
    else if (a === b) readDayFirst = true;
    else return rejectFn('AMBIGUOUS_DATE', `date "${text}" could be day-first or month-first; set dayFirst for this source`);
  }
  const hasTime = m[5] !== undefined;
  const w = wall(+m[4]!, readDayFirst ? b : a, readDayFirst ? a : b, hasTime ? +m[5]! : 0, hasTime ? +m[6]! : 0, m[7] === undefined ? 0 : +m[7]);
  return wallResult(w, hasTime, undefined, text);
}

function wall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): WallTime {
  return { year, month, day, hour, minute, second, millisecond };
}

function wallResult(w: WallTime, hasTime: boolean, offsetMinutes: number | undefined, text: string): Parse {
  if (!isValidWallTimeFn(w)) return rejectFn('IMPOSSIBLE_DATE', `date "${text}" does not exist in the calendar`);
  return { kind: 'wall', wall: w, hasTime, offsetMinutes };
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

function isoDate(w: WallTime): string {
  // One string built from character codes instead of five concatenations.
  const y = w.year;
  if (y < 1000 || y > 9999) return `${String(y).padStart(4, '0')}-${pad2(w.month)}-${pad2(w.day)}`;
  return String.fromCharCode(
    48 + Math.floor(y / 1000), 48 + (Math.floor(y / 100) % 10), 48 + (Math.floor(y / 10) % 10), 48 + (y % 10), 45,
    48 + Math.floor(w.month / 10), 48 + (w.month % 10), 45, 48 + Math.floor(w.day / 10), 48 + (w.day % 10),
  );
}

/**
 * A calendar date as `YYYY-MM-DD`. A date-time keeps the date it was written with
 * (a birth date exported as `1990-05-01T00:00:00+08:00` stays 1 May); an epoch value
 * is read in the source's time zone.
 */
export function normalizeDate(raw: string, settings: DateSettings = {}): Normalized<string> {
  const { text, corrections } = prepareTextFn(raw);
  const parsed = parseTemporal(text, settings);
  if ('ok' in parsed) return parsed;
  if (parsed.kind === 'wall') return acceptFn(isoDate(parsed.wall), corrections);
  return acceptFn(isoDate(epochToWallFn(parsed.epochMs, settings.timezone ?? 'UTC')), corrections);
}

/** An instant as UTC ISO 8601 (`2023-01-05T08:00:00.000Z`); zone-less values are read in the source's zone. */
export function normalizeDateTime(raw: string, settings: DateSettings = {}): Normalized<string> {
  const { text, corrections } = prepareTextFn(raw);
  const parsed = parseTemporal(text, settings);
  if ('ok' in parsed) return parsed;
  let epochMs: number;
  if (parsed.kind === 'epoch') epochMs = parsed.epochMs;
  else if (parsed.offsetMinutes !== undefined) epochMs = wallAsUtcFn(parsed.wall) - parsed.offsetMinutes * 60_000;
  else epochMs = wallTimeToEpochFn(parsed.wall, settings.timezone ?? 'UTC');
  if (!(epochMs >= MIN_EPOCH_MS && epochMs <= MAX_EPOCH_MS)) return rejectFn('IMPOSSIBLE_DATE', 'date-time is outside the years 1-9999');
  return acceptFn(formatUtcIsoFn(epochMs), corrections);
}

const MIN_EPOCH_MS = new Date('0001-01-01T00:00:00.000Z').getTime();
const MAX_EPOCH_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

export const MAX_AGE_YEARS = 120;

let lastToday = '';
let lastOldest = '';
function oldestBirthDate(today: string): string {
  if (today !== lastToday) {
    lastOldest = String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0') + today.slice(4);
    lastToday = today;
  }
  return lastOldest;
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(): string {
  // Asked once per record; the date only changes at midnight.
  const now = Date.now();
  if (now < todayStart || now >= todayStart + 86_400_000) {
    todayStart = now - (now % 86_400_000);
    today = new Date(todayStart).toISOString().slice(0, 10);
  }
  return today;
}
let todayStart = -Infinity;
let today = '';

/**
 * A birth date: a valid date that is neither in the future nor more than 120 years
 * before `today` (a `YYYY-MM-DD` string; pass it explicitly to make results repeatable).
 */
export function normalizeBirthDate(raw: string, settings: DateSettings = {}, today: string = todayUtc()): Normalized<string> {
  const result = normalizeDate(raw, settings);
  if (!result.ok) return result;
  if (result.value > today) return rejectFn('IMPLAUSIBLE_BIRTH_DATE', `birth date ${result.value} is in the future`);
  const oldest = oldestBirthDate(today);
  if (result.value < oldest) {
    return rejectFn('IMPLAUSIBLE_BIRTH_DATE', `birth date ${result.value} is more than ${MAX_AGE_YEARS} years ago`);
  }
  return result;
}
