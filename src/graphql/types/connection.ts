import { Field, ObjectType } from 'type-graphql';
import { Customer } from './customer';

@ObjectType({ description: 'Relay page information for cursor pagination.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow the last edge.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede the first edge.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge, if any.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A customer in a page, with its cursor.' })
export class CustomerEdge {
  @Field(() => String, { description: 'Opaque position of this customer in the list.' })
  cursor!: string;

  @Field(() => Customer, { description: 'The customer.' })
  node!: Customer;
}

@ObjectType({ description: 'A page of customers (Relay cursor connection).' })
export class CustomerConnection {
  @Field(() => [CustomerEdge], { description: 'The customers of this page, in order.' })
  edges!: CustomerEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
  pageInfo!: PageInfo;

  /** Counts the whole list; called only when a query selects `totalCount`. */
  countTotal!: () => Promise<number>;
}
