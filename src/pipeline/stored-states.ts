import type { KeyedStoredState, SourceRecordRepository, StoredState } from '../store/source-record-repository';
import { RunKeys } from './run-keys';
import { PackedHashes, resizedColumn } from './packed-columns';

/** Where a sync run finds the stored states of the records it reads, a batch at a time. */
export interface StoredStateLookup {
  /** The stored state of each of these keys that is stored; a key absent from the answer is new. */
  statesOf(externalIds: readonly string[]): Promise<Map<string, StoredState>>;
  /** Ids of the records stored active whose keys `present` does not hold: what a complete read no longer contains. */
  activeIdsNotIn(present: RunKeys): Promise<number[]>;
}

/** A look-up per batch: for runs that read part of a source (incremental ones) or sources too large to hold. */
export function perBatchLookup(repository: SourceRecordRepository, source: string): StoredStateLookup {
  return {
    statesOf: (externalIds) => repository.storedStates(source, externalIds),
    activeIdsNotIn: (present) => repository.activeIdsMissingFrom(source, (externalId) => present.has(externalId)),
  };
}

const ACTIVE = 0;
const DELETED = 1;

/**
 * The stored states of a whole source, read in one pass over its index before a run that reads
 * the whole source again (a snapshot), and held in typed arrays (65 to 130 bytes a key, as the
 * arrays double): a re-read of a million unchanged rows then costs no query per batch, and the
 * deletion pass needs no second walk of the index. Keys are identified as RunKeys identifies them (64-bit hashes).
 */
export class StoredStateTable implements StoredStateLookup {
  private readonly entries = new RunKeys();
  private ids = new Float64Array(1024);
  private readonly hashes = new PackedHashes(1024);
  private statuses = new Uint8Array(1024);
  private count = 0;
  /** States the arrays cannot hold (an unknown status), kept as they are. */
  private readonly odd = new Map<string, StoredState>();

  /** Reads every stored state of a source; undefined when it holds more than `maxEntries` records. */
  static async read(repository: SourceRecordRepository, source: string, maxEntries: number, pageSize?: number): Promise<StoredStateTable | undefined> {
    const table = new StoredStateTable();
    for await (const page of repository.scanStates(source, pageSize)) {
      for (const state of page) table.add(state);
      if (table.count + table.odd.size > maxEntries) return undefined;
    }
    return table;
  }

  get size(): number {
    return this.count + this.odd.size;
  }

  async statesOf(externalIds: readonly string[]): Promise<Map<string, StoredState>> {
    const found = new Map<string, StoredState>();
    for (const externalId of externalIds) {
      const state = this.get(externalId);
      if (state) found.set(externalId, state);
    }
    return found;
  }

  get(externalId: string): StoredState | undefined {
    const entry = this.entries.get(externalId);
    if (entry === undefined) return this.odd.get(externalId);
    return { id: this.ids[entry] as number, hash: this.hashes.get(entry), status: this.statuses[entry] === ACTIVE ? 'active' : 'deleted' };
  }

  async activeIdsNotIn(present: RunKeys): Promise<number[]> {
    const ids: number[] = [];
    for (const entry of this.entries.valuesOfKeysNotIn(present)) if (this.statuses[entry] === ACTIVE) ids.push(this.ids[entry] as number);
    for (const [externalId, state] of this.odd) if (state.status === 'active' && !present.has(externalId)) ids.push(state.id);
    return ids;
  }

  private add(state: KeyedStoredState): void {
    const status = state.status === 'active' ? ACTIVE : state.status === 'deleted' ? DELETED : -1;
    if (status === -1) {
      this.odd.set(state.externalId, { id: state.id, hash: state.hash, status: state.status });
      return;
    }
    if (this.count === this.ids.length) this.grow();
    const entry = this.count;
    this.count += 1;
    this.ids[entry] = state.id;
    this.statuses[entry] = status;
    this.hashes.set(entry, state.hash);
    this.entries.set(state.externalId, entry);
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    this.ids = resizedColumn(this.ids, capacity, this.count);
    this.hashes.resize(capacity, this.count);
    this.statuses = resizedColumn(this.statuses, capacity, this.count);
  }
}
