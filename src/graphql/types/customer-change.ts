import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { PageInfo } from './connection';

// Values equal names: the federation subgraph schema is rebuilt from SDL, which keeps names only.
export enum CustomerChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  MERGED = 'MERGED',
  DELETED = 'DELETED',
}
registerEnumType(CustomerChangeKind, {
  name: 'CustomerChangeKind',
  description: 'What happened to a customer.',
  valuesConfig: {
    CREATED: { description: 'A new golden customer.' },
    UPDATED: { description: 'A golden field changed (or a merged or deleted id came back).' },
    MERGED: { description: 'The customer was merged into `mergedInto`; its id now resolves there.' },
    DELETED: { description: 'The customer no longer exists (its source records are gone, or it was erased).' },
  },
});

@ObjectType({ description: 'One entry of the customer change feed. It carries ids only: read the customer for its fields.' })
export class CustomerChange {
  @Field(() => ID, { description: 'Position in the feed; positions only grow.' })
  id!: number;

  @Field(() => ID, { description: 'The customer that changed.' })
  customerId!: string;

  @Field(() => CustomerChangeKind, { description: 'What happened.' })
  kind!: CustomerChangeKind;

  @Field(() => ID, { nullable: true, description: 'For MERGED: the surviving customer.' })
  mergedInto!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  changedAt!: Date;
}

@ObjectType({ description: 'A change in a page of the feed, with its cursor.' })
export class CustomerChangeEdge {
  @Field(() => String, { description: 'Opaque position; pass it as `after` to read on from here.' })
  cursor!: string;

  @Field(() => CustomerChange, { description: 'The change.' })
  node!: CustomerChange;
}

@ObjectType({ description: 'A page of the customer change feed, oldest first.' })
export class CustomerChangeConnection {
  @Field(() => [CustomerChangeEdge], { description: 'The changes of this page, in feed order.' })
  edges!: CustomerChangeEdge[];

  @Field(() => PageInfo, { description: 'endCursor is where the next read starts, even when hasNextPage is false: store it.' })
  pageInfo!: PageInfo;
}
