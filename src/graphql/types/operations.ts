import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { connectionOf } from './connection-factory';

@ObjectType({ description: 'One run of one source through extract, normalize and load. Its counts reconcile: read = inserted + updated + unchanged + quarantined + duplicates.' })
export class SyncRun {
  @Field(() => ID, { description: 'Run number.' })
  id!: number;

  @Field(() => String, { description: 'Source name.' })
  source!: string;

  @Field(() => String, { description: '`running`, `succeeded` or `failed`.' })
  status!: string;

  @Field(() => Boolean, { description: 'Whether the run only compared and wrote nothing.' })
  dryRun!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the run started.' })
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the run ended; null while running.' })
  finishedAt!: Date | null;

  @Field(() => Int, { description: 'Records read from the source.' })
  read!: number;

  @Field(() => Int, { description: 'Records stored for the first time.' })
  inserted!: number;

  @Field(() => Int, { description: 'Stored records whose content changed.' })
  updated!: number;

  @Field(() => Int, { description: 'Records identical to what was stored (not written).' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records quarantined with a reason.' })
  quarantined!: number;

  @Field(() => Int, { description: 'Exact repeats of an earlier record of the same run.' })
  duplicates!: number;

  @Field(() => Int, { description: 'Stored records a complete snapshot no longer contained, marked deleted.' })
  deleted!: number;

  @Field(() => String, { nullable: true, description: 'Why the run failed, naming the source and location.' })
  error!: string | null;
}

@ObjectType({ description: 'A record that could not be loaded, kept with its reason and raw text.' })
export class QuarantineEntry {
  @Field(() => ID, { description: 'Entry number.' })
  id!: number;

  @Field(() => String, { description: 'Source name.' })
  source!: string;

  @Field(() => Int, { nullable: true, description: 'The sync run that quarantined it.' })
  syncRunId!: number | null;

  @Field(() => String, { description: 'Where in the source: `file.csv:12`, `page 3 #4`, `record #0`.' })
  location!: string;

  @Field(() => String, { nullable: true, description: "The record's id within its source, when known." })
  externalId!: string | null;

  @Field(() => String, { nullable: true, description: 'The source field at fault, when one is.' })
  field!: string | null;

  @Field(() => String, { description: 'Reason code, e.g. MALFORMED_ROW, INVALID_EMAIL, BAD_DATE, MISSING_REQUIRED.' })
  reasonCode!: string;

  @Field(() => String, { description: 'Human-readable explanation.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The raw row or record as read.' })
  raw!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was quarantined.' })
  createdAt!: Date;
}

export const { EdgeType: SyncRunEdge, ConnectionType: SyncRunConnection } = connectionOf(SyncRun, 'SyncRun', 'sync runs');
export const { EdgeType: QuarantineEntryEdge, ConnectionType: QuarantineEntryConnection } = connectionOf(QuarantineEntry, 'QuarantineEntry', 'quarantine entries');
