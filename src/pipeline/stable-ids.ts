/**
 * Golden ids are stable: a cluster keeps the oldest id any of its records already had; the
 * other ids it absorbed retire into it (`merged_into`); a cluster with no previous id gets a new
 * one. Ids are never reused, so an unmerge always yields a fresh id.
 */
export interface IdAssignment {
  /** Customer id per cluster, in the order of the input clusters. */
  clusterIds: string[];
  /** Retired id → surviving id, for ids whose records all moved into another customer. */
  retired: Map<string, string>;
  /** Ids that no longer hold any record and were not absorbed (their records vanished). */
  orphaned: string[];
}

/** Record ids by cluster: an array of arrays is one (see ClusterList for a compact one). */
export interface ClusterMembers {
  readonly length: number;
  at(index: number): readonly number[] | undefined;
}

export function assignStableIds(
  clusters: ClusterMembers,
  currentCustomerOf: ReadonlyMap<number, string>,
  newId: () => string,
): IdAssignment {
  // Ids sort by creation time (ULID), so the smallest is the oldest. A cluster of records with no
  // customer yet (all of them, on a first run) gets no array of candidates.
  const count = clusters.length;
  const sizes = new Int32Array(count);
  const candidates: (string[] | undefined)[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const records = clusters.at(index) ?? [];
    sizes[index] = records.length;
    let ids: Set<string> | undefined;
    for (const recordId of records) {
      const id = currentCustomerOf.get(recordId);
      if (id !== undefined) (ids ??= new Set()).add(id);
    }
    candidates[index] = ids && [...ids].sort();
  }

  // Larger clusters choose first, so a split leaves the original id with the bigger part.
  const order = Array.from({ length: count }, (_, index) => index).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const taken = new Set<string>();
  const clusterIds: string[] = new Array(count);
  for (const index of order) {
    const own = (candidates[index] ?? []).find((id) => !taken.has(id));
    if (own === undefined) continue;
    taken.add(own);
    clusterIds[index] = own;
  }
  // New ids in cluster order: they ascend (ULIDs), so the customers are written in key order.
  for (let index = 0; index < count; index++) {
    if (clusterIds[index] !== undefined) continue;
    const id = newId();
    taken.add(id);
    clusterIds[index] = id;
  }

  const retired = new Map<string, string>();
  candidates.forEach((ids, index) => {
    for (const id of ids ?? []) {
      if (!taken.has(id) && !retired.has(id)) retired.set(id, clusterIds[index] as string);
    }
  });
  const orphaned = [...new Set(currentCustomerOf.values())].filter((id) => !taken.has(id) && !retired.has(id));
  return { clusterIds, retired, orphaned };
}

/**
 * A copy of a string as one flat string. The ulid library builds an id from two joined parts,
 * which V8 keeps as a pair (108 bytes with its parts); a full run holds 600,000 new ids while it
 * writes their customers, and flat they take 56.
 */
export function flatCopy(value: string): string {
  const codes = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) codes[i] = value.charCodeAt(i);
  return String.fromCharCode(...codes);
}
