import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What eraseCustomer removed. The person cannot be read again, and later syncs keep them out.' })
export class ErasureResult {
  @Field(() => ID, { description: 'The erased customer id (it no longer resolves).' })
  customerId!: string;

  @Field(() => Int, { description: 'Golden records removed: the customer and ids merged into it.' })
  customers!: number;

  @Field(() => Int, { description: 'Source records removed.' })
  sourceRecords!: number;

  @Field(() => Int, { description: 'Quarantine rows removed (of those records, or holding their emails or phones).' })
  quarantine!: number;

  @Field(() => Int, { description: 'Audit entries concerning the customer whose details were redacted.' })
  auditEntriesRedacted!: number;

  @Field(() => Int, { description: 'Suppression digests added (emails, phones, source keys; no plaintext).' })
  suppressions!: number;
}
