import type { Env } from '../config/env';
import type { Repositories } from '../store/repositories';
import { createAuthenticator, type HeaderLookup } from './authenticate';
import { loadJwks } from './jwks';
import { roleNames, type AccessPolicy } from './policy';
import { loadPolicy } from './policy-file';
import type { Principal } from './principal';
import { loadOrCreateJwtSecret } from './secrets';
import type { TokenSettings } from './tokens';

export interface AccessControl {
  policy: AccessPolicy;
  /** The policy file's path, or `default`. */
  policyOrigin: string;
  tokens: TokenSettings;
  /** Where the signing secret came from (env or file), for start-up messages. */
  secretOrigin: string;
  anonymousRole: string | null;
  authenticate(header: HeaderLookup): Promise<Principal>;
}

export function createAccessControl(env: Env, repos: Repositories, options: { anonymousRole?: string | null } = {}): AccessControl {
  const { policy, origin: policyOrigin } = loadPolicy(env.CUSTOMER_GRAPH_POLICY);
  const secret = loadOrCreateJwtSecret(env.JWT_SECRET, env.DATA_DIR);
  const jwks = loadJwks({ file: env.JWT_JWKS_FILE, url: env.JWT_JWKS_URL });
  const tokens: TokenSettings = { secret: secret.value, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, jwks };
  const anonymousRole = options.anonymousRole !== undefined ? options.anonymousRole : (env.ANONYMOUS_ROLE ?? null);
  if (anonymousRole !== null && !roleNames(policy).includes(anonymousRole)) {
    throw new Error(`ANONYMOUS_ROLE "${anonymousRole}" is not a role (roles: ${roleNames(policy).join(', ')})`);
  }
  const authenticate = createAuthenticator({ tokens, apiKeys: repos.apiKeys, roles: roleNames(policy), anonymousRole });
  return { policy, policyOrigin, tokens, secretOrigin: secret.origin, anonymousRole, authenticate };
}
