import { IANAZone } from 'luxon';
import type { WallTime } from './date-format';

/**
 * Wall-clock time in an IANA zone → epoch milliseconds.
 *
 * Offsets come from luxon (the platform's tz database). Asking Intl for an offset
 * costs microseconds, so offsets are cached per zone in six-hour buckets, and a
 * bucket is cached only when both of its ends have the same offset; buckets that
 * contain a transition are always computed exactly. (The only thing assumed is that
 * no zone changes its offset and back again within six hours.)
 */

const BUCKET_MS = 6 * 3600_000;
const CACHE_LIMIT = 100_000;
/** Six-hour buckets up to about the year 2650 live in the array. */
const MAX_RECENT_BUCKET = 1_000_000;

interface ZoneCache {
  zone: IANAZone;
  /** Offsets by bucket number; a plain array indexes faster than a Map, and buckets after 1970 are small integers. */
  recent: number[];
  older: Map<number, number>;
  size: number;
}

const zones = new Map<string, ZoneCache>();

export function isValidTimeZone(name: string): boolean {
  return name === 'UTC' || IANAZone.isValidZone(name);
}

function zoneCache(name: string): ZoneCache {
  let cache = zones.get(name);
  if (cache === undefined) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone "${name}"`);
    cache = { zone: IANAZone.create(name), recent: [], older: new Map(), size: 0 };
    zones.set(name, cache);
  }
  return cache;
}

/** Offset east of UTC, in minutes, at an instant. */
export function offsetAt(name: string, epochMs: number): number {
  if (name === 'UTC') return 0;
  const cache = zoneCache(name);
  const bucket = Math.floor(epochMs / BUCKET_MS);
  const recent = bucket >= 0 && bucket < MAX_RECENT_BUCKET;
  const cached = recent ? cache.recent[bucket] : cache.older.get(bucket);
  if (cached !== undefined) return cached;
  // A cached neighbour had one offset throughout, up to the millisecond next to this bucket:
  // it stands in for this bucket's end on that side (the same assumption, over six hours and a
  // millisecond), which saves one of the two costly questions, or both.
  const before = cachedOffset(cache, bucket - 1);
  const after = cachedOffset(cache, bucket + 1);
  let start = before ?? cache.zone.offset(bucket * BUCKET_MS);
  let end = after ?? cache.zone.offset((bucket + 1) * BUCKET_MS - 1);
  if (start !== end && (before !== undefined || after !== undefined)) {
    // A neighbour's offset may change exactly at this bucket's edge: ask about the edges themselves.
    start = cache.zone.offset(bucket * BUCKET_MS);
    end = cache.zone.offset((bucket + 1) * BUCKET_MS - 1);
  }
  if (start !== end) return cache.zone.offset(epochMs);
  if (cache.size >= CACHE_LIMIT) {
    cache.recent = [];
    cache.older.clear();
    cache.size = 0;
  }
  if (recent) cache.recent[bucket] = start;
  else cache.older.set(bucket, start);
  cache.size++;
  return start;
}

function cachedOffset(cache: ZoneCache, bucket: number): number | undefined {
  return bucket >= 0 && bucket < MAX_RECENT_BUCKET ? cache.recent[bucket] : cache.older.get(bucket);
}

export function wallTimeToEpoch(w: WallTime, zone: string): number {
  const local = wallAsUtc(w);
  if (zone === 'UTC') return local;
  // Same fix-up as luxon: guess with the local offset, correct once, and in a
  // spring-forward gap move forward (as clocks did).
  const o1 = offsetAt(zone, local);
  let guess = local - o1 * 60_000;
  const o2 = offsetAt(zone, guess);
  if (o1 === o2) return guess;
  guess -= (o2 - o1) * 60_000;
  const o3 = offsetAt(zone, guess);
  if (o2 === o3) return guess;
  return local - Math.min(o2, o3) * 60_000;
}

export function wallAsUtc(w: WallTime): number {
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  // Date.UTC maps years 0-99 to 1900-1999.
  if (w.year < 100) return new Date(ms).setUTCFullYear(w.year);
  return ms;
}

export function epochToWall(epochMs: number, zone: string): WallTime {
  return utcParts(epochMs + offsetAt(zone, epochMs) * 60_000);
}

const DAY_MS = 86_400_000;

/**
 * Calendar fields of an epoch value in UTC (proleptic Gregorian), by integer
 * arithmetic (H. Hinnant's civil-from-days) instead of a Date object.
 */
export function utcParts(epochMs: number): WallTime {
  const days = Math.floor(epochMs / DAY_MS);
  let msOfDay = epochMs - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(msOfDay / 3_600_000);
  msOfDay -= hour * 3_600_000;
  const minute = Math.floor(msOfDay / 60_000);
  msOfDay -= minute * 60_000;
  const second = Math.floor(msOfDay / 1000);
  return { year, month, day, hour, minute, second, millisecond: msOfDay - second * 1000 };
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/** `Date#toISOString` for years 1-9999, without allocating a Date (several times faster). */
export function formatUtcIso(epochMs: number): string {
  const p = utcParts(epochMs);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}.${pad3(p.millisecond)}Z`;
}
