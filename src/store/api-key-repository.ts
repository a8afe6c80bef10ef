import type { Knex } from 'knex';
import type { RowScope } from './row-scope';
import { fromDbTime, nowDbTime, parseJsonColumn } from './dialect';

export interface ApiKeyRecord {
  id: number;
  name: string;
  role: string;
  scope: RowScope;
  createdAt: Date;
  revokedAt: Date | null;
}

function toApiKey(row: Record<string, unknown>): ApiKeyRecord {
  return {
    id: Number(row.id),
    name: String(row.name),
    role: String(row.role),
    scope: parseJsonColumn(row.scopes, {}),
    createdAt: fromDbTime(row.created_at as string) as Date,
    revokedAt: fromDbTime(row.revoked_at as string | null),
  };
}

/** The `api_keys` table. Only a hash of each key is stored; the key itself is shown once. */
export class ApiKeyRepository {
  constructor(private readonly knex: Knex) {}

  async create(name: string, keyHash: string, role: string, scope: RowScope): Promise<number> {
    const [id] = await this.knex('api_keys').insert({ name, key_hash: keyHash, role, scopes: JSON.stringify(scope), created_at: nowDbTime() });
    return Number(id);
  }

  async findActiveByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.knex('api_keys').where({ key_hash: keyHash }).whereNull('revoked_at').first();
    return row ? toApiKey(row) : undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.knex('api_keys').orderBy('id')).map(toApiKey);
  }

  async revoke(id: number): Promise<boolean> {
    return (await this.knex('api_keys').where({ id }).whereNull('revoked_at').update({ revoked_at: nowDbTime() })) > 0;
  }
}
