import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind } from "graphql";
import type { Context } from "../../context/context";

/** What a 大屏 display token (issueDisplayToken) may ask: the dashboard's statistics, counts only. */
export const DISPLAY_FIELDS = new Set(["stats", "programmeStats", "__typename"]);

/**
 * A display token's viewer has anonymous rights, narrowed further to DISPLAY_FIELDS at the top of a query: the
 * screen in a lobby shows the programme's figures, and a token copied from it opens nothing else.
 */
export function displayGuardPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (!(contextValue.viewer.kind === "anonymous" && contextValue.viewer.display)) return;
      return {
        async didResolveOperation({ operation }) {
          const allowed =
            !!operation &&
            operation.operation === "query" &&
            operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && DISPLAY_FIELDS.has(s.name.value));
          if (!allowed) {
            throw new GraphQLError("A display token reads the dashboard's statistics (stats, programmeStats) only", {
              extensions: { code: "FORBIDDEN", http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
