import { describe, expect, it } from 'vitest';
import { ClusterList } from '../../src/pipeline/cluster-list';
import { StrongestLinks } from '../../src/pipeline/golden-customers';
import { assignStableIds } from '../../src/pipeline/stable-ids';
import { seededRandom } from '../../src/resolve/random';
import type { ScoredPair } from '../../src/resolve';

function link(left: number, right: number, score: number, rule?: string): ScoredPair {
  const pair: ScoredPair = { left: String(left), right: String(right), score, probability: 0.99, decision: 'link', levels: [] };
  if (rule !== undefined) pair.rule = rule;
  return pair;
}

describe('cluster list', () => {
  const clusters = [['3', '1'], ['20'], [], ['7', '8', '9']];
  const list = ClusterList.of(clusters);

  it('gives back each cluster as record ids ascending, clusters in order of their smallest record', () => {
    expect(list.length).toBe(4);
    expect(Array.from({ length: list.length }, (_, i) => list.at(i))).toEqual([[1, 3], [7, 8, 9], [20], []]);
    expect(list.at(4)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
  });

  it('finds the cluster of the records asked about', () => {
    expect([...list.clustersOf(new Set([9, 1, 20, 42]))].sort((a, b) => a[0] - b[0])).toEqual([[1, 0], [9, 1], [20, 2]]);
    expect(list.clustersOf(new Set()).size).toBe(0);
  });

  it('assigns the same customer ids as the clusters as arrays', () => {
    const previous = new Map([[1, 'B'], [3, 'A'], [8, 'A'], [20, 'C']]);
    const counter = () => {
      let n = 0;
      return () => `new${++n}`;
    };
    const asArrays = [[1, 3], [7, 8, 9], [20], []];
    expect(assignStableIds(list, previous, counter())).toEqual(assignStableIds(asArrays, previous, counter()));
  });
});

describe('strongest links', () => {
  it('keeps, per record, the first of its highest-scoring links', () => {
    const links = [link(1, 2, 5), link(2, 3, 9, 'sameEmail'), link(1, 4, 5, 'samePhoneSimilarName'), link(5, 6, Number.NEGATIVE_INFINITY)];
    const strongest = StrongestLinks.of(links);
    expect(strongest.get(1)).toEqual({ rule: 'fellegi_sunter', score: 5 });
    expect(strongest.get(2)).toEqual({ rule: 'sameEmail', score: 9 });
    expect(strongest.get(3)).toEqual({ rule: 'sameEmail', score: 9 });
    expect(strongest.get(4)).toEqual({ rule: 'samePhoneSimilarName', score: 5 });
    expect(strongest.get(6)).toEqual({ rule: 'fellegi_sunter', score: Number.NEGATIVE_INFINITY });
    expect(strongest.get(7)).toBeUndefined();
  });

  it('agrees with a map of every record built link by link', () => {
    const random = seededRandom(3);
    const rules = [undefined, 'sameEmail', 'stewardMerge'];
    const links = Array.from({ length: 5000 }, () =>
      link(Math.floor(random() * 3000), Math.floor(random() * 3000), Math.round(random() * 20), rules[Math.floor(random() * 3)]),
    );
    const expected = new Map<number, { rule: string; score: number }>();
    for (const pair of links) {
      for (const id of [Number(pair.left), Number(pair.right)]) {
        const current = expected.get(id);
        if (!current || pair.score > current.score) expected.set(id, { rule: pair.rule ?? 'fellegi_sunter', score: pair.score });
      }
    }
    const strongest = StrongestLinks.of(links);
    for (let id = 0; id < 3000; id++) expect(strongest.get(id)).toEqual(expected.get(id));
  });
});
