import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** A real graphql-ws client (Node 20 has no global WebSocket). */
export function wsClient(url: string, token: string | null = null): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

export interface Subscription<T> {
  /** Events received so far. */
  events: T[];
  errors: unknown[];
  /** Resolves when `count` events have arrived (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<T[]>;
  stop(): void;
}

export function subscribe<TData, TVars extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
): Subscription<TData> {
  const events: TData[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  const stop = client.subscribe<TData>(
    { query: print(document), variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) events.push(value.data as TData);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (err) => {
        errors.push(err);
        waiters.splice(0).forEach((wake) => wake());
      },
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    stop,
    waitFor: (count, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`waited ${ms} ms for ${count} events, got ${events.length}: ${JSON.stringify(errors)}`)), ms);
        const check = () => {
          if (events.length >= count) {
            clearTimeout(deadline);
            resolve(events.slice());
          } else waiters.push(check);
        };
        check();
      }),
  };
}

/** Lets in-flight events arrive (to assert that something was NOT delivered). */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
