import { z } from 'zod';
import { CANONICAL_FIELDS, isCanonicalField } from './canonical-fields';

const canonicalField = z.string().superRefine((value, ctx) => {
  if (!isCanonicalField(value)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `unknown canonical field "${value}" (known: ${CANONICAL_FIELDS.join(', ')})`,
    });
  }
});

/** Per-source hints that normalization uses where a value does not say it itself. */
const NormalizeDefaults = z
  .object({
    country: z.string().length(2).optional(),
    currency: z.string().length(3).optional(),
    dateFormats: z.array(z.string().min(1)).default(['yyyy-MM-dd']),
    dayFirst: z.boolean().default(true),
    timezone: z.string().default('UTC'),
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
  defaults: NormalizeDefaults,
});

const CsvSource = SourceBase.extend({
  kind: z.literal('csv'),
  path: z.string().min(1),
  delimiter: z.string().min(1).max(2).default(','),
  quote: z.string().length(1).default('"'),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030']).default('utf-8'),
}).strict();

export const SourceConfigSchema = z.discriminatedUnion('kind', [CsvSource]);

export const ProjectConfigSchema = z
  .object({
    sources: z.array(SourceConfigSchema).min(1),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.name)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sources', index, 'name'], message: `duplicate source name "${source.name}"` });
      }
      seen.add(source.name);
    });
  });

export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type CsvSourceConfig = z.infer<typeof CsvSource>;
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;
export type NormalizeDefaultsConfig = z.infer<typeof NormalizeDefaults>;
