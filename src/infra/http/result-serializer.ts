import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// The JSON of an answer's `data`, written by code generated for its operation instead of JSON.stringify walking
// every object: JSON.stringify looks up `toJSON` on every object, reads every key back from the object's map,
// quotes every key, and calls each DateTime's toJSON through V8's C++ (about 11,000 instructions a date, callgrind).
// The generated code knows each object's keys and their order from the operation, as graphql-jit does when it
// builds the object (an object literal per selection, its keys in the order of graphql-jit's collectFields, which
// this mirrors), and it writes every key as part of a constant. Every value still goes through a check of its
// type, and anything unexpected (a number where a string was declared, a custom scalar) is written by
// JSON.stringify itself, so the text is JSON.stringify's byte for byte (test/unit/result-serializer.test.ts).

/** Writes one answer's `data` as JSON.stringify would; undefined where JSON.stringify would leave the key out. */
export type DataSerializer = (data: unknown) => string | undefined;

/**
 * The serializer of `data` for this operation of `document`, or null when the operation has what it does not
 * handle (a field it cannot find in the schema, @defer or @stream): those answers keep JSON.stringify.
 */
export function compileDataSerializer(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): DataSerializer | null {
  const operation = operationOf(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  try {
    const generator = new Generator(schema, fragments);
    const top = generator.object(root, [operation.selectionSet]);
    const body = `${generator.functions.join("\n")}\nreturn ${top};`;
    return new Function("L", body)(LEAVES) as DataSerializer;
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

class Unsupported extends Error {}

function operationOf(document: DocumentNode, name: string | null): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name === null) return operations.length === 1 ? operations[0] : null;
  return operations.find((o) => o.name?.value === name) ?? null;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Generates one function per selection (object, list, abstract type); each returns its JSON text. */
class Generator {
  readonly functions: string[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
  ) {}

  /** The function writing a value of `type` (nullable or not) selected by `selections`; its name. */
  value(type: GraphQLOutputType, selections: SelectionSetNode[]): string {
    const nullable = getNullableType(type);
    if (isListType(nullable)) return this.list(nullable.ofType, selections);
    if (isObjectType(nullable)) return this.object(nullable, selections);
    if (isAbstractType(nullable)) return this.abstract(nullable, selections);
    if (isEnumType(nullable)) return "L.string";
    switch (nullable.name) {
      case "String":
      case "ID":
        return "L.string";
      case "Int":
      case "Float":
        return "L.number";
      case "Boolean":
        return "L.boolean";
      default:
        return "L.any"; // custom scalars (DateTime, JSON): JSON.stringify's own rules
    }
  }

  /** Adds a function (the ones it calls are added before it); its name. */
  private add(code: (name: string) => string): string {
    const name = `f${this.functions.length}`;
    this.functions.push(code(name));
    return name;
  }

  private list(item: GraphQLOutputType, selections: SelectionSetNode[]): string {
    const each = this.value(item, selections);
    return this.add(
      (name) => `function ${name}(v, k) {
  if (v === null) return "null";
  if (!Array.isArray(v)) return L.any(v, k);
  let s = "[";
  for (let i = 0; i < v.length; i++) {
    const p = ${each}(v[i], ${each === "L.any" ? '"" + i' : "i"});
    s += (i === 0 ? "" : ",") + (p === undefined ? "null" : p);
  }
  return s + "]";
}`,
    );
  }

  /** An object of a known type: its keys in graphql-jit's order, each written by its type's function. */
  object(type: GraphQLObjectType, selections: SelectionSetNode[]): string {
    const fields = this.collect(type, selections);
    const keys = [...fields.keys()];
    const writers = keys.map((key) => {
      const nodes = fields.get(key)!;
      const def = this.fieldDef(type, nodes[0]);
      return this.value(def.type, nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])));
    });
    if (keys.some((k) => !NAME.test(k))) throw new Unsupported();
    const parts = keys.map((k, i) => `p${i} = ${writers[i]}(v.${k}, "${k}")`).join(", ");
    const allDefined = keys.map((_, i) => `p${i} !== undefined`).join(" && ") || "true";
    const fast = keys.map((k, i) => `'${i === 0 ? "{" : ","}"${k}":' + p${i}`).join(" + ") || `"{"`;
    const keyList = JSON.stringify(keys);
    return this.add(
      (name) => `function ${name}(v, k) {
  if (v === null) return "null";
  if (typeof v !== "object" || Array.isArray(v)) return L.any(v, k);
  const ${parts || "none = 0"};
  if (${allDefined}) return ${fast} + "}";
  return L.someKeys(${keyList}, [${keys.map((_, i) => `p${i}`).join(", ")}]);
}`,
    );
  }

  /**
   * An interface or union: by `__typename` when the selection asks it of every object (the concrete type's own
   * function); otherwise JSON.stringify, which follows whatever keys the object has.
   */
  private abstract(type: Parameters<GraphQLSchema["getPossibleTypes"]>[0], selections: SelectionSetNode[]): string {
    const typenameAsked = selections.some((set) =>
      set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "__typename" && !s.alias && !s.directives?.length),
    );
    if (!typenameAsked) return "L.any";
    const cases = this.schema.getPossibleTypes(type).map((t) => `    case ${JSON.stringify(t.name)}: return ${this.object(t, selections)}(v, k);`);
    return this.add(
      (name) => `function ${name}(v, k) {
  if (v === null || typeof v !== "object") return L.any(v, k);
  switch (v.__typename) {
${cases.join("\n")}
    default: return L.any(v, k);
  }
}`,
    );
  }

  /** Response keys and their field nodes for `type`, in first-seen order (graphql-jit's collectFields). */
  private collect(type: GraphQLObjectType, selections: SelectionSetNode[]): Map<string, FieldNode[]> {
    const fields = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    const walk = (set: SelectionSetNode) => {
      for (const s of set.selections) {
        if (s.directives?.some((d) => d.name.value === "defer" || d.name.value === "stream")) throw new Unsupported();
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          const known = fields.get(key);
          if (known) known.push(s);
          else fields.set(key, [s]);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(s.typeCondition?.name.value, type)) walk(s.selectionSet);
        } else {
          if (visited.has(s.name.value)) continue;
          visited.add(s.name.value);
          const fragment = this.fragments.get(s.name.value);
          if (fragment && this.applies(fragment.typeCondition.name.value, type)) walk(fragment.selectionSet);
        }
      }
    };
    for (const set of selections) walk(set);
    return fields;
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition) return true;
    const conditional = typeFromAST(this.schema, { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition } });
    if (conditional === type) return true;
    return !!conditional && isAbstractType(conditional) && this.schema.isSubType(conditional, type);
  }

  private fieldDef(type: GraphQLObjectType, node: FieldNode): GraphQLField<unknown, unknown> {
    const name = node.name.value;
    if (name === "__typename") return TypeNameMetaFieldDef;
    if (type === this.schema.getQueryType() && name === "__schema") return SchemaMetaFieldDef;
    if (type === this.schema.getQueryType() && name === "__type") return TypeMetaFieldDef;
    const def = type.getFields()[name];
    if (!def) throw new Unsupported();
    getNamedType(def.type); // a field of the schema: its type is known
    return def;
  }
}

/** A string needs JSON.stringify's escapes when it holds a quote, a backslash, a control character or a surrogate. */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

const DATE = Date.prototype;
const { toJSON: DATE_TO_JSON, toISOString: DATE_TO_ISO, valueOf: DATE_VALUE_OF } = DATE;
const DATE_TO_PRIMITIVE = DATE[Symbol.toPrimitive];

/** The writers of leaf values the generated code calls; each is JSON.stringify's rule for its value. */
const LEAVES = {
  string(v: unknown, key: string): string | undefined {
    if (typeof v !== "string") return LEAVES.any(v, key);
    return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  },
  number(v: unknown, key: string): string | undefined {
    if (typeof v !== "number") return LEAVES.any(v, key);
    return Number.isFinite(v) ? `${v}` : "null";
  },
  boolean(v: unknown, key: string): string | undefined {
    return v === true ? "true" : v === false ? "false" : LEAVES.any(v, key);
  },
  /**
   * Any value, as JSON.stringify writes it as the value of property `key`. A Date whose toJSON and what it calls
   * are Date's own is written here (JSON.stringify would call toJSON from C++); another value with a toJSON goes
   * through JSON.stringify as that property, so that toJSON is called once, with its key, as it would be.
   */
  any(v: unknown, key: string | number): string | undefined {
    if (v instanceof Date && v.toJSON === DATE_TO_JSON && v.toISOString === DATE_TO_ISO && v.valueOf === DATE_VALUE_OF && v[Symbol.toPrimitive] === DATE_TO_PRIMITIVE) {
      return Number.isFinite(v.getTime()) ? `"${v.toISOString()}"` : "null";
    }
    if (((typeof v === "object" && v !== null) || typeof v === "bigint") && typeof (v as { toJSON?: unknown }).toJSON === "function") {
      return asProperty(String(key), v);
    }
    return JSON.stringify(v) as string | undefined;
  },
  /** An object some of whose keys JSON.stringify would leave out (undefined values). */
  someKeys(keys: string[], parts: Array<string | undefined>): string {
    let s = "";
    for (let i = 0; i < keys.length; i++) if (parts[i] !== undefined) s += `${s ? "," : "{"}"${keys[i]}":${parts[i]}`;
    return s ? `${s}}` : "{}";
  },
};

/** JSON.stringify's text for `value` as property `key` of an object; undefined when it would leave the key out. */
function asProperty(key: string, value: unknown): string | undefined {
  const text = JSON.stringify({ [key]: value });
  return text === "{}" ? undefined : text.slice(JSON.stringify(key).length + 2, -1);
}

const serializers = new WeakMap<object, DataSerializer>();

/** Has `data` written by `serializer` when Apollo stringifies the answer it belongs to (a WeakMap: no cleanup). */
export function serializeWith(data: unknown, serializer: DataSerializer | null): void {
  if (serializer && data !== null && typeof data === "object") serializers.set(data, serializer);
}

/**
 * Apollo's `stringifyResult`: Apollo's own text (JSON.stringify(result) and a newline) with `data` written by the
 * serializer its executor registered (serializeWith); answers without one are JSON.stringify's.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const data: unknown = result.data;
  const serializer = data !== null && typeof data === "object" ? serializers.get(data) : undefined;
  if (!serializer) return `${JSON.stringify(result)}\n`;
  let text = "";
  for (const key of Object.keys(result)) {
    const value: unknown = (result as Record<string, unknown>)[key];
    const part = key === "data" ? serializer(value) : LEAVES.any(value, key);
    if (part !== undefined) text += `${text ? "," : "{"}${JSON.stringify(key)}:${part}`;
  }
  return `${text ? `${text}}` : "{}"}\n`;
}
