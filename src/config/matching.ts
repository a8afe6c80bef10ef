import { z } from 'zod';
import { BLOCKING_KEYS, COMPARISONS, DEFAULT_CONFIG, type ConfigOverrides } from '../resolve';

function namedIn(table: Readonly<Record<string, unknown>>, what: string) {
  const names = Object.keys(table);
  return z.string().refine((name) => names.includes(name), (name) => ({ message: `unknown ${what} "${name}" (known: ${names.join(', ')})` }));
}

const probability = z.number().gt(0).lt(1);
const log2Odds = z.number().finite();

/**
 * The `matching:` section of the project config: the tuning keys of identity resolution
 * (README "How records are matched"). Every key is optional; an absent one keeps its default.
 */
export const MatchingConfigSchema = z
  .object({
    comparisons: z.array(namedIn(COMPARISONS, 'comparison')).min(1).optional(),
    comparisonSettings: z.object({ birthYearTolerance: z.number().int().min(0).max(50) }).strict().partial().optional(),
    blocking: z
      .object({ keys: z.array(namedIn(BLOCKING_KEYS, 'blocking key')).min(1), maxBlockSize: z.number().int().min(2) })
      .strict()
      .partial()
      .optional(),
    thresholds: z.object({ link: probability, review: probability }).strict().partial().optional(),
    rules: z
      .object({ sameEmail: z.boolean(), samePhoneSimilarName: z.boolean(), minScore: log2Odds, householdGuard: z.boolean() })
      .strict()
      .partial()
      .optional(),
    clustering: z.object({ minPairScore: log2Odds, maxClusterSize: z.number().int().min(2) }).strict().partial().optional(),
    training: z
      .object({
        uSamplePairs: z.number().int().min(1),
        emSamplePairs: z.number().int().min(1),
        emMaxIterations: z.number().int().min(1),
        emTolerance: z.number().positive(),
        priorPairs: z.number().min(0),
        maxDuplicatesPerRecord: z.number().positive(),
        seed: z.number().int(),
      })
      .strict()
      .partial()
      .optional(),
  })
  .strict()
  .superRefine((matching, ctx) => {
    const link = matching.thresholds?.link ?? DEFAULT_CONFIG.thresholds.link;
    const review = matching.thresholds?.review ?? DEFAULT_CONFIG.thresholds.review;
    if (review > link) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['thresholds', 'review'], message: `must not exceed thresholds.link (${link})` });
  });

export type MatchingConfig = z.infer<typeof MatchingConfigSchema>;

// The schema's output is a valid set of overrides; this line fails to compile if they drift apart.
const _matchingIsOverrides: (config: MatchingConfig) => ConfigOverrides = (config) => config;
void _matchingIsOverrides;
