import "reflect-metadata";
import fs from "node:fs";
import { isObjectType, type GraphQLSchema } from "graphql";
import { unguarded } from "../../src/schema/apply-policy";
import { hubSchema } from "../../src/schema/build-schema";
import { FIELD_RULES, OPEN_FIELDS, OPERATIONS, PRIVATE_FIELDS, PRIVATE_NAMES, PUBLIC, ROUTES } from "../../src/modules/access/policy.table";
import { ACCESS_DOC, accessDoc } from "../../src/scripts/emit-access-docs";

const ROOTS = ["Query", "Mutation", "Subscription"];

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await hubSchema();
});

function fieldsOf(typeNames: (name: string) => boolean): string[] {
  const keys: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__") || !typeNames(type.name)) continue;
    for (const field of Object.keys(type.getFields())) keys.push(`${type.name}.${field}`);
  }
  return keys;
}

const exists = (key: string) => {
  const [typeName, fieldName] = key.split(".");
  const type = schema.getType(typeName);
  return isObjectType(type) && fieldName in type.getFields();
};

test("every query, mutation and subscription has an entry in OPERATIONS (policy.table.ts)", () => {
  const missing = fieldsOf((name) => ROOTS.includes(name)).filter((key) => !(key in OPERATIONS));
  expect(missing).toEqual([]);
});

test("every field whose name looks private has a rule in PRIVATE_FIELDS or a reason in OPEN_FIELDS", () => {
  const looksPrivate = fieldsOf((name) => !ROOTS.includes(name)).filter((key) => PRIVATE_NAMES.test(key.split(".")[1]));
  expect(looksPrivate.length).toBeGreaterThan(10);
  expect(looksPrivate.filter((key) => !(key in PRIVATE_FIELDS) && !(key in OPEN_FIELDS))).toEqual([]);
});

test("every private field names a rule that exists", () => {
  expect(Object.entries(PRIVATE_FIELDS).filter(([, f]) => !(f.rule in FIELD_RULES) || typeof FIELD_RULES[f.rule].may !== "function")).toEqual([]);
});

test("every entry names a field of the schema", () => {
  const named = [...Object.keys(OPERATIONS), ...Object.keys(PRIVATE_FIELDS), ...Object.keys(OPEN_FIELDS)];
  expect(named.filter((key) => !exists(key))).toEqual([]);
  expect(Object.keys(OPERATIONS).filter((key) => !ROOTS.includes(key.split(".")[0]))).toEqual([]);
  expect(Object.keys(PRIVATE_FIELDS).filter((key) => key in OPEN_FIELDS)).toEqual([]);
});

test("the guards sit exactly where the table says: none on public operations and public fields (the read path pays nothing)", () => {
  const wrapped = (key: string) => {
    const [typeName, fieldName] = key.split(".");
    const field = (schema.getType(typeName) as { getFields(): Record<string, { resolve?: unknown; subscribe?: unknown }> }).getFields()[fieldName];
    const resolve = typeName === "Subscription" ? field.subscribe : field.resolve;
    return resolve !== undefined && unguarded(resolve) !== resolve;
  };
  const all = fieldsOf(() => true);
  const expected = all.filter((key) => key in PRIVATE_FIELDS || (key in OPERATIONS && OPERATIONS[key].who !== PUBLIC));
  expect(all.filter(wrapped).sort()).toEqual(expected.sort());
});

test("docs/access.md is generated from the table (run `npm run docs:access` after changing it)", () => {
  expect(fs.readFileSync(ACCESS_DOC, "utf8")).toBe(accessDoc());
});

test("every HTTP route in ROUTES is asked by its handler, and no handler asks a route the table lacks", () => {
  const asked = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) for (const m of fs.readFileSync(file, "utf8").matchAll(/checkRoute\("([^"]+)"/g)) asked.add(m[1]!);
    }
  };
  walk("src");
  expect([...asked].sort()).toEqual(Object.keys(ROUTES).sort());
});
