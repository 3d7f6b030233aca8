// The declared access policy (modules/access/policy.table.ts) put into the schema once, when it is built: the resolver
// (a subscription's subscribe) of every guarded operation checks the caller first, before type-graphql converts and
// validates its arguments, so an anonymous or unauthorized caller gets UNAUTHENTICATED / FORBIDDEN whatever its input;
// the resolver of every private field asks its rule and answers as the table says on deny. Public fields are left as
// they are: the read path pays nothing for them, and a role check is a comparison.
import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import type { Context } from "../context/context";
import type { Viewer } from "../infra/auth/viewer";
import { forbidden, unauthenticated } from "../infra/errors";
import { FIELD_RULES, OPERATIONS, PRIVATE_FIELDS, PUBLIC, ROUTES, SIGNED_IN, type Callers, type Denied, type Route } from "../modules/access/policy.table";

type Resolve = GraphQLFieldResolver<unknown, Context>;

/** The resolver a guard wraps, by the guard (tests compare the resolver underneath). */
const inner = new WeakMap<Function, Resolve>();

/** The resolver under the policy's guard, or the resolver itself when the field is not guarded. */
export function unguarded(resolve: unknown): unknown {
  return (typeof resolve === "function" && inner.get(resolve)) || resolve;
}

export function applyPolicy(schema: GraphQLSchema): void {
  for (const [key, entry] of Object.entries(OPERATIONS)) {
    const field = fieldOf(schema, key);
    const check = callerCheck(entry.who, entry.display === true);
    if (!field || !check) continue;
    if (key.startsWith("Subscription.")) field.subscribe = guard(check, field.subscribe ?? defaultFieldResolver);
    else field.resolve = guard(check, field.resolve ?? defaultFieldResolver);
  }
  for (const [key, entry] of Object.entries(PRIVATE_FIELDS)) {
    const field = fieldOf(schema, key);
    if (field) field.resolve = withRule(FIELD_RULES[entry.rule].may, denial(entry.denied, entry.message), field.resolve ?? defaultFieldResolver);
  }
}

/** An HTTP door's caller check, from its entry in ROUTES: UNAUTHENTICATED / FORBIDDEN as an operation answers. */
export function checkRoute(route: Route, viewer: Viewer): void {
  callerCheck(ROUTES[route].who, false)?.(viewer);
}

function fieldOf(schema: GraphQLSchema, key: string): GraphQLField<unknown, Context> | undefined {
  const [typeName, fieldName] = key.split(".");
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

/** Throws UNAUTHENTICATED / FORBIDDEN for a caller the entry does not admit; null for PUBLIC (nothing to check). */
function callerCheck(who: Callers, display: boolean): ((viewer: Viewer) => void) | null {
  if (who === PUBLIC) return null;
  if (who === SIGNED_IN) {
    return (viewer) => {
      if (viewer.kind === "anonymous") throw unauthenticated();
    };
  }
  const roles = who;
  const message = `This needs one of the roles ${roles.join(", ")}`;
  return (viewer) => {
    if (viewer.kind === "anonymous") {
      if (display && viewer.display) return;
      throw unauthenticated();
    }
    if (!roles.includes(viewer.role)) throw forbidden(message);
  };
}

function guard(check: (viewer: Viewer) => void, resolve: Resolve): Resolve {
  const guarded: Resolve = (root, args, ctx, info) => {
    check(ctx.viewer);
    return resolve(root, args, ctx, info);
  };
  inner.set(guarded, resolve);
  return guarded;
}

function denial(denied: Denied, message: string | undefined): () => unknown {
  switch (denied) {
    case "null":
      return () => null;
    case "empty":
      return () => [];
    case "UNAUTHENTICATED":
      return () => {
        throw unauthenticated(message);
      };
    case "FORBIDDEN":
      return () => {
        throw forbidden(message);
      };
  }
}

/** The field's resolver behind its rule; a rule decided without the database costs no promise. */
function withRule(may: (viewer: Viewer, root: any, ctx: Context) => boolean | Promise<boolean>, deny: () => unknown, resolve: Resolve): Resolve {
  const guarded: Resolve = (root, args, ctx, info) => {
    const allowed = may(ctx.viewer, root, ctx);
    if (allowed === true) return resolve(root, args, ctx, info);
    if (allowed === false) return deny();
    return allowed.then((yes) => (yes ? resolve(root, args, ctx, info) : deny()));
  };
  inner.set(guarded, resolve);
  return guarded;
}
