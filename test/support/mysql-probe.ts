import knexFactory from 'knex';

/** Where the MySQL half of the suite runs; each test file creates its own database there. */
export const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export function mysqlAdminConfig(connectTimeout = 10_000): Parameters<typeof knexFactory>[0] {
  const url = new URL(MYSQL_URL);
  return {
    client: 'mysql2',
    connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || 'root'), password: decodeURIComponent(url.password), connectTimeout },
    pool: { min: 0, max: 1 },
  };
}

export async function isMysqlReachable(): Promise<boolean> {
  const admin = knexFactory(mysqlAdminConfig(3000));
  try {
    await admin.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await admin.destroy();
  }
}
