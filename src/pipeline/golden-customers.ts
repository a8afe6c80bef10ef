import { surviveCluster, type GoldenValues, type MatchRecord, type ScoredPair, type SurvivorshipConfig } from '../resolve';
import type { GoldenProfile } from '../store/customer-columns';
import { NO_SOURCE_RECORD, type ResolvedCustomer } from '../store/resolution-plan';
import type { OverrideValue } from '../store/steward-repository';
import type { SurvivedConsent } from './customer-consent';
import { toGoldenFields, toLineageRows } from './match-records';
import { indexInSorted } from './packed-columns';

/** The golden fields a steward may override; emails and phones take the value as their primary. */
export const OVERRIDABLE_FIELDS = ['givenName', 'familyName', 'birthDate', 'country', 'emails', 'phones'] as const;
export type OverridableField = (typeof OVERRIDABLE_FIELDS)[number];

/** Lineage rule of a value a steward set. */
export const STEWARD_OVERRIDE_RULE = 'steward_override';

/** The rule and score a record's customer link is stored with. */
export interface LinkReason {
  rule: string;
  score: number;
}

/**
 * The strongest accepted link of each record: the rule and score stored on its customer link.
 * Kept in sorted typed arrays rather than a map of objects (a full run links most of a million
 * records), so that the accepted pairs themselves need not be held while customers are written.
 */
export class StrongestLinks {
  private constructor(
    private readonly recordIds: Float64Array,
    private readonly scores: Float64Array,
    private readonly ruleCodes: Uint16Array,
    private readonly rules: readonly string[],
  ) {}

  static of(links: readonly ScoredPair[]): StrongestLinks {
    // The first of the highest-scoring links of each record, as a position in `links`.
    const best = new Map<number, number>();
    links.forEach((link, position) => {
      for (const id of [Number(link.left), Number(link.right)]) {
        const current = best.get(id);
        if (current === undefined || link.score > (links[current] as ScoredPair).score) best.set(id, position);
      }
    });
    const recordIds = Float64Array.from(best.keys()).sort();
    const scores = new Float64Array(recordIds.length);
    const ruleCodes = new Uint16Array(recordIds.length);
    const rules: string[] = [];
    const codeOf = new Map<string, number>();
    recordIds.forEach((id, at) => {
      const link = links[best.get(id) as number] as ScoredPair;
      const rule = link.rule ?? 'fellegi_sunter';
      let code = codeOf.get(rule);
      if (code === undefined) {
        code = rules.push(rule) - 1;
        codeOf.set(rule, code);
      }
      scores[at] = link.score;
      ruleCodes[at] = code;
    });
    return new StrongestLinks(recordIds, scores, ruleCodes, rules);
  }

  get(recordId: number): LinkReason | undefined {
    const at = indexInSorted(this.recordIds, recordId);
    return at === -1 ? undefined : { rule: this.rules[this.ruleCodes[at] as number] as string, score: this.scores[at] as number };
  }
}

function singleValuedOverrides(overrides: Record<string, OverrideValue>): SurvivorshipConfig['overrides'] {
  const chosen: SurvivorshipConfig['overrides'] = {};
  for (const field of ['givenName', 'familyName', 'birthDate', 'country'] as const) {
    const value = overrides[field];
    if (value !== undefined) chosen[field] = value;
  }
  return chosen;
}

/**
 * One golden customer from its cluster: survivorship with the steward's overrides (single
 * fields take the value; emails and phones get it as primary, the other values kept), and the
 * lineage of every stored field.
 */
export function goldenCustomer(
  customerId: string,
  records: readonly MatchRecord[],
  overrides: Record<string, OverrideValue>,
  linkOf: { get(recordId: number): LinkReason | undefined },
  hashOf: { get(recordId: number): string | undefined },
  /** The cluster-wide profile fields (full name, address, lifetime value, …) from the survived values. */
  profileOf?: (golden: GoldenValues) => GoldenProfile,
  /** Marketing consent per channel and its lineage (see consentOf). */
  consent: SurvivedConsent = { consents: [], lineage: [] },
): ResolvedCustomer {
  const survived = surviveCluster(records, { overrides: singleValuedOverrides(overrides) });
  const fields = { ...toGoldenFields(survived.golden), ...profileOf?.(survived.golden) };
  const lineage = toLineageRows(survived.lineage);
  for (const field of ['emails', 'phones'] as const) {
    const primary = overrides[field];
    if (primary === undefined) continue;
    fields[field] = [primary, ...fields[field].filter((value) => value !== primary)];
    // The primary's origin comes first; the other values keep theirs.
    const at = lineage.findIndex((entry) => entry.field === field);
    lineage.splice(at === -1 ? lineage.length : at, 0, { field, sourceRecordId: NO_SOURCE_RECORD, rule: STEWARD_OVERRIDE_RULE });
  }
  lineage.push(...consent.lineage);
  return {
    customerId,
    recordIds: records.map((record) => Number(record.id)),
    fields,
    lineage,
    consents: consent.consents,
    hashOf: (recordId) => hashOf.get(recordId) ?? '',
    linkOf: (recordId) => {
      const link = linkOf.get(recordId);
      return link && Number.isFinite(link.score) ? link : link ? { rule: link.rule, score: null } : { rule: 'single_record', score: null };
    },
  };
}
