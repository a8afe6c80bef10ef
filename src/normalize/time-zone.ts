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

interface ZoneCache {
  zone: IANAZone;
  offsets: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();

export function isValidTimeZone(name: string): boolean {
  return name === 'UTC' || IANAZone.isValidZone(name);
}

function zoneCache(name: string): ZoneCache {
  let cache = zones.get(name);
  if (cache === undefined) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone "${name}"`);
    cache = { zone: IANAZone.create(name), offsets: new Map() };
    zones.set(name, cache);
  }
  return cache;
}

/** Offset east of UTC, in minutes, at an instant. */
export function offsetAt(name: string, epochMs: number): number {
  if (name === 'UTC') return 0;
  const cache = zoneCache(name);
  const bucket = Math.floor(epochMs / BUCKET_MS);
  const cached = cache.offsets.get(bucket);
  if (cached !== undefined) return cached;
  const start = cache.zone.offset(bucket * BUCKET_MS);
  const end = cache.zone.offset((bucket + 1) * BUCKET_MS - 1);
  if (start !== end) return cache.zone.offset(epochMs);
  if (cache.offsets.size >= CACHE_LIMIT) cache.offsets.clear();
  cache.offsets.set(bucket, start);
  return start;
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
  const d = new Date(epochMs + offsetAt(zone, epochMs) * 60_000);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
  };
}
