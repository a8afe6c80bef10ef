import { consentStatements, CONSENT_FIELD_OF, type ConsentChannel } from '../normalize/consent';
import type { CustomerConsent } from '../store/customer-consent-repository';
import type { ResolvableRecord } from '../store/source-record-repository';

/** Lineage rule of a consent value: the most recent statement across the customer's records. */
export const CONSENT_RULE = 'most_recent_statement';

export interface SurvivedConsent {
  consents: CustomerConsent[];
  /** One lineage row per channel, under the canonical field name (emailMarketingConsent, …). */
  lineage: { field: string; sourceRecordId: number; rule: string }[];
}

interface Candidate {
  consent: CustomerConsent;
  time: number;
}

/** Negative when `a` wins: later first; at the same instant a withdrawal, then the later-loaded record. */
function compare(a: Candidate, b: Candidate): number {
  if (a.time !== b.time) return b.time - a.time;
  if (a.consent.granted !== b.consent.granted) return a.consent.granted ? 1 : -1;
  return b.consent.sourceRecordId - a.consent.sourceRecordId;
}

/**
 * Survivorship of consent, per channel: the most recent statement among the cluster's records
 * wins, whichever way it goes, since a withdrawal is as binding as a grant and the newest word of
 * the person is what counts. Source trust plays no part. At the same instant a withdrawal wins
 * (the cautious reading), then the record loaded last. A statement's time is the record's
 * `consentAt`, else its own `updatedAt`, else when the sync stored it (see consentStatements).
 */
export function consentOf(records: readonly ResolvableRecord[]): SurvivedConsent {
  const best = new Map<ConsentChannel, Candidate>();
  for (const record of records) {
    for (const statement of consentStatements(record.normalized, record.updatedAt)) {
      const candidate: Candidate = {
        consent: { channel: statement.channel, granted: statement.granted, source: record.source, sourceRecordId: record.id, recordedAt: new Date(statement.recordedAt) },
        time: Date.parse(statement.recordedAt),
      };
      const current = best.get(statement.channel);
      if (current === undefined || compare(candidate, current) < 0) best.set(statement.channel, candidate);
    }
  }
  const consents = [...best.values()].map((candidate) => candidate.consent).sort((a, b) => a.channel.localeCompare(b.channel));
  return {
    consents,
    lineage: consents.map((consent) => ({ field: CONSENT_FIELD_OF[consent.channel], sourceRecordId: consent.sourceRecordId, rule: CONSENT_RULE })),
  };
}
