import { accept, reject, type Normalized } from './result';
import { normalizeText } from './text';

/**
 * Marketing consent: what a source says about whether a person may be contacted by email or
 * SMS for marketing. Sources write it in every way a form or an export can: yes/no, true/false,
 * 1/0, Y/N, opt-in/opt-out, subscribed/unsubscribed, 是/否, ja/nein, … A value that reads as
 * neither is rejected (BAD_CONSENT) rather than guessed: a wrong "yes" is a legal problem.
 */

const normalizeTextFn = normalizeText;

/** The channels a consent statement is about; the names are the stored channel values. */
export const CONSENT_CHANNELS = ['email_marketing', 'sms_marketing'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** The normalized field that holds each channel's statement ("true" / "false"). */
export const CONSENT_FIELD_OF: Readonly<Record<ConsentChannel, 'emailMarketingConsent' | 'smsMarketingConsent'>> = {
  email_marketing: 'emailMarketingConsent',
  sms_marketing: 'smsMarketingConsent',
};

const GRANTED = [
  'yes', 'y', 'true', 't', '1', 'on', 'x', 'ok', 'opt-in', 'optin', 'opt in', 'opted-in', 'opted in', 'subscribed', 'subscribe',
  'granted', 'grant', 'given', 'consent', 'consented', 'agree', 'agreed', 'accepted', 'allow', 'allowed',
  'ja', 'oui', 'si', 'sí', '是', '同意', '已同意', '订阅', '已订阅', '允许',
];
const WITHDRAWN = [
  'no', 'n', 'false', 'f', '0', 'off', 'opt-out', 'optout', 'opt out', 'opted-out', 'opted out', 'unsubscribed', 'unsubscribe',
  'withdrawn', 'withdraw', 'revoked', 'denied', 'declined', 'refused', 'no consent', 'disagree', 'rejected', 'disallowed',
  'nein', 'non', '否', '不同意', '拒绝', '退订', '已退订', '不允许',
];

const VALUES: ReadonlyMap<string, boolean> = new Map([
  ...GRANTED.map((v) => [v, true] as const),
  ...WITHDRAWN.map((v) => [v, false] as const),
]);

/** Reads one consent value: true for a grant, false for a withdrawal or refusal. */
export function normalizeConsent(raw: string): Normalized<boolean> {
  const key = normalizeTextFn(raw).toLowerCase().replace(/[._]/g, (c) => (c === '_' ? '-' : '')).replace(/\s+/g, ' ');
  const granted = VALUES.get(key) ?? VALUES.get(key.replace(/-/g, ' '));
  return granted === undefined
    ? reject('BAD_CONSENT', `consent "${normalizeTextFn(raw)}" is neither a recognised grant (yes, opt-in, …) nor a withdrawal (no, opt-out, …)`)
    : accept(granted);
}

/** Where the time of a consent statement came from. */
export type ConsentTimeOrigin = 'consentAt' | 'updatedAt' | 'loaded';

export interface ConsentStatement {
  channel: ConsentChannel;
  granted: boolean;
  /** ISO 8601 UTC. */
  recordedAt: string;
  timeOrigin: ConsentTimeOrigin;
}

/**
 * The consent statements of one normalized record, one per channel it states. The time is the
 * record's `consentAt`; without one, the record's own `updatedAt`; without that, `loadedAt`, the
 * time the sync stored this version of the record (a source that gives no time says how things
 * stand as of that sync).
 */
export function consentStatements(normalized: Readonly<Record<string, unknown>>, loadedAt: Date): ConsentStatement[] {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const consentAt = text(normalized.consentAt);
  const updatedAt = text(normalized.updatedAt);
  const recordedAt = consentAt ?? updatedAt ?? loadedAt.toISOString();
  const timeOrigin: ConsentTimeOrigin = consentAt !== undefined ? 'consentAt' : updatedAt !== undefined ? 'updatedAt' : 'loaded';
  const statements: ConsentStatement[] = [];
  for (const channel of CONSENT_CHANNELS) {
    const value = text(normalized[CONSENT_FIELD_OF[channel]]);
    if (value === 'true' || value === 'false') statements.push({ channel, granted: value === 'true', recordedAt, timeOrigin });
  }
  return statements;
}
