import type { MatchRecord } from './types';

/**
 * Survivorship: the golden record of one cluster, field by field, with lineage.
 *
 * Each field has an ordered list of rules; the first rule ranks the records that have a
 * value, later rules break its ties, and the record id breaks any remaining tie so that the
 * result is deterministic. A steward override beats every rule. Multi-valued fields (emails,
 * phones) keep every distinct value with the records and sources it came from; the value
 * the rules rank first is marked primary.
 */

export type SurvivorshipRule = 'sourceTrust' | 'mostRecent' | 'mostComplete' | 'mostFrequent';

export const SINGLE_VALUED_FIELDS = [
  'givenName',
  'familyName',
  'givenNamePinyin',
  'familyNamePinyin',
  'birthDate',
  'streetNumber',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'country',
  'nationalId',
] as const;
export type SingleValuedField = (typeof SINGLE_VALUED_FIELDS)[number];

export const MULTI_VALUED_FIELDS = ['emails', 'phones'] as const;
export type MultiValuedField = (typeof MULTI_VALUED_FIELDS)[number];

export type GoldenField = SingleValuedField | MultiValuedField;

export interface SurvivorshipConfig {
  /** Rules for fields without their own entry. */
  defaultRules: SurvivorshipRule[];
  rules: Partial<Record<GoldenField, SurvivorshipRule[]>>;
  /** Steward-chosen values; they win over every rule. */
  overrides: Partial<Record<SingleValuedField, string>> & Partial<Record<MultiValuedField, string[]>>;
}

export const DEFAULT_SURVIVORSHIP: SurvivorshipConfig = {
  defaultRules: ['sourceTrust', 'mostRecent', 'mostComplete'],
  rules: {
    // A name or birth date seen in several sources is more likely right than the newest one.
    givenName: ['mostFrequent', 'sourceTrust', 'mostComplete'],
    familyName: ['mostFrequent', 'sourceTrust', 'mostComplete'],
    birthDate: ['mostFrequent', 'sourceTrust', 'mostRecent'],
    emails: ['mostRecent', 'sourceTrust', 'mostFrequent'],
    phones: ['mostRecent', 'sourceTrust', 'mostFrequent'],
  },
  overrides: {},
};

export interface SourcedValue {
  value: string;
  primary: boolean;
  recordIds: string[];
  sources: string[];
}

export type GoldenValues = Partial<Record<SingleValuedField, string>> & Record<MultiValuedField, SourcedValue[]>;

export interface LineageEntry {
  field: GoldenField;
  value: string;
  /** The record the value was taken from; null for a steward override. */
  recordId: string | null;
  rule: SurvivorshipRule | 'stewardOverride';
}

export interface SurvivedRecord {
  golden: GoldenValues;
  lineage: LineageEntry[];
}

interface Candidate {
  value: string;
  record: MatchRecord;
  /** How many of the cluster's records carry this value. */
  frequency: number;
  /** The record's update time in ms (mostRecent), parsed once rather than at every comparison. */
  time: number;
}

export function surviveCluster(records: readonly MatchRecord[], config: Partial<SurvivorshipConfig> = {}): SurvivedRecord {
  const settings: SurvivorshipConfig = {
    defaultRules: config.defaultRules ?? DEFAULT_SURVIVORSHIP.defaultRules,
    rules: { ...DEFAULT_SURVIVORSHIP.rules, ...config.rules },
    overrides: config.overrides ?? {},
  };
  const rulesOf = (field: GoldenField): SurvivorshipRule[] => settings.rules[field] ?? settings.defaultRules;
  const golden: GoldenValues = { emails: [], phones: [] };
  const lineage: LineageEntry[] = [];

  for (const field of SINGLE_VALUED_FIELDS) {
    const override = settings.overrides[field];
    if (override !== undefined) {
      golden[field] = override;
      lineage.push({ field, value: override, recordId: null, rule: 'stewardOverride' });
      continue;
    }
    const candidates = candidatesOf(records, (record) => {
      const value = record[field];
      return value === undefined || value.trim() === '' ? [] : [value];
    });
    const choice = choose(candidates, rulesOf(field));
    if (choice === undefined) continue;
    golden[field] = choice.winner.value;
    lineage.push({ field, value: choice.winner.value, recordId: choice.winner.record.id, rule: choice.rule });
  }

  for (const field of MULTI_VALUED_FIELDS) {
    const override = settings.overrides[field];
    if (override !== undefined) {
      golden[field] = override.map((value, index) => ({ value, primary: index === 0, recordIds: [], sources: [] }));
      for (const value of override) lineage.push({ field, value, recordId: null, rule: 'stewardOverride' });
      continue;
    }
    const candidates = candidatesOf(records, (record) => record[field].filter((value) => value.trim() !== ''));
    // Each distinct value once, best first; the first is primary.
    const ranked = rankDistinct(candidates, rulesOf(field));
    const holders = new Map<string, MatchRecord[]>();
    for (const { winner } of ranked) holders.set(winner.value, []);
    for (const record of records) for (const value of new Set(record[field])) holders.get(value)?.push(record);
    for (const { winner, rule } of ranked) lineage.push({ field, value: winner.value, recordId: winner.record.id, rule });
    golden[field] = ranked.map(({ winner }, index) => {
      const holding = holders.get(winner.value) ?? [];
      return {
        value: winner.value,
        primary: index === 0,
        recordIds: holding.map((record) => record.id).sort(),
        sources: [...new Set(holding.map((record) => record.source))].sort(),
      };
    });
  }
  return { golden, lineage };
}

function candidatesOf(records: readonly MatchRecord[], valuesOf: (record: MatchRecord) => string[]): Candidate[] {
  const frequency = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const record of records) {
    const time = timeOf(record.updatedAt);
    for (const value of new Set(valuesOf(record))) {
      frequency.set(value, (frequency.get(value) ?? 0) + 1);
      candidates.push({ value, record, frequency: 0, time });
    }
  }
  for (const candidate of candidates) candidate.frequency = frequency.get(candidate.value) ?? 0;
  return candidates;
}

/** Each distinct value once, at its best candidate, best first under the rules (record id breaking the last tie). */
function bestPerValue(candidates: readonly Candidate[], rules: readonly SurvivorshipRule[]): Candidate[] {
  const ordered = [...candidates].sort((a, b) => {
    for (const rule of rules) {
      const difference = compareByRule(rule, a, b);
      if (difference !== 0) return difference;
    }
    return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
  });
  const seen = new Set<string>();
  const best: Candidate[] = [];
  for (const candidate of ordered) {
    if (seen.has(candidate.value)) continue;
    seen.add(candidate.value);
    best.push(candidate);
  }
  return best;
}

/** The rule on which `winner` beats `rival`, the next value's best candidate (the first rule when none, or no rival). */
function decidingRule(rules: readonly SurvivorshipRule[], winner: Candidate, rival: Candidate | undefined): SurvivorshipRule {
  const deciding = rival === undefined ? undefined : rules.find((rule) => compareByRule(rule, winner, rival) !== 0);
  return deciding ?? rules[0] ?? 'sourceTrust';
}

/**
 * Each distinct value once, best first, with the rule that decided it against the next value (the
 * best among those not ranked yet). One sort, whatever the number of values: a cluster of hundreds
 * of records with an email each ranks in one pass.
 */
function rankDistinct(candidates: readonly Candidate[], rules: readonly SurvivorshipRule[]): Array<{ winner: Candidate; rule: SurvivorshipRule }> {
  const best = bestPerValue(candidates, rules);
  return best.map((winner, i) => ({ winner, rule: decidingRule(rules, winner, best[i + 1]) }));
}

/** The best candidate under the rules and the rule that decided it against the best holding another value. */
function choose(candidates: readonly Candidate[], rules: readonly SurvivorshipRule[]): { winner: Candidate; rule: SurvivorshipRule } | undefined {
  const [winner, rival] = bestPerValue(candidates, rules);
  return winner === undefined ? undefined : { winner, rule: decidingRule(rules, winner, rival) };
}

/** Negative when `a` is better than `b` under the rule. */
function compareByRule(rule: SurvivorshipRule, a: Candidate, b: Candidate): number {
  switch (rule) {
    case 'sourceTrust':
      return (b.record.trust ?? 0) - (a.record.trust ?? 0);
    case 'mostRecent':
      return a.time === b.time ? 0 : a.time > b.time ? -1 : 1;
    case 'mostComplete':
      return completeness(b.value) - completeness(a.value);
    case 'mostFrequent':
      return b.frequency - a.frequency;
  }
}

/** The last time parsed: records loaded together share their update time, and parsing it was a tenth of survivorship. */
let lastParsed: { iso: string; time: number } | undefined;

function timeOf(iso: string | undefined): number {
  if (iso === undefined) return Number.NEGATIVE_INFINITY;
  if (lastParsed?.iso === iso) return lastParsed.time;
  const parsed = Date.parse(iso);
  const time = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
  lastParsed = { iso, time };
  return time;
}

/** "J." < "John" < "John Paul": count of letters and digits. */
function completeness(value: string): number {
  let count = 0;
  for (const char of value) if (/[\p{L}\p{N}]/u.test(char)) count++;
  return count;
}
