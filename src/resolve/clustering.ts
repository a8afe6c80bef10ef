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

export interface ClusterOptions {
  minPairScore: number;
  maxClusterSize: number;
}

export interface RefusedLink<E extends LinkEdge> {
  edge: E;
  sides: [number[], number[]];
  weakest: { a: number; b: number; score: number };
}

export interface Clustering<E extends LinkEdge> {
  /** Clusters of the given records (singletons included), members in ascending id order. */
  clusters: number[][];
  refused: RefusedLink<E>[];
}

export function clusterLinks<E extends LinkEdge>(
  members: readonly number[],
  edges: readonly E[],
  ids: readonly string[],
  scorePair: (a: number, b: number) => number,
  options: ClusterOptions,
): Clustering<E> {
  const local = new Map<number, number>();
  members.forEach((record, position) => local.set(record, position));
  const parent = Int32Array.from(members, (_, position) => position);
  const groups: (number[] | undefined)[] = members.map((record) => [record]);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };

  const ordered = orderEdges(edges, ids);
  const refused: RefusedLink<E>[] = [];
  for (const edge of ordered) {
    const localA = local.get(edge.a);
    const localB = local.get(edge.b);
    if (localA === undefined || localB === undefined) throw new Error('link to a record outside the clustered set');
    const rootA = find(localA);
    const rootB = find(localB);
    if (rootA === rootB) continue;
    const groupA = groups[rootA] as number[];
    const groupB = groups[rootB] as number[];
    // The link's own pair is judged by its link (a rule may link a pair that scores low);
    // the guard is about the pairs the link would bring together indirectly.
    const weakest =
      groupA.length === 1 && groupB.length === 1
        ? undefined
        : weakestCrossPair(groupA, groupB, (x, y) => (isLinkPair(edge, x, y) ? edge.score : scorePair(x, y)), options.minPairScore, edge);
    if (groupA.length + groupB.length > options.maxClusterSize || weakest !== undefined) {
      refused.push({
        edge,
        sides: [[...groupA], [...groupB]],
        weakest: weakest ?? { a: edge.a, b: edge.b, score: edge.score },
      });
      continue;
    }
    // Union by size: the larger group absorbs the smaller one.
    const [big, small] = groupA.length >= groupB.length ? [rootA, rootB] : [rootB, rootA];
    parent[small] = big;
    for (const record of groups[small] as number[]) (groups[big] as number[]).push(record);
    groups[small] = undefined;
  }

  const clusters: number[][] = [];
  for (let position = 0; position < members.length; position++) {
    const group = groups[position];
    if (parent[position] === position && group !== undefined) {
      clusters.push(group.sort((x, y) => compareIds(ids[x] as string, ids[y] as string)));
    }
  }
  return { clusters, refused };
}

/** The first cross pair scoring below the floor, or undefined when every pair clears it. */
function weakestCrossPair(
  groupA: readonly number[],
  groupB: readonly number[],
  scorePair: (a: number, b: number) => number,
  floor: number,
  link: LinkEdge,
): { a: number; b: number; score: number } | undefined {
  let weakest: { a: number; b: number; score: number } | undefined;
  for (const a of groupA) {
    for (const b of groupB) {
      if (isLinkPair(link, a, b)) continue;
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
function orderEdges<E extends LinkEdge>(edges: readonly E[], ids: readonly string[]): E[] {
  const tie = new Float64Array(edges.length);
  edges.forEach((edge, i) => {
    const [first, second] = orderedIds(edge, ids);
    tie[i] = (stringHash(first) * 0x200000 + (stringHash(second) & 0x1fffff));
  });
  const order = Array.from({ length: edges.length }, (_, i) => i);
  order.sort((i, j) => {
    const x = edges[i] as E;
    const y = edges[j] as E;
    if (x.byRule !== y.byRule) return x.byRule ? -1 : 1;
    if (x.score !== y.score) return y.score - x.score;
    const tieX = tie[i] as number;
    const tieY = tie[j] as number;
    if (tieX !== tieY) return tieX - tieY;
    const [x1, x2] = orderedIds(x, ids);
    const [y1, y2] = orderedIds(y, ids);
    return compareIds(x1, y1) || compareIds(x2, y2);
  });
  return order.map((i) => edges[i] as E);
}

function stringHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function orderedIds(edge: LinkEdge, ids: readonly string[]): [string, string] {
  const a = ids[edge.a] as string;
  const b = ids[edge.b] as string;
  return compareIds(a, b) <= 0 ? [a, b] : [b, a];
}

function isLinkPair(link: LinkEdge, x: number, y: number): boolean {
  return (link.a === x && link.b === y) || (link.a === y && link.b === x);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
