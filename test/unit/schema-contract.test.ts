import fs from "node:fs";
import path from "node:path";
import { buildSchema, findBreakingChanges, findDangerousChanges, printSchema, lexicographicSortSchema } from "graphql";
import { emittedSchema, SCHEMA_FILE } from "../../src/scripts/emit-schema";

// A copy of ../shared/api/core.graphql: the contract clients and acceptance tests rely on.
const core = buildSchema(fs.readFileSync(path.join(__dirname, "..", "fixtures", "core.graphql"), "utf8"));

test("schema/schema.graphql is what the code defines (run `npm run schema:emit` after changing the API)", async () => {
  expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(await emittedSchema());
});

test("the schema breaks nothing in the core contract", async () => {
  const ours = buildSchema(await emittedSchema());
  // programme.graphql ("CONFIDENTIAL needs") stands where the two differ: Match.need is null for a supplier's side
  // while a CONFIDENTIAL need is closed to it, so the field is nullable. Nothing else may change.
  const breaking = findBreakingChanges(core, ours).filter((c) => c.description !== "Match.need changed type from TechNeed! to TechNeed.");
  expect(breaking).toEqual([]);
  // Dangerous changes allowed are additions only (new optional inputs and arguments).
  // So is a new kind of supplier (issue 23: 高校院所), a value of SupplierKind and a member of Supplier: clients
  // switching over them must keep a default branch.
  const newKinds = ["UNIVERSITY was added to enum type SupplierKind.", "University was added to union type Supplier."];
  const dangerous = findDangerousChanges(core, ours).filter((c) => !["OPTIONAL_INPUT_FIELD_ADDED", "OPTIONAL_ARG_ADDED"].includes(c.type) && !newKinds.includes(c.description));
  expect(dangerous).toEqual([]);
});

test("every default value of the contract is kept (findDangerousChanges misses changed input defaults)", async () => {
  const ours = buildSchema(await emittedSchema());
  const defaults = (sdl: string) => [...sdl.matchAll(/^\s*(\w+)(\(.*?\))?: [^=\n]+ = [^\n#]+/gm)].map((m) => m[0].trim());
  const ourText = printSchema(lexicographicSortSchema(ours));
  for (const line of defaults(printSchema(lexicographicSortSchema(core)))) expect(ourText).toContain(line);
});

test("the core file copied into the project is the shared one, when the shared folder is beside it", () => {
  const shared = path.join(__dirname, "..", "..", "..", "shared", "api", "core.graphql");
  if (!fs.existsSync(shared)) return; // a fresh clone elsewhere has only the copy
  expect(fs.readFileSync(path.join(__dirname, "..", "fixtures", "core.graphql"), "utf8")).toBe(fs.readFileSync(shared, "utf8"));
});
