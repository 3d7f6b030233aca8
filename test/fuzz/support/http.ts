import { MAX_BODY_BYTES } from "../../../src/app";

/**
 * One fuzzed request over real HTTP and the checks every answer must pass, whatever was sent: an answer
 * arrives (the abort is a liveness bound, generous on purpose: a request that never answers is a hang, not
 * a slow call), no 5xx, JSON with errors that carry a code the hub documents, never INTERNAL_SERVER_ERROR,
 * and BAD_USER_INPUT naming the field at fault.
 */
export const ANSWER_WITHIN_MS = 15_000;

/** Every code a client may branch on: the hub's DomainError codes, Apollo's and the HTTP layer's own. */
export const KNOWN_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "QUERY_TOO_COSTLY",
  "BAD_REQUEST",
  "PAYLOAD_TOO_LARGE",
  "METHOD_NOT_ALLOWED",
  "TIMEOUT",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export interface GqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: unknown; field?: unknown };
}

export interface Answer {
  status: number;
  bytesSent: number;
  data?: Record<string, unknown> | null;
  errors?: GqlError[];
}

/** POSTs a raw body (already JSON text, or any text) and returns the parsed answer; throws when none arrives in time. */
export async function post(url: string, token: string | null, body: string, contentType = "application/json"): Promise<Answer> {
  const bytesSent = Buffer.byteLength(body);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  } catch (err) {
    throw new Error(`no answer to a ${bytesSent}-byte request: ${(err as Error).message} (${String((err as Error).cause ?? "")})`);
  }
  const text = await res.text();
  let parsed: Omit<Answer, "status" | "bytesSent">;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`answer ${res.status} is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, bytesSent, ...parsed };
}

/** Whatever was sent: the answer's shape is one a client can handle. Returns the problems found (empty: fine). */
export function answerProblems(a: Answer): string[] {
  const problems: string[] = [];
  if (a.status >= 500) problems.push(`HTTP ${a.status}`);
  if (a.bytesSent > MAX_BODY_BYTES && a.status !== 413) problems.push(`a ${a.bytesSent}-byte body answered ${a.status}, not 413`);
  if (a.status === 200 && a.data === undefined && !a.errors?.length) problems.push("200 without data or errors");
  for (const e of a.errors ?? []) {
    const code = e.extensions?.code;
    if (code === "INTERNAL_SERVER_ERROR") problems.push(`INTERNAL_SERVER_ERROR: ${e.message}`);
    else if (typeof code !== "string" || !KNOWN_CODES.has(code)) problems.push(`unknown code ${String(code)}: ${e.message}`);
    if (code === "BAD_USER_INPUT" && (typeof e.extensions?.field !== "string" || !e.extensions.field)) problems.push(`BAD_USER_INPUT without a field: ${e.message}`);
  }
  return problems;
}

/** Fails with the request shown (cut short) when the answer breaks the rules. */
export function assertAnswer(a: Answer, shown: () => string): void {
  const problems = answerProblems(a);
  if (problems.length) throw new Error(`${problems.join("; ")}\nrequest: ${shown().slice(0, 1500)}\nanswer: ${JSON.stringify({ status: a.status, errors: a.errors }).slice(0, 1500)}`);
}
