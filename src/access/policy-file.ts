import fs from 'node:fs';
import path from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import YAML from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../config/load-config';
import { AppError, ConfigError } from '../errors';
import { DEFAULT_POLICY, FieldRuleSchema, type AccessPolicy, type RolePolicy } from './policy';

/**
 * A policy file changes the default roles and adds new ones:
 *
 * ```yaml
 * defaults: extend          # or `replace`: only the roles in this file exist
 * roles:
 *   marketing:              # a role named in the file replaces the default role of that name
 *     mutations: []         # mutations the role may run (shorthand for Mutation: { name: allow })
 *     Query: { customers: allow }
 *     Customer: { id: allow, country: allow, emails: { mask: email }, '*': deny }
 *     CustomerConnection: { '*': allow }
 * ```
 */
const RoleSchema = z
  .object({ mutations: z.array(z.string().min(1)).optional() })
  .catchall(z.record(z.string().min(1), FieldRuleSchema));

const PolicyFileSchema = z
  .object({
    defaults: z.enum(['extend', 'replace']).default('extend'),
    roles: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'role names are lowercase letters, digits, _ and -'), RoleSchema),
  })
  .strict();

export interface LoadedPolicy {
  policy: AccessPolicy;
  /** Where the policy came from, for messages: the file path or `default`. */
  origin: string;
}

function toRolePolicy(entry: z.infer<typeof RoleSchema>): RolePolicy {
  const { mutations, ...types } = entry;
  const rolePolicy = types as RolePolicy;
  if (mutations) rolePolicy.Mutation = { ...Object.fromEntries(mutations.map((name) => [name, 'allow' as const])), ...rolePolicy.Mutation };
  return rolePolicy;
}

/** Validates a parsed policy document; problems are listed by their path in the file. */
export function parsePolicy(input: unknown, origin: string): AccessPolicy {
  const parsed = PolicyFileSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(`Invalid policy file ${origin}`, describeIssues(parsed.error));
  const roles = Object.fromEntries(Object.entries(parsed.data.roles).map(([role, entry]) => [role, toRolePolicy(entry)]));
  return parsed.data.defaults === 'replace' ? roles : { ...DEFAULT_POLICY, ...roles };
}

/** The policy in force: the file when a path is given, else the default roles. */
export function loadPolicy(file: string | undefined): LoadedPolicy {
  if (!file) return { policy: DEFAULT_POLICY, origin: 'default' };
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `cannot read policy file ${absolute}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = absolute.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid policy file ${absolute}`, [(error as Error).message]);
  }
  return { policy: parsePolicy(data, absolute), origin: absolute };
}

/**
 * Every type and field a policy names must exist in the schema, so a typo (`emial`) stops the
 * server at start instead of silently denying or, worse, silently not masking.
 */
export function checkPolicyAgainstSchema(policy: AccessPolicy, schema: GraphQLSchema, origin: string): void {
  const problems: string[] = [];
  for (const [role, rolePolicy] of Object.entries(policy)) {
    for (const [typeName, fields] of Object.entries(rolePolicy)) {
      if (typeName === '*') continue;
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) {
        problems.push(`roles.${role}.${typeName}: unknown type "${typeName}"`);
        continue;
      }
      for (const field of Object.keys(fields)) {
        if (field !== '*' && !(field in type.getFields())) problems.push(`roles.${role}.${typeName}.${field}: unknown field "${typeName}.${field}"`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid policy file ${origin}`, problems);
}
