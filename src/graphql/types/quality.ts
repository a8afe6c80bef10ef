import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Data quality of one canonical field within one source.' })
export class FieldQuality {
  @Field(() => String, { description: 'Canonical field (email, phone, birthDate, …).' })
  field!: string;

  @Field(() => Int, { description: 'Active records holding a value for the field.' })
  present!: number;

  @Field(() => Float, { description: 'Share of active records holding a value, 0 to 1.' })
  completeness!: number;

  @Field(() => Int, { description: 'Open quarantine entries blamed on this field.' })
  invalid!: number;

  @Field(() => Float, { description: 'Usable share of the values offered: present / (present + invalid), 0 to 1.' })
  validity!: number;

  @Field(() => Int, { description: 'Corrections made to this field (typos fixed, values dropped or filled).' })
  corrections!: number;
}

@ObjectType({ description: 'A count per reason code.' })
export class ReasonCount {
  @Field(() => String, { description: 'Reason code, e.g. INVALID_EMAIL or EMAIL_DOMAIN_TYPO.' })
  reason!: string;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@ObjectType({ description: 'Data quality of one source, counted from the stored records.' })
export class SourceQuality {
  @Field(() => String, { description: 'Source name.' })
  source!: string;

  @Field(() => Int, { description: 'Records of the source currently loaded (not deleted upstream).' })
  activeRecords!: number;

  @Field(() => Int, { description: "Exact duplicates collapsed by the source's latest completed run." })
  duplicatesRemoved!: number;

  @Field(() => [ReasonCount], { description: 'Open quarantine entries by reason code.' })
  quarantinedByReason!: ReasonCount[];

  @Field(() => [ReasonCount], { description: 'Corrections by reason code.' })
  correctionsByReason!: ReasonCount[];

  @Field(() => [FieldQuality], { description: 'Per-field completeness, validity and corrections.' })
  fields!: FieldQuality[];
}
