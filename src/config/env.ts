import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';

/** A data key: the base64 of exactly 32 random bytes (e.g. `openssl rand -base64 32`). */
const dataKeyText = (text: string): boolean => {
  const trimmed = text.trim();
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) && Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64').length === 32;
};

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .optional()
    .refine((url) => url === undefined || /^(mysql|mariadb|sqlite|file):/.test(url) || !url.includes('://'), {
      message: 'must be mysql://user:pass@host:port/db, sqlite:PATH, or a file path',
    }),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  // Production unless said otherwise, so a server started bare never shows internal error details.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CUSTOMER_GRAPH_CONFIG: z.string().optional(),
  DATA_DIR: z.string().default('data'),
  /** HS256 secret for bearer tokens; a local one is generated in DATA_DIR when unset. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().default('customer-graph'),
  JWT_AUDIENCE: z.string().default('customer-graph'),
  /** Public keys (JWKS) for RS256/ES256 tokens: a file, or a URL fetched on demand. */
  JWT_JWKS_FILE: z.string().min(1).optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  /** Access policy file (YAML or JSON) changing the default roles or adding roles. */
  CUSTOMER_GRAPH_POLICY: z.string().min(1).optional(),
  /** Key of blind indexes and erasure suppression digests; generated in DATA_DIR when unset. */
  PII_INDEX_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Active AES-256 key of personal columns (base64 of 32 bytes); else a key file is used. */
  PII_KEY: z.string().refine(dataKeyText, 'must be the base64 of 32 bytes (openssl rand -base64 32)').optional(),
  /** Earlier data keys (comma-separated, base64), read-only: values under them decrypt until rotated. */
  PII_PREVIOUS_KEYS: z
    .string()
    .refine((list) => list.split(',').filter((t) => t.trim() !== '').every(dataKeyText), 'must be comma-separated base64 keys of 32 bytes each')
    .optional(),
  /** The data key file used when PII_KEY is unset (default DATA_DIR/pii.key). */
  PII_KEY_FILE: z.string().min(1).optional(),
  /** Role granted to requests without credentials. Unset: they may read nothing. */
  ANONYMOUS_ROLE: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** Reads and validates the process environment once, at the edge. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      'Invalid environment',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** The embedded database file used when DATABASE_URL is not set. */
export function defaultSqlitePath(env: Env): string {
  return path.resolve(env.DATA_DIR, 'customer-graph.db');
}
