/** One row as the source gave it, with where it came from. */
export interface ExtractedRecord {
  kind: 'record';
  /** `file.csv:12`, `page 3 #4`, `id=42`: shown to users in errors and quarantine. */
  location: string;
  values: Record<string, unknown>;
  /**
   * For incremental sources: this record's position in the source's watermark order (e.g. its
   * `updated_at`). The pipeline stores the highest one once the batch holding it is committed.
   */
  watermark?: string;
}

/** A row the connector could read but not parse; it is quarantined, never dropped. */
export interface MalformedRow {
  kind: 'malformed';
  location: string;
  reason: string;
  raw: string;
}

export type ExtractedItem = ExtractedRecord | MalformedRow;

/** What the pipeline tells a connector before it reads. */
export interface ExtractState {
  /** The highest watermark committed by earlier runs, or null for a full read. */
  watermark: string | null;
}

/** A source of raw records. Fatal problems (missing file, missing column) throw a SourceError. */
export interface Connector {
  extract(state?: ExtractState): AsyncIterable<ExtractedItem>;
  /** The same items in groups, for connectors that read many rows at once (saves a hop per row). */
  extractBatches?(state?: ExtractState): AsyncIterable<ExtractedItem[]>;
}

/** A connector's items in groups: its own batches when it has them, otherwise one item at a time. */
export async function* extractInBatches(connector: Connector, state?: ExtractState): AsyncIterable<ExtractedItem[]> {
  if (connector.extractBatches) {
    yield* connector.extractBatches(state);
    return;
  }
  for await (const item of connector.extract(state)) yield [item];
}

/** Reads `a.b.c` out of a nested object; a flat key containing dots wins over nesting. */
export function readPath(values: Record<string, unknown>, fieldPath: string): unknown {
  if (fieldPath in values) return values[fieldPath];
  let current: unknown = values;
  for (const part of fieldPath.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
