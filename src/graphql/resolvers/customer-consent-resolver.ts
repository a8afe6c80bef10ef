import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CustomerConsent as StoredConsent } from '../../store/customer-consent-repository';
import type { GraphQLContext } from '../context';
import { Customer } from '../types/customer';
import { CustomerConsent, type ConsentStatement } from '../types/customer-consent';

function statement(consents: readonly StoredConsent[], channel: StoredConsent['channel']): ConsentStatement | null {
  const found = consents.find((consent) => consent.channel === channel);
  return found ? { granted: found.granted, source: found.source, recordedAt: found.recordedAt } : null;
}

/** Customer.consent, read through a per-request DataLoader: one statement per page of customers. */
@Resolver(() => Customer)
export class CustomerConsentResolver {
  @FieldResolver(() => CustomerConsent, { nullable: true, description: 'Marketing consent per channel (email, SMS), with the source and time of the statement that decided it.' })
  async consent(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<CustomerConsent> {
    const consents = await ctx.loaders.consentByCustomerId.load(customer.id);
    return { emailMarketing: statement(consents, 'email_marketing'), smsMarketing: statement(consents, 'sms_marketing') };
  }
}
