import { loadDataKeys, loadOrCreateIndexKey, type DataKeys } from '../config/data-keys';
import { loadEnv } from '../config/env';
import { BlindIndex } from './blind-index';
import { FieldCipher } from './field-cipher';

/** What repositories encrypt personal columns with and compute blind index terms with. */
export interface FieldProtection {
  cipher: FieldCipher;
  index: BlindIndex;
}

export function createFieldProtection(keys: Pick<DataKeys, 'activeId' | 'keys'>, indexKey: Uint8Array): FieldProtection {
  return { cipher: new FieldCipher({ activeId: keys.activeId, keys: keys.keys }), index: new BlindIndex(indexKey) };
}

let current: FieldProtection | undefined;

/**
 * The process's protection. Repositories ask for it when they are built; it is loaded from the
 * validated environment on first use (creating the key files of a fresh install), or is the one
 * a command installed with useFieldProtection (key rotation installs the new key ring).
 */
export function fieldProtection(): FieldProtection {
  if (!current) {
    const env = loadEnv();
    current = createFieldProtection(loadDataKeys(env), loadOrCreateIndexKey(env.PII_INDEX_KEY, env.DATA_DIR).value);
  }
  return current;
}

export function useFieldProtection(protection: FieldProtection): void {
  current = protection;
}
