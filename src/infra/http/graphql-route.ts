import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Viewer } from "../auth/viewer";
import { Deadline, raceDeadline, TIMED_OUT } from "../db/deadline";
import { PayloadTooLarge, readBody } from "./body";
import { timeoutBody } from "./execution-timeout";
import type { RequestContext } from "./request-context";
import { admitRequest, type TrustedDocuments } from "./trusted-documents";
import { utf8Body } from "./utf8-body";

export const MAX_BODY_BYTES = 1_000_000;

export interface GraphQLRouteDeps<C extends RequestContext> {
  apollo: ApolloServer<C>;
  trusted: TrustedDocuments;
  executionTimeoutMs: number;
  /** The caller, from the Authorization header; rejects with a GraphQLError (401, 503) Apollo knows how to answer. */
  viewerOf: (req: IncomingMessage) => Promise<Viewer>;
  contextFor: (viewer: Viewer, requestId: string, clientAddress: string | null) => C;
  /** Told the code of each error answered here, before Apollo (metrics). */
  onError?: (code: string) => void;
}

/**
 * GraphQL over HTTP at /graphql: the body read within its limit, the document settled (trusted documents), then
 * Apollo under the request's deadline; a query past HUB_EXECUTION_TIMEOUT_MS is answered TIMEOUT at once.
 */
export function graphqlRoute<C extends RequestContext>(deps: GraphQLRouteDeps<C>) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> => {
    const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => {
      deps.onError?.(code);
      sendJson(res, status, { errors: [{ message, extensions: { code, ...extra, requestId } }] });
    };
    let body: unknown;
    try {
      const text = req.method === "POST" ? await readBody(req, MAX_BODY_BYTES) : "";
      body = text && (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(text) : text;
    } catch (err) {
      if (err instanceof PayloadTooLarge) return refuse(413, "PAYLOAD_TOO_LARGE", `Request body above ${MAX_BODY_BYTES} bytes`);
      return refuse(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    const viewer = deps.viewerOf(req);
    const known = await viewer.catch(() => null); // a bad token is answered by Apollo, when it builds the context
    let request = { body, search: url.search };
    try {
      if (known) request = await admitRequest(deps.trusted, known, req.method ?? "GET", body, url);
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      const { http, ...extensions } = err.extensions as { http?: { status?: number }; code: string };
      return refuse(http?.status ?? 400, extensions.code, err.message, extensions);
    }
    const deadline = new Deadline();
    const result = await raceDeadline(deadline, () =>
      deps.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? "GET", headers: headerMap(req), search: request.search, body: request.body },
        context: async () => ({ ...deps.contextFor(await viewer, requestId, req.socket.remoteAddress ?? null), deadline }),
      }),
    );
    if (result === TIMED_OUT) {
      deps.onError?.("TIMEOUT");
      return sendJson(res, 503, timeoutBody(deps.executionTimeoutMs, requestId));
    }
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") return void res.end(utf8Body(result.body.string));
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  return headers;
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}
