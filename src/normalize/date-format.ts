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

/** Numeric tokens read natively: the calendar field (index into WallTime order) and digit counts. */
const NATIVE_TOKENS: Readonly<Record<string, { field: number; min: number; max: number }>> = {
  yyyy: { field: 0, min: 4, max: 4 },
  MM: { field: 1, min: 2, max: 2 },
  M: { field: 1, min: 1, max: 2 },
  dd: { field: 2, min: 2, max: 2 },
  d: { field: 2, min: 1, max: 2 },
  HH: { field: 3, min: 2, max: 2 },
  H: { field: 3, min: 1, max: 2 },
  mm: { field: 4, min: 2, max: 2 },
  ss: { field: 5, min: 2, max: 2 },
  SSS: { field: 6, min: 3, max: 3 },
};

type Step = { literal: string; field: -1; min: 0; max: 0 } | { literal: ''; field: number; min: number; max: number };

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
  const steps: Step[] = [];
  let last = 0;
  for (const match of format.matchAll(TOKEN_RUN)) {
    const token = NATIVE_TOKENS[match[0]];
    if (token === undefined) return undefined;
    if (match.index > last) steps.push({ literal: format.slice(last, match.index), field: -1, min: 0, max: 0 });
    steps.push({ literal: '', ...token });
    last = match.index + match[0].length;
  }
  if (last < format.length) steps.push({ literal: format.slice(last), field: -1, min: 0, max: 0 });
  const fields = steps.map((step) => step.field);
  if (!fields.includes(0) || !fields.includes(1) || !fields.includes(2)) return undefined;
  // Reading digits greedily is exact unless a variable-width field runs straight into another field.
  for (let i = 0; i + 1 < steps.length; i++) {
    if (steps[i]!.min !== steps[i]!.max && steps[i + 1]!.field >= 0) return undefined;
  }
  const hasTime = fields.includes(3);
  return (text) => matchSteps(text, steps, hasTime);
}

/** Walks the format over the text without regular expressions or intermediate arrays. */
function matchSteps(text: string, steps: readonly Step[], hasTime: boolean): ParsedTemporal | 'impossible' | undefined {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let pos = 0;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    if (step.field < 0) {
      if (!text.startsWith(step.literal, pos)) return undefined;
      pos += step.literal.length;
      continue;
    }
    let value = 0;
    let count = 0;
    while (count < step.max && pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      count++;
      pos++;
    }
    if (count < step.min) return undefined;
    switch (step.field) {
      case 0: wall.year = value; break;
      case 1: wall.month = value; break;
      case 2: wall.day = value; break;
      case 3: wall.hour = value; break;
      case 4: wall.minute = value; break;
      case 5: wall.second = value; break;
      default: wall.millisecond = value;
    }
  }
  if (pos !== text.length) return undefined;
  return isValidWallTime(wall) ? { kind: 'wall', wall, hasTime, offsetMinutes: undefined } : 'impossible';
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
