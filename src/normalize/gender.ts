import { accept, reject, type Normalized } from './result';
import { normalizeText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const acceptFn = accept;
const rejectFn = reject;
const normalizeTextFn = normalizeText;

export type Gender = 'female' | 'male' | 'other' | 'undisclosed';

const VALUES: ReadonlyMap<string, Gender> = new Map([
  ...['f', 'female', 'woman', 'w', 'girl', 'fem', 'frau', 'weiblich', 'femme', 'mujer', '女', '女性', '女士'].map((v) => [v, 'female'] as const),
  ...['m', 'male', 'man', 'boy', 'mann', 'männlich', 'homme', 'hombre', '男', '男性', '先生'].map((v) => [v, 'male'] as const),
  ...['x', 'o', 'other', 'non-binary', 'nonbinary', 'non binary', 'diverse', 'divers', '其他'].map((v) => [v, 'other'] as const),
  ...['u', 'prefer not to say', 'not specified', 'unspecified', 'undisclosed', 'declined', '保密'].map((v) => [v, 'undisclosed'] as const),
  // Numeric codes as used by ISO/IEC 5218.
  ['0', 'undisclosed'], ['1', 'male'], ['2', 'female'], ['9', 'other'],
]);

export function normalizeGender(raw: string): Normalized<Gender> {
  const key = normalizeTextFn(raw).toLowerCase();
  const gender = VALUES.get(key) ?? VALUES.get(key.replace(/\.$/, ''));
  return gender === undefined ? rejectFn('BAD_GENDER', `gender "${key}" is not a recognised value`) : acceptFn(gender);
}
