import { SignJWT, type JWTVerifyGetKey } from 'jose';
import type { RowScope } from './principal';

export interface TokenSettings {
  secret: Uint8Array;
  issuer: string;
  audience: string;
  /** Public keys for RS256/ES256 tokens; absent means only HS256 tokens are accepted. */
  jwks?: JWTVerifyGetKey;
}

export interface TokenRequest {
  role: string;
  subject?: string;
  scope?: RowScope;
  /** jose duration such as `1h`, `30m`, `7d`. */
  ttl?: string;
}

/** Signs an HS256 token carrying a role and optional row scope. */
export async function signToken(settings: TokenSettings, request: TokenRequest): Promise<string> {
  const claims: Record<string, unknown> = { role: request.role };
  if (request.scope?.countries) claims.countries = request.scope.countries;
  if (request.scope?.sources) claims.sources = request.scope.sources;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `${request.role}-token`)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(request.ttl ?? '1h')
    .sign(settings.secret);
}

/** `country=CN,US` / `source=shop` pairs → a row scope. */
export function parseScopeArguments(pairs: readonly string[]): RowScope {
  const scope: RowScope = {};
  for (const pair of pairs) {
    const [key, value] = pair.split('=', 2);
    const values = (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) throw new Error(`scope "${pair}" has no value; use country=CN or source=shop`);
    if (key === 'country' || key === 'countries') scope.countries = [...(scope.countries ?? []), ...values.map((v) => v.toUpperCase())];
    else if (key === 'source' || key === 'sources') scope.sources = [...(scope.sources ?? []), ...values];
    else throw new Error(`unknown scope "${key}"; use country=… or source=…`);
  }
  return scope;
}
