/**
 * The order in which the regions of a shared calling code are tried for a national number.
 *
 * libphonenumber tries them one by one: a region with leading digits (`268` for Antigua
 * inside +1) claims the numbers that start with them, any other region claims the numbers
 * valid in its plan. A number that belongs to none of the 25 regions of +1 (a Chinese mobile
 * read as American) costs 25 regular expressions that way. Here every run of consecutive
 * leading-digit regions is one alternation, which reports the first region of the run whose
 * digits match: the same answer as trying them in order, in one pass.
 */

/** A region whose plan decides (tried with the full number type), or a run of leading-digit regions. */
export type RegionSearchStep = string | LeadingDigitsRun;

export interface LeadingDigitsRun {
  /** The first region of the run whose leading digits start the number, if any. */
  firstMatch(nationalNumber: string): string | undefined;
}

export interface RegionLeadingDigits {
  region: string;
  leadingDigits: RegExp | undefined;
}

export function regionSearchSteps(regions: readonly RegionLeadingDigits[]): RegionSearchStep[] {
  const steps: RegionSearchStep[] = [];
  let run: RegionLeadingDigits[] = [];
  const endRun = (): void => {
    if (run.length > 0) steps.push(leadingDigitsRun(run));
    run = [];
  };
  for (const entry of regions) {
    if (entry.leadingDigits === undefined) {
      endRun();
      steps.push(entry.region);
    } else {
      run.push(entry);
    }
  }
  endRun();
  return steps;
}

/** A back-reference would point at the wrong group once patterns are joined. */
const BACK_REFERENCE = /\\[1-9]|\\k</;

function leadingDigitsRun(run: readonly RegionLeadingDigits[]): LeadingDigitsRun {
  const patterns = run.map((entry) => entry.leadingDigits!);
  if (run.length === 1 || patterns.some((pattern) => BACK_REFERENCE.test(pattern.source) || pattern.flags !== '')) {
    return { firstMatch: (nationalNumber) => run.find((_, i) => patterns[i]!.test(nationalNumber))?.region };
  }
  // Each pattern is followed by an empty marker group: the one that is set tells which matched.
  // Alternatives are tried in order, so the first pattern that matches wins, as in a loop.
  const markerGroups: number[] = [];
  let group = 0;
  for (const pattern of patterns) {
    group += capturingGroups(pattern) + 1;
    markerGroups.push(group);
  }
  const joined = new RegExp(patterns.map((pattern) => `(?:${pattern.source})()`).join('|'));
  return {
    firstMatch(nationalNumber) {
      const match = joined.exec(nationalNumber);
      if (match === null) return undefined;
      for (let i = 0; i < markerGroups.length; i++) if (match[markerGroups[i]!] !== undefined) return run[i]!.region;
      return undefined;
    },
  };
}

function capturingGroups(pattern: RegExp): number {
  return new RegExp(`${pattern.source}|`).exec('')!.length - 1;
}
