import { createHash } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { ApiKeyRepository } from '../store/api-key-repository';
import { JWKS_ALGORITHMS } from './jwks';
import { ANONYMOUS, type Principal } from './principal';
import type { TokenSettings } from './tokens';
import { VerifiedTokens } from './verified-tokens';

/** Every credential failure looks the same from outside: nothing about why is revealed. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: string) {
    super('invalid credentials');
  }
}

export interface AuthenticatorOptions {
  tokens: TokenSettings;
  apiKeys: ApiKeyRepository;
  roles: readonly string[];
  /** Role for requests without credentials; null means they may read nothing. */
  anonymousRole: string | null;
}

const Claims = z.object({
  sub: z.string().optional(),
  role: z.string(),
  countries: z.array(z.string()).optional(),
  sources: z.array(z.string()).optional(),
});

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}

export type HeaderLookup = (name: string) => string | undefined;

/** Resolves the caller from `Authorization: Bearer …` (JWT or API key) or `X-API-Key`. */
export function createAuthenticator(options: AuthenticatorOptions): (header: HeaderLookup) => Promise<Principal> {
  const knownRole = (role: string): boolean => options.roles.includes(role);

  const checks = { issuer: options.tokens.issuer, audience: options.tokens.audience, requiredClaims: ['exp'], clockTolerance: 5 };
  /**
   * The header's `alg` only picks which configured key to try; each key is then verified with an
   * allow-list holding its own algorithms alone, so an HS256 token "signed" with a public key (HS/RS
   * confusion) meets the shared secret and fails, and `none` matches nothing.
   */
  const verifyJwt = async (token: string) => {
    const { alg } = decodeProtectedHeader(token);
    if (alg === 'HS256') return jwtVerify(token, options.tokens.secret, { ...checks, algorithms: ['HS256'] });
    const jwks = options.tokens.jwks;
    if (jwks && (JWKS_ALGORITHMS as readonly string[]).includes(alg ?? '')) return jwtVerify(token, jwks, { ...checks, algorithms: [...JWKS_ALGORITHMS] });
    throw new AuthenticationError(`algorithm ${String(alg)}`);
  };

  const verified = new VerifiedTokens();
  const fromJwt = async (token: string): Promise<Principal> => {
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await verifyJwt(token));
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(error instanceof joseErrors.JOSEError ? error.code : 'jwt');
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success || !knownRole(claims.data.role)) throw new AuthenticationError('claims');
    const { sub, role, countries, sources } = claims.data;
    const principal: Principal = { subject: sub ?? 'token', role, scope: { countries: countries?.map((c) => c.toUpperCase()), sources }, via: 'jwt' };
    verified.remember(token, principal, payload.exp);
    return principal;
  };

  const fromApiKey = async (key: string): Promise<Principal> => {
    const found = await options.apiKeys.findActiveByHash(hashApiKey(key));
    if (!found || !knownRole(found.role)) throw new AuthenticationError('api-key');
    return { subject: `api-key:${found.name}`, role: found.role, scope: found.scope, via: 'api-key' };
  };

  return async (header) => {
    const apiKey = header('x-api-key');
    if (apiKey !== undefined) return fromApiKey(apiKey.trim());
    const authorization = header('authorization');
    if (authorization === undefined || authorization.trim() === '') {
      return options.anonymousRole ? { ...ANONYMOUS, role: options.anonymousRole } : ANONYMOUS;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new AuthenticationError('malformed header');
    const credential = match[1] as string;
    return looksLikeJwt(credential) ? fromJwt(credential) : fromApiKey(credential);
  };
}
