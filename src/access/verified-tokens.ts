import type { Principal } from './principal';

export interface VerifiedTokensOptions {
  /** Tokens remembered at most; the oldest is forgotten first. */
  maxEntries: number;
  /** How long a verification is trusted at most, whatever the token's own expiry (JWKS keys can be rotated out). */
  maxAgeMs: number;
  /** The clock, in milliseconds. */
  now: () => number;
}

const DEFAULTS: VerifiedTokensOptions = { maxEntries: 10_000, maxAgeMs: 5 * 60_000, now: () => Date.now() };

/**
 * Principals of JWTs that passed verification, by the exact token text, until the token expires
 * (or `maxAgeMs` passes): a client sends the same token with every request, and verifying its
 * signature and claims each time was a visible share of a small request's CPU. Only successful
 * verifications are remembered, keyed by the whole token including its signature, so a token
 * altered in any byte is verified afresh. API keys are never cached here: revoking one must take
 * effect at once.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private readonly options: VerifiedTokensOptions;

  constructor(options: Partial<VerifiedTokensOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.options.now() < entry.until) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers a verified token; `expiresAt` is its `exp` claim (seconds since the epoch). */
  remember(token: string, principal: Principal, expiresAt: number | undefined): void {
    if (expiresAt === undefined) return;
    const now = this.options.now();
    const until = Math.min(expiresAt * 1000, now + this.options.maxAgeMs);
    if (until <= now) return;
    if (this.entries.size >= this.options.maxEntries) this.forgetExpiredOrOldest(now);
    this.entries.set(token, { principal, until });
  }

  get size(): number {
    return this.entries.size;
  }

  private forgetExpiredOrOldest(now: number): void {
    for (const [token, entry] of this.entries) if (entry.until <= now) this.entries.delete(token);
    // Map iteration follows insertion order: the first key is the oldest.
    while (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
