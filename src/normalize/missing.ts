import { correction, type Correction } from './result';
import { isBlank } from './text';

/**
 * What to do with an empty field:
 * - `leave`: keep it empty (the default);
 * - `{ default }`: use a fixed value;
 * - `ffill`: carry the last non-empty value of the same run forward. Opt-in only,
 *   and only meaningful for sources whose rows are grouped (exports that write a
 *   value once per block of rows).
 */
export type MissingValueStrategy = 'leave' | 'ffill' | { default: string };

export interface FilledRecord<R> {
  record: R;
  corrections: Correction[];
}

export interface MissingValueFiller {
  fill<R extends Readonly<Record<string, string | undefined>>>(record: R): FilledRecord<R>;
}

/**
 * Creates the filler for one source run. Its only state is the last value seen per
 * forward-filled field, so a new run must create a new filler. Input records are not
 * modified; a filled copy is returned with one correction per filled field.
 */
export function createMissingValueFiller(strategies: Readonly<Record<string, MissingValueStrategy>>): MissingValueFiller {
  const entries = Object.entries(strategies).filter(([, s]) => s !== 'leave');
  const lastSeen = new Map<string, string>();
  return {
    fill(record) {
      let copy: Record<string, string | undefined> | undefined;
      const corrections: Correction[] = [];
      for (const [field, strategy] of entries) {
        const value = record[field];
        if (!isBlank(value)) {
          if (strategy === 'ffill') lastSeen.set(field, value!);
          continue;
        }
        const filled = strategy === 'ffill' ? lastSeen.get(field) : strategy === 'leave' ? undefined : strategy.default;
        if (filled === undefined) continue;
        copy ??= { ...record };
        copy[field] = filled;
        corrections.push(correction(strategy === 'ffill' ? 'FORWARD_FILLED' : 'DEFAULT_APPLIED', value ?? '', filled, field));
      }
      return { record: (copy ?? record) as typeof record, corrections };
    },
  };
}
