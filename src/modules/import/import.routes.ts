import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphQLError } from "graphql";
import type { Context } from "../../context/context";
import { PayloadTooLarge, readBodyBytes } from "../../infra/http/body";
import { DomainError } from "../../infra/errors";
import { checkRoute } from "../../schema/apply-policy";
import { IMPORT_KINDS, type ImportKind } from "./import.columns";
import { formatOf } from "./import.read";
import { importTemplate } from "./import.template";

/** The largest file POST /import/<kind> takes. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * POST /import/<kind>?dryRun=true|false (an ADMIN's bearer token, as ROUTES in access/policy.table.ts says; the file as the body, xlsx or text/csv): 200 with
 * { created, updated, unchanged, errors: [] }, or 422 with every bad row in errors. GET /import/templates/<kind>.xlsx:
 * the template. Returns false for any other path.
 */
export async function handleImportRequest(req: IncomingMessage, res: ServerResponse, url: URL, context: () => Promise<Context>): Promise<boolean> {
  const template = /^\/import\/templates\/([a-z]+)\.xlsx$/.exec(url.pathname);
  if (template) return serveTemplate(req, res, template[1]!, context);
  const upload = /^\/import\/([a-z]+)$/.exec(url.pathname);
  if (!upload) return false;
  if (req.method !== "POST") return json(res, 405, { error: "POST the file to /import/<kind>" }, { allow: "POST" });
  const kind = upload[1] as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) return json(res, 404, { error: `kind must be one of ${IMPORT_KINDS.join(", ")}` });
  let ctx: Context;
  try {
    ctx = await context();
    // Who may import is declared with every operation (access/policy.table.ts); asked before the file is read.
    checkRoute("POST /import/<kind>", ctx.viewer);
  } catch (err) {
    if (err instanceof GraphQLError) return json(res, 401, { error: err.message, code: err.extensions.code });
    if (err instanceof DomainError && (err.code === "UNAUTHENTICATED" || err.code === "FORBIDDEN")) {
      return json(res, err.code === "UNAUTHENTICATED" ? 401 : 403, { error: err.message, code: err.code });
    }
    throw err;
  }
  let body: Buffer;
  try {
    body = await readBodyBytes(req, MAX_IMPORT_BYTES);
  } catch (err) {
    if (err instanceof PayloadTooLarge) return json(res, 413, { error: `The file is larger than ${MAX_IMPORT_BYTES} bytes` });
    throw err;
  }
  const format = formatOf(req.headers["content-type"], body);
  if (!format) return json(res, 415, { error: `Send the file as ${XLSX_TYPE} or text/csv` });
  const result = await ctx.services.imports.run(ctx, kind, body, format, { dryRun: url.searchParams.get("dryRun") === "true" });
  return json(res, result.errors.length ? 422 : 200, result);
}

async function serveTemplate(req: IncomingMessage, res: ServerResponse, kind: string, context: () => Promise<Context>): Promise<true> {
  if (req.method !== "GET" && req.method !== "HEAD") return json(res, 405, { error: "GET the template" }, { allow: "GET" });
  if (!IMPORT_KINDS.includes(kind as ImportKind)) return json(res, 404, { error: `kind must be one of ${IMPORT_KINDS.join(", ")}` });
  const ctx = await context();
  checkRoute("GET /import/templates/<kind>.xlsx", ctx.viewer);
  const [regions, chains] = await Promise.all([ctx.services.reference.regions(), ctx.services.reference.industryChains()]);
  const file = await importTemplate(kind as ImportKind, regions.map((r) => r.name), chains.map((c) => c.name));
  res.writeHead(200, {
    "content-type": XLSX_TYPE,
    "content-length": file.length,
    "content-disposition": `attachment; filename="${kind}-template.xlsx"`,
    "cache-control": "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : file);
  return true;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
  return true;
}
