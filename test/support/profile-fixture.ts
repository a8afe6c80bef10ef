import type { ProjectConfig } from '../../src/config/sources';
import { csvSourcesConfig } from './fixtures';

/**
 * Two sources with the full profile: names (Latin and Han), contacts, gender, address, money,
 * signup and update times. Ann is in both sources (same email), so her customer sums both
 * lifetime values; the others are in one source each.
 */
export const PROFILE_CRM = `id,first,last,email,phone,gender,street,apt,city,region,zip,country,spent,signup,updated
c1,Ann,Lee,ann.lee@example.com,+49 151 23456789,F,Hauptstraße 5,Apt 2,Berlin,BE,10115,DE,0.1,2020-01-15T10:00:00Z,2024-01-01T00:00:00Z
c2,伟,张,zhang.wei@example.cn,+86 138 0013 8000,M,,,Shanghai,,,CN,250.00,2021-06-01T00:00:00Z,2024-02-01T00:00:00Z
c3,Bo,Kim,bo.kim@example.com,,,,,,,,US,10,2022-03-01T00:00:00Z,2024-03-01T00:00:00Z
`;
export const PROFILE_SHOP = `key,given,family,mail,sex,spent,updated
s1,Ann,Lee,ANN.LEE@example.com,female,0.2,2025-05-05T00:00:00Z
s2,Cy,Doe,cy.doe@example.com,,,2024-04-01T00:00:00Z
s3,Dee,Ray,dee.ray@example.com,,99.5,2024-04-02T00:00:00Z
`;

/** The fixture sources; pass other file contents to model a later state of the same sources. */
export function profileFixtureConfig(files: { crm?: string; shop?: string } = {}): ProjectConfig {
  return csvSourcesConfig({
    crm: {
      csv: files.crm ?? PROFILE_CRM,
      primaryKey: 'id',
      trust: 2,
      mapping: {
        first: 'givenName', last: 'familyName', email: 'email', phone: 'phone', gender: 'gender', street: 'addressLine1', apt: 'addressLine2',
        city: 'city', region: 'region', zip: 'postalCode', country: 'country', spent: 'lifetimeValue', signup: 'signupAt', updated: 'updatedAt',
      },
      defaults: { currency: 'EUR' },
    },
    shop: {
      csv: files.shop ?? PROFILE_SHOP,
      primaryKey: 'key',
      mapping: { given: 'givenName', family: 'familyName', mail: 'email', sex: 'gender', spent: 'lifetimeValue', updated: 'updatedAt' },
      defaults: { country: 'DE', currency: 'EUR' },
    },
  });
}
