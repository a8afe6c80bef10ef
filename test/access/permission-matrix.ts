/**
 * The expected outcome of reading every field of every type, for every role. A field added to
 * the schema without an entry here fails the matrix test: decide who may read it, in the policy
 * and here.
 */
export type Expected = 'allow' | 'deny' | 'mask:email' | 'mask:phone' | 'mask:year' | 'mask:initials';

export const ROLES = ['admin', 'steward', 'support', 'analyst', 'service'] as const;

type Row = Record<(typeof ROLES)[number], Expected>;
const everyone = (value: Expected): Row => ({ admin: value, steward: value, support: value, analyst: value, service: value });
const stewardsOnly: Row = { admin: 'allow', steward: 'allow', support: 'deny', analyst: 'deny', service: 'deny' };

const operations = (type: string, fields: string[]): Record<string, Row> =>
  Object.fromEntries(fields.map((field) => [`${type}.${field}`, stewardsOnly]));
const CONNECTION_FIELDS = ['edges', 'pageInfo', 'totalCount'];
const EDGE_FIELDS = ['cursor', 'node'];

const adminsOnly: Row = { admin: 'allow', steward: 'deny', support: 'deny', analyst: 'deny', service: 'deny' };
const admins = (type: string, fields: string[]): Record<string, Row> => Object.fromEntries(fields.map((field) => [`${type}.${field}`, adminsOnly]));

const ingesters: Row = { admin: 'allow', steward: 'allow', support: 'deny', analyst: 'deny', service: 'allow' };

export const PERMISSION_MATRIX: Record<string, Row> = {
  'Query.syncRuns': stewardsOnly,
  ...operations('Query', ['sources']),
  ...operations('Source', ['name', 'kind', 'trust', 'activeRecords', 'deletedRecords', 'lastSyncRun']),
  'Query.auditLog': adminsOnly,
  ...admins('AuditEntry', ['id', 'at', 'actor', 'role', 'action', 'customerIds', 'fields', 'details']),
  ...admins('AuditEntryConnection', CONNECTION_FIELDS),
  ...admins('AuditEntryEdge', EDGE_FIELDS),
  'Mutation.eraseCustomer': adminsOnly,
  ...admins('ErasureResult', ['customerId', 'customers', 'sourceRecords', 'quarantine', 'auditEntriesRedacted', 'suppressions']),
  'Query.dataQuality': { ...stewardsOnly, analyst: 'allow' },
  ...Object.fromEntries(
    ['SourceQuality.source', 'SourceQuality.activeRecords', 'SourceQuality.duplicatesRemoved', 'SourceQuality.quarantinedByReason', 'SourceQuality.correctionsByReason', 'SourceQuality.fields',
      'FieldQuality.field', 'FieldQuality.present', 'FieldQuality.completeness', 'FieldQuality.invalid', 'FieldQuality.validity', 'FieldQuality.corrections',
      'ReasonCount.reason', 'ReasonCount.count'].map((c) => [c, { ...stewardsOnly, analyst: 'allow' } as Row]),
  ),
  'SourceRecord.corrections': stewardsOnly,
  'Query.quarantine': stewardsOnly,
  ...operations('SyncRun', ['id', 'source', 'status', 'dryRun', 'startedAt', 'finishedAt', 'read', 'inserted', 'updated', 'unchanged', 'quarantined', 'duplicates', 'deleted', 'error']),
  ...operations('SyncRunConnection', CONNECTION_FIELDS),
  ...operations('SyncRunEdge', EDGE_FIELDS),
  ...operations('QuarantineEntry', ['id', 'source', 'syncRunId', 'location', 'externalId', 'field', 'reasonCode', 'message', 'raw', 'createdAt']),
  ...operations('QuarantineEntryConnection', CONNECTION_FIELDS),
  ...operations('QuarantineEntryEdge', EDGE_FIELDS),
  'Mutation.ingestRecords': ingesters,
  'IngestResult.syncRunId': ingesters,
  'IngestResult.read': ingesters,
  'IngestResult.inserted': ingesters,
  'IngestResult.updated': ingesters,
  'IngestResult.unchanged': ingesters,
  'IngestResult.quarantined': ingesters,
  'IngestResult.duplicates': ingesters,
  'IngestResult.records': ingesters,
  'IngestedRecord.index': ingesters,
  'IngestedRecord.externalId': ingesters,
  'IngestedRecord.status': ingesters,
  'IngestedRecord.reasonCode': ingesters,
  'IngestedRecord.message': ingesters,
  'Query.customer': everyone('allow'),
  'Query.customers': everyone('allow'),
  'Query.customerBySourceKey': everyone('allow'),
  'Query.searchCustomers': { ...everyone('allow'), analyst: 'deny' },
  ...Object.fromEntries(
    ['Query.customerStats', 'CustomerStatsGroup.country', 'CustomerStatsGroup.source', 'CustomerStatsGroup.signupMonth', 'CustomerStatsGroup.customers', 'CustomerStatsGroup.lifetimeValueSum']
      .map((c) => [c, { ...stewardsOnly, analyst: 'allow' } as Row]),
  ),
  ...Object.fromEntries(
    ['Query.customerChanges', 'CustomerChange.id', 'CustomerChange.customerId', 'CustomerChange.kind', 'CustomerChange.mergedInto', 'CustomerChange.changedAt', 'CustomerChange.customer',
      'CustomerChangeEdge.cursor', 'CustomerChangeEdge.node', 'CustomerChangeConnection.edges', 'CustomerChangeConnection.pageInfo'].map((c) => [c, { ...everyone('allow'), support: 'deny' } as Row]),
  ),
  'Query._entities': everyone('allow'),
  'Query._service': everyone('allow'),
  '_Service.sdl': everyone('allow'),
  'Customer.id': everyone('allow'),
  'Customer.givenName': { ...everyone('allow'), analyst: 'mask:initials' },
  'Customer.familyName': { ...everyone('allow'), analyst: 'mask:initials' },
  'Customer.fullName': { ...everyone('allow'), analyst: 'mask:initials' },
  'Customer.givenNamePinyin': { ...everyone('allow'), analyst: 'mask:initials' },
  'Customer.familyNamePinyin': { ...everyone('allow'), analyst: 'mask:initials' },
  'Customer.email': { ...everyone('allow'), analyst: 'mask:email' },
  'Customer.phone': { ...everyone('allow'), analyst: 'mask:phone' },
  'Customer.emails': everyone('allow'),
  'Customer.phones': everyone('allow'),
  'CustomerEmail.address': { ...everyone('allow'), analyst: 'mask:email' },
  'CustomerEmail.primary': everyone('allow'),
  'CustomerEmail.sources': everyone('allow'),
  'CustomerPhone.number': { ...everyone('allow'), analyst: 'mask:phone' },
  'CustomerPhone.primary': everyone('allow'),
  'CustomerPhone.sources': everyone('allow'),
  'Customer.addresses': everyone('allow'),
  'Address.line1': { ...everyone('allow'), analyst: 'deny' },
  'Address.line2': { ...everyone('allow'), analyst: 'deny' },
  'Address.postalCode': { ...everyone('allow'), analyst: 'deny' },
  'Address.city': everyone('allow'),
  'Address.region': everyone('allow'),
  'Address.country': everyone('allow'),
  'Customer.gender': { ...stewardsOnly, analyst: 'allow' },
  'Customer.lifetimeValue': { ...stewardsOnly, analyst: 'allow' },
  'Customer.lifetimeValueCurrency': { ...stewardsOnly, analyst: 'allow' },
  'Customer.firstSeenAt': everyone('allow'),
  'Customer.lastSeenAt': everyone('allow'),
  'Customer.birthDate': { ...stewardsOnly, analyst: 'mask:year' },
  'Customer.country': everyone('allow'),
  'Customer.consent': everyone('allow'),
  'CustomerConsent.emailMarketing': everyone('allow'),
  'CustomerConsent.smsMarketing': everyone('allow'),
  'ConsentStatement.granted': everyone('allow'),
  'ConsentStatement.source': everyone('allow'),
  'ConsentStatement.recordedAt': everyone('allow'),
  'Customer.createdAt': everyone('allow'),
  'Customer.updatedAt': everyone('allow'),
  'Customer.sourceRecords': stewardsOnly,
  'CustomerConnection.edges': everyone('allow'),
  'CustomerConnection.pageInfo': everyone('allow'),
  'CustomerConnection.totalCount': everyone('allow'),
  'CustomerEdge.cursor': everyone('allow'),
  'CustomerEdge.node': everyone('allow'),
  'PageInfo.hasNextPage': everyone('allow'),
  'PageInfo.hasPreviousPage': everyone('allow'),
  'PageInfo.startCursor': everyone('allow'),
  'PageInfo.endCursor': everyone('allow'),
  'SourceRecord.id': stewardsOnly,
  'SourceRecord.source': stewardsOnly,
  'SourceRecord.externalId': stewardsOnly,
  'SourceRecord.raw': stewardsOnly,
  'SourceRecord.normalized': stewardsOnly,
  'SourceRecord.createdAt': stewardsOnly,
  'SourceRecord.updatedAt': stewardsOnly,
  // Resolution and the steward API: stewards and admins only (they show source records and matching internals).
  'Query.matchReviews': stewardsOnly,
  'Mutation.mergeCustomers': stewardsOnly,
  'Mutation.splitSourceRecord': stewardsOnly,
  'Mutation.overrideField': stewardsOnly,
  'Mutation.reviewMatch': stewardsOnly,
  'Customer.lineage': stewardsOnly,
  'Customer.matchExplanation': stewardsOnly,
  ...operations('MatchReview', ['id', 'status', 'score', 'probability', 'comparisons', 'decidedBy', 'decidedAt', 'createdAt', 'recordA', 'recordB', 'customerA', 'customerB']),
  ...operations('MatchReviewConnection', CONNECTION_FIELDS),
  ...operations('MatchReviewEdge', EDGE_FIELDS),
  ...operations('FieldLineage', ['field', 'rule', 'sourceRecordId', 'source', 'externalId']),
  ...operations('ComparisonWeight', ['comparison', 'level', 'm', 'u', 'weight']),
  ...operations('PairRecord', ['id', 'source', 'externalId']),
  ...operations('PairExplanation', ['left', 'right', 'score', 'probability', 'rule', 'priorWeight', 'comparisons']),
};
