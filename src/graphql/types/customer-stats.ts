import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../scalars';

// Values equal names: the federation subgraph schema is rebuilt from SDL, which keeps names only.
export enum CustomerStatsDimension {
  COUNTRY = 'COUNTRY',
  SOURCE = 'SOURCE',
  SIGNUP_MONTH = 'SIGNUP_MONTH',
}
registerEnumType(CustomerStatsDimension, {
  name: 'CustomerStatsDimension',
  description: 'What customer statistics are grouped by.',
  valuesConfig: {
    COUNTRY: { description: 'The customer’s country.' },
    SOURCE: { description: 'Each source the customer has records in (a customer in two sources counts in both groups).' },
    SIGNUP_MONTH: { description: 'YYYY-MM of the earliest signup among the customer’s records (first load when none states one).' },
  },
});

@ObjectType({ description: 'Customer count and lifetime value of one group; grouping fields not asked for are null.' })
export class CustomerStatsGroup {
  @Field(() => String, { nullable: true, description: 'Country of the group (with COUNTRY); null also for customers without a country.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'Source of the group (with SOURCE).' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'Signup month of the group, YYYY-MM (with SIGNUP_MONTH).' })
  signupMonth!: string | null;

  @Field(() => Int, { description: 'Customers in the group.' })
  customers!: number;

  @Field(() => DecimalScalar, { description: 'Exact sum of their lifetime values (in the configured base currency; customers without one add 0).' })
  lifetimeValueSum!: string;
}
