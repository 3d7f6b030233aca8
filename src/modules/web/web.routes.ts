import fs from "node:fs";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { GraphQLError, getOperationAST, parse, type DocumentNode } from "graphql";
import type { Context } from "../../context/context";
import { Deadline, raceDeadline, TIMED_OUT } from "../../infra/db/deadline";
import { PayloadTooLarge, readBody } from "../../infra/http/body";
import { timeoutBody } from "../../infra/http/execution-timeout";
import { localDay } from "../../infra/local-time";
import { headerFor, type HeaderLanguage } from "./csv-headers";
import { firstListPath, rowsAt, toCsv } from "./csv";
import { contentSecurityPolicy, pageHtml, type Page } from "./pages";
import { RESET_PASSWORD_HTML, RESET_PASSWORD_JS } from "./reset-password";
import { handleImportRequest } from "../import";

export interface WebDeps {
  apollo: ApolloServer<Context>;
  /** The caller's context (throws a GraphQLError with UNAUTHENTICATED for a bad token), as /graphql builds it. */
  context: () => Promise<Context>;
  /** The document to run for an export: its text, or a trusted document's (trusted-documents.ts); throws GraphQLError when refused. */
  admit: (ctx: Context, request: { query?: unknown; documentId?: unknown }) => Promise<string | undefined>;
  /** HUB_TIME_ZONE: an export is named by the local day. */
  timeZone: string;
}

/** Rows one export may hold, over all the pages it follows. */
export const MAX_EXPORT_ROWS = 10_000;
/** Pages one export may follow (a connection's `pageInfo.endCursor` into the query's `$after`). */
export const MAX_EXPORT_PAGES = 200;
const MAX_EXPORT_BODY = 100_000;

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** The built assets (dist/web), found from the compiled file (dist/src/modules/web) or the source (tests). */
export function webAssetsDir(): string | null {
  const candidates = [path.resolve(__dirname, "../../../web"), path.resolve(__dirname, "../../../dist/web"), path.resolve(process.cwd(), "dist/web")];
  return candidates.find((dir) => fs.existsSync(path.join(dir, "explorer.js"))) ?? null;
}

let assets: { dir: string; files: Set<string> } | null | undefined;
function builtAssets() {
  if (assets === undefined || assets === null) {
    const dir = webAssetsDir();
    assets = dir ? { dir, files: new Set(fs.readdirSync(dir)) } : null;
  }
  return assets;
}

/**
 * The hub's web pages: /explorer (GraphiQL; also /graphql when a browser asks for HTML), /dashboard, /workbench, their
 * assets under /web/, and POST /export.csv. Returns false for every other request (GraphQL goes on).
 */
export async function handleWebRequest(req: IncomingMessage, res: ServerResponse, url: URL, deps: WebDeps): Promise<boolean> {
  const method = req.method ?? "GET";
  const p = url.pathname;
  if ((method === "GET" || method === "HEAD") && (p === "/explorer" || p === "/explorer/" || (p === "/graphql" && prefersHtml(req.headers.accept)))) {
    return sendPage(req, res, "explorer");
  }
  if ((method === "GET" || method === "HEAD") && (p === "/dashboard" || p === "/dashboard/")) return sendPage(req, res, "dashboard");
  if ((method === "GET" || method === "HEAD") && (p === "/workbench" || p === "/workbench/")) return sendPage(req, res, "workbench");
  // Joining the programme: the public application form and the ADMIN's review of applications.
  const joining = /^\/(join|review)\/?$/.exec(p);
  if (joining && (method === "GET" || method === "HEAD")) return sendPage(req, res, joining[1] as Page);
  if ((method === "GET" || method === "HEAD") && p === "/reset-password") {
    res.setHeader("content-security-policy", contentSecurityPolicy(req.headers.host));
    res.setHeader("referrer-policy", "no-referrer"); // the token is in the URL
    res.setHeader("cache-control", "no-store");
    send(res, 200, "text/html; charset=utf-8", method === "HEAD" ? "" : RESET_PASSWORD_HTML);
    return true;
  }
  if ((method === "GET" || method === "HEAD") && p === "/reset-password.js") {
    send(res, 200, "text/javascript; charset=utf-8", method === "HEAD" ? "" : RESET_PASSWORD_JS);
    return true;
  }
  if ((method === "GET" || method === "HEAD") && p === "/") {
    res.writeHead(302, { location: "/dashboard" }).end();
    return true;
  }
  if (p.startsWith("/import/")) return handleImportRequest(req, res, url, deps.context);
  if (p.startsWith("/web/")) {
    if (method !== "GET" && method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "method not allowed"), true;
    return sendAsset(req, res, decodeURIComponent(p.slice("/web/".length)));
  }
  const docking = /^\/dockings\/([A-Za-z0-9_-]+)\.ics$/.exec(p);
  if (docking && (method === "GET" || method === "HEAD")) {
    await dockingCalendar(req, res, deps, docking[1]);
    return true;
  }
  if (p === "/export.csv") {
    if (method !== "POST") {
      res.setHeader("allow", "POST");
      sendJson(res, 405, { errors: [{ message: "POST a JSON body { query, variables, path } to /export.csv", extensions: { code: "METHOD_NOT_ALLOWED" } }] });
      return true;
    }
    await exportCsv(req, res, deps);
    return true;
  }
  return false;
}

/** True when the Accept header's most preferred type is HTML (a browser), not JSON (a GraphQL client). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(",").map((part, index) => {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((x) => x.trim()).find((x) => x.startsWith("q="));
    return { type: type.trim(), q: q ? Number(q.slice(2)) || 0 : 1, index };
  });
  types.sort((a, b) => b.q - a.q || a.index - b.index);
  const best = types[0];
  return !!best && best.q > 0 && (best.type === "text/html" || best.type === "application/xhtml+xml");
}

function sendPage(req: IncomingMessage, res: ServerResponse, page: Page): true {
  res.setHeader("content-security-policy", contentSecurityPolicy(req.headers.host));
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cache-control", "no-cache");
  res.setHeader("vary", "accept");
  send(res, 200, "text/html; charset=utf-8", req.method === "HEAD" ? "" : pageHtml(page, !!builtAssets()));
  return true;
}

function sendAsset(req: IncomingMessage, res: ServerResponse, name: string): true {
  const built = builtAssets();
  // Only names listed in the folder: no path ever reaches the file system from the URL.
  if (!built || !built.files.has(name) || name.includes("/") || name.includes("\\")) {
    send(res, 404, "text/plain; charset=utf-8", "not found");
    return true;
  }
  const file = path.join(built.dir, name);
  const stat = fs.statSync(file);
  const etag = `"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`;
  res.setHeader("etag", etag);
  res.setHeader("cache-control", "no-cache");
  res.setHeader("x-content-type-options", "nosniff");
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304).end();
    return true;
  }
  res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(name)] ?? "application/octet-stream", "content-length": stat.size });
  if (req.method === "HEAD") res.end();
  else fs.createReadStream(file).pipe(res);
  return true;
}

interface ExportRequest {
  query: string;
  /** A trusted document instead of the text: "sha256:<hex>" of a hub operation or saved query. */
  documentId?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  path?: string;
  /** Follow pageInfo.endCursor into $after (default true when the query declares $after and selects pageInfo). */
  paginate?: boolean;
  filename?: string;
  /** "zh": Chinese column headers (csv-headers.ts); default "en", the fields' own names. */
  headers?: string;
}

/**
 * POST /export.csv { query, variables, operationName?, path?, paginate? }: runs the query through the same Apollo
 * server as /graphql with the caller's Authorization (so every access rule and limit applies) and answers the list
 * at `path` (default: the first connection or list in the result) as CSV, a row per node.
 */
/** GET /dockings/<id>.ics: the docking's iCalendar file (bearer token); 404 for a docking the caller may not see. */
async function dockingCalendar(req: IncomingMessage, res: ServerResponse, deps: WebDeps, id: string) {
  let ctx: Context;
  try {
    ctx = await deps.context();
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    const status = (err.extensions.http as { status?: number } | undefined)?.status ?? 401;
    return sendJson(res, status, { errors: [{ message: err.message, extensions: { code: err.extensions.code ?? "UNAUTHENTICATED" } }] });
  }
  if (ctx.viewer.kind === "anonymous") return sendJson(res, 401, { errors: [{ message: "Sign in first", extensions: { code: "UNAUTHENTICATED" } }] });
  const ics = await ctx.services.dockings.calendar(ctx, id);
  if (ics === null) return send(res, 404, "text/plain; charset=utf-8", "not found");
  res.setHeader("content-disposition", `attachment; filename="docking.ics"`);
  res.setHeader("cache-control", "private, no-store");
  send(res, 200, "text/calendar; charset=utf-8", req.method === "HEAD" ? "" : ics);
}

async function exportCsv(req: IncomingMessage, res: ServerResponse, deps: WebDeps) {
  let body: ExportRequest;
  try {
    if (!(req.headers["content-type"] ?? "").includes("json")) return badRequest(res, "Send the export request as application/json");
    body = JSON.parse(await readBody(req, MAX_EXPORT_BODY)) as ExportRequest;
  } catch (err) {
    if (err instanceof PayloadTooLarge) return sendJson(res, 413, { errors: [{ message: `Export request above ${MAX_EXPORT_BODY} bytes`, extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
    return badRequest(res, "Request body is not valid JSON");
  }
  if (!body || typeof body !== "object") return badRequest(res, "Send { query, variables, path }", "query");
  let contextValue: Context;
  try {
    contextValue = await deps.context();
    body.query = (await deps.admit(contextValue, body)) as string;
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    const code = err.extensions.code ?? "UNAUTHENTICATED";
    const status = (err.extensions.http as { status?: number } | undefined)?.status ?? 401;
    return sendJson(res, status, { errors: [{ message: err.message, extensions: { code, ...(err.extensions.field ? { field: err.extensions.field } : {}) } }] });
  }
  if (typeof body.query !== "string" || !body.query.trim()) return badRequest(res, "query is required", "query");
  if (body.variables !== undefined && (body.variables === null || typeof body.variables !== "object" || Array.isArray(body.variables))) return badRequest(res, "variables must be an object", "variables");
  if (body.headers !== undefined && body.headers !== "en" && body.headers !== "zh") return badRequest(res, 'headers must be "en" or "zh"', "headers");
  if (body.path !== undefined && typeof body.path !== "string") return badRequest(res, "path must be a string like needs or programmeStats.byRegion", "path");
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (err) {
    return badRequest(res, `Syntax error: ${(err as Error).message}`, "query");
  }
  const operation = getOperationAST(document, body.operationName);
  if (!operation) return badRequest(res, "Name the operation to export (operationName)", "operationName");
  if (operation.operation !== "query") return badRequest(res, "Only queries can be exported", "query");


  const declaresAfter = (operation.variableDefinitions ?? []).some((v) => v.variable.name.value === "after");
  let variables: Record<string, unknown> = { ...(body.variables ?? {}) };
  const rows: unknown[] = [];
  let listPath = body.path;
  for (let page = 0; page < MAX_EXPORT_PAGES; page++) {
    // Each page is one operation, under the deadline a query has at /graphql (armed by the execution-timeout plugin).
    const deadline = new Deadline();
    const response = await raceDeadline(deadline, () =>
      deps.apollo.executeOperation({ query: body.query, variables, operationName: body.operationName }, { contextValue: { ...contextValue, deadline } }),
    );
    if (response === TIMED_OUT) return sendJson(res, 503, timeoutBody(contextValue.executionTimeoutMs ?? 0, contextValue.requestId));
    if (response.body.kind !== "single") return badRequest(res, "Incremental delivery cannot be exported");
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      const code = String(errors[0]!.extensions?.code ?? "BAD_REQUEST");
      const status = code === "UNAUTHENTICATED" ? 401 : code === "FORBIDDEN" ? 403 : code === "INTERNAL_SERVER_ERROR" ? 500 : 400;
      return sendJson(res, status, { errors });
    }
    listPath ??= firstListPath(data) ?? undefined;
    const found = listPath ? rowsAt(data, listPath) : null;
    if (!found) return badRequest(res, listPath ? `No list or connection at path "${listPath}"` : "The result holds no list to export; name one with path", "path");
    rows.push(...found);
    if (rows.length >= MAX_EXPORT_ROWS) {
      rows.length = MAX_EXPORT_ROWS;
      res.setHeader("x-export-truncated", "true");
      break;
    }
    const pageInfo = pageInfoAt(data, listPath!);
    if (body.paginate === false || !declaresAfter || !pageInfo?.hasNextPage || !pageInfo.endCursor) break;
    variables = { ...variables, after: pageInfo.endCursor };
  }
  const { text } = toCsv(rows, headerFor((body.headers ?? "en") as HeaderLanguage));
  const name = (body.filename || listPath || "export").replace(/[^\p{L}\p{N}._-]+/gu, "-").slice(0, 80);
  const stamp = localDay(new Date(), deps.timeZone);
  res.setHeader("content-disposition", `attachment; filename="export-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`${name}-${stamp}.csv`)}`);
  res.setHeader("x-export-rows", String(rows.length));
  res.setHeader("cache-control", "no-store");
  send(res, 200, "text/csv; charset=utf-8", text);
}

function pageInfoAt(data: unknown, listPath: string): { hasNextPage?: boolean; endCursor?: string | null } | null {
  let at: unknown = data;
  for (const key of listPath.split(".")) at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  const info = at && typeof at === "object" && !Array.isArray(at) ? (at as Record<string, unknown>).pageInfo : undefined;
  return info && typeof info === "object" ? (info as { hasNextPage?: boolean; endCursor?: string | null }) : null;
}

function badRequest(res: ServerResponse, message: string, field?: string) {
  sendJson(res, 400, { errors: [{ message, extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}) } }] });
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.statusCode = status;
  res.setHeader("content-type", type);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}
