import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum IngestStatus {
  INSERTED = 'inserted',
  UPDATED = 'updated',
  UNCHANGED = 'unchanged',
  DUPLICATE = 'duplicate',
  QUARANTINED = 'quarantined',
}

registerEnumType(IngestStatus, {
  name: 'IngestStatus',
  description: 'What happened to one pushed record.',
  valuesConfig: {
    INSERTED: { description: 'A new source record was stored.' },
    UPDATED: { description: 'The stored record with this id changed.' },
    UNCHANGED: { description: 'The stored record already had this content; nothing was written.' },
    DUPLICATE: { description: 'Same content as an earlier record of the same call.' },
    QUARANTINED: { description: 'Not loaded: see reasonCode and message; kept in quarantine.' },
  },
});

@ObjectType({ description: 'The outcome for one pushed record, in the order they were sent.' })
export class IngestedRecord {
  @Field(() => Int, { description: 'Position of the record in the `records` argument.' })
  index!: number;

  @Field(() => String, { nullable: true, description: "The record's id within the source, when it had one." })
  externalId!: string | null;

  @Field(() => IngestStatus, { description: 'What happened to the record.' })
  status!: IngestStatus;

  @Field(() => String, { nullable: true, description: 'Quarantine reason code, e.g. INVALID_EMAIL or MISSING_REQUIRED.' })
  reasonCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Human-readable explanation, naming the field.' })
  message!: string | null;
}

@ObjectType({ description: 'The outcome of one ingestRecords call: a sync run of the push source.' })
export class IngestResult {
  @Field(() => Int, { description: 'The sync run recorded for this call.' })
  syncRunId!: number;

  @Field(() => Int, { description: 'Records received.' })
  read!: number;

  @Field(() => Int, { description: 'Records stored for the first time.' })
  inserted!: number;

  @Field(() => Int, { description: 'Stored records whose content changed.' })
  updated!: number;

  @Field(() => Int, { description: 'Records identical to what was stored.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records quarantined with a reason.' })
  quarantined!: number;

  @Field(() => Int, { description: 'Exact repeats within this call.' })
  duplicates!: number;

  @Field(() => [IngestedRecord], { description: 'Per-record outcomes, in the order sent.' })
  records!: IngestedRecord[];
}
