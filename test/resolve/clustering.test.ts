import { describe, expect, it } from 'vitest';
import { clusterLinks as clusterTable, type LinkEdge, LinkTable } from '../../src/resolve/clustering';

const ids = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1'];
const A = [0, 1, 2];
const B = [3, 4, 5];

/** Records of one group score 20 with each other, -20 across groups; one a3–b1 link scores 8. */
function scorePair(x: number, y: number): number {
  if ((x === 2 && y === 3) || (x === 3 && y === 2)) return 8;
  const sameGroup = (A.includes(x) && A.includes(y)) || (B.includes(x) && B.includes(y));
  return sameGroup ? 20 : -20;
}

const edge = (a: number, b: number, byRule = false): LinkEdge => ({ a, b, score: scorePair(a, b), byRule });
const tight = [edge(0, 1), edge(1, 2), edge(0, 2), edge(3, 4), edge(4, 5), edge(3, 5)];
const options = { minPairScore: -10, maxClusterSize: 100 };

/** The engine takes links as a table; these tests write them as objects. */
function clusterLinks(members: number[], links: LinkEdge[], names: string[], score: (a: number, b: number) => number, opts: typeof options) {
  const result = clusterTable(members, LinkTable.of(links), names, score, opts);
  return { clusters: result.clusters, refused: result.refused.map((refused) => ({ ...refused, edge: links[refused.link] as LinkEdge })) };
}
const everyone = [0, 1, 2, 3, 4, 5, 6];

describe('clustering with a chaining guard', () => {
  it('groups records connected by links and keeps the rest as singletons', () => {
    const { clusters } = clusterLinks(everyone, tight, ids, scorePair, options);
    expect(clusters.map((c) => c.map((i) => ids[i]).sort())).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2', 'b3'], ['c1']]);
  });

  it('refuses one weak link that would glue two tight clusters together, and reports it', () => {
    const { clusters, refused } = clusterLinks(everyone, [...tight, edge(2, 3)], ids, scorePair, options);
    expect(clusters).toHaveLength(3);
    expect(refused).toHaveLength(1);
    const split = refused[0]!;
    expect([split.edge.a, split.edge.b]).toEqual([2, 3]);
    expect(split.sides.map((side) => [...side].sort())).toEqual([A, B]);
    expect(split.weakest.score).toBe(-20);
  });

  it('without the guard, the same weak link would chain both clusters into one', () => {
    const { clusters, refused } = clusterLinks(everyone, [...tight, edge(2, 3)], ids, scorePair, { ...options, minPairScore: -Infinity });
    expect(refused).toEqual([]);
    expect(clusters.find((c) => c.length === 6)).toBeDefined();
  });

  it('cuts the weakest link, whatever order the links arrive in', () => {
    const shuffled = [edge(2, 3), ...tight].reverse();
    const { refused } = clusterLinks(everyone, shuffled, ids, scorePair, options);
    expect(refused.map((r) => [r.edge.a, r.edge.b])).toEqual([[2, 3]]);
  });

  it('applies rule links before scored links', () => {
    // c1 is linked by rule to a1 and by a higher score to b1; it is neutral to everyone else.
    // Rule first: c1 joins the a's and the b1 link is refused (it would join a's and b's).
    const score = (x: number, y: number): number => (x === 6 || y === 6 ? (x === 3 || y === 3 ? 30 : 0) : scorePair(x, y));
    const links: LinkEdge[] = [...tight, { a: 0, b: 6, score: 0, byRule: true }, { a: 3, b: 6, score: 30, byRule: false }];
    const { clusters } = clusterLinks(everyone, links, ids, score, options);
    expect(clusters.find((c) => c.includes(6))?.map((i) => ids[i]).sort()).toEqual(['a1', 'a2', 'a3', 'c1']);
  });

  it('honours a rule link even when the pair itself scores below the guard', () => {
    const { clusters } = clusterLinks([0, 6], [{ a: 0, b: 6, score: -30, byRule: true }], ids, () => -30, options);
    expect(clusters.map((c) => c.sort())).toEqual([[0, 6]]);
  });

  it('never grows a cluster beyond the size limit', () => {
    const { clusters, refused } = clusterLinks(everyone, tight, ids, scorePair, { ...options, maxClusterSize: 2 });
    expect(Math.max(...clusters.map((c) => c.length))).toBe(2);
    expect(refused.length).toBeGreaterThan(0);
  });
});
