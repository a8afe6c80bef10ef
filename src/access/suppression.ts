import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import type { QuarantineEntry } from '../store/quarantine-repository';
import type { LoadRecord } from '../store/source-record-repository';
import { SuppressionRepository, type SuppressionKind } from '../store/suppression-repository';
import { fieldProtection } from '../store/field-protection';
import { contactValues } from '../store/record-contacts';

/**
 * Erased people must not come back with the next sync of a source that still holds them. Erasure
 * leaves keyed digests (never plaintext) of their normalized emails, phones and source keys; at
 * intake a record matching any of them is set aside as SUPPRESSED instead of loaded.
 */
export interface SuppressionCheck {
  /** True when the record belongs to an erased person. */
  matches(source: string, record: LoadRecord): boolean;
  /**
   * For a record that failed to normalize: true when its key was erased or one of its values is an
   * erased email (its quarantine row would otherwise hold the person's data again).
   */
  matchesRejected(source: string, externalId: string | null, values: Record<string, unknown>): boolean;
}

export const NO_SUPPRESSION: SuppressionCheck = { matches: () => false, matchesRejected: () => false };

/** The process's index key: the one blind indexes use (see fieldProtection). */
export function indexKey(): Uint8Array {
  return fieldProtection().index.key;
}

export function digest(key: Uint8Array, kind: SuppressionKind, value: string): string {
  return createHmac('sha256', key).update(`${kind}\u0000${value}`).digest('hex');
}

export function sourceKeyValue(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/** The digests that keep a person out: one per normalized email, phone and source key. */
export function suppressionDigests(
  key: Uint8Array,
  person: { emails: Iterable<string>; phones: Iterable<string>; sourceKeys: Iterable<{ source: string; externalId: string }> },
): { kind: SuppressionKind; digest: string }[] {
  const out = new Map<string, SuppressionKind>();
  for (const email of person.emails) out.set(digest(key, 'email', email.toLowerCase()), 'email');
  for (const phone of person.phones) out.set(digest(key, 'phone', phone), 'phone');
  for (const { source, externalId } of person.sourceKeys) out.set(digest(key, 'source_key', sourceKeyValue(source, externalId)), 'source_key');
  return [...out].map(([value, kind]) => ({ kind, digest: value }));
}

/**
 * Loads the suppression digests for one run. With none stored (the usual case) the check costs
 * nothing and no key is needed.
 */
export async function loadSuppressionCheck(knex: Knex): Promise<SuppressionCheck> {
  const digests = await new SuppressionRepository(knex).allDigests(knex);
  if (digests.size === 0) return NO_SUPPRESSION;
  const key = indexKey();
  const matchesKey = (source: string, externalId: string | null): boolean =>
    externalId !== null && digests.has(digest(key, 'source_key', sourceKeyValue(source, externalId)));
  const holdsErasedEmail = (values: Record<string, unknown>): boolean =>
    Object.values(values).some((value) => typeof value === 'string' && value.includes('@') && digests.has(digest(key, 'email', value.trim().toLowerCase())));
  return {
    matchesRejected: (source, externalId, values) => matchesKey(source, externalId) || holdsErasedEmail(values),
    matches(source, record) {
      if (matchesKey(source, record.externalId)) return true;
      const { emails, phones } = contactValues(JSON.parse(record.normalizedJson) as Record<string, unknown>);
      return emails.some((email) => digests.has(digest(key, 'email', email.toLowerCase()))) || phones.some((phone) => digests.has(digest(key, 'phone', phone)));
    },
  };
}

/**
 * The suppression check of a load, kept current across erasures that commit while it runs. Each
 * load transaction calls `recheck` before writing: on MySQL that read waits for an erasure in
 * progress (see SuppressionRepository.epoch), and when an erasure committed since the check was
 * read, the check is read again and returned, for the load to check its batch again.
 */
export class SuppressionGate {
  private constructor(
    private current: SuppressionCheck,
    private seenEpoch: number,
  ) {}

  static async open(knex: Knex): Promise<SuppressionGate> {
    // The count first: an erasure committing in between is then seen again by the first recheck.
    const epoch = await new SuppressionRepository(knex).epoch();
    return new SuppressionGate(await loadSuppressionCheck(knex), epoch);
  }

  get check(): SuppressionCheck {
    return this.current;
  }

  /** The erasure count (suppression_epoch) the current check was read at. */
  get epoch(): number {
    return this.seenEpoch;
  }

  /**
   * Within a load transaction, first: the newer check when an erasure committed since `since`, the
   * erasure count the batch's records were checked at (by default the current check's). A batch
   * taken under an older check than the current one gets the current one even when it is up to date.
   */
  async recheck(trx: Knex, since: number = this.seenEpoch): Promise<SuppressionCheck | undefined> {
    const epoch = await new SuppressionRepository(trx).epoch(trx);
    if (epoch === since) return undefined;
    if (epoch !== this.seenEpoch) {
      this.current = await loadSuppressionCheck(trx);
      this.seenEpoch = epoch;
    }
    return this.current;
  }
}

/**
 * How a suppressed record is counted: quarantined with reason SUPPRESSED so a run's counts still
 * reconcile, but with neither its raw text nor its key, which would bring the person back.
 */
export function suppressedEntry(source: string, syncRunId: number, location: string): QuarantineEntry {
  return { source, syncRunId, location, externalId: null, field: null, reasonCode: 'SUPPRESSED', message: `${location}: belongs to an erased person; not loaded`, raw: null };
}
