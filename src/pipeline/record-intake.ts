import type { SourceConfig } from '../config/sources';
import type { FxRateProvider } from '../normalize';
import type { ExtractedItem } from '../connectors/types';
import type { QuarantineEntry } from '../store/quarantine-repository';
import type { LoadRecord, StoredState } from '../store/source-record-repository';
import { NO_SUPPRESSION, suppressedEntry, type SuppressionCheck } from '../access/suppression';
import { RunKeys } from './run-keys';
import { normalizedPartOf, rawPartOf, RecordPreparer, type RawRecord } from './prepare-record';

export type IntakeOutcome =
  | { kind: 'load'; record: LoadRecord }
  | { kind: 'quarantine'; entry: QuarantineEntry }
  | { kind: 'duplicate' }
  /** Stored already with the same raw values under the same settings: nothing to normalize or write. */
  | { kind: 'unchanged' };

/**
 * 28 bits of the normalized half of a content hash: enough to tell two versions of one key apart
 * (it is only compared when a key repeats within a run), and small enough to be stored inline as a
 * small integer instead of a heap number per key, which matters at millions of keys.
 */
function fingerprintOf(contentHash: string): number {
  return Number.parseInt(normalizedPartOf(contentHash).slice(0, 7), 16);
}

/**
 * Turns each extracted item into what the loader does with it: load it, quarantine it with a
 * reason, or count it as an exact duplicate of an earlier row of the same run. It remembers which
 * keys the run has seen (a compact hash of each record's content), which also tells a snapshot
 * source which stored records vanished upstream.
 */
export class RecordIntake {
  private readonly seen = new RunKeys();
  private readonly preparer: RecordPreparer;

  constructor(
    private readonly source: SourceConfig,
    private readonly syncRunId: number,
    fx?: FxRateProvider,
    /** Erased people, kept out: the check current for the run (see access/suppression's SuppressionGate). */
    private readonly suppression: { readonly check: SuppressionCheck } = { check: NO_SUPPRESSION },
  ) {
    this.preparer = new RecordPreparer(source, fx);
  }

  /** Every key this run has seen (quarantined rows' keys included). */
  get keys(): RunKeys {
    return this.seen;
  }

  /**
   * True when stored records can be recognised as unchanged from their raw values alone (see
   * readRaw and take), so a sync may look up their stored states before taking them.
   */
  get reusesStored(): boolean {
    return this.preparer.normalizesFromRawAlone && this.suppression.check === NO_SUPPRESSION;
  }

  /** A record's key and raw hash, to look up its stored state before taking it; null when it has no key or is malformed. */
  readRaw(item: ExtractedItem): RawRecord | null {
    return item.kind === 'record' ? this.preparer.readRaw(item) : null;
  }

  /** Marks a key as present even though its row was quarantined: a bad row is not a deletion. */
  private remember(externalId: string | null): void {
    if (externalId && !this.seen.has(externalId)) this.seen.set(externalId, -1);
  }

  /**
   * What to do with one item. With the item's readRaw result and its stored state, a record stored
   * active with the same raw hash is `unchanged` without being normalized again.
   */
  take(item: ExtractedItem, raw?: RawRecord | null, stored?: StoredState): IntakeOutcome {
    const { source, syncRunId } = this;
    if (item.kind === 'malformed') {
      return {
        kind: 'quarantine',
        entry: { source: source.name, syncRunId, location: item.location, reasonCode: 'MALFORMED_ROW', message: `${item.location}: ${item.reason}`, raw: item.raw },
      };
    }
    if (raw && stored && stored.status === 'active' && rawPartOf(stored.hash) === raw.rawHash && this.reusesStored) {
      return this.admit(raw.externalId, fingerprintOf(stored.hash), item, { kind: 'unchanged' });
    }
    const prepared = this.preparer.prepare(item, raw === undefined ? this.preparer.readRaw(item) : raw);
    if (!prepared.ok) {
      this.remember(prepared.externalId);
      if (this.suppression.check.matchesRejected(source.name, prepared.externalId, item.values)) return { kind: 'quarantine', entry: suppressedEntry(source.name, syncRunId, item.location) };
      const { field, code, message } = prepared.rejection;
      return this.rejected(item, prepared.externalId, field, code, `${item.location}, column "${field}": ${message}`);
    }
    const { record } = prepared;
    if (this.suppression.check.matches(source.name, record)) {
      this.remember(record.externalId);
      return { kind: 'quarantine', entry: suppressedEntry(source.name, syncRunId, item.location) };
    }
    return this.admit(record.externalId, fingerprintOf(record.contentHash), item, { kind: 'load', record });
  }

  /**
   * The outcome of a record unless its key came earlier in this run: the same normalized content
   * again is an exact duplicate, collapsed; different content under one key is quarantined.
   */
  private admit(externalId: string, fingerprint: number, item: ExtractedItem & { kind: 'record' }, outcome: IntakeOutcome): IntakeOutcome {
    const previous = this.seen.get(externalId);
    if (previous === fingerprint) return { kind: 'duplicate' };
    if (previous !== undefined) {
      return this.rejected(item, externalId, this.source.primaryKey, 'DUPLICATE_KEY', `${item.location}: "${externalId}" appears earlier in this run with different content`);
    }
    this.seen.set(externalId, fingerprint);
    return outcome;
  }

  /** A record quarantined for one of its fields, its values kept as the raw text. */
  private rejected(item: ExtractedItem & { kind: 'record' }, externalId: string | null, field: string, reasonCode: string, message: string): IntakeOutcome {
    const { source, syncRunId } = this;
    return { kind: 'quarantine', entry: { source: source.name, syncRunId, location: item.location, externalId, field, reasonCode, message, raw: JSON.stringify(item.values) } };
  }
}
