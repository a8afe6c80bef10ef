import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Command } from 'commander';
import { createAccessControl } from '../../access/access-control';
import { hashApiKey } from '../../access/authenticate';
import { roleNames } from '../../access/policy';
import { parseScopeArguments, signToken } from '../../access/tokens';
import { createRepositories } from '../../store/repositories';
import { openRuntime } from '../runtime';
import { registerDataKeyCommands } from './data-keys';

/** Who ran a command: the operating-system account, acting with full rights on the database. */
export function cliActor(): { actor: string; role: string } {
  return { actor: `cli:${os.userInfo().username}`, role: 'admin' };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerAccessCommands(program: Command): void {
  program
    .command('token')
    .description('Sign a bearer token (HS256, the configured secret) for demos, scripts and tests.')
    .requiredOption('-r, --role <role>', 'role the token carries')
    .option('--scope <key=values>', 'row scope, e.g. country=CN or source=shop (repeatable)', collect, [])
    .option('--ttl <duration>', 'lifetime, e.g. 30m, 1h, 7d', '1h')
    .option('--subject <name>', 'who the token is for')
    .action(async (options: { role: string; scope: string[]; ttl: string; subject?: string }) => {
      const { env, db } = await openRuntime();
      try {
        const access = createAccessControl(env, createRepositories(db.knex), { anonymousRole: null });
        if (!roleNames(access.policy).includes(options.role)) throw new Error(`unknown role "${options.role}" (roles: ${roleNames(access.policy).join(', ')})`);
        const token = await signToken(access.tokens, { role: options.role, scope: parseScopeArguments(options.scope), ttl: options.ttl, subject: options.subject });
        process.stdout.write(`${token}\n`);
      } finally {
        await db.close();
      }
    });

  const keys = program.command('keys').description('API keys for BI tools and services, and the data key of personal data.');
  keys
    .command('create')
    .description('Create an API key; it is printed once, only its hash is stored.')
    .requiredOption('-r, --role <role>', 'role the key carries')
    .requiredOption('-n, --name <name>', 'what the key is for, e.g. "Tableau"')
    .option('--scope <key=values>', 'row scope, e.g. country=CN or source=shop (repeatable)', collect, [])
    .action(async (options: { role: string; name: string; scope: string[] }) => {
      const { env, db } = await openRuntime();
      try {
        const repos = createRepositories(db.knex);
        const access = createAccessControl(env, repos, { anonymousRole: null });
        if (!roleNames(access.policy).includes(options.role)) throw new Error(`unknown role "${options.role}"`);
        const key = `cgk_${randomBytes(24).toString('base64url')}`;
        const id = await repos.apiKeys.create(options.name, hashApiKey(key), options.role, parseScopeArguments(options.scope));
        await repos.auditLog.append({ ...cliActor(), action: 'keys.create', details: { keyId: id, name: options.name, keyRole: options.role } });
        process.stderr.write(`key #${id} "${options.name}" (${options.role}); it will not be shown again:\n`);
        process.stdout.write(`${key}\n`);
      } finally {
        await db.close();
      }
    });
  keys
    .command('list')
    .description('List API keys (never the keys themselves).')
    .action(async () => {
      const { db } = await openRuntime();
      try {
        for (const key of await createRepositories(db.knex).apiKeys.list()) {
          process.stdout.write(`#${key.id}\t${key.name}\t${key.role}\t${JSON.stringify(key.scope)}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}\n`);
        }
      } finally {
        await db.close();
      }
    });
  keys
    .command('revoke <id>')
    .description('Revoke an API key by its number.')
    .action(async (id: string) => {
      const { db } = await openRuntime();
      try {
        const repos = createRepositories(db.knex);
        const revoked = await repos.apiKeys.revoke(Number(id));
        if (!revoked) throw new Error(`no active key #${id}`);
        await repos.auditLog.append({ ...cliActor(), action: 'keys.revoke', details: { keyId: Number(id) } });
        process.stderr.write(`key #${id} revoked\n`);
      } finally {
        await db.close();
      }
    });
  registerDataKeyCommands(keys);
}
