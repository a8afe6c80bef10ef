import type { Knex } from 'knex';
import { suppressedEntry, type SuppressionCheck, type SuppressionGate } from '../access/suppression';
import type { QuarantineEntry } from '../store/quarantine-repository';
import type { LoadRecord } from '../store/source-record-repository';

/** What one load transaction writes: records (each with its location at the same position) and rejected rows. */
export interface IntakeBatch {
  records: LoadRecord[];
  locations: string[];
  rejects: QuarantineEntry[];
}

/** The field values a quarantined row kept as its raw text, when they were a record's (a malformed row's text is not). */
export function quarantinedValues(raw: string | null): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A batch checked again: what it now writes, and each record or rejected row now suppressed with its new entry. */
export interface RecheckedBatch extends IntakeBatch {
  suppressed: Map<LoadRecord | QuarantineEntry, QuarantineEntry>;
}

/**
 * A batch taken under an older suppression check, as a newer one (an erasure committed meanwhile)
 * has it: its records and rejected rows that belong to the erased person become SUPPRESSED
 * entries, without their text, exactly as if the check had been current when they were taken.
 */
export function suppressAgain(check: SuppressionCheck, source: string, syncRunId: number, batch: IntakeBatch): RecheckedBatch {
  const again: RecheckedBatch = { records: [], locations: [], rejects: [], suppressed: new Map() };
  batch.records.forEach((record, i) => {
    const location = batch.locations[i] as string;
    if (check.matches(source, record)) {
      const entry = suppressedEntry(source, syncRunId, location);
      again.suppressed.set(record, entry);
      again.rejects.push(entry);
    } else {
      again.records.push(record);
      again.locations.push(location);
    }
  });
  for (const entry of batch.rejects) {
    const values = entry.reasonCode === 'SUPPRESSED' ? undefined : quarantinedValues(entry.raw);
    if (values !== undefined && check.matchesRejected(source, entry.externalId ?? null, values)) {
      const replacement = suppressedEntry(source, syncRunId, entry.location);
      again.suppressed.set(entry, replacement);
      again.rejects.push(replacement);
    } else {
      again.rejects.push(entry);
    }
  }
  return again;
}

/**
 * The batch as a load transaction writes it, called first in that transaction: as taken, or
 * checked again (suppressAgain) when an erasure committed since `checkedAt`, the erasure count its
 * records were checked at (by default the gate's current one; see SuppressionGate.recheck).
 */
export async function recheckedBatch(trx: Knex, gate: SuppressionGate, source: string, syncRunId: number, batch: IntakeBatch, checkedAt = gate.epoch): Promise<RecheckedBatch> {
  const newer = await gate.recheck(trx, checkedAt);
  return newer ? suppressAgain(newer, source, syncRunId, batch) : { ...batch, suppressed: new Map() };
}
