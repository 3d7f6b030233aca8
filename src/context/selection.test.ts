import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import { columnsFor, selectedFields, selectsAnywhere } from "./selection";
import { matchColumns, namesOnly } from "../modules/match/match.loaders";
import { briefEnterpriseSuffices } from "../modules/enterprise";

/** The resolve info of the first field named `name` in the document (what graphql-js hands a resolver). */
function infoAt(document: string, name: string) {
  const doc = parse(document);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const find = (node: { selectionSet?: SelectionSetNode }): FieldNode | undefined => {
    for (const s of node.selectionSet?.selections ?? []) {
      if (s.kind === Kind.FIELD && s.name.value === name) return s;
      const inner = s.kind === Kind.FRAGMENT_SPREAD ? find(fragments[s.name.value]) : find(s);
      if (inner) return inner;
    }
    return undefined;
  };
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { fieldNodes: [find(operation)!], fragments };
}

describe("selected fields", () => {
  test("follow inline and named fragments, and a path into a connection", () => {
    const info = infoAt(
      `{ needs { totalCount edges { node { id ...N ... on TechNeed { status } } } } } fragment N on TechNeed { title matches { id } }`,
      "needs",
    );
    expect([...selectedFields(info)].sort()).toEqual(["edges", "totalCount"]);
    expect([...selectedFields(info, ["edges", "node"])].sort()).toEqual(["id", "matches", "status", "title"]);
    expect(selectsAnywhere(info, "description")).toBe(false);
    expect(selectsAnywhere(infoAt(`{ needs { edges { node { ...D } } } } fragment D on TechNeed { description }`, "needs"), "description")).toBe(true);
  });

  test("a field under @skip or @include still counts as asked", () => {
    const info = infoAt(`query($s: Boolean!) { needs { edges { node { id description @skip(if: $s) } } } }`, "needs");
    expect(selectedFields(info, ["edges", "node"]).has("description")).toBe(true);
  });
});

describe("columns of a selection", () => {
  const map = { id: ["id"], name: ["name"], supplier: ["a", "b"] } as const;

  test("are the union of the fields' columns and the ones always read, __typename needing none", () => {
    expect(columnsFor(new Set(["__typename", "name", "supplier"]), map, ["id"])).toEqual(["a", "b", "id", "name"]);
  });

  test("are the whole row (null) as soon as one field is not in the map", () => {
    expect(columnsFor(new Set(["name", "somethingNew"]), map, ["id"])).toBeNull();
    expect(columnsFor(new Set(["toString"]), map, ["id"])).toBeNull(); // not fooled by Object.prototype
  });

  test("of a match: grouping columns always, the supplier's ids (one per kind) for `supplier`", () => {
    expect(matchColumns(selectedFields(infoAt(`{ m { id } }`, "m")))).toEqual(["id", "needId"]);
    expect(matchColumns(new Set(["score", "supplier"]))).toEqual(["id", "needId", "score", "supplierId", "supplierKind"]);
    expect(matchColumns(new Set(["rank"]))).toEqual(["id", "needId", "rank"]);
    expect(matchColumns(new Set(["id", "somethingNew"]))).toBeNull();
  });

  test("a supplier selection is names-only with id and name only, whatever the type conditions", () => {
    const info = infoAt(`{ supplier { __typename ... on Expert { id name } ... on Society { name } } }`, "supplier");
    expect(namesOnly(selectedFields(info))).toBe(true);
    expect(namesOnly(selectedFields(infoAt(`{ supplier { ... on Expert { name affiliation } } }`, "supplier")))).toBe(false);
  });
});

describe("a need's enterprise", () => {
  const brief = (document: string) => briefEnterpriseSuffices(infoAt(document, "enterprise") as never);

  test("is read brief (id, name, region) when the selection asks no more, fragments followed", () => {
    expect(brief(`{ enterprise { __typename id name region { code name } } }`)).toBe(true);
    expect(brief(`{ enterprise { ...E } } fragment E on Enterprise { id name }`)).toBe(true);
  });

  test("is read whole as soon as any other field is asked, private ones included", () => {
    expect(brief(`{ enterprise { id name creditCode } }`)).toBe(false);
    expect(brief(`{ enterprise { id ...E } } fragment E on Enterprise { contact { phone } }`)).toBe(false);
    expect(brief(`{ enterprise { name needs(first: 1) { totalCount } } }`)).toBe(false);
  });
});
