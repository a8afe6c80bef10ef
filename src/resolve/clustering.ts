/**
 * Clustering of accepted links into persons, with a guard against chaining.
 *
 * Plain union-find over links is fragile: one wrong link between two people's clusters
 * merges them wholesale, and A~B~C chains can put two very different records together. So
 * links are applied strongest first (deterministic rules, then by score), and a link that
 * would join two groups is refused when any record of one group scores below
 * `minPairScore` against any record of the other, or when the merged cluster would exceed
 * `maxClusterSize`. Refused links are reported as splits: the weakest links are the ones
 * that get cut, because they come last.
 *
 * Works on integer record indices; ids only break ties so that the result does not depend on
 * the order in which records were loaded (incremental runs must equal full runs).
 */

export interface LinkEdge {
  a: number;
  b: number;
  score: number;
  /** Links made by a deterministic rule are applied before any scored link. */
  byRule: boolean;
}

/** Accepted links in typed arrays: a million links without a million objects. */
export class LinkTable {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  score = new Float64Array(1024);
  byRule = new Uint8Array(1024);
  length = 0;

  push(a: number, b: number, score: number, byRule: boolean): void {
    if (this.length === this.a.length) this.grow();
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.score[this.length] = score;
    this.byRule[this.length] = byRule ? 1 : 0;
    this.length++;
  }

  static of(edges: readonly LinkEdge[]): LinkTable {
    const table = new LinkTable();
    for (const edge of edges) table.push(edge.a, edge.b, edge.score, edge.byRule);
    return table;
  }

  private grow(): void {
    const capacity = this.a.length * 2;
    const a = new Int32Array(capacity);
    const b = new Int32Array(capacity);
    const score = new Float64Array(capacity);
    const byRule = new Uint8Array(capacity);
    a.set(this.a);
    b.set(this.b);
    score.set(this.score);
    byRule.set(this.byRule);
    this.a = a;
    this.b = b;
    this.score = score;
    this.byRule = byRule;
  }
}

export interface ClusterOptions {
  minPairScore: number;
  maxClusterSize: number;
}

/**
 * Steward decisions, by record index. A link scored `Infinity` is a steward's must-link: it is
 * applied first and bypasses the chaining guard and size cap (a person said so). A cannot-link
 * pair never ends up in one cluster, whatever links would join it: the joining link is refused.
 */
export interface ClusterConstraints {
  cannotLink: ReadonlyMap<number, readonly number[]>;
}

export interface RefusedLink {
  /** Position of the refused link in the link table. */
  link: number;
  sides: [number[], number[]];
  weakest: { a: number; b: number; score: number };
}

export interface Clustering {
  /** Clusters of the given records (singletons included), members in no particular order. */
  clusters: number[][];
  refused: RefusedLink[];
}

export function clusterLinks(
  members: readonly number[],
  links: LinkTable,
  ids: readonly string[],
  scorePair: (a: number, b: number) => number,
  options: ClusterOptions,
  constraints?: ClusterConstraints,
): Clustering {
  // Records are addressed by their position in `members`; a full run passes 0..n-1.
  const identity = members.length > 0 && members[0] === 0 && members[members.length - 1] === members.length - 1;
  const local = identity ? undefined : new Map<number, number>();
  if (local !== undefined) members.forEach((record, position) => local.set(record, position));
  const positionOf = (record: number): number => {
    const position = local === undefined ? record : local.get(record);
    if (position === undefined || position >= members.length) throw new Error('link to a record outside the clustered set');
    return position;
  };

  // Union-find with each group's members in a linked list (no array per record).
  const count = members.length;
  const parent = new Int32Array(count);
  const size = new Int32Array(count).fill(1);
  const next = new Int32Array(count).fill(-1);
  const last = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    parent[i] = i;
    last[i] = i;
  }
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const up = parent[x] as number;
      parent[x] = root;
      x = up;
    }
    return root;
  };
  const groupOf = (root: number): number[] => {
    const group: number[] = [];
    for (let p = root; p !== -1; p = next[p] as number) group.push(members[p] as number);
    return group;
  };

  const cannotLink = constraints !== undefined && constraints.cannotLink.size > 0 ? constraints.cannotLink : undefined;
  /** A cannot-link pair across the two groups, if any (only records with decisions are looked at). */
  const forbiddenPair = (rootA: number, rootB: number): { a: number; b: number } | undefined => {
    if (cannotLink === undefined) return undefined;
    const [smaller, other] = (size[rootA] as number) <= (size[rootB] as number) ? [rootA, rootB] : [rootB, rootA];
    for (let p = smaller; p !== -1; p = next[p] as number) {
      const record = members[p] as number;
      for (const partner of cannotLink.get(record) ?? []) {
        const position = local === undefined ? (partner < count ? partner : undefined) : local.get(partner);
        if (position !== undefined && find(position) === other) return { a: record, b: partner };
      }
    }
    return undefined;
  };

  const refused: RefusedLink[] = [];
  for (const link of orderLinks(links, ids)) {
    const a = links.a[link] as number;
    const b = links.b[link] as number;
    const rootA = find(positionOf(a));
    const rootB = find(positionOf(b));
    if (rootA === rootB) continue;
    const sizeA = size[rootA] as number;
    const sizeB = size[rootB] as number;
    const forbidden = forbiddenPair(rootA, rootB);
    if (forbidden !== undefined) {
      refused.push({ link, sides: [groupOf(rootA), groupOf(rootB)], weakest: { ...forbidden, score: Number.NEGATIVE_INFINITY } });
      continue;
    }
    const forced = links.score[link] === Number.POSITIVE_INFINITY;
    // The link's own pair is judged by its link (a rule may link a pair that scores low);
    // the guard is about the pairs the link would bring together indirectly.
    const weakest =
      forced || (sizeA === 1 && sizeB === 1)
        ? undefined
        : weakestCrossPair(groupOf(rootA), groupOf(rootB), scorePair, options.minPairScore, a, b);
    if ((!forced && sizeA + sizeB > options.maxClusterSize) || weakest !== undefined) {
      refused.push({ link, sides: [groupOf(rootA), groupOf(rootB)], weakest: weakest ?? { a, b, score: links.score[link] as number } });
      continue;
    }
    // Union by size; the smaller list is appended to the larger one.
    const [big, small] = sizeA >= sizeB ? [rootA, rootB] : [rootB, rootA];
    parent[small] = big;
    size[big] = sizeA + sizeB;
    next[last[big] as number] = small;
    last[big] = last[small] as number;
  }

  const clusters: number[][] = [];
  for (let position = 0; position < count; position++) if (parent[position] === position) clusters.push(groupOf(position));
  return { clusters, refused };
}

/** The first cross pair scoring below the floor, or undefined when every pair clears it. */
function weakestCrossPair(
  groupA: readonly number[],
  groupB: readonly number[],
  scorePair: (a: number, b: number) => number,
  floor: number,
  linkA: number,
  linkB: number,
): { a: number; b: number; score: number } | undefined {
  let weakest: { a: number; b: number; score: number } | undefined;
  for (const a of groupA) {
    for (const b of groupB) {
      if ((a === linkA && b === linkB) || (a === linkB && b === linkA)) continue;
      const score = scorePair(a, b);
      if (score < floor && (weakest === undefined || score < weakest.score)) weakest = { a, b, score };
    }
  }
  return weakest;
}

/**
 * Strongest first: rule links, then by score; ties (common: equal patterns score equally) by
 * a hash of the two record ids, then by the ids themselves, so that the order never depends
 * on internal indices.
 */
function orderLinks(links: LinkTable, ids: readonly string[]): Int32Array {
  const count = links.length;
  // Each link's ids in order (lower first), and a numeric tie-breaker from their hashes.
  const lower: string[] = new Array<string>(count);
  const upper: string[] = new Array<string>(count);
  const tie = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const idA = ids[links.a[i] as number] as string;
    const idB = ids[links.b[i] as number] as string;
    const first = idA <= idB ? idA : idB;
    const second = idA <= idB ? idB : idA;
    lower[i] = first;
    upper[i] = second;
    tie[i] = stringHash(first) * 0x200000 + (stringHash(second) & 0x1fffff);
  }
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const { byRule, score } = links;
  order.sort((i, j) => {
    if (byRule[i] !== byRule[j]) return (byRule[j] as number) - (byRule[i] as number);
    if (score[i] !== score[j]) return (score[j] as number) - (score[i] as number);
    const tieI = tie[i] as number;
    const tieJ = tie[j] as number;
    if (tieI !== tieJ) return tieI - tieJ;
    return compareIds(lower[i] as string, lower[j] as string) || compareIds(upper[i] as string, upper[j] as string);
  });
  return order;
}

function stringHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
