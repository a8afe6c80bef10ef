import { GraphQLError, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { applyMask } from './masking';
import { isPersonalField } from './personal-data';
import { fieldRule, type AccessPolicy } from './policy';
import type { Principal } from './principal';
import type { RequestAudit } from './request-audit';

export interface AccessContext {
  principal: Principal;
  /** Collects unmasked personal reads for the request's audit entry; absent outside requests. */
  audit?: RequestAudit;
}

/** Types graphql-shield must leave alone: introspection, and federation plumbing added later. */
function isGuardedType(name: string): boolean {
  return !name.startsWith('__');
}

function refusal(principal: Principal, type: string, field: string): GraphQLError {
  if (principal.role === null) {
    return new GraphQLError('authentication required: send a bearer token or API key', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return new GraphQLError(`role "${principal.role}" may not read ${type}.${field}`, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * One graphql-shield rule per field of every object type, built from the policy. Rules sit on
 * type fields, not only on Query, because federated `_entities` reaches types without passing
 * through Query. Nothing is cached across fields or requests, and anything the policy does not
 * name is denied (`fallbackRule: deny`).
 */
type ShieldFieldRule = ReturnType<ReturnType<typeof rule>>;

function buildShield(schema: GraphQLSchema, policy: AccessPolicy) {
  const ruleTree: Record<string, Record<string, ShieldFieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !isGuardedType(type.name)) continue;
    const fields: Record<string, ShieldFieldRule> = {};
    for (const field of Object.keys(type.getFields())) {
      fields[field] = rule(`${type.name}.${field}`, { cache: 'no_cache' })((_parent, _args, ctx: AccessContext) =>
        fieldRule(policy, ctx.principal.role, type.name, field) === 'deny' ? refusal(ctx.principal, type.name, field) : true,
      );
    }
    ruleTree[type.name] = fields;
  }
  return shield(ruleTree, { fallbackRule: deny, allowExternalErrors: true, debug: false });
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** The customer a personal value belongs to: the Customer itself, or a child carrying `customerId`. */
function customerIdOf(type: string, parent: unknown): string | undefined {
  const record = parent as { id?: unknown; customerId?: unknown } | null;
  if (type === 'Customer' && record && (typeof record.id === 'string' || typeof record.id === 'number')) return String(record.id);
  if (record && typeof record.customerId === 'string') return record.customerId;
  return undefined;
}

/**
 * Runs after a personal field resolves: masks the value for roles that see it masked, and notes
 * an unmasked read in the request's audit trail. Only personal fields get the wrapper, so every
 * other field resolves at full speed.
 */
function personalFieldMiddleware(schema: GraphQLSchema, policy: AccessPolicy): Record<string, Record<string, IMiddlewareFunction>> {
  const guard: IMiddlewareFunction = async (resolve, parent, args, ctx: AccessContext, info: GraphQLResolveInfo) => {
    const value: unknown = await resolve(parent, args, ctx, info);
    const type = info.parentType.name;
    const access = fieldRule(policy, ctx.principal.role, type, info.fieldName);
    if (typeof access === 'object') return applyMask(access.mask, value);
    if (ctx.audit && hasValue(value)) ctx.audit.noteRead(`${type}.${info.fieldName}`, customerIdOf(type, parent));
    return value;
  };
  const tree: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !isGuardedType(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (isPersonalField(policy, type.name, field)) (tree[type.name] ??= {})[field] = guard;
    }
  }
  return tree;
}

/** The schema with field rules, masking and read auditing applied. */
export function guardSchema(schema: GraphQLSchema, policy: AccessPolicy): GraphQLSchema {
  return applyMiddleware(schema, buildShield(schema, policy), personalFieldMiddleware(schema, policy));
}
