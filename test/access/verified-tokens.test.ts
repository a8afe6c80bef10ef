import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/access/principal';
import { VerifiedTokens } from '../../src/access/verified-tokens';

const STEWARD: Principal = { subject: 'steward-token', role: 'steward', scope: {}, via: 'jwt' };

/** A cache on a clock the test moves. */
function cacheAt(start: number, options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const clock = { now: start };
  return { clock, tokens: new VerifiedTokens({ ...options, now: () => clock.now }) };
}

describe('verified token cache', () => {
  it('answers a verified token with its principal until the token expires', () => {
    const { clock, tokens } = cacheAt(1_000_000);
    tokens.remember('a.b.c', STEWARD, 1_000 + 60);
    expect(tokens.get('a.b.c')).toBe(STEWARD);
    clock.now = 1_060_000;
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('knows nothing of a token that differs in any byte from a verified one', () => {
    const { tokens } = cacheAt(1_000_000);
    tokens.remember('a.b.c', STEWARD, 2_000);
    expect(tokens.get('a.b.d')).toBeUndefined();
  });

  it('trusts a verification no longer than its maximum age, however long the token lives', () => {
    const { clock, tokens } = cacheAt(1_000_000, { maxAgeMs: 1_000 });
    tokens.remember('a.b.c', STEWARD, 1_000_000);
    clock.now = 1_001_000;
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('remembers no token that is already expired or has no expiry', () => {
    const { tokens } = cacheAt(1_000_000);
    tokens.remember('expired', STEWARD, 999);
    tokens.remember('no-exp', STEWARD, undefined);
    expect(tokens.size).toBe(0);
  });

  it('forgets the oldest token when full', () => {
    const { tokens } = cacheAt(1_000_000, { maxEntries: 2 });
    for (const token of ['t1', 't2', 't3']) tokens.remember(token, STEWARD, 2_000);
    expect(tokens.size).toBe(2);
    expect(tokens.get('t1')).toBeUndefined();
    expect(tokens.get('t3')).toBe(STEWARD);
  });
});
