import type { Context } from "../../context/context";
import { seesEverything } from "../../infra/auth/viewer";
import { ownsNeed } from "./need-access";

/**
 * Why a match was rejected (or closed) is between the need's side and the matched supplier, as a response's
 * decline is between the need's side and the responding society: the need's enterprise, the supplier's side
 * (the expert, the platform, the society, or a society the matched expert belongs to: those who may move the
 * match as its supplier), ADMIN and ANALYST. Everyone else who may see the match reads null (issue 22, 3.5).
 */
export async function mayReadMatchDecline(ctx: Context, match: { needId: number; expertId: number | null; platformId: number | null; societyId: number | null }): Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous") return false;
  if (seesEverything(viewer)) return true;
  if (match.expertId !== null && viewer.expertId === match.expertId) return true;
  if (match.platformId !== null && viewer.platformId === match.platformId) return true;
  if (viewer.societyId !== null && match.societyId === viewer.societyId) return true;
  if (viewer.societyId !== null && match.expertId !== null) {
    const societies = await ctx.loaders.societiesOfExpert.load(match.expertId);
    if (societies.some((s) => s.id === viewer.societyId)) return true;
  }
  const need = await ctx.loaders.need.load(match.needId);
  return need !== null && ownsNeed(viewer, need);
}
