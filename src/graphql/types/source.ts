import { Field, Int, ObjectType } from 'type-graphql';
import { SyncRun } from './operations';

@ObjectType({ description: 'A source customer records come from, as configured and last synced.' })
export class Source {
  @Field(() => String, { description: 'Source name, as in the configuration and in SourceRecord.source.' })
  name!: string;

  @Field(() => String, { description: 'Connector kind: csv, json, ndjson, sql, rest or push.' })
  kind!: string;

  @Field(() => Int, { description: 'Survivorship trust rank; higher wins.' })
  trust!: number;

  @Field(() => Int, { description: 'Records currently held from this source.' })
  activeRecords!: number;

  @Field(() => Int, { description: 'Records the source no longer holds (deleted upstream).' })
  deletedRecords!: number;

  @Field(() => SyncRun, { nullable: true, description: 'The most recent sync run; null before the first.' })
  lastSyncRun!: SyncRun | null;
}
