import { loadDataKeys, loadOrCreateIndexKey, type DataKeys } from '../config/data-keys';
import { loadEnv, type Env } from '../config/env';
import { BlindIndex } from './blind-index';
import { FieldCipher } from './field-cipher';

/** What repositories encrypt personal columns with and compute blind index terms with. */
export interface FieldProtection {
  cipher: FieldCipher;
  index: BlindIndex;
}

/** `reload` re-reads the keys when a stored value names one not loaded yet (a rotation by another process). */
export function createFieldProtection(keys: Pick<DataKeys, 'activeId' | 'keys'>, indexKey: Uint8Array, reload?: () => Pick<DataKeys, 'activeId' | 'keys'>): FieldProtection {
  return { cipher: new FieldCipher({ activeId: keys.activeId, keys: keys.keys }, { reload }), index: new BlindIndex(indexKey) };
}

/** The protection the environment describes: PII_KEY or the key file, and the index key. */
export function fieldProtectionFromEnv(env: Env): { protection: FieldProtection; dataKeys: DataKeys } {
  const dataKeys = loadDataKeys(env);
  const reload = dataKeys.file ? () => loadDataKeys(env) : undefined;
  return { protection: createFieldProtection(dataKeys, loadOrCreateIndexKey(env.PII_INDEX_KEY, env.DATA_DIR).value, reload), dataKeys };
}

let current: FieldProtection | undefined;

/**
 * The process's protection. Repositories ask for it when they are built; it is the one the
 * command line installed with useFieldProtection (openRuntime, which also says where the keys
 * came from), else loaded from the validated environment on first use (creating the key files of
 * a fresh install).
 */
export function fieldProtection(): FieldProtection {
  if (!current) current = fieldProtectionFromEnv(loadEnv()).protection;
  return current;
}

export function useFieldProtection(protection: FieldProtection): void {
  current = protection;
}
