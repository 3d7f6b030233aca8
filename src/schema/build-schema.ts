import "reflect-metadata";
import "./enums";
import { DateTimeResolver } from "graphql-scalars";
import { isAbstractType, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { validateInput } from "../infra/http/validate-input";
import { applyPolicy } from "./apply-policy";
import { callResolversDirectly, ResolverInstances, type DirectField } from "../infra/library-patches/direct-resolvers";
import { resolveTypename } from "../modules/node/node.type";
import { HUB_MODULES } from "../hub-modules";

/** Every module's resolvers, in the modules' order (src/hub-modules.ts). */
export const RESOLVERS = HUB_MODULES.flatMap((module) => module.resolvers ?? []) as unknown as readonly [Function, ...Function[]];

let cached: Promise<GraphQLSchema> | undefined;
let direct: DirectField[] = [];

/**
 * The executable schema; built once per process (type-graphql's metadata is global anyway). Every object type
 * says `simpleResolvers: true`: the hub uses no type-graphql middleware or @Authorized (the access policy is applied
 * to the built schema, apply-policy.ts), so plain fields take graphql-js's default resolver instead of a wrapper per
 * field and per row.
 */
export function hubSchema(): Promise<GraphQLSchema> {
  return (cached ??= buildHubSchema());
}

async function buildHubSchema(): Promise<GraphQLSchema> {
  const instances = new ResolverInstances();
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    container: instances,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Our validator names the offending field and never echoes the input back.
    validateFn: validateInput,
    emitSchemaFile: false,
    // Every subscription brings its own `subscribe` (context/deliver.ts); type-graphql still insists on one.
    pubSub: createPubSub(),
  });
  direct = callResolversDirectly(withTypenameResolution(schema), instances);
  // After the direct calls: each guard wraps whichever resolver the field ends up with.
  applyPolicy(schema);
  return schema;
}

/** The fields whose resolvers are called directly (direct-resolvers.ts), once hubSchema() has resolved. */
export const directFields = (): readonly DirectField[] => direct;

/**
 * Every union and interface of the hub resolves a value's type from the `__typename` its resolver put on it
 * (node.type.ts, `typed`). type-graphql wraps such a function in an async one: a promise per supplier of every match
 * listed, and a promise the compiled executor (compiled-executor.ts) cannot take. The plain function goes back in.
 */
function withTypenameResolution(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) if (isAbstractType(type)) type.resolveType = resolveTypename;
  return schema;
}
