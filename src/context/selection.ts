import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

// Lists read only the columns their selection needs: Prisma's cost per row grows with every column it maps
// (dates, arrays and long texts most), and a page of 50 needs × 30 matches is 1,500 rows. The decision is made
// from the operation's syntax tree, conservatively: a field under @skip/@include still counts as asked.

type Info = Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">;

/**
 * Names of the fields selected on the field being resolved (fragments followed, any type condition), or, with a
 * path, on the fields at that path below it (`["edges", "node"]`: a connection's nodes).
 */
export function selectedFields(info: Info, path: readonly string[] = []): ReadonlySet<string> {
  // Every item of a list shares one fieldNodes array: the walk runs once per list and path, not once per row.
  const key = path.join(".");
  const byPath = direct.get(info.fieldNodes) ?? direct.set(info.fieldNodes, new Map()).get(info.fieldNodes)!;
  const cached = byPath.get(key);
  if (cached) return cached;
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) level = fieldsOf(info, level).filter((field) => field.name.value === name);
  const names = new Set(fieldsOf(info, level).map((field) => field.name.value));
  byPath.set(key, names);
  return names;
}
const direct = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();

/** The field nodes selected under these fields, through inline and named fragments. */
function fieldsOf(info: Info, parents: readonly FieldNode[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const parent of parents) visit(parent.selectionSet);
  return fields;
}

/** Whether a field of this name is selected anywhere below the field being resolved (at any depth). */
export function selectsAnywhere(info: Info, name: string): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name || visit(selection.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return visit(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

/**
 * The columns a selection needs, from a map of GraphQL field → the columns its resolver reads; null (read the
 * whole row) as soon as one selected field is not in the map, so a field added later is never served a
 * half-read row.
 */
export function columnsFor<C extends string>(fields: ReadonlySet<string>, map: Readonly<Record<string, readonly C[]>>, always: readonly C[]): C[] | null {
  // The sets come from selectedFields, one per list: so does the answer (per map; `always` goes with its map).
  const byFields = columnCache.get(map) ?? columnCache.set(map, new WeakMap()).get(map)!;
  if (byFields.has(fields)) return byFields.get(fields) as C[] | null;
  const columns = computeColumns(fields, map, always);
  byFields.set(fields, columns);
  return columns;
}
const columnCache = new WeakMap<object, WeakMap<ReadonlySet<string>, string[] | null>>();

function computeColumns<C extends string>(fields: ReadonlySet<string>, map: Readonly<Record<string, readonly C[]>>, always: readonly C[]): C[] | null {
  const columns = new Set<C>(always);
  for (const field of fields) {
    if (field === "__typename") continue;
    const needs = Object.hasOwn(map, field) ? map[field] : undefined;
    if (!needs) return null;
    for (const column of needs) columns.add(column);
  }
  return [...columns].sort();
}
