import type { ProjectConfig } from '../config/sources';
import type { Database } from '../store/database';
import { parseJsonColumn } from '../store/dialect';
import { fieldProtection } from '../store/field-protection';
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
  const knex = db.knex;
  const sourceRows = await knex('sources').select('name').orderBy('name');
  const names = sourceRows.map((row: { name: string }) => row.name).filter((name: string) => (!only || name === only) && sourceInScope(scope, name));
  const report: SourceQuality[] = [];
  for (const source of names) {
    const mapping = config?.sources.find((s) => s.name === source)?.mapping ?? {};
    const present = new Map<string, number>();
    const corrections = new Map<string, number>();
    const correctionsByField = new Map<string, number>();
    let active = 0;
    let afterId = 0;
    const { cipher } = fieldProtection();
    for (;;) {
      const rows = await knex('source_records')
        .select('id', 'normalized', 'corrections')
        .where({ source, status: 'active' })
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(5000);
      if (rows.length === 0) break;
      for (const row of rows) {
        active += 1;
        for (const [field, value] of Object.entries(parseJsonColumn<Record<string, unknown>>(cipher.open(row.normalized as string), {}))) {
          if (isPresent(value)) present.set(canonicalOf(field), (present.get(canonicalOf(field)) ?? 0) + 1);
        }
        for (const fix of parseJsonColumn<{ field?: string; reason: string }[]>(cipher.open(row.corrections as string | null), [])) {
          corrections.set(fix.reason, (corrections.get(fix.reason) ?? 0) + 1);
          const field = fix.field ? (mapping[fix.field] ?? fix.field) : 'record';
          correctionsByField.set(field, (correctionsByField.get(field) ?? 0) + 1);
        }
      }
      afterId = Number(rows[rows.length - 1].id);
    }
    const quarantined = await knex('quarantine').select('reason_code', 'field').count({ n: '*' }).where({ source }).whereNull('resolved_at').groupBy('reason_code', 'field');
    const byReason = new Map<string, number>();
    const invalidByField = new Map<string, number>();
    for (const row of quarantined as { reason_code: string; field: string | null; n: number | string }[]) {
      byReason.set(row.reason_code, (byReason.get(row.reason_code) ?? 0) + Number(row.n));
      if (row.field) {
        const field = mapping[row.field] ?? row.field;
        invalidByField.set(field, (invalidByField.get(field) ?? 0) + Number(row.n));
      }
    }
    const lastRun = await knex('sync_runs').select('duplicate_count').where({ source, status: 'succeeded', dry_run: false }).orderBy('id', 'desc').first();
    const fieldNames = [...new Set([...Object.values(mapping), ...present.keys(), ...invalidByField.keys()])].sort();
    report.push({
      source,
      activeRecords: active,
      duplicatesRemoved: Number(lastRun?.duplicate_count ?? 0),
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
