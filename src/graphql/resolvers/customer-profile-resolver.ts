import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { ContactSources, Customer as StoredCustomer } from '../../store/customer-columns';
import { Customer } from '../types/customer';
import { Address, CustomerEmail, CustomerPhone } from '../types/customer-contact';
import { EmailAddressScalar } from '../scalars';

function contacts(customer: StoredCustomer, values: string[], sources: ContactSources): { customerId: string; value: string; primary: boolean; sources: string[] }[] {
  return values.map((value, index) => ({ customerId: customer.id, value, primary: index === 0, sources: sources[value] ?? [] }));
}

/** Contact and address fields, shaped from the stored golden columns (no further queries). */
@Resolver(() => Customer)
export class CustomerProfileResolver {
  @FieldResolver(() => [CustomerEmail], { nullable: true, description: 'Every distinct normalized email address from all sources, primary first.' })
  emails(@Root() customer: StoredCustomer): CustomerEmail[] {
    return contacts(customer, customer.emails, customer.emailSources).map(({ value, ...rest }) => ({ ...rest, address: value }));
  }

  @FieldResolver(() => [CustomerPhone], { nullable: true, description: 'Every distinct phone number (E.164) from all sources, primary first.' })
  phones(@Root() customer: StoredCustomer): CustomerPhone[] {
    return contacts(customer, customer.phones, customer.phoneSources).map(({ value, ...rest }) => ({ ...rest, number: value }));
  }

  @FieldResolver(() => EmailAddressScalar, { nullable: true, description: 'The primary email address (the first of `emails`).' })
  email(@Root() customer: StoredCustomer): string | null {
    return customer.emails[0] ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The primary phone number in E.164 form (the first of `phones`).' })
  phone(@Root() customer: StoredCustomer): string | null {
    return customer.phones[0] ?? null;
  }

  @FieldResolver(() => [Address], { nullable: true, description: 'Postal addresses; today the one golden address, when any part of it is known.' })
  addresses(@Root() customer: StoredCustomer): Address[] {
    const address: Address = {
      customerId: customer.id,
      line1: customer.addressLine1,
      line2: customer.addressLine2,
      city: customer.city,
      region: customer.region,
      postalCode: customer.postalCode,
      country: customer.country,
    };
    const known = [address.line1, address.line2, address.city, address.region, address.postalCode].some((part) => part !== null);
    return known ? [address] : [];
  }
}
