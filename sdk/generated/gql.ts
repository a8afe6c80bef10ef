/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CustomerSummary on Customer {\n  id\n  givenName\n  familyName\n  fullName\n  email\n  phone\n  country\n  updatedAt\n}\n\nquery CustomerList($first: Int, $after: String) {\n  customers(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerSummary\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery CustomerDetail($id: ID!) {\n  customer(id: $id) {\n    ...CustomerSummary\n    birthDate\n    emails {\n      address\n      primary\n      sources\n    }\n    phones {\n      number\n      primary\n      sources\n    }\n    addresses {\n      line1\n      line2\n      city\n      region\n      postalCode\n      country\n    }\n    lifetimeValue\n    lifetimeValueCurrency\n    firstSeenAt\n    lastSeenAt\n    createdAt\n    sourceRecords {\n      id\n      source\n      externalId\n      normalized\n    }\n  }\n}": typeof types.CustomerSummaryFragmentDoc,
};
const documents: Documents = {
    "fragment CustomerSummary on Customer {\n  id\n  givenName\n  familyName\n  fullName\n  email\n  phone\n  country\n  updatedAt\n}\n\nquery CustomerList($first: Int, $after: String) {\n  customers(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerSummary\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery CustomerDetail($id: ID!) {\n  customer(id: $id) {\n    ...CustomerSummary\n    birthDate\n    emails {\n      address\n      primary\n      sources\n    }\n    phones {\n      number\n      primary\n      sources\n    }\n    addresses {\n      line1\n      line2\n      city\n      region\n      postalCode\n      country\n    }\n    lifetimeValue\n    lifetimeValueCurrency\n    firstSeenAt\n    lastSeenAt\n    createdAt\n    sourceRecords {\n      id\n      source\n      externalId\n      normalized\n    }\n  }\n}": types.CustomerSummaryFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CustomerSummary on Customer {\n  id\n  givenName\n  familyName\n  fullName\n  email\n  phone\n  country\n  updatedAt\n}\n\nquery CustomerList($first: Int, $after: String) {\n  customers(first: $first, after: $after) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...CustomerSummary\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery CustomerDetail($id: ID!) {\n  customer(id: $id) {\n    ...CustomerSummary\n    birthDate\n    emails {\n      address\n      primary\n      sources\n    }\n    phones {\n      number\n      primary\n      sources\n    }\n    addresses {\n      line1\n      line2\n      city\n      region\n      postalCode\n      country\n    }\n    lifetimeValue\n    lifetimeValueCurrency\n    firstSeenAt\n    lastSeenAt\n    createdAt\n    sourceRecords {\n      id\n      source\n      externalId\n      normalized\n    }\n  }\n}"): typeof import('./graphql').CustomerSummaryFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
