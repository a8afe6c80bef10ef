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
  /** Clusters of the given records (singletons included), members in no particular order. */
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

  const refused: RefusedLink<E>[] = [];
  for (const edge of orderEdges(edges, ids)) {
    const rootA = find(positionOf(edge.a));
    const rootB = find(positionOf(edge.b));
    if (rootA === rootB) continue;
    const sizeA = size[rootA] as number;
    const sizeB = size[rootB] as number;
    // The link's own pair is judged by its link (a rule may link a pair that scores low);
    // the guard is about the pairs the link would bring together indirectly.
    const weakest =
      sizeA === 1 && sizeB === 1
        ? undefined
        : weakestCrossPair(groupOf(rootA), groupOf(rootB), scorePair, options.minPairScore, edge);
    if (sizeA + sizeB > options.maxClusterSize || weakest !== undefined) {
      refused.push({ edge, sides: [groupOf(rootA), groupOf(rootB)], weakest: weakest ?? { a: edge.a, b: edge.b, score: edge.score } });
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
  const hashOf = new Map<number, number>();
  const idHash = (record: number): number => {
    let hash = hashOf.get(record);
    if (hash === undefined) {
      hash = stringHash(ids[record] as string);
      hashOf.set(record, hash);
    }
    return hash;
  };
  const tie = new Float64Array(edges.length);
  edges.forEach((edge, i) => {
    const [first, second] = compareIds(ids[edge.a] as string, ids[edge.b] as string) <= 0 ? [edge.a, edge.b] : [edge.b, edge.a];
    tie[i] = idHash(first) * 0x200000 + (idHash(second) & 0x1fffff);
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
