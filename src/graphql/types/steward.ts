import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { connectionOf } from './connection-factory';

export enum MatchReviewStatus {
  PENDING = 'pending',
  MATCH = 'match',
  NO_MATCH = 'no_match',
}
registerEnumType(MatchReviewStatus, {
  name: 'MatchReviewStatus',
  description: 'Where a queued pair stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for a steward.' },
    MATCH: { description: 'A steward said the two records are the same person: they stay linked in every later run.' },
    NO_MATCH: { description: 'A steward said they are different people: they stay apart in every later run.' },
  },
});

export enum ReviewDecision {
  MATCH = 'match',
  NO_MATCH = 'no_match',
}
registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: "A steward's answer to a queued pair.",
  valuesConfig: {
    MATCH: { description: 'Same person: link the records for good.' },
    NO_MATCH: { description: 'Different people: keep the records apart for good.' },
  },
});

export enum OverridableField {
  GIVEN_NAME = 'givenName',
  FAMILY_NAME = 'familyName',
  BIRTH_DATE = 'birthDate',
  COUNTRY = 'country',
  EMAILS = 'emails',
  PHONES = 'phones',
}
registerEnumType(OverridableField, {
  name: 'OverridableField',
  description: 'Golden fields a steward may set by hand. For EMAILS and PHONES the value becomes the primary one; the other values stay.',
});

@ObjectType({ description: 'Where one golden field of a customer came from.' })
export class FieldLineage {
  @Field(() => String, { description: 'The golden field, e.g. `givenName`, `emails`.' })
  field!: string;

  @Field(() => String, {
    description: 'The survivorship rule that chose the value: `sourceTrust`, `mostRecent`, `mostComplete`, `mostFrequent`, or `steward_override`.',
  })
  rule!: string;

  @Field(() => ID, { nullable: true, description: 'Internal id of the source record the value was taken from; null for a steward override.' })
  sourceRecordId!: number | null;

  @Field(() => String, { nullable: true, description: 'Source of that record.' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: "That record's id within its source." })
  externalId!: string | null;
}

@ObjectType({ description: 'One comparison of a record pair: the level it reached and the Fellegi–Sunter weight of that level.' })
export class ComparisonWeight {
  @Field(() => String, { description: 'The comparison, e.g. `givenName`, `birthDate`.' })
  comparison!: string;

  @Field(() => String, { description: 'The level reached, e.g. `exact`, `jaroWinkler92`, `nickname`, `null` (a value missing).' })
  level!: string;

  @Field(() => Float, { description: 'P(level | same person).' })
  m!: number;

  @Field(() => Float, { description: 'P(level | different people).' })
  u!: number;

  @Field(() => Float, { description: 'Match weight log2(m/u); 0 for a missing value.' })
  weight!: number;
}

@ObjectType({ description: 'A source record in a matched or reviewed pair.' })
export class PairRecord {
  @Field(() => ID, { description: 'Internal id of the stored record.' })
  id!: number;

  @Field(() => String, { description: 'Source of the record.' })
  source!: string;

  @Field(() => String, { description: "The record's id within its source." })
  externalId!: string;

  /** Set for the review queue, where the pair's customers are shown. */
  customerId?: string | null;
}

@ObjectType({ description: 'Why two records of a customer were linked: their score and the weight of every comparison.' })
export class PairExplanation {
  @Field(() => PairRecord, { description: 'One record of the pair.' })
  left!: PairRecord;

  @Field(() => PairRecord, { description: 'The other record.' })
  right!: PairRecord;

  @Field(() => Float, { description: 'Match score: log2 odds, the prior weight plus the comparison weights.' })
  score!: number;

  @Field(() => Float, { description: 'Match probability of the score.' })
  probability!: number;

  @Field(() => String, { nullable: true, description: 'The deterministic rule that linked the pair (`sameEmail`, `samePhoneSimilarName`, `stewardMerge`), if any.' })
  rule!: string | null;

  @Field(() => Float, { description: 'Weight of the prior odds of a match, log2(λ/(1−λ)).' })
  priorWeight!: number;

  @Field(() => [ComparisonWeight], { description: 'Every comparison of the model, in model order.' })
  comparisons!: ComparisonWeight[];
}

@ObjectType({ description: 'A record pair scored between the review and link thresholds, queued for a steward.' })
export class MatchReview {
  @Field(() => ID, { description: 'Review number; pass it to `reviewMatch`.' })
  id!: number;

  @Field(() => MatchReviewStatus, { description: 'Pending, or what a steward decided.' })
  status!: MatchReviewStatus;

  @Field(() => Float, { description: 'Match score (log2 odds) when queued.' })
  score!: number;

  @Field(() => Float, { nullable: true, description: 'Match probability when queued.' })
  probability!: number | null;

  @Field(() => [ComparisonWeight], { description: 'Level and weight of every comparison when queued.' })
  comparisons!: ComparisonWeight[];

  @Field(() => String, { nullable: true, description: 'Who decided it.' })
  decidedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When it was queued.' })
  createdAt!: Date;

  /** Record ids of the pair; the records and their customers are field resolvers. */
  recordA!: number;
  recordB!: number;
}

export const { EdgeType: MatchReviewEdge, ConnectionType: MatchReviewConnection } = connectionOf(MatchReview, 'MatchReview', 'match reviews');
