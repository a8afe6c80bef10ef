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
    const rules = rulesOf(field);
    // Rank the distinct values by their best record; each value appears once, primary first.
    const ranked: Candidate[] = [];
    const remaining = [...candidates];
    while (remaining.length > 0) {
      const choice = choose(remaining, rules) as { winner: Candidate; rule: SurvivorshipRule };
      ranked.push(choice.winner);
      for (let i = remaining.length - 1; i >= 0; i--) if ((remaining[i] as Candidate).value === choice.winner.value) remaining.splice(i, 1);
      lineage.push({ field, value: choice.winner.value, recordId: choice.winner.record.id, rule: choice.rule });
    }
    golden[field] = ranked.map((candidate, index) => {
      const holders = records.filter((record) => record[field].includes(candidate.value));
      return {
        value: candidate.value,
        primary: index === 0,
        recordIds: holders.map((record) => record.id).sort(),
        sources: [...new Set(holders.map((record) => record.source))].sort(),
      };
    });
  }
  return { golden, lineage };
}

function candidatesOf(records: readonly MatchRecord[], valuesOf: (record: MatchRecord) => string[]): Candidate[] {
  const frequency = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const record of records) {
    for (const value of new Set(valuesOf(record))) {
      frequency.set(value, (frequency.get(value) ?? 0) + 1);
      candidates.push({ value, record, frequency: 0 });
    }
  }
  for (const candidate of candidates) candidate.frequency = frequency.get(candidate.value) ?? 0;
  return candidates;
}

/**
 * The best candidate under the rules, and the rule that decided: the first rule on which the
 * winner beats the best candidate holding a different value (the first rule when no other
 * value competes).
 */
function choose(candidates: readonly Candidate[], rules: readonly SurvivorshipRule[]): { winner: Candidate; rule: SurvivorshipRule } | undefined {
  if (candidates.length === 0) return undefined;
  const ordered = [...candidates].sort((a, b) => {
    for (const rule of rules) {
      const difference = compareByRule(rule, a, b);
      if (difference !== 0) return difference;
    }
    return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
  });
  const winner = ordered[0] as Candidate;
  const rival = ordered.find((candidate) => candidate.value !== winner.value);
  const firstRule = rules[0] ?? 'sourceTrust';
  if (rival === undefined) return { winner, rule: firstRule };
  const deciding = rules.find((rule) => compareByRule(rule, winner, rival) !== 0);
  return { winner, rule: deciding ?? firstRule };
}

/** Negative when `a` is better than `b` under the rule. */
function compareByRule(rule: SurvivorshipRule, a: Candidate, b: Candidate): number {
  switch (rule) {
    case 'sourceTrust':
      return (b.record.trust ?? 0) - (a.record.trust ?? 0);
    case 'mostRecent': {
      const timeA = timeOf(a.record.updatedAt);
      const timeB = timeOf(b.record.updatedAt);
      return timeA === timeB ? 0 : timeA > timeB ? -1 : 1;
    }
    case 'mostComplete':
      return completeness(b.value) - completeness(a.value);
    case 'mostFrequent':
      return b.frequency - a.frequency;
  }
}

function timeOf(iso: string | undefined): number {
  if (iso === undefined) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** "J." < "John" < "John Paul": count of letters and digits. */
function completeness(value: string): number {
  let count = 0;
  for (const char of value) if (/[\p{L}\p{N}]/u.test(char)) count++;
  return count;
}
