import { z } from 'zod';
import { CANONICAL_FIELDS } from './canonical-fields';
import { MatchingConfigSchema } from './matching';

const canonicalField = z.enum(CANONICAL_FIELDS, {
  errorMap: (_issue, ctx) => ({
    message: `unknown canonical field ${JSON.stringify(ctx.data)} (known: ${CANONICAL_FIELDS.join(', ')})`,
  }),
});

/** Per-source hints that normalization uses where a value does not say it itself. */
const NormalizeDefaults = z
  .object({
    /** ISO 3166-1 alpha-2: default country of addresses and region of phone numbers. */
    country: z.string().length(2).optional(),
    /** Region for phone numbers without a country code, when it differs from `country`. */
    phoneRegion: z.string().length(2).optional(),
    /** ISO 4217 currency of amounts written without one. */
    currency: z.string().length(3).optional(),
    /** luxon formats tried, in order, after ISO 8601. */
    dateFormats: z.array(z.string().min(1)).default(['yyyy-MM-dd']),
    /** How an ambiguous `01/02/2023` reads; unset rejects ambiguous values instead of guessing. */
    dayFirst: z.boolean().optional(),
    /** IANA zone of date-times written without an offset. */
    timezone: z.string().default('UTC'),
    /** Decimal separator of amounts, when the source is known to use one. */
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** What an invalid value does: quarantine the record (default) or drop the value with a correction. */
    onInvalid: z.enum(['quarantine', 'drop']).default('quarantine'),
    /** Per-field override of onInvalid. */
    onInvalidField: z.record(canonicalField, z.enum(['quarantine', 'drop'])).default({}),
  })
  .strict()
  .default({});

const SourceBase = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'must be lowercase letters, digits, "-" or "_"'),
  /** Source field holding the record's stable id within the source. */
  primaryKey: z.string().min(1),
  /** Source field (dotted paths allowed) → canonical field. */
  mapping: z.record(z.string().min(1), canonicalField).refine((m) => Object.keys(m).length > 0, 'needs at least one field'),
  /** Canonical fields that must be present, else the record is quarantined. */
  required: z.array(canonicalField).default([]),
  /** Higher wins in survivorship. */
  trust: z.number().int().min(0).max(100).default(1),
  /**
   * Per canonical field, what an empty value becomes: `leave` (default; survivorship fills it from
   * other sources), `{ default: value }`, or `ffill` (the previous record's value; opt-in, since it
   * is wrong for most customer fields).
   */
  missing: z
    .record(canonicalField, z.union([z.literal('leave'), z.literal('ffill'), z.object({ default: z.string() }).strict()]))
    .default({}),
  defaults: NormalizeDefaults,
});

const FileEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030']).default('utf-8');

const CsvSource = SourceBase.extend({
  kind: z.literal('csv'),
  path: z.string().min(1),
  delimiter: z.string().min(1).max(2).default(','),
  quote: z.string().length(1).default('"'),
  encoding: FileEncoding,
  /** A full export: records missing from it are marked deleted after a complete read. */
  snapshot: z.boolean().default(true),
}).strict();

/** One JSON object per line. */
const NdjsonSource = SourceBase.extend({
  kind: z.literal('ndjson'),
  path: z.string().min(1),
  encoding: FileEncoding,
  snapshot: z.boolean().default(true),
}).strict();

/** A JSON document holding an array of records, at the top or at `recordsPath` (e.g. `data.customers`). */
const JsonSource = SourceBase.extend({
  kind: z.literal('json'),
  path: z.string().min(1),
  recordsPath: z.string().min(1).optional(),
  encoding: FileEncoding,
  snapshot: z.boolean().default(true),
}).strict();

/** A table or query in any database knex speaks, read in keyset-paginated batches. */
const SqlSource = SourceBase.extend({
  kind: z.literal('sql'),
  /** Connection URL (mysql://… or sqlite:PATH), or the name of an environment variable holding it. */
  url: z.string().min(1).optional(),
  urlEnv: z.string().min(1).optional(),
  table: z.string().min(1).optional(),
  query: z.string().min(1).optional(),
  /** Column ordering the keyset pagination; defaults to primaryKey. */
  keyColumn: z.string().min(1).optional(),
  /** Column for incremental syncs (e.g. updated_at): only rows past the stored watermark are read. */
  watermarkColumn: z.string().min(1).optional(),
  batchSize: z.number().int().min(1).max(50_000).default(1000),
}).strict();

const RestPagination = z.discriminatedUnion('style', [
  z.object({ style: z.literal('none') }).strict(),
  z
    .object({
      style: z.literal('page'),
      pageParam: z.string().default('page'),
      sizeParam: z.string().default('per_page'),
      size: z.number().int().min(1).default(100),
      firstPage: z.number().int().min(0).default(1),
    })
    .strict(),
  z
    .object({
      style: z.literal('offset'),
      offsetParam: z.string().default('offset'),
      limitParam: z.string().default('limit'),
      limit: z.number().int().min(1).default(100),
    })
    .strict(),
  z
    .object({
      style: z.literal('cursor'),
      /** Where the next cursor is in the response body, e.g. `meta.next_cursor`. */
      cursorPath: z.string().min(1),
      cursorParam: z.string().default('cursor'),
    })
    .strict(),
  /** RFC 8288 `Link: <…>; rel="next"` headers. */
  z.object({ style: z.literal('link') }).strict(),
]);

/** Paginated JSON over HTTP. */
const RestSource = SourceBase.extend({
  kind: z.literal('rest'),
  url: z.string().url(),
  /** Where the records are in each response body, e.g. `data`; the body itself when absent. */
  recordsPath: z.string().min(1).optional(),
  pagination: RestPagination.default({ style: 'none' }),
  auth: z
    .object({
      header: z.string().default('Authorization'),
      /** Environment variable holding the secret, never the secret itself. */
      env: z.string().min(1),
      prefix: z.string().default('Bearer '),
    })
    .strict()
    .optional(),
  timeoutMs: z.number().int().min(1).default(10_000),
  retries: z.number().int().min(0).max(10).default(4),
  backoffMs: z.number().int().min(0).default(250),
  /** Incremental: send the stored watermark as `param`, and advance it to the max of `field`. */
  since: z.object({ param: z.string().min(1), field: z.string().min(1) }).strict().optional(),
}).strict();

/** Records pushed by applications through the `ingestRecords` mutation. */
const PushSource = SourceBase.extend({
  kind: z.literal('push'),
}).strict();

export const SourceConfigSchema = z.discriminatedUnion('kind', [CsvSource, NdjsonSource, JsonSource, SqlSource, RestSource, PushSource]);

export const ProjectConfigSchema = z
  .object({
    sources: z.array(SourceConfigSchema).min(1),
    /** ISO 4217 currency money is converted into (with the rates of `customer-graph fx load`). */
    baseCurrency: z.string().length(3).toUpperCase().optional(),
    /** Identity resolution tuning (blocking, comparisons, thresholds, rules, clustering, training). */
    matching: MatchingConfigSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.name)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sources', index, 'name'], message: `duplicate source name "${source.name}"` });
      }
      seen.add(source.name);
      if (source.kind === 'sql') {
        if (Boolean(source.url) === Boolean(source.urlEnv)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sources', index, 'url'], message: 'set exactly one of url or urlEnv' });
        }
        if (Boolean(source.table) === Boolean(source.query)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sources', index, 'table'], message: 'set exactly one of table or query' });
        }
      }
    });
  });

export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type CsvSourceConfig = z.infer<typeof CsvSource>;
export type NdjsonSourceConfig = z.infer<typeof NdjsonSource>;
export type JsonSourceConfig = z.infer<typeof JsonSource>;
export type SqlSourceConfig = z.infer<typeof SqlSource>;
export type RestSourceConfig = z.infer<typeof RestSource>;
export type PushSourceConfig = z.infer<typeof PushSource>;
export type RestPaginationConfig = z.infer<typeof RestPagination>;
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;
export type NormalizeDefaultsConfig = z.infer<typeof NormalizeDefaults>;
