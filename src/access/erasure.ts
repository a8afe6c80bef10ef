import type { Knex } from 'knex';
import type { Logger } from '../logging';
import { BlockKeyRepository } from '../store/block-key-repository';
import { inResolutionTurn } from '../store/exclusive-runs';
import type { Database } from '../store/database';
import { withSecureDelete } from '../store/dialect';
import { ErasureRepository, type ErasureCounts } from '../store/erasure-repository';
import { createRepositories } from '../store/repositories';
import { SuppressionRepository } from '../store/suppression-repository';
import type { Principal } from './principal';
import { auditActor } from './request-audit';
import { indexKey, suppressionDigests } from './suppression';

export interface ErasureOutcome extends ErasureCounts {
  customerId: string;
  /** Suppression digests added (emails, phones, source keys), so a re-sync does not recreate the person. */
  suppressions: number;
}

/** Longest erasure reason accepted: a ticket number or a short note, never a copy of the request. */
export const MAX_ERASURE_REASON_LENGTH = 500;

/** What is wrong with an erasure reason, or undefined when it will do. */
export function erasureReasonProblem(reason: string): string | undefined {
  const trimmed = reason.trim();
  return trimmed === '' || trimmed.length > MAX_ERASURE_REASON_LENGTH ? `reason must be 1 to ${MAX_ERASURE_REASON_LENGTH} characters` : undefined;
}

/**
 * The right to be forgotten: removes a customer (and ids merged into it), its source records,
 * links, lineage, match reviews and quarantine rows, strips the details of audit entries that
 * concern it, and leaves keyed digests of its emails, phones and source keys so the next sync of
 * a source that still holds the person sets the record aside (SUPPRESSED) instead of loading it.
 * Returns undefined when the customer does not exist or is outside the caller's scope.
 */
export async function eraseCustomer(db: Database, logger: Logger, principal: Principal, id: string, reason: string): Promise<ErasureOutcome | undefined> {
  // In a resolution's turn: a resolution that read the person's records before the erasure would
  // otherwise write their golden record, links and lineage back afterwards.
  return inResolutionTurn(db, logger, () => eraseWithin(db.knex, principal, id, reason));
}

async function eraseWithin(knex: Knex, principal: Principal, id: string, reason: string): Promise<ErasureOutcome | undefined> {
  const repos = createRepositories(knex);
  const customer = await repos.customers.findLive(id, principal.scope);
  if (!customer) return undefined;
  const erasure = new ErasureRepository(knex);
  const key = indexKey();
  return withSecureDelete(knex, () =>
    knex.transaction(async (trx) => {
      const suppressions = new SuppressionRepository(trx);
      // First: a load writing now commits before this goes on, and one writing later checks its
      // records against this erasure's suppressions (see SuppressionGate).
      await suppressions.advanceEpoch(trx);
      const person = await erasure.collect(customer.id, trx);
      await erasure.collectUnlinked(person, await new BlockKeyRepository(trx).waitingFrom(trx), trx);
      const counts = await erasure.remove(person, trx);
      const added = await suppressions.add(suppressionDigests(key, person), trx);
      const outcome: ErasureOutcome = { customerId: customer.id, ...counts, suppressions: added };
      // Written after the redaction so this entry keeps its reason and counts.
      await repos.auditLog.append({ ...auditActor(principal), action: 'eraseCustomer', customerIds: person.customerIds, details: { reason, ...outcome } }, trx);
      return outcome;
    }),
  );
}
