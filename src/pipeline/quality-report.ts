import type { ProjectConfig } from '../config/sources';
import type { Database } from '../store/database';
import { createRepositories } from '../store/repositories';
import { sourceInScope, type RowScope } from '../store/row-scope';

export interface FieldQuality {
  field: string;
  /** Active records holding a value for the field. */
  present: number;
  /** present / active records. */
  completeness: number;
  /** Open quarantine entries blamed on this field. */
  invalid: number;
  /** present / (present + invalid): how many of the values offered were usable. */
  validity: number;
  corrections: number;
}

export interface SourceQuality {
  source: string;
  activeRecords: number;
  /** Exact duplicates collapsed by the source's latest completed run. */
  duplicatesRemoved: number;
  quarantinedByReason: { reasonCode: string; count: number }[];
  correctionsByReason: { reason: string; count: number }[];
  fields: FieldQuality[];
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

function isPresent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== '';
}

function increment(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** `emails` is stored for the canonical `email`, `phones` for `phone`. */
function canonicalOf(storedField: string): string {
  if (storedField === 'emails') return 'email';
  if (storedField === 'phones') return 'phone';
  return storedField;
}

/**
 * Per source and field: completeness, validity, corrections by reason, quarantined rows by
 * reason and duplicates removed, all counted from what is stored, so the report matches what
 * was loaded. With the config, quarantine entries (which name source columns) are attributed to
 * canonical fields. With a row scope, only the sources in it (see sourceInScope).
 */
export async function buildQualityReport(db: Database, config?: ProjectConfig, only?: string, scope?: RowScope): Promise<SourceQuality[]> {
  const repos = createRepositories(db.knex);
  const names = (await repos.sources.list()).map((row) => row.name).filter((name) => (!only || name === only) && sourceInScope(scope, name));
  const report: SourceQuality[] = [];
  for (const source of names) {
    const mapping = config?.sources.find((s) => s.name === source)?.mapping ?? {};
    const present = new Map<string, number>();
    const corrections = new Map<string, number>();
    const correctionsByField = new Map<string, number>();
    let active = 0;
    for await (const record of repos.recordPayloads.activePayloads(source)) {
      active += 1;
      for (const [field, value] of Object.entries(record.normalized)) {
        if (isPresent(value)) increment(present, canonicalOf(field));
      }
      for (const fix of record.corrections) {
        increment(corrections, fix.reason);
        increment(correctionsByField, fix.field ? (mapping[fix.field] ?? fix.field) : 'record');
      }
    }
    const byReason = new Map<string, number>();
    const invalidByField = new Map<string, number>();
    for (const entry of await repos.quarantine.openCountsByReasonAndField(source)) {
      increment(byReason, entry.reasonCode, entry.count);
      if (entry.field) increment(invalidByField, mapping[entry.field] ?? entry.field, entry.count);
    }
    const fieldNames = [...new Set([...Object.values(mapping), ...present.keys(), ...invalidByField.keys()])].sort();
    report.push({
      source,
      activeRecords: active,
      duplicatesRemoved: await repos.syncRuns.duplicatesRemovedByLatestRun(source),
      quarantinedByReason: [...byReason].map(([reasonCode, count]) => ({ reasonCode, count })).sort((a, b) => b.count - a.count),
      correctionsByReason: [...corrections].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      fields: fieldNames.map((field) => {
        const has = present.get(field) ?? 0;
        const invalid = invalidByField.get(field) ?? 0;
        return { field, present: has, completeness: ratio(has, active), invalid, validity: ratio(has, has + invalid), corrections: correctionsByField.get(field) ?? 0 };
      }),
    });
  }
  return report;
}
