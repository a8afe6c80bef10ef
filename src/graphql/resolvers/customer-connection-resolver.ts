import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { CustomerConnection } from '../types/connection';

@Resolver(() => CustomerConnection)
export class CustomerConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of customers in the whole list, not only this page.' })
  async totalCount(@Root() connection: CustomerConnection): Promise<number> {
    return connection.countTotal();
  }
}
