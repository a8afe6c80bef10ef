import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeDataKey } from '../../src/config/data-keys';
import { loadEnv } from '../../src/config/env';
import { BlindIndex } from '../../src/store/blind-index';
import { dataKeyId, FieldCipher, type DataKeyRing } from '../../src/store/field-cipher';

function ring(...keys: Uint8Array[]): DataKeyRing {
  return { activeId: dataKeyId(keys[0]!), keys: new Map(keys.map((key) => [dataKeyId(key), key])) };
}

describe('field cipher', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);

  it('round-trips text, naming the key in the stored form', () => {
    const cipher = new FieldCipher(ring(keyA));
    const stored = cipher.seal('Zoë Quaxworthy 张伟');
    expect(stored).toMatch(new RegExp(`^enc:v1:${dataKeyId(keyA)}:[A-Za-z0-9_-]+$`));
    expect(stored).not.toContain('Quaxworthy');
    expect(cipher.open(stored)).toBe('Zoë Quaxworthy 张伟');
  });

  it('uses a fresh IV per value, so equal values do not look equal', () => {
    const cipher = new FieldCipher(ring(keyA));
    expect(cipher.seal('ann@example.com')).not.toBe(cipher.seal('ann@example.com'));
  });

  it('keeps null as null and reads values without the prefix as plaintext of an older version', () => {
    const cipher = new FieldCipher(ring(keyA));
    expect(cipher.seal(null)).toBeNull();
    expect(cipher.open(null)).toBeNull();
    expect(cipher.open('["ann@example.com"]')).toBe('["ann@example.com"]');
  });

  it('decrypts values under an older key it holds, and re-encrypts them under the active one', () => {
    const old = new FieldCipher(ring(keyA)).seal('ann');
    const rotated = new FieldCipher(ring(keyB, keyA));
    expect(rotated.isCurrent(old)).toBe(false);
    const resealed = rotated.reseal(old)!;
    expect(rotated.isCurrent(resealed)).toBe(true);
    expect(new FieldCipher(ring(keyB)).open(resealed)).toBe('ann');
  });

  it('refuses a value under a key it does not hold with DATA_KEY_MISSING naming the key', () => {
    const stored = new FieldCipher(ring(keyA)).seal('ann');
    expect(() => new FieldCipher(ring(keyB)).open(stored)).toThrow(expect.objectContaining({ code: 'DATA_KEY_MISSING', keyId: dataKeyId(keyA) }));
  });

  it('reads the keys again when a value names a key it has not loaded (rotated by another process), once per key', () => {
    let reloads = 0;
    const running = new FieldCipher(ring(keyA), { reload: () => ((reloads += 1), ring(keyB, keyA)) });
    expect(running.open(new FieldCipher(ring(keyB)).seal('ann'))).toBe('ann');
    const unknown = new FieldCipher(ring(randomBytes(32))).seal('ann');
    expect(() => running.open(unknown)).toThrow(expect.objectContaining({ code: 'DATA_KEY_MISSING' }));
    expect(() => running.open(unknown)).toThrow(expect.objectContaining({ code: 'DATA_KEY_MISSING' }));
    expect(reloads).toBe(2);
    expect(running.activeKeyId).toBe(dataKeyId(keyA));
  });

  it('refuses an altered value with DATA_UNREADABLE instead of returning garbage', () => {
    const cipher = new FieldCipher(ring(keyA));
    const stored = cipher.seal('ann@example.com');
    const body = Buffer.from(stored.split(':')[3]!, 'base64url');
    body[14] = body[14]! ^ 1;
    const altered = `enc:v1:${dataKeyId(keyA)}:${body.toString('base64url')}`;
    expect(() => cipher.open(altered)).toThrow(expect.objectContaining({ code: 'DATA_UNREADABLE' }));
    expect(() => cipher.open(`enc:v1:${dataKeyId(keyA)}:AAAA`)).toThrow(expect.objectContaining({ code: 'DATA_UNREADABLE' }));
  });
});

describe('data key settings', () => {
  it('accepts PII_KEY only as the base64 of 32 bytes', () => {
    const key = randomBytes(32).toString('base64');
    expect(decodeDataKey(key)).toHaveLength(32);
    expect(loadEnv({ PII_KEY: key }).PII_KEY).toBe(key);
    expect(() => loadEnv({ PII_KEY: 'too-short' })).toThrow(/PII_KEY: must be the base64 of 32 bytes/);
    expect(() => loadEnv({ PII_PREVIOUS_KEYS: `${key},nope` })).toThrow(/PII_PREVIOUS_KEYS/);
  });
});

describe('blind index', () => {
  const index = new BlindIndex(randomBytes(32));

  it('gives equal digests for the same normalized email, whatever the case', () => {
    expect(index.email(' Ann@Example.COM')).toBe(index.email('ann@example.com'));
    expect(index.email('ann@example.com')).not.toBe(index.phone('ann@example.com'));
  });

  it('gives a customer one term per whole name, not one per prefix', () => {
    const terms = index.customerTerms({ emails: [], phones: [], givenName: 'Ann', familyName: 'Lee' });
    expect(terms.filter((t) => t.kind === 'name').map((t) => t.digest).sort()).toEqual([index.namePrefix('name', 'ann'), index.namePrefix('name', 'LEE')].sort());
  });

  it('lists every prefix of a name, up to 32 characters, the whole name last', () => {
    const ann = index.nameWithPrefixes('name', ' Ann ');
    expect(ann?.prefixes).toEqual(['a', 'AN', 'ann'].map((prefix) => index.namePrefix('name', prefix)));
    expect(ann?.name).toBe(index.namePrefix('name', 'ann'));
    expect(ann?.prefixes).not.toContain(index.namePrefix('name', 'nn'));
    expect(index.nameWithPrefixes('name', 'x'.repeat(40))?.prefixes).toHaveLength(32);
    expect(index.nameWithPrefixes('name', '  ')).toBeUndefined();
  });

  it('keeps name and pinyin prefixes apart', () => {
    expect(index.nameWithPrefixes('pinyin', 'li')?.name).not.toBe(index.nameWithPrefixes('name', 'li')?.name);
  });

  it('finds the emails and international phone numbers in a rejected row’s raw text', () => {
    const terms = index.rawTextTerms('c4,Zebulon,"ZEBULON.Q@example.org",+49 151 23456789,0049 30 1234567,12');
    const digests = new Set(terms.map((t) => t.digest));
    expect(digests.has(index.email('zebulon.q@example.org'))).toBe(true);
    expect(digests.has(index.phone('+4915123456789'))).toBe(true);
    expect(digests.has(index.phone('+49301234567'))).toBe(true);
    expect(terms).toHaveLength(3);
  });
});
