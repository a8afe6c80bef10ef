import type { MatchRecord } from '../../src/resolve';
import { seededRandom } from '../../src/resolve/random';

/** A record with the given fields; emails and phones default to none. */
export function record(id: string, fields: Partial<MatchRecord> = {}): MatchRecord {
  return { id, source: 'test', emails: [], phones: [], ...fields };
}

/** Small deterministic PRNG so that generated data is the same on every run. */
export const seeded = seededRandom;

const GIVEN = ['olivia', 'liam', 'emma', 'noah', 'ava', 'lucas', 'mia', 'ethan', 'zoe', 'oscar', 'ruby', 'henry', 'chloe', 'jack', 'ivy', 'leo', 'grace', 'max', 'ella', 'finn'];
const FAMILY = ['smith', 'jones', 'taylor', 'brown', 'wilson', 'martin', 'nguyen', 'walker', 'harris', 'clarke', 'young', 'king', 'wright', 'thompson', 'white', 'lee', 'kelly', 'murphy', 'ryan', 'morgan', 'hughes', 'baker', 'moore', 'ward', 'evans'];
const STREETS = ['king street', 'queen road', 'park avenue', 'church lane', 'mill close', 'river drive', 'station road', 'high street'];

export interface Person {
  person: number;
  records: MatchRecord[];
}

/**
 * People with 1–3 extra records each, corrupted independently per field with probability
 * `noise` (a typo, a missing value or a swap of names), like the Febrl generator.
 */
export function syntheticPeople(count: number, seed: number, noise = 0.2): MatchRecord[] {
  const random = seeded(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const typo = (value: string): string => {
    const at = 1 + Math.floor(random() * (value.length - 1));
    return value.slice(0, at) + String.fromCharCode(97 + Math.floor(random() * 26)) + value.slice(at + 1);
  };
  const out: MatchRecord[] = [];
  for (let p = 0; p < count; p++) {
    const year = 1940 + Math.floor(random() * 60);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const original: MatchRecord = record(`p${p}-0`, {
      givenName: pick(GIVEN),
      familyName: pick(FAMILY),
      birthDate: `${year}-${month}-${day}`,
      streetNumber: String(1 + Math.floor(random() * 200)),
      addressLine1: pick(STREETS),
      city: `town${Math.floor(random() * 40)}`,
      postalCode: String(2000 + Math.floor(random() * 400)),
      nationalId: String(1_000_000 + Math.floor(random() * 9_000_000)),
    });
    out.push(original);
    const copies = 1 + Math.floor(random() * 3);
    for (let c = 1; c <= copies; c++) {
      const copy: MatchRecord = { ...original, id: `p${p}-${c}` };
      if (random() < noise) copy.givenName = typo(copy.givenName as string);
      if (random() < noise) copy.familyName = typo(copy.familyName as string);
      if (random() < noise / 2) delete copy.birthDate;
      if (random() < noise) copy.nationalId = typo(copy.nationalId as string);
      if (random() < noise) copy.addressLine1 = typo(copy.addressLine1 as string);
      if (random() < noise / 2) [copy.givenName, copy.familyName] = [copy.familyName, copy.givenName];
      out.push(copy);
    }
  }
  return out;
}

/** Ground truth of `syntheticPeople`: the person number in the id. */
export function personOf(id: string): string {
  return id.split('-')[0] as string;
}

/** Clusters as a canonical, comparable value. */
export function canonical(clusters: readonly (readonly string[])[]): string[][] {
  return clusters.map((cluster) => [...cluster].sort()).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}
