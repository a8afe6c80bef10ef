import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/cli/project-root';
import { buildCustomerGraphSchema, printCustomerGraphSchema } from '../../src/graphql/schema';

describe('committed schema', () => {
  it('matches the schema the code emits (run `npm run schema` after changing types)', async () => {
    const committed = fs.readFileSync(path.join(projectRoot(), 'schema', 'schema.graphql'), 'utf8');
    expect(printCustomerGraphSchema(await buildCustomerGraphSchema())).toBe(committed);
  });
});
