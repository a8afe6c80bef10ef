import { GraphQLError, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { applyMask } from './masking';
import { fieldRule, type AccessPolicy } from './policy';
import type { Principal } from './principal';

export interface AccessContext {
  principal: Principal;
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

/**
 * Masks values after they are resolved. Only fields that some role sees masked get the wrapper,
 * so every other field resolves at full speed.
 */
function maskingMiddleware(schema: GraphQLSchema, policy: AccessPolicy): Record<string, Record<string, IMiddlewareFunction>> {
  const mask: IMiddlewareFunction = async (resolve, parent, args, ctx: AccessContext, info: GraphQLResolveInfo) => {
    const value: unknown = await resolve(parent, args, ctx, info);
    const access = fieldRule(policy, ctx.principal.role, info.parentType.name, info.fieldName);
    return typeof access === 'object' ? applyMask(access.mask, value) : value;
  };
  const tree: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !isGuardedType(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (Object.keys(policy).some((role) => typeof fieldRule(policy, role, type.name, field) === 'object')) {
        (tree[type.name] ??= {})[field] = mask;
      }
    }
  }
  return tree;
}

/** The schema with field rules and masking applied. */
export function guardSchema(schema: GraphQLSchema, policy: AccessPolicy): GraphQLSchema {
  return applyMiddleware(schema, buildShield(schema, policy), maskingMiddleware(schema, policy));
}
