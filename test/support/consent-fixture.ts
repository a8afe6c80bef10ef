import type { ProjectConfig } from '../../src/config/sources';
import { csvSourcesConfig } from './fixtures';

/**
 * Two sources that state marketing consent. The CRM (trusted more) gives both channels and a
 * consent time; the shop gives its newsletter (email) and only its record's update time.
 * Ann: CRM grants email in 2024, the shop withdraws it in 2025 → withdrawn (shop); SMS granted (CRM).
 * Bo: CRM refuses email in 2024, the shop grants it in 2025 → granted (shop).
 * Cy: the shop withdrew in 2023, the CRM granted in 2024-06 → granted (CRM).
 * Dee (shop, grant 2023) and Eve (CRM, refusal 2022) are separate people.
 */
export const CONSENT_CRM = `id,first,last,email,country,email_ok,sms_ok,consent_time
c1,Ann,Lee,ann@example.com,DE,yes,1,2024-01-10T00:00:00Z
c2,Bo,Kim,bo@example.com,DE,no,,2024-01-10T00:00:00Z
c3,Cy,Doe,cy@example.com,CN,yes,,2024-06-01T00:00:00Z
c5,Eve,Fox,eve@example.com,CN,no,0,2022-01-01T00:00:00Z
`;
export const CONSENT_SHOP = `key,given,family,mail,newsletter,updated
s1,Ann,Lee,ann@example.com,opt-out,2025-01-01T00:00:00Z
s2,Bo,Kim,bo@example.com,opt-in,2025-01-01T00:00:00Z
s3,Dee,Ray,dee@example.com,opt-in,2023-01-01T00:00:00Z
s4,Cy,Doe,cy@example.com,opt-out,2023-01-01T00:00:00Z
`;

export function consentFixtureConfig(files: { crm?: string; shop?: string } = {}): ProjectConfig {
  return csvSourcesConfig({
    crm: {
      csv: files.crm ?? CONSENT_CRM,
      primaryKey: 'id',
      trust: 3,
      mapping: { first: 'givenName', last: 'familyName', email: 'email', country: 'country', email_ok: 'emailMarketingConsent', sms_ok: 'smsMarketingConsent', consent_time: 'consentAt' },
    },
    shop: {
      csv: files.shop ?? CONSENT_SHOP,
      primaryKey: 'key',
      trust: 1,
      mapping: { given: 'givenName', family: 'familyName', mail: 'email', newsletter: 'emailMarketingConsent', updated: 'updatedAt' },
      defaults: { country: 'DE' },
    },
  });
}
