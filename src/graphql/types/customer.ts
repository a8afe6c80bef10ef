import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, PartialDateScalar } from '../scalars';

// A federation entity: other subgraphs extend Customer and reach it by id through `_entities`.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A golden customer: one person, resolved from the records of every source.' })
export class Customer {
  @Field(() => ID, { description: 'Stable id. When customers merge, the older id survives and retired ids keep resolving to it.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Given (first) name.' })
  givenName!: string | null;

  @Field(() => String, { nullable: true, description: 'Family (last) name.' })
  familyName!: string | null;

  @Field(() => [String], { nullable: true, description: 'Distinct normalized email addresses from all sources; the first is primary.' })
  emails!: string[];

  @Field(() => [String], { nullable: true, description: 'Distinct phone numbers from all sources; the first is primary.' })
  phones!: string[];

  @Field(() => PartialDateScalar, { nullable: true, description: 'Date of birth: YYYY-MM-DD, or the year alone for roles that may see only the year.' })
  birthDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Country, ISO 3166-1 alpha-2.' })
  country!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the golden record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When any golden field last changed.' })
  updatedAt!: Date;
}
