import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { normalizeEmail } from '../../normalize/email';
import { normalizePhone } from '../../normalize/phone';
import type { Customer as StoredCustomer } from '../../store/customer-columns';
import type { CustomerSearch } from '../../store/customer-search-repository';
import type { GraphQLContext } from '../context';
import { badUserInput } from '../errors';
import { MAX_PAGE_SIZE, pageSize } from '../paging';
import { Customer } from '../types/customer';

const PHONE_LIKE = /^[+()\d\s./-]{6,}$/;

/** Reads a free-text query as an email, a phone number and/or name tokens, normalized like source data. */
export function parseSearch(text: string): CustomerSearch {
  const query = text.trim();
  // One Han character is a whole surname; one Latin letter matches too much to be useful.
  if (query.length < 2 && !/\p{Script=Han}/u.test(query)) throw badUserInput('"query" needs at least 2 characters (1 for a Han name)', 'query');
  const search: CustomerSearch = { nameTokens: [] };
  if (query.includes('@')) {
    const email = normalizeEmail(query);
    if (email.ok) search.email = email.value;
    return search;
  }
  if (PHONE_LIKE.test(query)) {
    const phone = normalizePhone(query);
    if (phone.ok) search.phone = phone.value.e164;
    return search;
  }
  search.nameTokens = query.toLowerCase().split(/[\s,]+/).filter((token) => token !== '').slice(0, 5);
  return search;
}

@Resolver()
export class CustomerSearchResolver {
  @Query(() => [Customer], {
    description:
      'Finds customers by an email address or phone number (normalized first, exact match) or by name (every word must start the given, family or pinyin name; whole-name matches rank first), within the caller’s scope. Best matches first.',
  })
  async searchCustomers(
    @Arg('query', () => String, { description: 'An email, a phone number with its country code, or name words, e.g. "zhang wei".' }) query: string,
    @Arg('first', () => Int, { nullable: true, description: `How many customers at most, 1 to ${MAX_PAGE_SIZE}; default 20.` }) first: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredCustomer[]> {
    return ctx.repos.customerSearch.search(parseSearch(query), pageSize(first), ctx.principal.scope);
  }
}
