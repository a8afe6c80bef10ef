import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar, PartialDateScalar } from '../scalars';

// A federation entity: other subgraphs extend Customer and reach it by id through `_entities`.
// Contact and address fields (emails, phones, email, phone, addresses) are resolved in
// CustomerProfileResolver from the stored columns.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A golden customer: one person, resolved from the records of every source.' })
export class Customer {
  @Field(() => ID, { description: 'Stable id. When customers merge, the older id survives and retired ids keep resolving to it.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Given (first) name.' })
  givenName!: string | null;

  @Field(() => String, { nullable: true, description: 'Family (last) name.' })
  familyName!: string | null;

  @Field(() => String, { nullable: true, description: 'Full name as written in its script: "Wei Zhang", or family name first without a space for Han names ("张伟").' })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'Pinyin of a Han given name, when the given name is written in Han characters.' })
  givenNamePinyin!: string | null;

  @Field(() => String, { nullable: true, description: 'Pinyin of a Han family name, when the family name is written in Han characters.' })
  familyNamePinyin!: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Date of birth: YYYY-MM-DD, or the year alone for roles that may see only the year.' })
  birthDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Gender as the most recent source that states one gives it (normalized code, e.g. "female", "male").' })
  gender!: string | null;

  @Field(() => String, { nullable: true, description: 'Country, ISO 3166-1 alpha-2.' })
  country!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Sum of the lifetime values of the linked source records, in `lifetimeValueCurrency` (the configured base currency when set); null when no source states one or sources disagree on currency without a base currency.',
  })
  lifetimeValue!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of `lifetimeValue`.' })
  lifetimeValueCurrency!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Earliest signup (or, without one, first load) among the linked source records.' })
  firstSeenAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Latest update among the linked source records.' })
  lastSeenAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the golden record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When any golden field last changed.' })
  updatedAt!: Date;
}
