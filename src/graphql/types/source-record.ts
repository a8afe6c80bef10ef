import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONObjectScalar } from '../scalars';

@ObjectType({ description: 'One record as a source holds it: the raw values beside the normalized ones.' })
export class SourceRecord {
  @Field(() => ID, { description: 'Internal id of the stored record.' })
  id!: number;

  @Field(() => String, { description: 'Name of the source the record came from, as configured.' })
  source!: string;

  @Field(() => String, { description: "The record's id within its source (the source's primary key)." })
  externalId!: string;

  @Field(() => JSONObjectScalar, { description: 'Values exactly as extracted from the source.' })
  raw!: Record<string, unknown>;

  @Field(() => JSONObjectScalar, { description: 'Values after mapping to canonical fields and normalization.' })
  normalized!: Record<string, unknown>;

  @Field(() => [JSONObjectScalar], {
    description: 'Every change normalization made beyond formatting: `{field, raw, value, reason}` (typo fixed, value dropped or filled).',
  })
  corrections!: Record<string, unknown>[];

  @Field(() => DateTimeScalar, { description: 'When the record was first loaded.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the record's content last changed." })
  updatedAt!: Date;
}
