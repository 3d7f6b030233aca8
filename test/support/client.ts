import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type DocumentNode } from "graphql";

export interface GqlResult<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** A GraphQL-over-HTTP client for tests: typed documents from codegen, or plain strings. */
export class GqlClient {
  constructor(
    readonly url: string,
    readonly token: string | null = null,
  ) {}

  as(token: string | null): GqlClient {
    return new GqlClient(this.url, token);
  }

  async request<TData, TVars extends Record<string, unknown> = Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
  ): Promise<GqlResult<TData>> {
    const query = typeof document === "string" ? document : print(document);
    const send = () =>
      fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    const res = await send().catch((error) => {
      // On a loaded machine the hub may close an idle keep-alive connection just as the next request goes out on it
      // (it closes idle connections only: the request was never read), so it is sent again, once.
      if (!closedWhileIdle(error)) throw error;
      return send();
    });
    return { status: res.status, ...((await res.json()) as Omit<GqlResult<TData>, "status">) };
  }

  /** Like request, but fails the test with the errors when there are any. */
  async data<TData, TVars extends Record<string, unknown> = Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
  ): Promise<TData> {
    const result = await this.request(document, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }
}

function closedWhileIdle(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code === "ECONNRESET" || /other side closed/.test(cause?.message ?? "");
}

/** The first error's code and field, for assertions. */
export function errorOf(result: GqlResult<unknown>): { code: unknown; field: unknown; message: string } | null {
  const error = result.errors?.[0];
  return error ? { code: error.extensions?.code, field: error.extensions?.field, message: error.message } : null;
}
