/**
 * Clusters of record ids, flat: the ids one cluster after another, and where each cluster starts.
 * A full run's 600,000 clusters, as arrays of id strings (with a copy as arrays of numbers), cost
 * about 120 bytes a record while every customer was written; here 8 bytes a record and 4 a cluster.
 */
export class ClusterList {
  private constructor(
    private readonly recordIds: Float64Array,
    private readonly starts: Int32Array,
  ) {}

  /**
   * From the resolver's clusters (record ids as strings), in order of their smallest record id,
   * each one's records ascending. Written in this order, a full run's rows reach the tables' keys
   * in ascending runs (links by record id; with new ids handed out in this order, customers,
   * terms and lineage by customer id) instead of at random places of indexes larger than the
   * database's buffer pool.
   */
  static of(clusters: readonly (readonly string[])[]): ClusterList {
    const smallest = new Float64Array(clusters.length);
    let total = 0;
    clusters.forEach((cluster, index) => {
      let min = Infinity;
      for (const id of cluster) min = Math.min(min, Number(id));
      smallest[index] = min;
      total += cluster.length;
    });
    const order = Int32Array.from({ length: clusters.length }, (_, index) => index).sort((a, b) => (smallest[a] as number) - (smallest[b] as number));
    const recordIds = new Float64Array(total);
    const starts = new Int32Array(clusters.length + 1);
    let at = 0;
    order.forEach((index, position) => {
      const from = at;
      for (const id of clusters[index] as readonly string[]) recordIds[at++] = Number(id);
      recordIds.subarray(from, at).sort();
      starts[position + 1] = at;
    });
    return new ClusterList(recordIds, starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** The record ids of a cluster, as a new array; undefined past the end. */
  at(index: number): number[] | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return Array.from(this.recordIds.subarray(this.starts[index], this.starts[index + 1]));
  }

  /** The cluster of each of some records (records in no cluster are left out). */
  clustersOf(recordIds: ReadonlySet<number>): Map<number, number> {
    const found = new Map<number, number>();
    if (recordIds.size === 0) return found;
    for (let index = 0; index < this.length; index++) {
      for (let at = this.starts[index] as number; at < (this.starts[index + 1] as number); at++) {
        const recordId = this.recordIds[at] as number;
        if (recordIds.has(recordId)) found.set(recordId, index);
      }
    }
    return found;
  }
}
