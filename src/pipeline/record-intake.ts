import type { SourceConfig } from '../config/sources';
import type { FxRateProvider } from '../normalize';
import type { ExtractedItem } from '../connectors/types';
import type { QuarantineEntry } from '../store/quarantine-repository';
import type { LoadRecord } from '../store/source-record-repository';
import { NO_SUPPRESSION, suppressedEntry, type SuppressionCheck } from '../access/suppression';
import { RecordPreparer } from './prepare-record';

export type IntakeOutcome =
  | { kind: 'load'; record: LoadRecord }
  | { kind: 'quarantine'; entry: QuarantineEntry }
  | { kind: 'duplicate' };

/**
 * Turns each extracted item into what the loader does with it: load it, quarantine it with a
 * reason, or count it as an exact duplicate of an earlier row of the same run. It remembers which
 * keys the run has seen (a compact hash of each record's content), which also tells a snapshot
 * source which stored records vanished upstream.
 */
export class RecordIntake {
  private readonly seen = new Map<string, number>();
  private readonly preparer: RecordPreparer;

  constructor(
    private readonly source: SourceConfig,
    private readonly syncRunId: number,
    fx?: FxRateProvider,
    /** Erased people, kept out (see access/suppression). */
    private readonly suppression: SuppressionCheck = NO_SUPPRESSION,
  ) {
    this.preparer = new RecordPreparer(source, fx);
  }

  has(externalId: string): boolean {
    return this.seen.has(externalId);
  }

  /** Marks a key as present even though its row was quarantined: a bad row is not a deletion. */
  private remember(externalId: string | null): void {
    if (externalId && !this.seen.has(externalId)) this.seen.set(externalId, -1);
  }

  take(item: ExtractedItem): IntakeOutcome {
    const { source, syncRunId } = this;
    if (item.kind === 'malformed') {
      return {
        kind: 'quarantine',
        entry: { source: source.name, syncRunId, location: item.location, reasonCode: 'MALFORMED_ROW', message: `${item.location}: ${item.reason}`, raw: item.raw },
      };
    }
    const prepared = this.preparer.prepare(item);
    if (!prepared.ok) {
      this.remember(prepared.externalId);
      if (this.suppression.matchesRejected(source.name, prepared.externalId, item.values)) return { kind: 'quarantine', entry: suppressedEntry(source.name, syncRunId, item.location) };
      return {
        kind: 'quarantine',
        entry: {
          source: source.name,
          syncRunId,
          location: item.location,
          externalId: prepared.externalId,
          field: prepared.rejection.field,
          reasonCode: prepared.rejection.code,
          message: `${item.location}, column "${prepared.rejection.field}": ${prepared.rejection.message}`,
          raw: JSON.stringify(item.values),
        },
      };
    }
    const { record } = prepared;
    if (this.suppression.matches(source.name, record)) {
      this.remember(record.externalId);
      return { kind: 'quarantine', entry: suppressedEntry(source.name, syncRunId, item.location) };
    }
    // 48 bits of the sha256 are plenty to tell two versions of one key apart, at a fraction of the memory.
    const fingerprint = Number.parseInt(record.contentHash.slice(0, 12), 16);
    const previous = this.seen.get(record.externalId);
    if (previous === fingerprint) return { kind: 'duplicate' };
    if (previous !== undefined) {
      return {
        kind: 'quarantine',
        entry: {
          source: source.name,
          syncRunId,
          location: item.location,
          externalId: record.externalId,
          field: source.primaryKey,
          reasonCode: 'DUPLICATE_KEY',
          message: `${item.location}: "${record.externalId}" appears earlier in this run with different content`,
          raw: JSON.stringify(item.values),
        },
      };
    }
    this.seen.set(record.externalId, fingerprint);
    return { kind: 'load', record };
  }
}
