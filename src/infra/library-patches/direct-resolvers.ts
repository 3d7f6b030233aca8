// type-graphql calls every field resolver through a wrapper that, on every call, makes a resolver-data object, asks
// the container for the resolver's instance, sorts the parameter list (in place, again), maps it to values and awaits
// the validator for each argument (a promise, a Promise.all and a then per call): on a page of needs and their
// matches, a large share of what a request allocates (measured: docs/benchmarks.md, "Design decisions measured").
// The hub uses neither type-graphql middleware nor @Authorized, so where a field's parameters are only @Root,
// @Ctx, @Info, scalar @Arg and @Args classes of scalars without validation rules (ConnectionArgs), the wrapper makes
// no difference but its cost: the method is called directly, with the same values in the same order and the same
// argument check. An input-class @Arg (a filter) is converted and validated by type-graphql: such a field is called
// directly while that argument is null, through the wrapper when one is given. Root queries too (`needs`, the
// analyst's list), not mutations: writes are few, and not worth the doubt.
import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage, type ContainerType } from "type-graphql";
import { assertStorableArgs } from "../http/validate-input";
import { hasValidationRules } from "./validators";

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type FieldResolverMetadata = MetadataStorage["fieldResolvers"][number];
type ParamMetadata = NonNullable<FieldResolverMetadata["params"]>[number];
type Resolve = GraphQLFieldResolver<unknown, unknown>;
type ParamValue = (root: any, args: Record<string, unknown>, context: any, info: unknown) => unknown;
type ResolverMetadata = MetadataStorage["queries"][number];
/** How a parameter reads its value; `inputArg`: an input-class argument, read directly only while it is null. */
type ParamReader = { read: ParamValue; inputArg?: string };

/** One instance per resolver class, shared by type-graphql (buildSchema's `container`) and the direct calls. */
export class ResolverInstances implements ContainerType {
  private readonly instances = new Map<Function, unknown>();

  get(resolverClass: new () => unknown): unknown {
    let instance = this.instances.get(resolverClass);
    if (instance === undefined) this.instances.set(resolverClass, (instance = new resolverClass()));
    return instance;
  }
}

/** A field whose type-graphql wrapper was replaced, with both resolvers (the tests call both and compare). */
export interface DirectField {
  typeName: string;
  fieldName: string;
  direct: Resolve;
  wrapped: Resolve;
}

/**
 * Replaces type-graphql's wrapper by a direct call on every object type field it can (see above); returns the
 * fields it replaced. A field that two resolver classes define keeps its wrapper: which one type-graphql used is
 * not ours to guess.
 */
export function callResolversDirectly(schema: GraphQLSchema, instances: ResolverInstances): DirectField[] {
  const storage = getMetadataStorage();
  const replaced: DirectField[] = [];
  const queryType = schema.getQueryType()?.name;
  const byField: Map<string, Array<FieldResolverMetadata | ResolverMetadata>> = groupByField(storage);
  if (queryType) for (const query of storage.queries) byField.set(`${queryType}.${query.schemaName}`, [...(byField.get(`${queryType}.${query.schemaName}`) ?? []), query]);
  for (const [key, definitions] of byField) {
    const [typeName, fieldName] = key.split(".");
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    const metadata = definitions.length === 1 ? definitions[0] : undefined;
    const direct = field?.resolve && metadata ? directResolver(storage, metadata, instances, field.resolve) : null;
    if (!field?.resolve || !direct) continue;
    replaced.push({ typeName, fieldName, direct, wrapped: field.resolve });
    field.resolve = direct;
  }
  return replaced;
}

/** Field resolvers defined in resolver classes (not methods of the object type itself), by `Type.field`. */
function groupByField(storage: MetadataStorage): Map<string, FieldResolverMetadata[]> {
  const byField = new Map<string, FieldResolverMetadata[]>();
  for (const definition of storage.fieldResolvers) {
    if (definition.kind !== "external" || !definition.getObjectType) continue;
    const objectClass = definition.getObjectType();
    const typeName = storage.objectTypes.find((t) => t.target === objectClass)?.name;
    if (!typeName) continue;
    const key = `${typeName}.${definition.schemaName}`;
    byField.set(key, [...(byField.get(key) ?? []), definition]);
  }
  return byField;
}

function directResolver(storage: MetadataStorage, metadata: FieldResolverMetadata | ResolverMetadata, instances: ResolverInstances, wrapped: Resolve): Resolve | null {
  if (metadata.middlewares?.length || metadata.roles || !metadata.params) return null;
  const params = [...metadata.params].sort((a, b) => a.index - b.index);
  const readers = params.map((param) => paramValue(storage, param));
  if (readers.some((reader) => reader === null)) return null;
  const read = readers.map((reader) => reader!.read);
  const inputArgs = readers.flatMap((reader) => (reader!.inputArg === undefined ? [] : [reader!.inputArg]));
  const checksArgs = params.some((param) => param.kind === "arg" || param.kind === "args");
  const instance = instances.get(metadata.target as new () => unknown) as Record<string, (...args: unknown[]) => unknown>;
  const method = instance[metadata.methodName];
  if (typeof method !== "function") return null;
  // The fields resolved once per row (an id, a supplier, a need's chain) take one to three parameters and no
  // arguments: called without an array of values made per call and spread again by `apply`.
  if (!checksArgs && inputArgs.length === 0 && read.length <= 3) {
    const [first, second, third] = read;
    if (read.length === 1) return (root, args, context, info) => method.call(instance, first(root, args, context, info));
    if (read.length === 2) return (root, args, context, info) => method.call(instance, first(root, args, context, info), second(root, args, context, info));
    if (read.length === 3) {
      return (root, args, context, info) =>
        method.call(instance, first(root, args, context, info), second(root, args, context, info), third(root, args, context, info));
    }
  }
  return (root, args, context, info) => {
    for (let i = 0; i < inputArgs.length; i++) if (args[inputArgs[i]] != null) return wrapped(root, args, context, info);
    if (checksArgs) assertStorableArgs(args);
    const given = new Array<unknown>(read.length);
    for (let i = 0; i < read.length; i++) given[i] = read[i](root, args, context, info);
    return method.apply(instance, given);
  };
}

/** How to read one parameter's value, as type-graphql would give it; null where only type-graphql knows how. */
function paramValue(storage: MetadataStorage, param: ParamMetadata): ParamReader | null {
  switch (param.kind) {
    case "root":
      // A typed root is converted to an instance of its class by type-graphql; not done here.
      if (param.getType) return null;
      return { read: param.propertyName ? (root) => root?.[param.propertyName!] : (root) => root };
    case "context":
      return { read: param.propertyName ? (_root, _args, context) => context[param.propertyName!] : (_root, _args, context) => context };
    case "info":
      return { read: (_root, _args, _context, info) => info };
    case "arg": {
      if (param.validateFn) return null;
      // Scalars and enums reach the method as GraphQL gave them.
      if (isScalarOrEnum(storage, param.getType())) return { read: (_root, args) => args[param.name] };
      // A null input class reaches it as null (type-graphql converts and validates nothing); a given one goes through the wrapper.
      const isInputClass = storage.inputTypes.some((t) => t.target === param.getType());
      return isInputClass ? { read: (_root, args) => args[param.name], inputArg: param.name } : null;
    }
    case "args": {
      const make = argsInstance(storage, param.getType() as new () => Record<string, unknown>);
      return make && !param.validateFn ? { read: (_root, args) => make(args) } : null;
    }
    default:
      return null;
  }
}

/**
 * An @Args class of scalar and enum fields that class-validator has no rule for: its instance is made as type-graphql's
 * convertArgsToInstance makes it (the fields given, over a fresh instance whose unset fields are dropped), and
 * validating it would find nothing (the hub's validator runs class-validator only; the text check is done above).
 */
function argsInstance(storage: MetadataStorage, ArgsClass: new () => Record<string, unknown>): ((args: Record<string, unknown>) => object) | null {
  const names: string[] = [];
  for (let target: Function = ArgsClass; target.prototype !== undefined; target = Object.getPrototypeOf(target)) {
    const type = storage.argumentTypes.find((t) => t.target === target);
    if (!type) continue;
    for (const field of type.fields ?? []) {
      if (!isScalarOrEnum(storage, field.getType())) return null;
      names.push(field.name);
    }
  }
  if (names.length === 0 || hasValidationRules(ArgsClass)) return null;
  return (args) => {
    const given: Record<string, unknown> = {};
    for (const name of names) if (args[name] !== undefined) given[name] = args[name];
    const instance = new ArgsClass();
    for (const key of Object.keys(instance)) if (instance[key] === undefined && !(key in given)) delete instance[key];
    return Object.assign(instance, given);
  };
}

const PLAIN_SCALARS: unknown[] = [String, Number, Boolean, Date];

function isScalarOrEnum(storage: MetadataStorage, type: unknown): boolean {
  return type instanceof GraphQLScalarType || PLAIN_SCALARS.includes(type) || storage.enums.some((e) => e.enumObj === type);
}
