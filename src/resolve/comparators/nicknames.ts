import { NICKNAME_GROUPS } from './nickname-table';

/** name → indices of the nickname families it belongs to. Built once at module load. */
const FAMILIES_BY_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  NICKNAME_GROUPS.forEach((names, family) => {
    for (const name of names) {
      const families = index.get(name);
      if (families === undefined) index.set(name, [family]);
      else if (!families.includes(family)) families.push(family);
    }
  });
  return index;
})();

const NONE: readonly number[] = [];

/** The nickname families a (lower-case) given name belongs to; empty when it is in none. */
export function nicknameFamilies(name: string): readonly number[] {
  return FAMILIES_BY_NAME.get(name) ?? NONE;
}

/** True when two different given names are known variants of one another (Bob ~ Robert). */
export function areNicknameEquivalent(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  return sharesFamily(nicknameFamilies(a), nicknameFamilies(b));
}

/** True when two family lists intersect (both are tiny, so a nested loop is fastest). */
export function sharesFamily(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const family = a[i] as number;
    for (let j = 0; j < b.length; j++) if (b[j] === family) return true;
  }
  return false;
}
