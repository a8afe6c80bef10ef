import { GrowableInt32 } from './columns';

/**
 * Which cluster each record (by index) is in, and the members of each cluster. An increment
 * replaces the clusters it re-resolved with new ones; the slots of replaced clusters are dropped
 * now and then, so that a long series of increments does not grow memory.
 */
export class ClusterState {
  /** Cluster number + 1 per record (0: not clustered yet). */
  private clusterOf = new GrowableInt32();
  /** Members per cluster number; undefined once a cluster has been replaced. */
  private members: (number[] | undefined)[] = [];
  private replacedCount = 0;

  /** The cluster of a record, or -1 when it is in none yet. */
  of(record: number): number {
    return record < this.clusterOf.values.length ? this.clusterOf.get(record) - 1 : -1;
  }

  membersOf(cluster: number): readonly number[] {
    return this.members[cluster] ?? [];
  }

  /** Adds clusters; `records` is how many records there are, to size the look-up once. */
  add(clusters: Iterable<number[]>, records: number): void {
    this.clusterOf.reserve(records);
    for (const members of clusters) {
      const cluster = this.members.length;
      this.members.push(members);
      for (const record of members) this.clusterOf.set(record, cluster + 1);
    }
  }

  /** Drops clusters an increment replaced (their records get new ones through `add`). */
  drop(clusters: Iterable<number>, records: number): void {
    for (const cluster of clusters) {
      this.members[cluster] = undefined;
      this.replacedCount++;
    }
    if (this.replacedCount > 1024 && this.replacedCount * 2 > this.members.length) this.renumber(records);
  }

  /** Every live cluster's members. */
  live(): number[][] {
    return this.members.filter((members): members is number[] => members !== undefined);
  }

  private renumber(records: number): void {
    const live = this.live();
    this.members = [];
    this.clusterOf = new GrowableInt32();
    this.replacedCount = 0;
    this.add(live, records);
  }
}
