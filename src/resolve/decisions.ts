import { CodeLevel } from './comparators/codes';
import { EmailLevel } from './comparators/email';
import { DateLevel } from './comparators/dates';
import { NameLevel } from './comparators/names';
import type { ResolveConfig } from './config';
import { decide, probabilityOfScore, type ScoringModel } from './scoring';
import type { Decision } from './types';

export interface Judgement {
  score: number;
  probability: number;
  decision: Decision;
  rule: string | undefined;
}

/**
 * Turns a pair's comparison levels into a decision: deterministic rules first, then the
 * match probability against the thresholds (link ≥ upper, review ≥ lower, else none).
 *
 * The rules are deliberately narrow. A shared email links unless the names disagree outright
 * (family inboxes exist). A shared phone is not proof on its own (households, switchboards):
 * it links only with a similar given name and a family name that does not disagree. And no
 * rule links a pair that the model scores below `rules.minScore`: a reused address agrees on
 * the email and on nothing else.
 */
export class PairJudge {
  private readonly given: number;
  private readonly family: number;
  private readonly birthDate: number;
  private readonly nationalId: number;
  private readonly email: number;
  private readonly phone: number;

  constructor(
    private readonly model: ScoringModel,
    private readonly config: ResolveConfig,
  ) {
    const position = (name: string): number => model.comparisons.findIndex((comparison) => comparison.name === name);
    this.given = position('givenName');
    this.family = position('familyName');
    this.birthDate = position('birthDate');
    this.nationalId = position('nationalId');
    this.email = position('email');
    this.phone = position('phone');
  }

  judge(levels: ArrayLike<number>): Judgement {
    const score = this.model.scoreOfLevels(levels);
    const probability = probabilityOfScore(score);
    const rule = score >= this.config.rules.minScore ? this.ruleFor(levels) : undefined;
    let decision: Decision = rule !== undefined ? 'link' : decide(probability, this.config.thresholds);
    if (decision === 'link' && rule === undefined && this.config.rules.householdGuard && this.looksLikeHousehold(levels)) decision = 'review';
    return { score, probability, decision, rule };
  }

  /**
   * Two people of one household share a family name, an address, a phone: many agreements
   * that a model assuming independent evidence adds up to a certain match. Their given names
   * and birth dates, when both are present, disagree outright, and no personal identifier
   * (national id, email address) agrees. Such a pair goes to review instead of being linked
   * on its score.
   */
  private looksLikeHousehold(levels: ArrayLike<number>): boolean {
    if (this.given < 0 || this.birthDate < 0) return false;
    if (levels[this.given] !== NameLevel.Different || levels[this.birthDate] !== DateLevel.Different) return false;
    const sharesIdentifier =
      (this.nationalId >= 0 && (levels[this.nationalId] === CodeLevel.Exact || levels[this.nationalId] === CodeLevel.OneTypo)) ||
      (this.email >= 0 && levels[this.email] === EmailLevel.Exact);
    return !sharesIdentifier;
  }

  private ruleFor(levels: ArrayLike<number>): string | undefined {
    const given = this.given < 0 ? NameLevel.Null : (levels[this.given] as number);
    const family = this.family < 0 ? NameLevel.Null : (levels[this.family] as number);
    if (this.config.rules.sameEmail && this.email >= 0 && levels[this.email] === EmailLevel.Exact) {
      if (given !== NameLevel.Different && family !== NameLevel.Different) return 'sameEmail';
    }
    if (this.config.rules.samePhoneSimilarName && this.phone >= 0 && levels[this.phone] === CodeLevel.Exact) {
      const similarGiven =
        given === NameLevel.Exact ||
        given === NameLevel.Equivalent ||
        given === NameLevel.VeryClose ||
        given === NameLevel.Swapped;
      const compatibleFamily = family !== NameLevel.Different && family !== NameLevel.Null;
      if (similarGiven && compatibleFamily) return 'samePhoneSimilarName';
    }
    return undefined;
  }
}
