import type { SupplierKind } from "../../generated/prisma/enums";
import { memberOfLoaded, speaksFor } from "../supplier";
import { supplierOfRow } from "../supplier";
import type { Context } from "../../context/context";
import { seesEverything } from "../../infra/auth/viewer";
import { ownsNeed } from "./need-access";

/**
 * Why a match was rejected (or closed) is between the need's side and the matched supplier, as a response's
 * decline is between the need's side and the responding society: the need's enterprise, the supplier's side
 * (the expert, the platform, the society, or a society the matched expert belongs to: those who may move the
 * match as its supplier), ADMIN and ANALYST. Everyone else who may see the match reads null (issue 22, 3.5).
 */
export async function mayReadMatchDecline(ctx: Context, match: { needId: number; supplierKind: SupplierKind; supplierId: number }): Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous") return false;
  if (seesEverything(viewer)) return true;
  if (await speaksFor(viewer, supplierOfRow(match), memberOfLoaded(ctx.loaders))) return true;
  const need = await ctx.loaders.need.load(match.needId);
  return need !== null && ownsNeed(viewer, need);
}
