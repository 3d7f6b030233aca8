import type { GraphQLResolveInfo } from "graphql";
import { columnsFor, selectedFields } from "../../context/selection";
import type { EnterpriseBriefColumn } from "../../context/rows-by-id";

/**
 * The fields of `Enterprise` that a brief row (id, name, regionCode: rows-by-id.ts) can answer, with the column each
 * reads (enterprise.resolver.ts, enterprise.type.ts): keep them in step. A list of needs naming their enterprise
 * (the analyst list: 50 needs) asks no more, and the whole row (contact JSON, designations array, three dates)
 * cost three times the brief one's CPU to read (measured: docs/benchmarks.md, "Design decisions measured"). Any
 * other field selected reads whole rows.
 */
const BRIEF_FIELD_COLUMNS: Readonly<Record<string, readonly EnterpriseBriefColumn[]>> = {
  id: ["id"],
  name: ["name"],
  region: ["regionCode"],
};

/** Whether the selection of the enterprise being resolved is answered by a brief row. */
export function briefEnterpriseSuffices(info: GraphQLResolveInfo): boolean {
  return columnsFor(selectedFields(info), BRIEF_FIELD_COLUMNS, ["id"]) !== null;
}
