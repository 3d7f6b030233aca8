import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { selectedFields } from "../../context/selection";
import { namesOnly } from "./match.loaders";
import type { Context } from "../../context/context";
import type { MatchRow } from "../../infra/db/rows";
import { decodeGlobalId, idOf, toGlobalId } from "../../infra/relay/global-id";
import { badInput } from "../../infra/errors";
import { MatchStatus } from "../../schema/enums";
import { NeedTeaser, teaserOf, TechNeed } from "../need";
import { typed } from "../node";
import { Match, MatchConnection, ScoreComponent, Supplier } from "./match.type";
import type { SupplierRef } from "../supplier";
import { DeclineReason } from "../workflow";
import { Invitation } from "../invitation";
import { MatchStep } from "../workflow";
import type { SupplierKindSpec } from "../supplier";
import { supplierKind, supplierKindOfType } from "../supplier";
import { needSideOrStaff } from "../access";
import { OUTCOME_NOTE_PREFIX, publicReason } from "../matching";

@Resolver(() => Match)
export class MatchResolver {
  @Query(() => [Match], { description: "The open needs that fit a supplier (expert, platform or society), best first." })
  matchesForSupplier(
    @Arg("supplierId", () => ID) supplierId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() ctx: Context,
    @Arg("after", () => ID, { nullable: true, description: "The ID of the last match of the previous page: the page continues after it." }) after: string | null,
  ) {
    return ctx.services.matches.forSupplier(ctx, supplierRef(supplierId), first, after ?? null);
  }

  @Query(() => MatchConnection, { description: "Matches of every supplier the viewer acts for: a society's user sees the society's and its member experts' matches." })
  async myMatches(
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Arg("status", () => [MatchStatus], { nullable: true }) status: MatchStatus[] | null,
    @Arg("industryChainCode", () => String, { nullable: true }) industryChainCode: string | null,
  ) {
    return toConnection(await ctx.services.matches.mine(ctx, page, { statuses: status, chainCode: industryChainCode }));
  }

  @Mutation(() => Match, {
    description: "Moves a match along its lifecycle: either side marks VIEWED / CONTACTED; the need's enterprise (or ADMIN) accepts, rejects (with a reason code), docks and closes.",
  })
  setMatchStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => MatchStatus) status: MatchStatus,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
    @Arg("reasonCode", () => DeclineReason, { nullable: true, description: "required with REJECTED (a reason text alone counts as OTHER)" })
    reasonCode: DeclineReason | null,
  ) {
    return ctx.services.matches.setStatus(ctx, idOf("Match", id, "id"), status, reason, reasonCode);
  }

  @FieldResolver(() => ID)
  id(@Root() match: MatchRow) {
    return toGlobalId("Match", match.id);
  }

  @FieldResolver(() => TechNeed, {
    nullable: true,
    description: "null for a supplier's side while a CONFIDENTIAL need is closed to it (programme.graphql: teaser only)",
  })
  need(@Root() match: MatchRow, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(match.needId);
  }

  @FieldResolver(() => NeedTeaser, { nullable: true, description: "The need's teaser, for CONFIDENTIAL needs (null for PUBLIC and MEMBERS needs)" })
  async teaser(@Root() match: MatchRow, @Ctx() ctx: Context) {
    const need = await ctx.loaders.anyNeed.load(match.needId);
    return need ? teaserOf(need, ctx.loaders) : null;
  }

  @FieldResolver(() => [String], { description: "the terms that need and supplier share (empty while the need is closed to the viewer)" })
  matchedTerms(@Root() match: MatchRow, @Ctx() ctx: Context) {
    return whenNeedReadable(match, ctx, () => match.matchedTerms, []);
  }

  @FieldResolver(() => String, { description: "One line in Chinese saying why, e.g. 命中：热失控、储能；同属新能源产业链 (empty while the need is closed to the viewer)" })
  reason(@Root() match: MatchRow, @Ctx() ctx: Context) {
    // Most reasons carry no clause on other needs' decisions: those cost nothing more.
    if (!match.reason.includes(OUTCOME_NOTE_PREFIX)) return whenNeedReadable(match, ctx, () => match.reason, "");
    return seesDecisions(match, ctx).then((sees) => whenNeedReadable(match, ctx, () => (sees ? match.reason : publicReason(match.reason)), ""));
  }

  @FieldResolver(() => Invitation, { nullable: true, description: "The match's latest invitation, for those who may see it" })
  invitation(@Root() match: MatchRow, @Ctx() ctx: Context) {
    return ctx.loaders.invitationOfMatch.load(match.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() match: MatchRow & { supplierName?: string }, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const read = supplierRead(info);
    // Not async: the two answers from the match row alone cost no promise per match.
    if (read === "typename") return this.supplierFromMatch(match);
    if (read === "row") return this.supplierRow(match, ctx);
    return match.supplierName !== undefined ? this.supplierFromMatch(match) : this.supplierName(match, ctx);
  }

  /**
   * The supplier from the match row alone: its type and id, and its name when the list read it with the rows
   * (matchRead). Enough for a selection of `__typename`, or of names and ids: nothing more is read.
   */
  private supplierFromMatch(match: MatchRow & { supplierName?: string }) {
    // Built in one literal per shape, not spread (`typed`): called for every match listed, and spreading a row twice
    // was the hub's own largest self time on the home page (measured: docs/benchmarks.md, "Design decisions measured").
    return supplierOf(supplierKind(match.supplierKind).typeName, match.supplierId, match.supplierName);
  }

  /** The supplier's whole row. */
  private async supplierRow(match: MatchRow, ctx: Context) {
    const { spec, id } = matchSupplier(match);
    return typed(spec.typeName, (await ctx.loaders.supplierRow.load({ kind: spec.kind, id }))!);
  }

  /** The supplier as its id and name only (a partial row: the selection reads nothing else, see `namesOnly`). */
  private async supplierName(match: MatchRow, ctx: Context) {
    const { spec, id } = matchSupplier(match);
    return typed(spec.typeName, (await ctx.loaders.supplierNames.load(`${spec.kind}:${id}`))!);
  }

  @FieldResolver(() => [ScoreComponent])
  async breakdown(@Root() match: MatchRow, @Ctx() ctx: Context) {
    // Lists load matches without the breakdown JSON (match.loaders.ts); fetch it when a selection asks.
    const breakdown = (match.breakdown ?? (await ctx.loaders.matchBreakdown.load(match.id))) as unknown as ScoreComponent[];
    const recorded = breakdown.find((c) => c.feature === OUTCOME_FEATURE);
    if (!recorded || recorded.value === 0 || (await seesDecisions(match, ctx))) return breakdown;
    return breakdown.filter((c) => c !== recorded);
  }

  @FieldResolver(() => DeclineReason, { nullable: true, description: "Why the need's side rejected the match: read as statusReason." })
  statusReasonCode(@Root() match: MatchRow) {
    return match.statusReasonCode;
  }

  @FieldResolver(() => Date, { nullable: true, description: "When the status last changed (null while SUGGESTED)." })
  statusChangedAt(@Root() match: MatchRow) {
    return match.statusChangedAt;
  }

  @FieldResolver(() => [MatchStep], { description: "Every status step with its time, oldest first." })
  async history(@Root() match: MatchRow, @Ctx() ctx: Context): Promise<MatchStep[]> {
    const steps = await ctx.loaders.historyOfMatch.load(match.id);
    // `of`: the step's match, for the rule of its reasons (access/policy.table.ts).
    return steps.map((s) => ({ from: s.fromStatus as MatchStep["from"], status: s.toStatus as MatchStep["status"], at: s.at, reasonCode: s.reasonCode, reason: s.reason, of: match }));
  }
}

/**
 * A field that repeats the need's words (matched terms, the reason): only for viewers who may read the need. Only a
 * supplier's side can hold a match whose need it may not read (readableMatches), so others pay no read for it.
 */
function whenNeedReadable<T>(match: MatchRow, ctx: Context, value: () => T, hidden: T): T | Promise<T> {
  const { viewer } = ctx;
  if (viewer.kind === "anonymous" || !(viewer.expertId || viewer.platformId || viewer.societyId)) return value();
  return ctx.loaders.need.load(match.needId).then((need) => (need ? value() : hidden));
}

const OUTCOME_FEATURE = "outcome";

/**
 * What other needs' sides decided about the supplier on this chain (the outcome feature: its clause in the reason, its
 * part of the breakdown) is for the policy's `needSideOrStaff` only: counts of other enterprises' decisions,
 * rejections among them, are not the supplier's or the public's to read (Match.statusReasonCode is hidden likewise).
 */
async function seesDecisions(match: MatchRow, ctx: Context): Promise<boolean> {
  if (ctx.viewer.kind === "anonymous") return false;
  const need = await ctx.loaders.anyNeed.load(match.needId);
  return need !== null && needSideOrStaff(ctx.viewer, need);
}

/** A supplier from a match row: its type, id and (when the list read it) name. */
function supplierOf(__typename: string, id: number, name: string | undefined) {
  return name === undefined ? { __typename, id } : { __typename, id, name };
}

/** A match's supplier from its key (a selection of `supplier` reads supplierKind and supplierId). */
function matchSupplier(match: MatchRow): { spec: SupplierKindSpec; id: number } {
  return { spec: supplierKind(match.supplierKind), id: match.supplierId };
}

/** A supplier's global ID (of any kind's type); null for IDs of other types. */
function supplierRef(globalId: string): SupplierRef | null {
  const decoded = decodeGlobalId(globalId);
  if (!decoded) throw badInput("supplierId", "supplierId is not a valid ID");
  const spec = supplierKindOfType(decoded.type);
  return spec ? { kind: spec.kind, id: decoded.id } : null;
}

/**
 * What a selection of `supplier` needs: its type alone, its name and id, or its whole row. Decided once per list, not
 * once per match listed: every match of a list shares the field's fieldNodes array.
 */
function supplierRead(info: GraphQLResolveInfo): "typename" | "names" | "row" {
  let read = supplierReads.get(info.fieldNodes);
  if (read === undefined) {
    const fields = selectedFields(info);
    read = typenameOnly(fields) ? "typename" : namesOnly(fields) ? "names" : "row";
    supplierReads.set(info.fieldNodes, read);
  }
  return read;
}
const supplierReads = new WeakMap<GraphQLResolveInfo["fieldNodes"], "typename" | "names" | "row">();

/** Whether a selection asks for nothing but `__typename`. */
function typenameOnly(fields: ReadonlySet<string>): boolean {
  for (const field of fields) if (field !== "__typename") return false;
  return true;
}
