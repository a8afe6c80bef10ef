import { SourceConfigSchema, type SourceConfig } from '../../src/config/sources';
import { createConnector } from '../../src/connectors/create-connector';
import type { ExtractedItem, ExtractState } from '../../src/connectors/types';
import { AppError } from '../../src/errors';

/** A source config with every default filled in, as the config loader would produce it. */
export function sourceConfig(input: Record<string, unknown>): SourceConfig {
  return SourceConfigSchema.parse({ name: 'crm', primaryKey: 'id', mapping: { email: 'email' }, ...input });
}

/** Every item the source's connector yields. */
export async function extractAll(source: SourceConfig, state?: ExtractState): Promise<ExtractedItem[]> {
  const items: ExtractedItem[] = [];
  for await (const item of createConnector(source).extract(state)) items.push(item);
  return items;
}

/** The error an extraction fails with, with the items it yielded before failing. */
export async function extractFailure(source: SourceConfig, state?: ExtractState): Promise<{ error: AppError; items: ExtractedItem[] }> {
  const items: ExtractedItem[] = [];
  try {
    for await (const item of createConnector(source).extract(state)) items.push(item);
  } catch (error) {
    if (error instanceof AppError) return { error, items };
    throw error;
  }
  throw new Error(`extraction succeeded with ${items.length} items; expected it to fail`);
}

export function recordValues(items: ExtractedItem[]): Record<string, unknown>[] {
  return items.flatMap((item) => (item.kind === 'record' ? [item.values] : []));
}
