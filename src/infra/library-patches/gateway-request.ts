import path from "node:path";
import type { ApolloServer, ApolloServerOptionsWithGateway, BaseContext, GraphQLRequestContextExecutionDidStart, HeaderMap } from "@apollo/server";

// Apollo hands a gateway's executor (compiled-executor.ts) a copy of the request built by its internal
// `makeGatewayGraphQLRequestContext`, whose `response.http` is an object literal with a getter and a setter: two fresh
// closures over Apollo's whole request context on every request. V8 keeps accessors in the object's hidden class, and
// those live outside the young generation: from there the closures held every request's objects (its context,
// loaders, rows and response) through each young-generation collection until the next full one (what that cost:
// docs/benchmarks.md, "Session 10").
// The same request is built here with the accessors on a class's prototype. Apollo calls the function through its
// module's exports object, so replacing the export is enough; a version of Apollo without that module keeps its own
// (test/library-patches/gateway-request.test.ts then fails).

type Gateway = ApolloServerOptionsWithGateway<object>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;
/** What a gateway's executor is given. */
type GatewayGraphQLRequestContext = Parameters<Executor>[0];

/** What Apollo's builder is given: its request context at execution, its server, and its internal settings. */
type ApolloRequestContext = GraphQLRequestContextExecutionDidStart<BaseContext>;
type ApolloServerLike = Pick<ApolloServer<BaseContext>, "logger" | "cache">;
type Internals = { includeStacktraceInErrorResponses?: boolean };
type MakeContext = (context: ApolloRequestContext, server: ApolloServerLike, internals: Internals) => GatewayGraphQLRequestContext;

const REPLACED = Symbol("hub: gateway request without per-request accessors");

/** Replaces Apollo's builder of the gateway request (once per process); false if this Apollo has none to replace. */
export function replaceGatewayRequestBuilder(): boolean {
  const exports = apolloGatewayModule();
  if (!exports || typeof exports.makeGatewayGraphQLRequestContext !== "function") return false;
  if (!(exports.makeGatewayGraphQLRequestContext as { [REPLACED]?: true })[REPLACED]) {
    exports.makeGatewayGraphQLRequestContext = Object.assign(gatewayRequest, { [REPLACED]: true as const });
  }
  return true;
}

function apolloGatewayModule(): { makeGatewayGraphQLRequestContext?: MakeContext } | null {
  try {
    // The module is not in Apollo's exports map; its file, beside the entry point, is what Apollo itself requires.
    return require(path.join(path.dirname(require.resolve("@apollo/server")), "utils", "makeGatewayGraphQLRequestContext.js"));
  } catch {
    return null;
  }
}

/** What Apollo's own builder returns (Apollo Server 5.5), field for field. */
export function gatewayRequest(context: ApolloRequestContext, server: ApolloServerLike, internals: Internals): GatewayGraphQLRequestContext {
  const { request: from } = context;
  const request: Record<string, unknown> = {};
  for (const key of ["query", "operationName", "variables", "extensions"] as const) if (key in from) request[key] = from[key];
  if (from.http) {
    const search = from.http.search !== "" && !from.http.search.startsWith("?") ? `?${from.http.search}` : from.http.search;
    request.http = { method: from.http.method, url: `https://unknown-url.invalid/${search}`, headers: new HeadersView(from.http.headers) };
  }
  return {
    request,
    response: { http: new ResponseHttp(context.response.http) },
    logger: server.logger,
    schema: context.schema,
    schemaHash: "schemaHash no longer exists since Apollo Server 4",
    context: context.contextValue,
    cache: server.cache,
    queryHash: context.queryHash,
    document: context.document,
    source: context.source,
    operationName: context.operationName,
    operation: context.operation,
    errors: context.errors,
    metrics: context.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: context.overallCachePolicy,
    requestIsBatched: context.requestIsBatched,
  } as unknown as GatewayGraphQLRequestContext; // the gateway interface's own copies of Apollo's types (schema hash, metrics)
}

/** The response's status, read and written through to Apollo's; accessors on the prototype, not per object. */
class ResponseHttp {
  readonly headers: HeadersView;
  constructor(private readonly head: { status?: number; headers: HeaderMap }) {
    this.headers = new HeadersView(head.headers);
  }
  get status(): number | undefined {
    return this.head.status;
  }
  set status(status: number | undefined) {
    this.head.status = status;
  }
}

/** Fetch-style headers over Apollo's HeaderMap (as Apollo's own FetcherHeadersForHeaderMap). */
class HeadersView {
  constructor(private readonly map: HeaderMap) {}
  append(name: string, value: string): void {
    this.map.set(name, this.map.has(name) ? `${this.map.get(name)}, ${value}` : value);
  }
  delete(name: string): void {
    this.map.delete(name);
  }
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  set(name: string, value: string): void {
    this.map.set(name, value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}
