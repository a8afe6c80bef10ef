import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONObjectScalar } from '../scalars';
import { connectionOf } from './connection-factory';

@ObjectType({ description: 'One accountable event: a request that returned unmasked personal data, or a mutation. Holds no personal data itself.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Entry number; later entries have larger numbers.' })
  id!: number;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  at!: Date;

  @Field(() => String, { description: 'Who: the token subject or `api-key:<name>`.' })
  actor!: string;

  @Field(() => String, { description: 'The role the actor acted in.' })
  role!: string;

  @Field(() => String, { description: '`read` for reads of personal data, else the mutation or command, e.g. `ingestRecords`, `eraseCustomer`, `keys.create`.' })
  action!: string;

  @Field(() => [String], { description: 'Golden customer ids concerned.' })
  customerIds!: string[];

  @Field(() => [String], { description: 'Personal fields returned unmasked, as `Type.field`.' })
  fields!: string[];

  @Field(() => JSONObjectScalar, { description: 'Non-personal context: operation name, arguments such as a source name, outcome counts.' })
  details!: Record<string, unknown>;
}

export const { EdgeType: AuditEntryEdge, ConnectionType: AuditEntryConnection } = connectionOf(AuditEntry, 'AuditEntry', 'audit entries');

@InputType({ description: 'Narrows the audit log; every given condition must hold.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Only this actor.' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. `read`.' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only entries concerning this customer.' })
  customerId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}
