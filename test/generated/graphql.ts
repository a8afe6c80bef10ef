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
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** An ISO 8601 calendar date, possibly reduced: YYYY, YYYY-MM or YYYY-MM-DD. */
  PartialDate: { input: any; output: any; }
};

/** A golden customer: one person, resolved from the records of every source. */
export type Customer = {
  __typename?: 'Customer';
  /** Date of birth: YYYY-MM-DD, or the year alone for roles that may see only the year. */
  birthDate?: Maybe<Scalars['PartialDate']['output']>;
  /** Country, ISO 3166-1 alpha-2. */
  country?: Maybe<Scalars['String']['output']>;
  /** When the golden record was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Distinct normalized email addresses from all sources; the first is primary. */
  emails?: Maybe<Array<Scalars['String']['output']>>;
  /** Family (last) name. */
  familyName?: Maybe<Scalars['String']['output']>;
  /** Given (first) name. */
  givenName?: Maybe<Scalars['String']['output']>;
  /** Stable id. When customers merge, the older id survives and retired ids keep resolving to it. */
  id: Scalars['ID']['output'];
  /** Distinct phone numbers from all sources; the first is primary. */
  phones?: Maybe<Array<Scalars['String']['output']>>;
  /** The source records resolved into this customer. */
  sourceRecords?: Maybe<Array<SourceRecord>>;
  /** When any golden field last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

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

/** A customer in a page, with its cursor. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** Opaque position of this customer in the list. */
  cursor: Scalars['String']['output'];
  /** The customer. */
  node: Customer;
};

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

export type Query = {
  __typename?: 'Query';
  /** One customer by id. A retired id (merged into another customer) returns the surviving customer. */
  customer?: Maybe<Customer>;
  /** Golden customers ordered by id, as a Relay cursor connection. */
  customers: CustomerConnection;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One record as a source holds it: the raw values beside the normalized ones. */
export type SourceRecord = {
  __typename?: 'SourceRecord';
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

export type CustomersPageQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CustomersPageQuery = { __typename?: 'Query', customers: { __typename?: 'CustomerConnection', totalCount: number, edges: Array<{ __typename?: 'CustomerEdge', cursor: string, node: { __typename?: 'Customer', id: string, givenName?: string | null, familyName?: string | null, emails?: Array<string> | null, phones?: Array<string> | null, birthDate?: any | null, country?: string | null, createdAt: string, updatedAt: string, sourceRecords?: Array<{ __typename?: 'SourceRecord', id: string, source: string, externalId: string, raw: Record<string, unknown>, normalized: Record<string, unknown> }> | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null } } };

export type CustomerByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CustomerByIdQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, givenName?: string | null, familyName?: string | null, emails?: Array<string> | null, sourceRecords?: Array<{ __typename?: 'SourceRecord', source: string, externalId: string }> | null } | null };


export const CustomersPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomersPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"emails"}},{"kind":"Field","name":{"kind":"Name","value":"phones"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"raw"}},{"kind":"Field","name":{"kind":"Name","value":"normalized"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CustomersPageQuery, CustomersPageQueryVariables>;
export const CustomerByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"emails"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerByIdQuery, CustomerByIdQueryVariables>;