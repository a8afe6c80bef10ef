import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, fieldRule, roleNames } from '../../src/access/policy';
import { buildCustomerGraphSchema } from '../../src/graphql/schema';
import { PERMISSION_MATRIX, ROLES, type Expected } from './permission-matrix';

async function schemaFields(): Promise<string[]> {
  const schema = await buildCustomerGraphSchema();
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []))
    .sort();
}

function expectedOf(role: string, coordinate: string): Expected {
  const [type, field] = coordinate.split('.') as [string, string];
  const rule = fieldRule(DEFAULT_POLICY, role, type, field);
  return typeof rule === 'object' ? `mask:${rule.mask}` as Expected : rule;
}

describe('permission matrix', () => {
  it('has an entry for every field of every type in the schema', async () => {
    expect(await schemaFields()).toEqual(Object.keys(PERMISSION_MATRIX).sort());
  });

  it('covers exactly the default roles', () => {
    expect([...roleNames(DEFAULT_POLICY)].sort()).toEqual([...ROLES].sort());
  });

  for (const role of ROLES) {
    it(`gives ${role} what the matrix says for every field`, async () => {
      for (const coordinate of await schemaFields()) {
        expect(expectedOf(role, coordinate), `${role} reading ${coordinate}`).toBe(PERMISSION_MATRIX[coordinate]?.[role]);
      }
    });
  }

  it('denies every field to a caller without a role', async () => {
    for (const coordinate of await schemaFields()) {
      const [type, field] = coordinate.split('.') as [string, string];
      expect(fieldRule(DEFAULT_POLICY, null, type, field), coordinate).toBe('deny');
    }
  });

  it('denies every field to a role the policy does not know', async () => {
    for (const coordinate of await schemaFields()) {
      const [type, field] = coordinate.split('.') as [string, string];
      expect(fieldRule(DEFAULT_POLICY, 'intern', type, field), coordinate).toBe('deny');
    }
  });
});
