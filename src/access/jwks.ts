import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { ConfigError } from '../errors';

/** Asymmetric algorithms accepted from a JWKS; HS256 stays on the shared secret only. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

const JwksFileSchema = z.object({
  keys: z
    .array(z.object({ kty: z.enum(['RSA', 'EC']), kid: z.string().optional(), alg: z.string().optional() }).passthrough())
    .min(1, 'must hold at least one key'),
});

export interface JwksSettings {
  /** A JWKS JSON file on disk (keys read once at start). */
  file?: string;
  /** A JWKS URL, fetched on demand and cached by jose (refetched when an unknown `kid` arrives). */
  url?: string;
}

/**
 * The public keys RS256/ES256 tokens are verified against, or undefined when none are configured.
 * A file is validated at start so a broken one stops the process with its path, not the first request.
 */
export function loadJwks(settings: JwksSettings): JWTVerifyGetKey | undefined {
  if (settings.file && settings.url) throw new ConfigError('Invalid JWKS settings', ['JWT_JWKS_FILE and JWT_JWKS_URL: set one, not both']);
  if (settings.url) return createRemoteJWKSet(new URL(settings.url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  if (!settings.file) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(settings.file, 'utf8'));
  } catch (error) {
    throw new ConfigError('Invalid JWKS file', [`${settings.file}: ${(error as Error).message}`]);
  }
  const checked = JwksFileSchema.safeParse(parsed);
  if (!checked.success) {
    throw new ConfigError('Invalid JWKS file', checked.error.issues.map((issue) => `${settings.file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  // Private members in a published key set would be a leak; refuse them rather than use them.
  if (checked.data.keys.some((key) => 'd' in key)) throw new ConfigError('Invalid JWKS file', [`${settings.file}: holds a private key; publish public keys only`]);
  return createLocalJWKSet(checked.data as unknown as JSONWebKeySet);
}
