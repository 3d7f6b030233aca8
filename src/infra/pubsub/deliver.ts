import { filter, map, pipe } from "@graphql-yoga/subscription";
import type { Context } from "../../context/context";
import { createLoaders, type Loaders } from "../../context/loaders";

/**
 * The stream a subscriber receives from a topic: each event is loaded with fresh loaders and the subscriber's
 * own rights at the moment it is published; events it may not see are dropped, and nothing is delivered once
 * its token has expired. (graphql-ws builds the context once per subscription, hence loaders per event.)
 */
export function deliverVisible<E, T>(
  ctx: Context,
  topic: string,
  accept: (event: E) => boolean,
  load: (event: E, loaders: Loaders) => Promise<T | null>,
): AsyncIterable<T> {
  const { viewer, services } = ctx;
  return pipe(
    services.pubsub.subscribe<E>(topic),
    filter((event: E) => accept(event) && (viewer.kind === "anonymous" || viewer.expiresAt * 1000 > Date.now())),
    map(async (event: E) => load(event, createLoaders(services.prisma, viewer))),
    filter((value: T | null): value is T => value !== null),
  );
}
