import path from "node:path";
import { HeaderMap } from "@apollo/server";
import { gatewayRequest, replaceGatewayRequestBuilder } from "../../src/infra/library-patches/gateway-request";

// The hub replaces Apollo's builder of what a gateway's executor is given (gateway-request.ts). These tests hold the
// replacement to Apollo's own output, and fail when an Apollo upgrade moves or reshapes what is replaced.

type Builder = (...args: unknown[]) => { response: { http: { status?: number; headers: { get(n: string): string | null; set(n: string, v: string): void } } } } & Record<string, unknown>;
const apolloModule = () =>
  require(path.join(path.dirname(require.resolve("@apollo/server")), "utils", "makeGatewayGraphQLRequestContext.js")) as { makeGatewayGraphQLRequestContext: Builder };

function apolloRequestContext(search: string) {
  const requestHeaders = new HeaderMap([["content-type", "application/json"], ["x-request-id", "abc"]]);
  return {
    request: { query: "{ __typename }", operationName: "Op", variables: { a: 1 }, http: { method: "POST", search, headers: requestHeaders } },
    response: { http: { status: undefined as number | undefined, headers: new HeaderMap([["cache-control", "no-store"]]) } },
    contextValue: { viewer: "v" },
    schema: { schema: true },
    queryHash: "hash",
    document: { kind: "Document" },
    source: "{ __typename }",
    operationName: "Op",
    operation: { kind: "OperationDefinition" },
    errors: undefined,
    metrics: { m: 1 },
    overallCachePolicy: { policy: 1 },
    requestIsBatched: false,
  };
}
// Stand-ins: the builder copies these references, it calls nothing on them.
const server = { logger: { name: "logger" }, cache: { name: "cache" } } as never;
const internals = { includeStacktraceInErrorResponses: false };

/** Every field, with header views and the status read out (so that classes and object literals compare). */
function plain(built: ReturnType<Builder>) {
  const { request, response, ...rest } = built as unknown as Record<string, unknown> & { request: { http?: { headers: Iterable<[string, string]> } }; response: { http: { status?: number; headers: Iterable<[string, string]> } } };
  return {
    ...rest,
    request: { ...request, http: request.http && { ...request.http, headers: [...request.http.headers] } },
    response: { status: response.http.status, headers: [...response.http.headers] },
  };
}

describe("the request a gateway's executor is given", () => {
  it("is built by the hub once the builder is replaced", () => {
    const original = apolloModule().makeGatewayGraphQLRequestContext;
    expect(original).not.toBe(gatewayRequest);
    expect(replaceGatewayRequestBuilder()).toBe(true);
    expect(apolloModule().makeGatewayGraphQLRequestContext).toBe(gatewayRequest);
    expect(replaceGatewayRequestBuilder()).toBe(true); // twice is once
    expect(apolloModule().makeGatewayGraphQLRequestContext).toBe(gatewayRequest);
  });

  it.each(["", "a=1", "?a=1"])("has the fields Apollo's own builder gives it (search %p)", (search) => {
    jest.isolateModules(() => {
      const original = apolloModule().makeGatewayGraphQLRequestContext;
      expect(original).not.toBe(gatewayRequest); // a fresh copy of Apollo's module, not the replaced one
      const theirs = original(apolloRequestContext(search), server, internals);
      const ours = gatewayRequest(apolloRequestContext(search) as never, server, internals) as unknown as ReturnType<Builder>;
      expect(plain(ours)).toEqual(plain(theirs));
    });
  });

  it("reads and writes the response's status and headers through to Apollo's", () => {
    const context = apolloRequestContext("");
    const built = gatewayRequest(context as never, server, internals) as unknown as ReturnType<Builder>;
    built.response.http.status = 418;
    expect(context.response.http.status).toBe(418);
    context.response.http.status = 200;
    expect(built.response.http.status).toBe(200);
    built.response.http.headers.set("x-one", "1");
    expect(context.response.http.headers.get("x-one")).toBe("1");
  });

  it("holds no function made for the request (the accessors are shared)", () => {
    const first = gatewayRequest(apolloRequestContext("") as never, server, internals) as unknown as ReturnType<Builder>;
    const second = gatewayRequest(apolloRequestContext("") as never, server, internals) as unknown as ReturnType<Builder>;
    expect(Object.getOwnPropertyDescriptor(first.response.http, "status")).toBeUndefined();
    const accessor = (o: object) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(o), "status")?.get;
    expect(accessor(first.response.http)).toBeDefined();
    expect(accessor(first.response.http)).toBe(accessor(second.response.http));
  });
});
