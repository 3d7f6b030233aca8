import { Repeater } from "@graphql-yoga/subscription";
import { Args, ArgsType, Field, Int, Resolver, Root, Subscription } from "type-graphql";
import { Max, Min } from "../../infra/library-patches/validators";
import type { Context } from "../../context/context";
import { tokenStillHolds } from "../../infra/auth/viewer";
import { topics } from "../../infra/pubsub/events";
import { ownerIdOf, RunSavedQueryArgs } from "./saved-query.resolver";
import { runSavedQuery, type SavedQueryRunResult } from "./saved-query.runner";
import { SavedQueryRun } from "./saved-query.type";

@ArgsType()
class SavedQueryResultArgs extends RunSavedQueryArgs {
  @Field(() => Int, { defaultValue: 5, description: "Re-run at most this often, in seconds (1 to 3600), however busy the hub is" })
  @Min(1)
  @Max(3600)
  minIntervalSeconds!: number;
}

@Resolver()
export class SavedQuerySubscriptionResolver {
  @Subscription(() => SavedQueryRun, {
    description: "A saved query's result now, then again each time it changes (re-run after writes, with the subscriber's rights).",
    subscribe: async ({ args, context, info }) => {
      const ctx = context as Context;
      const a = args as SavedQueryResultArgs;
      const row = await ctx.services.savedQueries.byName(ctx.viewer, a.name, ownerIdOf(a.owner));
      return resultChanges(ctx, () => runSavedQuery(ctx, info.schema, ctx.services.queryBudget, row, a.variables ?? {}), a.minIntervalSeconds * 1000);
    },
  })
  savedQueryResult(@Root() run: SavedQueryRunResult, @Args() _args: SavedQueryResultArgs): SavedQueryRunResult {
    return run;
  }
}

/**
 * Runs the query at once, then after hub writes (at most once per interval), and pushes a result only when it
 * differs from the last one pushed. Stops when the subscriber's token no longer holds.
 */
function resultChanges(ctx: Context, run: () => Promise<SavedQueryRunResult>, intervalMs: number): AsyncIterable<SavedQueryRunResult> {
  return new Repeater<SavedQueryRunResult>(async (push, stop) => {
    const changes = ctx.services.pubsub.subscribe<unknown>(topics.anyChange())[Symbol.asyncIterator]();
    let last: string | null = null;
    let timer: NodeJS.Timeout | null = null;
    let lastRun = 0;
    const rerun = async () => {
      timer = null;
      lastRun = Date.now();
      if (!(await stillAllowed(ctx))) return stop();
      const result = await run();
      const key = JSON.stringify([result.data, result.errors]);
      if (key !== last) {
        last = key;
        await push(result);
      }
    };
    const follow = async () => {
      for (let next = await changes.next(); !next.done; next = await changes.next()) {
        timer ??= setTimeout(() => void rerun().catch(stop), Math.max(0, lastRun + intervalMs - Date.now()));
      }
    };
    void follow().catch(stop);
    await rerun().catch(stop);
    await stop;
    if (timer) clearTimeout(timer);
    await changes.return?.();
  });
}

async function stillAllowed(ctx: Context): Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous") return false;
  if (viewer.expiresAt * 1000 <= Date.now()) return false;
  return tokenStillHolds(viewer, await ctx.services.prisma.user.findUnique({ where: { id: viewer.userId } }));
}
