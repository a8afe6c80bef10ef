import { Field, InputType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar, EmailAddressScalar } from '../scalars';

// Enum values equal their names: the federation subgraph schema is rebuilt from SDL, which
// keeps names only.
export enum CustomerOrderField {
  ID = 'ID',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  LIFETIME_VALUE = 'LIFETIME_VALUE',
}
registerEnumType(CustomerOrderField, {
  name: 'CustomerOrderField',
  description: 'What a customer list is sorted by; the id always breaks ties. Names are stored encrypted, so lists cannot be sorted by name.',
  valuesConfig: {
    ID: { description: 'The customer id (the default).' },
    CREATED_AT: { description: 'When the golden record was created.' },
    UPDATED_AT: { description: 'When a golden field last changed.' },
    LIFETIME_VALUE: { description: 'Lifetime value; customers without one count as 0.' },
  },
});

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

@InputType({ description: 'How to sort customers.' })
export class CustomerOrder {
  @Field(() => CustomerOrderField, { description: 'The field to sort by.' })
  field!: CustomerOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending (default) or descending.' })
  direction!: OrderDirection;
}

@InputType({ description: 'A time range: from (inclusive) and to (exclusive); either may be left open.' })
export class DateTimeRange {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive start.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive end.' })
  to?: Date | null;
}

@InputType({ description: 'A decimal range, both ends inclusive; either may be left open.' })
export class DecimalRange {
  @Field(() => DecimalScalar, { nullable: true, description: 'Smallest value included.' })
  min?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Largest value included.' })
  max?: string | null;
}

@InputType({ description: 'Conditions a customer must all meet to be listed (or counted).' })
export class CustomerFilter {
  @Field(() => [String], { nullable: true, description: 'Any of these countries (ISO 3166-1 alpha-2).' })
  country?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Customers with at least one record from any of these sources.' })
  source?: string[] | null;

  @Field(() => DateTimeRange, { nullable: true, description: 'When the golden record was created.' })
  createdAt?: DateTimeRange | null;

  @Field(() => DateTimeRange, { nullable: true, description: 'When a golden field last changed.' })
  updatedAt?: DateTimeRange | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only customers with an email address; false: only those without.' })
  hasEmail?: boolean | null;

  @Field(() => DecimalRange, { nullable: true, description: 'Lifetime value range (customers without one are left out).' })
  lifetimeValue?: DecimalRange | null;

  @Field(() => EmailAddressScalar, { nullable: true, description: 'Exactly this email address, normalized first (case, spaces, known domain typos).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Exactly this phone number, normalized to E.164 first (give the country code, e.g. +49 …).' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Given or family name starting with this text, any case.' })
  namePrefix?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only customers whose current email marketing consent is a grant (a marketing export); false: only those without one (withdrawn, refused or never stated).',
  })
  emailMarketingConsent?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only customers whose current SMS marketing consent is a grant; false: only those without one.' })
  smsMarketingConsent?: boolean | null;
}
