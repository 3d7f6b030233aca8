// type-graphql calls every field resolver through a wrapper that, on every call, makes a resolver-data object, asks
// the container for the resolver's instance, sorts the parameter list (in place, again), maps it to values and awaits
// the validator for each argument (a promise, a Promise.all and a then per call): on a page of needs and their
// matches, a large share of what a request allocates (measured: docs/benchmarks.md, "Design decisions measured").
// The hub uses neither type-graphql middleware nor @Authorized, so where a field's parameters are only @Root,
// @Ctx, @Info and scalar @Arg, the wrapper makes no difference but its cost: the method is called directly, with
// the same values in the same order and the same argument check.
import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage, type ContainerType } from "type-graphql";
import { assertStorableArgs } from "../http/validate-input";

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type FieldResolverMetadata = MetadataStorage["fieldResolvers"][number];
type ParamMetadata = NonNullable<FieldResolverMetadata["params"]>[number];
type Resolve = GraphQLFieldResolver<unknown, unknown>;
type ParamValue = (root: any, args: Record<string, unknown>, context: any, info: unknown) => unknown;

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
  for (const [key, definitions] of groupByField(storage)) {
    const [typeName, fieldName] = key.split(".");
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    const metadata = definitions.length === 1 ? definitions[0] : undefined;
    const direct = field?.resolve && metadata ? directResolver(storage, metadata, instances) : null;
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

function directResolver(storage: MetadataStorage, metadata: FieldResolverMetadata, instances: ResolverInstances): Resolve | null {
  if (metadata.middlewares?.length || metadata.roles || !metadata.params) return null;
  const params = [...metadata.params].sort((a, b) => a.index - b.index);
  const values = params.map((param) => paramValue(storage, param));
  if (values.some((value) => value === null)) return null;
  const read = values as ParamValue[];
  const checksArgs = params.some((param) => param.kind === "arg");
  const instance = instances.get(metadata.target as new () => unknown) as Record<string, (...args: unknown[]) => unknown>;
  const method = instance[metadata.methodName];
  if (typeof method !== "function") return null;
  return (root, args, context, info) => {
    if (checksArgs) assertStorableArgs(args);
    const given = new Array<unknown>(read.length);
    for (let i = 0; i < read.length; i++) given[i] = read[i](root, args, context, info);
    return method.apply(instance, given);
  };
}

/** How to read one parameter's value, as type-graphql would give it; null where only type-graphql knows how. */
function paramValue(storage: MetadataStorage, param: ParamMetadata): ParamValue | null {
  switch (param.kind) {
    case "root":
      // A typed root is converted to an instance of its class by type-graphql; not done here.
      if (param.getType) return null;
      return param.propertyName ? (root) => root?.[param.propertyName!] : (root) => root;
    case "context":
      return param.propertyName ? (_root, _args, context) => context[param.propertyName!] : (_root, _args, context) => context;
    case "info":
      return (_root, _args, _context, info) => info;
    case "arg":
      // Scalars and enums reach the method as GraphQL gave them; input classes are converted and validated by type-graphql.
      if (param.validateFn || !isScalarOrEnum(storage, param.getType())) return null;
      return (_root, args) => args[param.name];
    default:
      return null;
  }
}

const PLAIN_SCALARS: unknown[] = [String, Number, Boolean, Date];

function isScalarOrEnum(storage: MetadataStorage, type: unknown): boolean {
  return type instanceof GraphQLScalarType || PLAIN_SCALARS.includes(type) || storage.enums.some((e) => e.enumObj === type);
}
