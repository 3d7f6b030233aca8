import type { Context } from "../../context/context";
import { seesEverything } from "../../infra/auth/viewer";
import { ownsNeed } from "../access";

/**
 * A decline's reason is between the need's side and the responding society: the society's users, the need's
 * enterprise, ADMIN and ANALYST read it; the experts offered (who may read the response) and everyone else do not.
 * (Workflow rule, kept beside the response module; the access policy's readableResponses decides who sees the response.)
 */
export async function mayReadDecline(ctx: Context, response: { societyId: number; needId: number }): Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous") return false;
  if (seesEverything(viewer)) return true;
  if (viewer.role === "SOCIETY" && viewer.societyId === response.societyId) return true;
  const need = await ctx.loaders.need.load(response.needId);
  return need !== null && ownsNeed(viewer, need);
}
