import { GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { applyMask } from './masking';
import { isPersonalField } from './personal-data';
import { fieldRule, roleNames, type AccessPolicy, type FieldRule } from './policy';
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

/**
 * A field's rule for every role of the policy, computed once when the schema is guarded: the
 * rule depends on role, type and field only, and resolving it per field per row added up on
 * pages of hundreds of objects.
 */
function rulesByRole(policy: AccessPolicy, type: string, field: string): ReadonlyMap<string, FieldRule> {
  return new Map(roleNames(policy).map((role) => [role, fieldRule(policy, role, type, field)] as const));
}

/** A role the policy does not name, and the anonymous role, are denied. */
function ruleFor(rules: ReadonlyMap<string, FieldRule>, role: string | null): FieldRule {
  return role === null ? 'deny' : (rules.get(role) ?? 'deny');
}

function buildShield(schema: GraphQLSchema, policy: AccessPolicy) {
  const ruleTree: Record<string, Record<string, ShieldFieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !isGuardedType(type.name)) continue;
    const fields: Record<string, ShieldFieldRule> = {};
    for (const field of Object.keys(type.getFields())) {
      const rules = rulesByRole(policy, type.name, field);
      fields[field] = rule(`${type.name}.${field}`, { cache: 'no_cache' })((_parent, _args, ctx: AccessContext) =>
        ruleFor(rules, ctx.principal.role) === 'deny' ? refusal(ctx.principal, type.name, field) : true,
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

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs after a personal field resolves: masks the value for roles that see it masked, and notes
 * an unmasked read in the request's audit trail. Only personal fields get the wrapper, so every
 * other field resolves at full speed; it stays synchronous when the value is (graphql-middleware
 * calls it like a resolver), so a field read from its parent object costs no promise.
 */
function personalFieldMiddleware(schema: GraphQLSchema, policy: AccessPolicy): Record<string, Record<string, IMiddlewareFunction>> {
  const guard = (type: string, field: string): IMiddlewareFunction => {
    const rules = rulesByRole(policy, type, field);
    const coordinate = `${type}.${field}`;
    const reveal = (value: unknown, parent: unknown, ctx: AccessContext): unknown => {
      const access = ruleFor(rules, ctx.principal.role);
      if (typeof access === 'object') return applyMask(access.mask, value);
      if (ctx.audit && hasValue(value)) ctx.audit.noteRead(coordinate, customerIdOf(type, parent));
      return value;
    };
    const middleware = (resolve: GraphQLFieldResolver<unknown, AccessContext>, parent: unknown, args: Record<string, unknown>, ctx: AccessContext, info: GraphQLResolveInfo): unknown => {
      const value: unknown = resolve(parent, args, ctx, info);
      return isPromiseLike(value) ? value.then((resolved) => reveal(resolved, parent, ctx)) : reveal(value, parent, ctx);
    };
    // graphql-middleware types middleware as async, but a plain value is returned as it is.
    return middleware as unknown as IMiddlewareFunction;
  };
  const tree: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !isGuardedType(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (isPersonalField(policy, type.name, field)) (tree[type.name] ??= {})[field] = guard(type.name, field);
    }
  }
  return tree;
}

/** The schema with field rules, masking and read auditing applied. */
export function guardSchema(schema: GraphQLSchema, policy: AccessPolicy): GraphQLSchema {
  return applyMiddleware(schema, buildShield(schema, policy), personalFieldMiddleware(schema, policy));
}
