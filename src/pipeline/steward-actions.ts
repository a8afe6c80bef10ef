import { AppError } from '../errors';
import type { Logger } from '../logging';
import type { ConfigOverrides } from '../resolve';
import type { Database } from '../store/database';
import { createRepositories, type Repositories } from '../store/repositories';
import { TurnQueue } from '../store/turn-queue';
import { OVERRIDABLE_FIELDS, type OverridableField } from './golden-customers';
import { resolveCustomers, type ResolveCustomersOptions } from './resolve-customers';

/**
 * What a data steward can do to the resolution: merge customers, take a record out of its
 * customer, set a golden field by hand, decide a queued review. Each decision is stored
 * (match_decisions, field_overrides) so every later automatic run respects it, applied at once
 * by re-resolving the records it concerns, and written to the audit log.
 */
export interface StewardActor {
  actor: string;
  role: string;
}

export type ReviewDecision = 'match' | 'no_match';

// Steward actions re-resolve; one at a time per database, so two never interleave their writes.
const stewardTurns = new TurnQueue<Database>();

async function liveCustomerId(repos: Repositories, id: string): Promise<string> {
  const customer = await repos.customers.findLive(id);
  if (!customer) throw new AppError('NOT_FOUND', `no customer with id "${id}"`);
  return customer.id;
}

async function reresolve(db: Database, logger: Logger, options: ResolveCustomersOptions, matching: ConfigOverrides | undefined): Promise<void> {
  await resolveCustomers(db, logger, { ...options, config: matching });
}

async function customerOf(repos: Repositories, recordId: number): Promise<string> {
  const found = await repos.resolution.customerOfRecords([recordId]);
  return found.get(recordId) as string;
}

/** Merges customers into one (the oldest id survives); returns the surviving id. */
export function mergeCustomers(
  db: Database,
  logger: Logger,
  actor: StewardActor,
  ids: readonly string[],
  matching?: ConfigOverrides,
): Promise<string> {
  return stewardTurns.run(db, async () => {
    const repos = createRepositories(db.knex);
    if (ids.length < 2) throw new AppError('BAD_USER_INPUT', 'give at least two customer ids to merge');
    const live = [...new Set(await Promise.all(ids.map((id) => liveCustomerId(repos, id))))];
    const records = [...(await repos.resolution.recordIdsByCustomer(live)).values()].flat().sort((a, b) => a - b);
    const anchor = records[0];
    if (live.length > 1 && anchor !== undefined) {
      // Every record must-links to one anchor: the merged customer holds together as a star.
      await repos.steward.forgetCannotLinksWithin(records);
      await repos.steward.decidePairs(
        records.slice(1).map((recordId) => ({ recordA: anchor, recordB: recordId, kind: 'must_link' as const, reason: 'mergeCustomers' })),
        actor.actor,
      );
      await reresolve(db, logger, { touchedRecordIds: records }, matching);
    }
    const survivor = anchor === undefined ? (live[0] as string) : await customerOf(repos, anchor);
    await repos.auditLog.append({ ...actor, action: 'mergeCustomers', customerIds: [...new Set([...ids, survivor])].sort(), details: { survivor, records: records.length } });
    return survivor;
  });
}

/** Takes one source record out of its customer into a new customer of its own; returns the new id. */
export function splitSourceRecord(
  db: Database,
  logger: Logger,
  actor: StewardActor,
  source: string,
  externalId: string,
  matching?: ConfigOverrides,
): Promise<string> {
  return stewardTurns.run(db, async () => {
    const repos = createRepositories(db.knex);
    const record = await repos.sourceRecords.findByKey(source, externalId);
    if (!record || record.status !== 'active') throw new AppError('NOT_FOUND', `no active record "${externalId}" in source "${source}"`);
    const previous = await customerOf(repos, record.id);
    const partners = ((await repos.resolution.recordIdsByCustomer([previous])).get(previous) ?? []).filter((id) => id !== record.id);
    if (partners.length === 0) throw new AppError('BAD_USER_INPUT', `record "${externalId}" of source "${source}" is already a customer of its own`);
    await repos.steward.forgetMustLinks(record.id);
    await repos.steward.decidePairs(
      partners.map((partner) => ({ recordA: record.id, recordB: partner, kind: 'cannot_link' as const, reason: 'splitSourceRecord' })),
      actor.actor,
    );
    await reresolve(db, logger, { touchedRecordIds: [record.id, ...partners], detachedRecordIds: [record.id] }, matching);
    const created = await customerOf(repos, record.id);
    await repos.auditLog.append({ ...actor, action: 'splitSourceRecord', customerIds: [previous, created].sort(), details: { source, sourceRecordId: record.id, from: previous, to: created } });
    return created;
  });
}

const FIELD_FORMATS: Record<OverridableField, { pattern: RegExp; normalize(value: string): string; expected: string }> = {
  givenName: { pattern: /\S/, normalize: (v) => v.trim(), expected: 'a non-empty name' },
  familyName: { pattern: /\S/, normalize: (v) => v.trim(), expected: 'a non-empty name' },
  birthDate: { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, normalize: (v) => v.trim(), expected: 'a date YYYY-MM-DD' },
  country: { pattern: /^[A-Z]{2}$/, normalize: (v) => v.trim().toUpperCase(), expected: 'an ISO 3166-1 alpha-2 code' },
  emails: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, normalize: (v) => v.trim().toLowerCase(), expected: 'an email address' },
  phones: { pattern: /^\+[1-9]\d{5,14}$/, normalize: (v) => v.replace(/[\s()-]/g, ''), expected: 'an E.164 phone number' },
};

/**
 * Sets (or, with null, clears) a steward's value for a golden field; it wins survivorship in
 * this and every later run. For emails and phones the value becomes the primary one.
 */
export function overrideField(
  db: Database,
  logger: Logger,
  actor: StewardActor,
  customerId: string,
  field: string,
  value: string | null,
  matching?: ConfigOverrides,
): Promise<string> {
  return stewardTurns.run(db, async () => {
    const repos = createRepositories(db.knex);
    if (!(OVERRIDABLE_FIELDS as readonly string[]).includes(field)) {
      throw new AppError('BAD_USER_INPUT', `field "${field}" cannot be overridden; one of ${OVERRIDABLE_FIELDS.join(', ')}`);
    }
    const format = FIELD_FORMATS[field as OverridableField];
    const normalized = value === null ? null : format.normalize(value);
    if (normalized !== null && !format.pattern.test(normalized)) throw new AppError('BAD_USER_INPUT', `${field} must be ${format.expected}`);
    const live = await liveCustomerId(repos, customerId);
    await repos.steward.setOverride(live, field, normalized, actor.actor);
    const records = (await repos.resolution.recordIdsByCustomer([live])).get(live) ?? [];
    await reresolve(db, logger, { touchedRecordIds: records }, matching);
    await repos.auditLog.append({ ...actor, action: 'overrideField', customerIds: [live], fields: [`Customer.${field}`], details: { field, cleared: normalized === null } });
    return live;
  });
}

/** Decides a queued review: `match` links the pair for good, `no_match` keeps it apart for good. */
export function reviewMatch(
  db: Database,
  logger: Logger,
  actor: StewardActor,
  reviewId: number,
  decision: ReviewDecision,
  matching?: ConfigOverrides,
): Promise<number> {
  return stewardTurns.run(db, async () => {
    const repos = createRepositories(db.knex);
    const review = await repos.matchReviews.get(reviewId);
    if (!review) throw new AppError('NOT_FOUND', `no match review ${reviewId}`);
    const kind = decision === 'match' ? ('must_link' as const) : ('cannot_link' as const);
    await repos.steward.decidePairs([{ recordA: review.recordA, recordB: review.recordB, kind, reason: 'reviewMatch' }], actor.actor);
    await repos.matchReviews.decide(reviewId, decision, actor.actor);
    await reresolve(db, logger, { touchedRecordIds: [review.recordA, review.recordB] }, matching);
    const customers = await repos.resolution.customerOfRecords([review.recordA, review.recordB]);
    await repos.auditLog.append({ ...actor, action: 'reviewMatch', customerIds: [...new Set(customers.values())].sort(), details: { reviewId, decision } });
    return reviewId;
  });
}

/** The steward actions bound to one database and logger, as the GraphQL layer calls them. */
export interface StewardActions {
  mergeCustomers(actor: StewardActor, ids: readonly string[]): Promise<string>;
  splitSourceRecord(actor: StewardActor, source: string, externalId: string): Promise<string>;
  overrideField(actor: StewardActor, customerId: string, field: string, value: string | null): Promise<string>;
  reviewMatch(actor: StewardActor, reviewId: number, decision: ReviewDecision): Promise<number>;
}

/** The steward operations bound to one database and the project's matching settings. */
export function stewardActions(db: Database, logger: Logger, matching?: ConfigOverrides): StewardActions {
  return {
    mergeCustomers: (actor, ids) => mergeCustomers(db, logger, actor, ids, matching),
    splitSourceRecord: (actor, source, externalId) => splitSourceRecord(db, logger, actor, source, externalId, matching),
    overrideField: (actor, customerId, field, value) => overrideField(db, logger, actor, customerId, field, value, matching),
    reviewMatch: (actor, reviewId, decision) => reviewMatch(db, logger, actor, reviewId, decision, matching),
  };
}
