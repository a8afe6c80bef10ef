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

export function assignStableIds(
  clusters: ReadonlyArray<ReadonlyArray<number>>,
  currentCustomerOf: ReadonlyMap<number, string>,
  newId: () => string,
): IdAssignment {
  // Ids sort by creation time (ULID), so the smallest is the oldest.
  const candidates = clusters.map((records) => {
    const ids = new Set<string>();
    for (const recordId of records) {
      const id = currentCustomerOf.get(recordId);
      if (id !== undefined) ids.add(id);
    }
    return [...ids].sort();
  });

  // Larger clusters choose first, so a split leaves the original id with the bigger part.
  const order = clusters.map((_, index) => index).sort((a, b) => (clusters[b]?.length ?? 0) - (clusters[a]?.length ?? 0) || a - b);
  const taken = new Set<string>();
  const clusterIds: string[] = new Array(clusters.length);
  for (const index of order) {
    const own = (candidates[index] ?? []).find((id) => !taken.has(id));
    const id = own ?? newId();
    taken.add(id);
    clusterIds[index] = id;
  }

  const retired = new Map<string, string>();
  candidates.forEach((ids, index) => {
    for (const id of ids) {
      if (!taken.has(id) && !retired.has(id)) retired.set(id, clusterIds[index] as string);
    }
  });
  const orphaned = [...new Set(currentCustomerOf.values())].filter((id) => !taken.has(id) && !retired.has(id));
  return { clusterIds, retired, orphaned };
}
