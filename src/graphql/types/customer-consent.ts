import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';

@ObjectType({ description: "A customer's current word on one marketing channel: the most recent statement any of its source records makes, grant or withdrawal." })
export class ConsentStatement {
  @Field(() => Boolean, { description: 'true: the customer agreed to marketing on this channel; false: refused or withdrew it.' })
  granted!: boolean;

  @Field(() => String, { description: 'Name of the source whose record made the statement.' })
  source!: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the consent was given or withdrawn: the source's consent time, else the record's own update time, else when the sync loaded the record.",
  })
  recordedAt!: Date | null;
}

@ObjectType({ description: 'Marketing consent of a customer per channel; a channel no source speaks about is null (no consent known: do not contact).' })
export class CustomerConsent {
  @Field(() => ConsentStatement, { nullable: true, description: 'Consent to marketing by email.' })
  emailMarketing!: ConsentStatement | null;

  @Field(() => ConsentStatement, { nullable: true, description: 'Consent to marketing by SMS.' })
  smsMarketing!: ConsentStatement | null;
}
