/**
 * CSV for Excel users: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF line ends,
 * RFC 4180 quoting, and cells that a spreadsheet would take for a formula prefixed with an apostrophe.
 */
export const BOM = "\uFEFF";

export type Row = Record<string, string>;

/** Flattens one node into dotted columns: objects recurse, lists of scalars join with "; ", lists of objects join per column. */
export function flatten(value: unknown, prefix = "", out: Row = {}): Row {
  if (value === null || value === undefined) {
    if (prefix && !(prefix in out)) out[prefix] = "";
    return out;
  }
  // A DateTime arrives as a Date (graphql-scalars serialises to Date; JSON would make it ISO text): its ISO text, not
  // an object without keys that would drop the column (issue 27). Anything else with toJSON (a Decimal) likewise.
  if (value instanceof Date) {
    out[prefix || "value"] = Number.isNaN(value.getTime()) ? "" : value.toISOString();
    return out;
  }
  if (typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return flatten((value as { toJSON(): unknown }).toJSON(), prefix, out);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return out; // no columns from an empty list (a later row may name them)
    if (value.every((v) => v === null || typeof v !== "object")) {
      out[prefix] = value.map((v) => (v === null ? "" : String(v))).join("; ");
      return out;
    }
    // A list of objects: one column per leaf, the elements' values joined.
    const parts = value.map((v) => flatten(v, prefix));
    const keys = [...new Set(parts.flatMap((p) => Object.keys(p)))];
    for (const key of keys) out[key] = parts.map((p) => p[key] ?? "").join("; ");
    return out;
  }
  if (typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  out[prefix || "value"] = String(value);
  return out;
}

/** The rows a result holds at `path` (dotted; a connection yields its edges' nodes). Null when nothing list-like is there. */
export function rowsAt(data: unknown, path: string | undefined): unknown[] | null {
  let at: unknown = data;
  if (path) {
    for (const key of path.split(".").filter(Boolean)) {
      if (at === null || typeof at !== "object") return null;
      at = (at as Record<string, unknown>)[key];
    }
  } else {
    at = firstList(data);
  }
  return listOf(at);
}

function listOf(at: unknown): unknown[] | null {
  if (Array.isArray(at)) return at.map((e) => (isEdge(e) ? (e as { node: unknown }).node : e));
  if (at && typeof at === "object") {
    const obj = at as Record<string, unknown>;
    if (Array.isArray(obj.edges)) return obj.edges.map((e) => (isEdge(e) ? (e as { node: unknown }).node : e));
    if (Array.isArray(obj.nodes)) return obj.nodes;
  }
  return null;
}

function isEdge(e: unknown): boolean {
  return !!e && typeof e === "object" && "node" in (e as object);
}

/** Depth-first, the first connection or list of objects in the result. */
export function firstListPath(data: unknown, prefix = ""): string | null {
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  for (const [key, v] of Object.entries(data as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(v) && v.some((e) => e && typeof e === "object")) return path;
    if (v && typeof v === "object" && !Array.isArray(v) && Array.isArray((v as Record<string, unknown>).edges)) return path;
  }
  for (const [key, v] of Object.entries(data as Record<string, unknown>)) {
    const found = firstListPath(v, prefix ? `${prefix}.${key}` : key);
    if (found) return found;
  }
  return null;
}

function firstList(data: unknown): unknown {
  const path = firstListPath(data);
  return path ? rowsAtRaw(data, path) : null;
}

function rowsAtRaw(data: unknown, path: string): unknown {
  let at = data;
  for (const key of path.split(".")) at = (at as Record<string, unknown>)[key];
  return at;
}

/** One CSV cell. */
export function cell(value: string): string {
  // A leading = + - @ (or tab / CR) makes spreadsheets evaluate the cell: neutralise unless it is a plain number.
  let v = value;
  if (/^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The whole document: BOM, header line, one line per row; columns in order of first appearance. `header` names them. */
export function toCsv(rows: unknown[], header: (column: string) => string = (c) => c): { text: string; columns: string[] } {
  const flat = rows.map((r) => (r !== null && typeof r === "object" ? flatten(r) : { value: r === null || r === undefined ? "" : String(r) }));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) for (const key of Object.keys(row)) if (!seen.has(key)) (seen.add(key), columns.push(key));
  const lines = [columns.map((c) => cell(header(c))).join(","), ...flat.map((row) => columns.map((c) => cell(row[c] ?? "")).join(","))];
  return { text: BOM + lines.join("\r\n") + "\r\n", columns };
}
