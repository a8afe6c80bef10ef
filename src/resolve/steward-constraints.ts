import type { LinkTable } from './clustering';
import type { PreparedRecords } from './prepared-records';
import type { ScoringModel } from './scoring';
import type { ScoredPair, StewardDecisions } from './types';

/** The rule name on links a steward asked for. */
export const STEWARD_LINK_RULE = 'stewardMerge';

function adjacency(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [a, b] of pairs) {
    if (a === b) continue;
    (map.get(a) ?? map.set(a, []).get(a)!).push(b);
    (map.get(b) ?? map.set(b, []).get(b)!).push(a);
  }
  return map;
}

/**
 * Steward decisions by record id, as every run respects them: must-link partners share a cluster
 * (linked before any scored link, past the chaining guard), cannot-link partners never do.
 */
export class StewardConstraints {
  private constructor(
    private readonly mustLink: ReadonlyMap<string, readonly string[]>,
    private readonly cannotLink: ReadonlyMap<string, readonly string[]>,
  ) {}

  static readonly NONE = new StewardConstraints(new Map(), new Map());

  static from(decisions: StewardDecisions): StewardConstraints {
    return new StewardConstraints(adjacency(decisions.mustLink), adjacency(decisions.cannotLink));
  }

  /** The ids a steward said must share a cluster with `id`. */
  mustLinkPartners(id: string): readonly string[] {
    return this.mustLink.get(id) ?? [];
  }

  /** Every must-link pair among the records, as positions (lower first). */
  mustLinkPairs(records: PreparedRecords): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (const [id, partners] of this.mustLink) {
      const a = records.indexOf(id);
      if (a === undefined) continue;
      for (const partner of partners) {
        const b = records.indexOf(partner);
        if (b !== undefined && a < b) pairs.push([a, b]);
      }
    }
    return pairs;
  }

  /** The cannot-link partners of each record, by position, as clustering takes them. */
  cannotLinkIndices(records: PreparedRecords): Map<number, number[]> {
    const indices = new Map<number, number[]>();
    for (const [id, partners] of this.cannotLink) {
      const index = records.indexOf(id);
      if (index === undefined) continue;
      const known = partners.map((p) => records.indexOf(p)).filter((p): p is number => p !== undefined);
      if (known.length > 0) indices.set(index, known);
    }
    return indices;
  }
}

/**
 * Links records `a` and `b` (positions, a < b) as a steward asked: in the link table above any
 * score, and reported among the links with the comparison levels and score they would have had.
 */
export function linkBySteward(model: ScoringModel, records: PreparedRecords, a: number, b: number, linkTable: LinkTable, links: ScoredPair[]): void {
  linkTable.push(a, b, Number.POSITIVE_INFINITY, true);
  const levels = new Uint8Array(model.comparisons.length);
  model.levelsInto(records, a, b, levels);
  links.push({
    left: records.ids[a] as string,
    right: records.ids[b] as string,
    score: model.scorePair(records, a, b),
    probability: 1,
    decision: 'link',
    rule: STEWARD_LINK_RULE,
    levels: Array.from(levels),
  });
}
