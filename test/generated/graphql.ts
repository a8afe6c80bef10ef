/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** An exact decimal number serialized as a string, e.g. "1234.5". Money amounts use it. */
  Decimal: { input: string; output: string; }
  /** An email address (RFC 5321 dot-atom local part; internationalised domains allowed), normalized to lower case. */
  EmailAddress: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** An ISO 8601 calendar date, possibly reduced: YYYY, YYYY-MM or YYYY-MM-DD. */
  PartialDate: { input: string; output: string; }
  /** Federation: an entity representation, `{ __typename, ...key fields }`. */
  _Any: { input: any; output: any; }
  /** Federation / link spec type used by the spec directives. */
  federation__FieldSet: { input: any; output: any; }
  /** Federation / link spec type used by the spec directives. */
  federation__Policy: { input: any; output: any; }
  /** Federation / link spec type used by the spec directives. */
  federation__Scope: { input: any; output: any; }
  /** Federation / link spec type used by the spec directives. */
  link__Import: { input: any; output: any; }
};

/** A postal address, normalized. */
export type Address = {
  __typename?: 'Address';
  /** City or locality. */
  city?: Maybe<Scalars['String']['output']>;
  /** Country, ISO 3166-1 alpha-2. */
  country?: Maybe<Scalars['String']['output']>;
  /** Street and number. */
  line1?: Maybe<Scalars['String']['output']>;
  /** Apartment, floor, building. */
  line2?: Maybe<Scalars['String']['output']>;
  /** Postal code in the country’s format. */
  postalCode?: Maybe<Scalars['String']['output']>;
  /** State, province or region (ISO 3166-2 subdivision code where known). */
  region?: Maybe<Scalars['String']['output']>;
};

/** One accountable event: a request that returned unmasked personal data, or a mutation. Holds no personal data itself. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** `read` for reads of personal data, else the mutation or command, e.g. `ingestRecords`, `eraseCustomer`, `keys.create`. */
  action: Scalars['String']['output'];
  /** Who: the token subject or `api-key:<name>`. */
  actor: Scalars['String']['output'];
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** Golden customer ids concerned. */
  customerIds: Array<Scalars['String']['output']>;
  /** Non-personal context: operation name, arguments such as a source name, outcome counts. */
  details: Scalars['JSONObject']['output'];
  /** Personal fields returned unmasked, as `Type.field`. */
  fields: Array<Scalars['String']['output']>;
  /** Entry number; later entries have larger numbers. */
  id: Scalars['ID']['output'];
  /** The role the actor acted in. */
  role: Scalars['String']['output'];
};

/** A page of audit entries (Relay cursor connection). */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The items of this page, in order. */
  edges: Array<AuditEntryEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items in the whole list, not only this page. */
  totalCount: Scalars['Int']['output'];
};

/** audit entries in a page, with its cursor. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AuditEntry;
};

/** Narrows the audit log; every given condition must hold. */
export type AuditLogFilter = {
  /** Only this action, e.g. `read`. */
  action?: InputMaybe<Scalars['String']['input']>;
  /** Only this actor. */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** Only entries concerning this customer. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** At or after this time. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before this time. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One comparison of a record pair: the level it reached and the Fellegi–Sunter weight of that level. */
export type ComparisonWeight = {
  __typename?: 'ComparisonWeight';
  /** The comparison, e.g. `givenName`, `birthDate`. */
  comparison: Scalars['String']['output'];
  /** The level reached, e.g. `exact`, `jaroWinkler92`, `nickname`, `null` (a value missing). */
  level: Scalars['String']['output'];
  /** P(level | same person). */
  m: Scalars['Float']['output'];
  /** P(level | different people). */
  u: Scalars['Float']['output'];
  /** Match weight log2(m/u); 0 for a missing value. */
  weight: Scalars['Float']['output'];
};

/** A customer's current word on one marketing channel: the most recent statement any of its source records makes, grant or withdrawal. */
export type ConsentStatement = {
  __typename?: 'ConsentStatement';
  /** true: the customer agreed to marketing on this channel; false: refused or withdrew it. */
  granted: Scalars['Boolean']['output'];
  /** When the consent was given or withdrawn: the source's consent time, else the record's own update time, else when the sync loaded the record. */
  recordedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Name of the source whose record made the statement. */
  source: Scalars['String']['output'];
};

/** A golden customer: one person, resolved from the records of every source. */
export type Customer = {
  __typename?: 'Customer';
  /** Postal addresses; today the one golden address, when any part of it is known. */
  addresses?: Maybe<Array<Address>>;
  /** Date of birth: YYYY-MM-DD, or the year alone for roles that may see only the year. */
  birthDate?: Maybe<Scalars['PartialDate']['output']>;
  /** Marketing consent per channel (email, SMS), with the source and time of the statement that decided it. */
  consent?: Maybe<CustomerConsent>;
  /** Country, ISO 3166-1 alpha-2. */
  country?: Maybe<Scalars['String']['output']>;
  /** When the golden record was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The primary email address (the first of `emails`). */
  email?: Maybe<Scalars['EmailAddress']['output']>;
  /** Every distinct normalized email address from all sources, primary first. */
  emails?: Maybe<Array<CustomerEmail>>;
  /** Family (last) name. */
  familyName?: Maybe<Scalars['String']['output']>;
  /** Pinyin of a Han family name, when the family name is written in Han characters. */
  familyNamePinyin?: Maybe<Scalars['String']['output']>;
  /** Earliest signup (or, without one, first load) among the linked source records. */
  firstSeenAt?: Maybe<Scalars['DateTime']['output']>;
  /** Full name as written in its script: "Wei Zhang", or family name first without a space for Han names ("张伟"). */
  fullName?: Maybe<Scalars['String']['output']>;
  /** Gender as the most recent source that states one gives it (normalized code, e.g. "female", "male"). */
  gender?: Maybe<Scalars['String']['output']>;
  /** Given (first) name. */
  givenName?: Maybe<Scalars['String']['output']>;
  /** Pinyin of a Han given name, when the given name is written in Han characters. */
  givenNamePinyin?: Maybe<Scalars['String']['output']>;
  /** Stable id. When customers merge, the older id survives and retired ids keep resolving to it. */
  id: Scalars['ID']['output'];
  /** Latest update among the linked source records. */
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  /** Sum of the lifetime values of the linked source records, in `lifetimeValueCurrency` (the configured base currency when set); null when no source states one or sources disagree on currency without a base currency. */
  lifetimeValue?: Maybe<Scalars['Decimal']['output']>;
  /** ISO 4217 currency of `lifetimeValue`. */
  lifetimeValueCurrency?: Maybe<Scalars['String']['output']>;
  /** For every golden field: the source record its value came from and the survivorship rule that chose it. */
  lineage?: Maybe<Array<FieldLineage>>;
  /** Which record pairs linked this customer's records, with their scores and per-comparison weights (recomputed with the stored model). */
  matchExplanation?: Maybe<Array<PairExplanation>>;
  /** The primary phone number in E.164 form (the first of `phones`). */
  phone?: Maybe<Scalars['String']['output']>;
  /** Every distinct phone number (E.164) from all sources, primary first. */
  phones?: Maybe<Array<CustomerPhone>>;
  /** The source records resolved into this customer. */
  sourceRecords?: Maybe<Array<SourceRecord>>;
  /** When any golden field last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** One entry of the customer change feed. It carries ids only: read the customer for its fields. */
export type CustomerChange = {
  __typename?: 'CustomerChange';
  /** When the change was committed. */
  changedAt: Scalars['DateTime']['output'];
  /** The customer as it is now (the survivor for a merged id); null once deleted or out of scope. */
  customer?: Maybe<Customer>;
  /** The customer that changed. */
  customerId: Scalars['ID']['output'];
  /** Position in the feed; positions only grow. */
  id: Scalars['ID']['output'];
  /** What happened. */
  kind: CustomerChangeKind;
  /** For MERGED: the surviving customer. */
  mergedInto?: Maybe<Scalars['ID']['output']>;
};

/** A page of the customer change feed, oldest first. */
export type CustomerChangeConnection = {
  __typename?: 'CustomerChangeConnection';
  /** The changes of this page, in feed order. */
  edges: Array<CustomerChangeEdge>;
  /** endCursor is where the next read starts, even when hasNextPage is false: store it. */
  pageInfo: PageInfo;
};

/** A change in a page of the feed, with its cursor. */
export type CustomerChangeEdge = {
  __typename?: 'CustomerChangeEdge';
  /** Opaque position; pass it as `after` to read on from here. */
  cursor: Scalars['String']['output'];
  /** The change. */
  node: CustomerChange;
};

/** What happened to a customer. */
export type CustomerChangeKind =
  /** A new golden customer. */
  | 'CREATED'
  /** The customer no longer exists (its source records are gone, or it was erased). */
  | 'DELETED'
  /** The customer was merged into `mergedInto`; its id now resolves there. */
  | 'MERGED'
  /** A golden field changed (or a merged or deleted id came back). */
  | 'UPDATED';

/** A page of customers (Relay cursor connection). */
export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  /** The customers of this page, in order. */
  edges: Array<CustomerEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of customers in the whole list, not only this page. */
  totalCount: Scalars['Int']['output'];
};

/** Marketing consent of a customer per channel; a channel no source speaks about is null (no consent known: do not contact). */
export type CustomerConsent = {
  __typename?: 'CustomerConsent';
  /** Consent to marketing by email. */
  emailMarketing?: Maybe<ConsentStatement>;
  /** Consent to marketing by SMS. */
  smsMarketing?: Maybe<ConsentStatement>;
};

/** A customer in a page, with its cursor. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** Opaque position of this customer in the list. */
  cursor: Scalars['String']['output'];
  /** The customer. */
  node: Customer;
};

/** One email address of a customer, with where it came from. */
export type CustomerEmail = {
  __typename?: 'CustomerEmail';
  /** The normalized address (masked for roles that see it masked). */
  address?: Maybe<Scalars['EmailAddress']['output']>;
  /** Whether survivorship ranked this address first (most recent, then most trusted source). */
  primary: Scalars['Boolean']['output'];
  /** Names of the sources that hold this address. */
  sources: Array<Scalars['String']['output']>;
};

/** Conditions a customer must all meet to be listed (or counted). */
export type CustomerFilter = {
  /** Any of these countries (ISO 3166-1 alpha-2). */
  country?: InputMaybe<Array<Scalars['String']['input']>>;
  /** When the golden record was created. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Exactly this email address, normalized first (case, spaces, known domain typos). */
  email?: InputMaybe<Scalars['EmailAddress']['input']>;
  /** true: only customers whose current email marketing consent is a grant (a marketing export); false: only those without one (withdrawn, refused or never stated). */
  emailMarketingConsent?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: only customers with an email address; false: only those without. */
  hasEmail?: InputMaybe<Scalars['Boolean']['input']>;
  /** Lifetime value range (customers without one are left out). */
  lifetimeValue?: InputMaybe<DecimalRange>;
  /** Given or family name starting with this text, any case. */
  namePrefix?: InputMaybe<Scalars['String']['input']>;
  /** Exactly this phone number, normalized to E.164 first (give the country code, e.g. +49 …). */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** true: only customers whose current SMS marketing consent is a grant; false: only those without one. */
  smsMarketingConsent?: InputMaybe<Scalars['Boolean']['input']>;
  /** Customers with at least one record from any of these sources. */
  source?: InputMaybe<Array<Scalars['String']['input']>>;
  /** When a golden field last changed. */
  updatedAt?: InputMaybe<DateTimeRange>;
};

/** How to sort customers. */
export type CustomerOrder = {
  /** Ascending (default) or descending. */
  direction?: OrderDirection;
  /** The field to sort by. */
  field: CustomerOrderField;
};

/** What a customer list is sorted by; the id always breaks ties. Names are stored encrypted, so lists cannot be sorted by name. */
export type CustomerOrderField =
  /** When the golden record was created. */
  | 'CREATED_AT'
  /** The customer id (the default). */
  | 'ID'
  /** Lifetime value; customers without one count as 0. */
  | 'LIFETIME_VALUE'
  /** When a golden field last changed. */
  | 'UPDATED_AT';

/** One phone number of a customer, with where it came from. */
export type CustomerPhone = {
  __typename?: 'CustomerPhone';
  /** The number in E.164 form, e.g. +8613800138000 (masked for roles that see it masked). */
  number?: Maybe<Scalars['String']['output']>;
  /** Whether survivorship ranked this number first. */
  primary: Scalars['Boolean']['output'];
  /** Names of the sources that hold this number. */
  sources: Array<Scalars['String']['output']>;
};

/** What customer statistics are grouped by. */
export type CustomerStatsDimension =
  /** The customer’s country. */
  | 'COUNTRY'
  /** YYYY-MM of the earliest signup among the customer’s records (first load when none states one). */
  | 'SIGNUP_MONTH'
  /** Each source the customer has records in (a customer in two sources counts in both groups). */
  | 'SOURCE';

/** Customer count and lifetime value of one group; grouping fields not asked for are null. */
export type CustomerStatsGroup = {
  __typename?: 'CustomerStatsGroup';
  /** Country of the group (with COUNTRY); null also for customers without a country. */
  country?: Maybe<Scalars['String']['output']>;
  /** Customers in the group. */
  customers: Scalars['Int']['output'];
  /** Exact sum of their lifetime values (in the configured base currency; customers without one add 0). */
  lifetimeValueSum: Scalars['Decimal']['output'];
  /** Signup month of the group, YYYY-MM (with SIGNUP_MONTH). */
  signupMonth?: Maybe<Scalars['String']['output']>;
  /** Source of the group (with SOURCE). */
  source?: Maybe<Scalars['String']['output']>;
};

/** A time range: from (inclusive) and to (exclusive); either may be left open. */
export type DateTimeRange = {
  /** Inclusive start. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive end. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A decimal range, both ends inclusive; either may be left open. */
export type DecimalRange = {
  /** Largest value included. */
  max?: InputMaybe<Scalars['Decimal']['input']>;
  /** Smallest value included. */
  min?: InputMaybe<Scalars['Decimal']['input']>;
};

/** What eraseCustomer removed. The person cannot be read again, and later syncs keep them out. */
export type ErasureResult = {
  __typename?: 'ErasureResult';
  /** Audit entries concerning the customer whose details were redacted. */
  auditEntriesRedacted: Scalars['Int']['output'];
  /** The erased customer id (it no longer resolves). */
  customerId: Scalars['ID']['output'];
  /** Golden records removed: the customer and ids merged into it. */
  customers: Scalars['Int']['output'];
  /** Quarantine rows removed (of those records, or holding their emails or phones). */
  quarantine: Scalars['Int']['output'];
  /** Source records removed. */
  sourceRecords: Scalars['Int']['output'];
  /** Suppression digests added (emails, phones, source keys; no plaintext). */
  suppressions: Scalars['Int']['output'];
};

/** Where one golden field of a customer came from. */
export type FieldLineage = {
  __typename?: 'FieldLineage';
  /** That record's id within its source. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** The golden field, e.g. `givenName`, `emails`. */
  field: Scalars['String']['output'];
  /** The survivorship rule that chose the value: `sourceTrust`, `mostRecent`, `mostComplete`, `mostFrequent`, or `steward_override`. */
  rule: Scalars['String']['output'];
  /** Source of that record. */
  source?: Maybe<Scalars['String']['output']>;
  /** Internal id of the source record the value was taken from; null for a steward override. */
  sourceRecordId?: Maybe<Scalars['ID']['output']>;
};

/** Data quality of one canonical field within one source. */
export type FieldQuality = {
  __typename?: 'FieldQuality';
  /** Share of active records holding a value, 0 to 1. */
  completeness: Scalars['Float']['output'];
  /** Corrections made to this field (typos fixed, values dropped or filled). */
  corrections: Scalars['Int']['output'];
  /** Canonical field (email, phone, birthDate, …). */
  field: Scalars['String']['output'];
  /** Open quarantine entries blamed on this field. */
  invalid: Scalars['Int']['output'];
  /** Active records holding a value for the field. */
  present: Scalars['Int']['output'];
  /** Usable share of the values offered: present / (present + invalid), 0 to 1. */
  validity: Scalars['Float']['output'];
};

/** The outcome of one ingestRecords call: a sync run of the push source. */
export type IngestResult = {
  __typename?: 'IngestResult';
  /** Exact repeats within this call. */
  duplicates: Scalars['Int']['output'];
  /** Records stored for the first time. */
  inserted: Scalars['Int']['output'];
  /** Records quarantined with a reason. */
  quarantined: Scalars['Int']['output'];
  /** Records received. */
  read: Scalars['Int']['output'];
  /** Per-record outcomes, in the order sent. */
  records: Array<IngestedRecord>;
  /** The sync run recorded for this call. */
  syncRunId: Scalars['Int']['output'];
  /** Records identical to what was stored. */
  unchanged: Scalars['Int']['output'];
  /** Stored records whose content changed. */
  updated: Scalars['Int']['output'];
};

/** What happened to one pushed record. */
export type IngestStatus =
  /** Same content as an earlier record of the same call. */
  | 'DUPLICATE'
  /** A new source record was stored. */
  | 'INSERTED'
  /** Not loaded: see reasonCode and message; kept in quarantine. */
  | 'QUARANTINED'
  /** The stored record already had this content; nothing was written. */
  | 'UNCHANGED'
  /** The stored record with this id changed. */
  | 'UPDATED';

/** The outcome for one pushed record, in the order they were sent. */
export type IngestedRecord = {
  __typename?: 'IngestedRecord';
  /** The record's id within the source, when it had one. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** Position of the record in the `records` argument. */
  index: Scalars['Int']['output'];
  /** Human-readable explanation, naming the field. */
  message?: Maybe<Scalars['String']['output']>;
  /** Quarantine reason code, e.g. INVALID_EMAIL or MISSING_REQUIRED. */
  reasonCode?: Maybe<Scalars['String']['output']>;
  /** What happened to the record. */
  status: IngestStatus;
};

/** A record pair scored between the review and link thresholds, queued for a steward. */
export type MatchReview = {
  __typename?: 'MatchReview';
  /** Level and weight of every comparison when queued. */
  comparisons: Array<ComparisonWeight>;
  /** When it was queued. */
  createdAt: Scalars['DateTime']['output'];
  /** The customer record A belongs to now. */
  customerA?: Maybe<Customer>;
  /** The customer record B belongs to now. */
  customerB?: Maybe<Customer>;
  /** When it was decided. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who decided it. */
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** Review number; pass it to `reviewMatch`. */
  id: Scalars['ID']['output'];
  /** Match probability when queued. */
  probability?: Maybe<Scalars['Float']['output']>;
  /** One record of the pair. */
  recordA: PairRecord;
  /** The other record. */
  recordB: PairRecord;
  /** Match score (log2 odds) when queued. */
  score: Scalars['Float']['output'];
  /** Pending, or what a steward decided. */
  status: MatchReviewStatus;
};

/** A page of match reviews (Relay cursor connection). */
export type MatchReviewConnection = {
  __typename?: 'MatchReviewConnection';
  /** The items of this page, in order. */
  edges: Array<MatchReviewEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items in the whole list, not only this page. */
  totalCount: Scalars['Int']['output'];
};

/** match reviews in a page, with its cursor. */
export type MatchReviewEdge = {
  __typename?: 'MatchReviewEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: MatchReview;
};

/** Where a queued pair stands. */
export type MatchReviewStatus =
  /** A steward said the two records are the same person: they stay linked in every later run. */
  | 'MATCH'
  /** A steward said they are different people: they stay apart in every later run. */
  | 'NO_MATCH'
  /** Waiting for a steward. */
  | 'PENDING';

export type Mutation = {
  __typename?: 'Mutation';
  /** Erases a customer for good (right to be forgotten): golden record, source records, links, lineage, quarantine rows; audit details redacted; a re-sync does not bring them back. Admins only. */
  eraseCustomer: ErasureResult;
  /** Push customer records from an application into a `push` source (at most 1000 per call). They go through the same mapping, validation and load as any source, and the answer says per record what happened. */
  ingestRecords: IngestResult;
  /** Merges customers into one; the oldest id survives and the others resolve to it. Remembered: later runs keep them together. */
  mergeCustomers: Customer;
  /** Sets a golden field by hand (null clears the override). It wins survivorship in every later run; lineage names the rule `steward_override`. */
  overrideField: Customer;
  /** Decides a queued pair. Remembered: later runs keep a MATCH linked and a NO_MATCH apart. */
  reviewMatch: MatchReview;
  /** Takes one source record out of its customer into a new customer of its own (a new id; ids are never reused). Remembered: later runs keep it apart. */
  splitSourceRecord: Customer;
};


export type MutationEraseCustomerArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationIngestRecordsArgs = {
  records: Array<Scalars['JSONObject']['input']>;
  source: Scalars['String']['input'];
};


export type MutationMergeCustomersArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationOverrideFieldArgs = {
  customerId: Scalars['ID']['input'];
  field: OverridableField;
  value?: InputMaybe<Scalars['String']['input']>;
};


export type MutationReviewMatchArgs = {
  decision: ReviewDecision;
  id: Scalars['ID']['input'];
};


export type MutationSplitSourceRecordArgs = {
  externalId: Scalars['String']['input'];
  source: Scalars['String']['input'];
};

/** Sort direction. */
export type OrderDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** Golden fields a steward may set by hand. For EMAILS and PHONES the value becomes the primary one; the other values stay. */
export type OverridableField =
  | 'BIRTH_DATE'
  | 'COUNTRY'
  | 'EMAILS'
  | 'FAMILY_NAME'
  | 'GIVEN_NAME'
  | 'PHONES';

/** Relay page information for cursor pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow the last edge. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede the first edge. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge, if any. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Why two records of a customer were linked: their score and the weight of every comparison. */
export type PairExplanation = {
  __typename?: 'PairExplanation';
  /** Every comparison of the model, in model order. */
  comparisons: Array<ComparisonWeight>;
  /** One record of the pair. */
  left: PairRecord;
  /** Weight of the prior odds of a match, log2(λ/(1−λ)). */
  priorWeight: Scalars['Float']['output'];
  /** Match probability of the score. */
  probability: Scalars['Float']['output'];
  /** The other record. */
  right: PairRecord;
  /** The deterministic rule that linked the pair (`sameEmail`, `samePhoneSimilarName`, `stewardMerge`), if any. */
  rule?: Maybe<Scalars['String']['output']>;
  /** Match score: log2 odds, the prior weight plus the comparison weights. */
  score: Scalars['Float']['output'];
};

/** A source record in a matched or reviewed pair. */
export type PairRecord = {
  __typename?: 'PairRecord';
  /** The record's id within its source. */
  externalId: Scalars['String']['output'];
  /** Internal id of the stored record. */
  id: Scalars['ID']['output'];
  /** Source of the record. */
  source: Scalars['String']['output'];
};

/** A record that could not be loaded, kept with its reason and raw text. */
export type QuarantineEntry = {
  __typename?: 'QuarantineEntry';
  /** When it was quarantined. */
  createdAt: Scalars['DateTime']['output'];
  /** The record's id within its source, when known. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** The source field at fault, when one is. */
  field?: Maybe<Scalars['String']['output']>;
  /** Entry number. */
  id: Scalars['ID']['output'];
  /** Where in the source: `file.csv:12`, `page 3 #4`, `record #0`. */
  location: Scalars['String']['output'];
  /** Human-readable explanation. */
  message: Scalars['String']['output'];
  /** The raw row or record as read. */
  raw?: Maybe<Scalars['String']['output']>;
  /** Reason code, e.g. MALFORMED_ROW, INVALID_EMAIL, BAD_DATE, MISSING_REQUIRED. */
  reasonCode: Scalars['String']['output'];
  /** Source name. */
  source: Scalars['String']['output'];
  /** The sync run that quarantined it. */
  syncRunId?: Maybe<Scalars['Int']['output']>;
};

/** A page of quarantine entries (Relay cursor connection). */
export type QuarantineEntryConnection = {
  __typename?: 'QuarantineEntryConnection';
  /** The items of this page, in order. */
  edges: Array<QuarantineEntryEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items in the whole list, not only this page. */
  totalCount: Scalars['Int']['output'];
};

/** quarantine entries in a page, with its cursor. */
export type QuarantineEntryEdge = {
  __typename?: 'QuarantineEntryEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: QuarantineEntry;
};

export type Query = {
  __typename?: 'Query';
  /** Federation: the entities (customers) named by `representations`, in order; null for one not found or out of scope. */
  _entities: Array<Maybe<_Entity>>;
  /** Federation: this subgraph's SDL, for a router or composition. */
  _service: _Service;
  /** Audit entries, newest first (admins only). */
  auditLog: AuditEntryConnection;
  /** One customer by id. A retired id (merged into another customer) returns the surviving customer. */
  customer?: Maybe<Customer>;
  /** The customer a source record was resolved into, by the source name and the record key in that source. */
  customerBySourceKey?: Maybe<Customer>;
  /** Changes to customers (created, updated, merged, deleted) in commit order, within the caller’s scope. Start without `after`, then pass the last endCursor each time: no change is missed or repeated. */
  customerChanges: CustomerChangeConnection;
  /** Customer counts and lifetime value sums per group, within the caller’s scope and the filter. No groupBy gives one total. */
  customerStats: Array<CustomerStatsGroup>;
  /** Golden customers as a Relay cursor connection: filtered, sorted (id breaks ties) and paged with opaque keyset cursors that stay valid while customers change. Use first/after to page forward, last/before to page backward. */
  customers: CustomerConnection;
  /** Completeness, validity, corrections, quarantine and duplicates per source and field (the sources of a `sources` scope; none for a `countries` scope). */
  dataQuality: Array<SourceQuality>;
  /** Record pairs scored between the review and link thresholds, oldest first, as a Relay connection. */
  matchReviews: MatchReviewConnection;
  /** Open quarantine entries (not yet superseded or retried), oldest first. */
  quarantine: QuarantineEntryConnection;
  /** Finds customers by an email address or phone number (normalized first, exact match) or by name (every word must start the given, family or pinyin name; whole-name matches rank first), within the caller’s scope. Best matches first. */
  searchCustomers: Array<Customer>;
  /** The known sources with their record counts and last sync run (only those in a `sources` scope; none for a `countries` scope). */
  sources: Array<Source>;
  /** Sync runs, newest first (of the sources in a `sources` scope; none for a `countries` scope). */
  syncRuns: SyncRunConnection;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerBySourceKeyArgs = {
  externalId: Scalars['String']['input'];
  source: Scalars['String']['input'];
};


export type QueryCustomerChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerStatsArgs = {
  filter?: InputMaybe<CustomerFilter>;
  groupBy?: InputMaybe<Array<CustomerStatsDimension>>;
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CustomerOrder>;
};


export type QueryDataQualityArgs = {
  source?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMatchReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<MatchReviewStatus>;
};


export type QueryQuarantineArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  reasonCode?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySearchCustomersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};


export type QuerySyncRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  source?: InputMaybe<Scalars['String']['input']>;
};

/** A count per reason code. */
export type ReasonCount = {
  __typename?: 'ReasonCount';
  /** How many. */
  count: Scalars['Int']['output'];
  /** Reason code, e.g. INVALID_EMAIL or EMAIL_DOMAIN_TYPO. */
  reason: Scalars['String']['output'];
};

/** A steward's answer to a queued pair. */
export type ReviewDecision =
  /** Same person: link the records for good. */
  | 'MATCH'
  /** Different people: keep the records apart for good. */
  | 'NO_MATCH';

/** A source customer records come from, as configured and last synced. */
export type Source = {
  __typename?: 'Source';
  /** Records currently held from this source. */
  activeRecords: Scalars['Int']['output'];
  /** Records the source no longer holds (deleted upstream). */
  deletedRecords: Scalars['Int']['output'];
  /** Connector kind: csv, json, ndjson, sql, rest or push. */
  kind: Scalars['String']['output'];
  /** The most recent sync run; null before the first. */
  lastSyncRun?: Maybe<SyncRun>;
  /** Source name, as in the configuration and in SourceRecord.source. */
  name: Scalars['String']['output'];
  /** Survivorship trust rank; higher wins. */
  trust: Scalars['Int']['output'];
};

/** Data quality of one source, counted from the stored records. */
export type SourceQuality = {
  __typename?: 'SourceQuality';
  /** Records of the source currently loaded (not deleted upstream). */
  activeRecords: Scalars['Int']['output'];
  /** Corrections by reason code. */
  correctionsByReason: Array<ReasonCount>;
  /** Exact duplicates collapsed by the source's latest completed run. */
  duplicatesRemoved: Scalars['Int']['output'];
  /** Per-field completeness, validity and corrections. */
  fields: Array<FieldQuality>;
  /** Open quarantine entries by reason code. */
  quarantinedByReason: Array<ReasonCount>;
  /** Source name. */
  source: Scalars['String']['output'];
};

/** One record as a source holds it: the raw values beside the normalized ones. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
  /** Every change normalization made beyond formatting: `{field, raw, value, reason}` (typo fixed, value dropped or filled). */
  corrections: Array<Scalars['JSONObject']['output']>;
  /** When the record was first loaded. */
  createdAt: Scalars['DateTime']['output'];
  /** The record's id within its source (the source's primary key). */
  externalId: Scalars['String']['output'];
  /** Internal id of the stored record. */
  id: Scalars['ID']['output'];
  /** Values after mapping to canonical fields and normalization. */
  normalized: Scalars['JSONObject']['output'];
  /** Values exactly as extracted from the source. */
  raw: Scalars['JSONObject']['output'];
  /** Name of the source the record came from, as configured. */
  source: Scalars['String']['output'];
  /** When the record's content last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** One run of one source through extract, normalize and load. Its counts reconcile: read = inserted + updated + unchanged + quarantined + duplicates. */
export type SyncRun = {
  __typename?: 'SyncRun';
  /** Stored records a complete snapshot no longer contained, marked deleted. */
  deleted: Scalars['Int']['output'];
  /** Whether the run only compared and wrote nothing. */
  dryRun: Scalars['Boolean']['output'];
  /** Exact repeats of an earlier record of the same run. */
  duplicates: Scalars['Int']['output'];
  /** Why the run failed, naming the source and location. */
  error?: Maybe<Scalars['String']['output']>;
  /** When the run ended; null while running. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Run number. */
  id: Scalars['ID']['output'];
  /** Records stored for the first time. */
  inserted: Scalars['Int']['output'];
  /** Records quarantined with a reason. */
  quarantined: Scalars['Int']['output'];
  /** Records read from the source. */
  read: Scalars['Int']['output'];
  /** Source name. */
  source: Scalars['String']['output'];
  /** When the run started. */
  startedAt: Scalars['DateTime']['output'];
  /** `running`, `succeeded` or `failed`. */
  status: Scalars['String']['output'];
  /** Records identical to what was stored (not written). */
  unchanged: Scalars['Int']['output'];
  /** Stored records whose content changed. */
  updated: Scalars['Int']['output'];
};

/** A page of sync runs (Relay cursor connection). */
export type SyncRunConnection = {
  __typename?: 'SyncRunConnection';
  /** The items of this page, in order. */
  edges: Array<SyncRunEdge>;
  /** Where this page stands in the whole list. */
  pageInfo: PageInfo;
  /** Number of items in the whole list, not only this page. */
  totalCount: Scalars['Int']['output'];
};

/** sync runs in a page, with its cursor. */
export type SyncRunEdge = {
  __typename?: 'SyncRunEdge';
  /** Opaque position of this item in the list. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: SyncRun;
};

/** Federation: every type with a `@key`. */
export type _Entity = Customer;

/** Federation: describes this subgraph. */
export type _Service = {
  __typename?: '_Service';
  /** The subgraph SDL with its federation directives (`@link`, `@key`). */
  sdl?: Maybe<Scalars['String']['output']>;
};

/** Federation / link spec type used by the spec directives. */
export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type CustomersPageQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CustomersPageQuery = { __typename?: 'Query', customers: { __typename?: 'CustomerConnection', totalCount: number, edges: Array<{ __typename?: 'CustomerEdge', cursor: string, node: { __typename?: 'Customer', id: string, givenName?: string | null, familyName?: string | null, fullName?: string | null, email?: string | null, birthDate?: string | null, country?: string | null, createdAt: string, updatedAt: string, emails?: Array<{ __typename?: 'CustomerEmail', address?: string | null, primary: boolean, sources: Array<string> }> | null, phones?: Array<{ __typename?: 'CustomerPhone', number?: string | null, primary: boolean, sources: Array<string> }> | null, sourceRecords?: Array<{ __typename?: 'SourceRecord', id: string, source: string, externalId: string, raw: Record<string, unknown>, normalized: Record<string, unknown> }> | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null } } };

export type CustomerByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CustomerByIdQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, givenName?: string | null, familyName?: string | null, email?: string | null, sourceRecords?: Array<{ __typename?: 'SourceRecord', source: string, externalId: string }> | null } | null };


export const CustomersPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomersPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phones"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}}]}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"raw"}},{"kind":"Field","name":{"kind":"Name","value":"normalized"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CustomersPageQuery, CustomersPageQueryVariables>;
export const CustomerByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerByIdQuery, CustomerByIdQueryVariables>;