import { Field, ObjectType } from 'type-graphql';
import { EmailAddressScalar } from '../scalars';

@ObjectType({ description: 'One email address of a customer, with where it came from.' })
export class CustomerEmail {
  /** The customer it belongs to: the audit trail names it when the address is read unmasked. */
  customerId!: string;

  @Field(() => EmailAddressScalar, { nullable: true, description: 'The normalized address (masked for roles that see it masked).' })
  address!: string;

  @Field(() => Boolean, { description: 'Whether survivorship ranked this address first (most recent, then most trusted source).' })
  primary!: boolean;

  @Field(() => [String], { description: 'Names of the sources that hold this address.' })
  sources!: string[];
}

@ObjectType({ description: 'One phone number of a customer, with where it came from.' })
export class CustomerPhone {
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'The number in E.164 form, e.g. +8613800138000 (masked for roles that see it masked).' })
  number!: string;

  @Field(() => Boolean, { description: 'Whether survivorship ranked this number first.' })
  primary!: boolean;

  @Field(() => [String], { description: 'Names of the sources that hold this number.' })
  sources!: string[];
}

@ObjectType({ description: 'A postal address, normalized.' })
export class Address {
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'Street and number.' })
  line1!: string | null;

  @Field(() => String, { nullable: true, description: 'Apartment, floor, building.' })
  line2!: string | null;

  @Field(() => String, { nullable: true, description: 'City or locality.' })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'State, province or region (ISO 3166-2 subdivision code where known).' })
  region!: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code in the country’s format.' })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Country, ISO 3166-1 alpha-2.' })
  country!: string | null;
}
