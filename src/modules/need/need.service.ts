import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { UserViewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound, type DomainError } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { Prisma as P } from "../../generated/prisma/client";
import type { NeedKind, NeedStatus, Visibility } from "../../generated/prisma/enums";
import { ownsNeed, readableNeeds } from "../access";
import { auditInsertSql, changedFields, recordAudit } from "../audit";
import { MATCHED_NEED_FIELDS, needChanges, needUpdateProblem } from "./need-update";
import { corpusFromJson, type CorpusStatsJson } from "../match";
import { analyseNewNeed, type MatchingService } from "../match";
import type { ReferenceService } from "../reference";
import type { PostNeedInput, UpdateNeedInput } from "./need.input";
import type { NeedRead } from "./need.columns";
import { needPage, type NeedQuery } from "./need.queries";
import { firstNeedStepSql, logStatusChange } from "../workflow";
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from "../workflow";
import { allowedNextStatuses, canMoveNeed } from "./need-status";
import { unitOfWork } from "../../infra/db/unit-of-work";

export type { NeedQuery };

export class NeedService {
  constructor(
    private readonly prisma: Prisma,
    private readonly reference: ReferenceService,
    private readonly matching: MatchingService,
    readonly settings: WorkflowSettings = DEFAULT_WORKFLOW_SETTINGS,
  ) {}

  /**
   * Newest first; only the needs the viewer may see, filtered in SQL (so totalCount reveals nothing).
   * `read` narrows the rows to what the selection shows (need.columns.ts); the rows are then partial.
   */
  list(ctx: Context, args: PageArgs, query: NeedQuery, read: NeedRead = { columns: null, withDescription: true }): Promise<Page<NeedRow>> {
    // Anonymous callers never learn which enterprise posted what, so they cannot list by enterprise.
    if (ctx.viewer.kind === "anonymous" && query.enterpriseIds) query = { ...query, enterpriseIds: [] };
    // The typed SQL of need.queries.ts, for every viewer (the access rule in its SQL form: readableNeedsSql).
    const fixed = needPage(this.prisma, ctx.viewer, query, read, this.settings.staleNeedDays);
    return keysetPage(pageRequest(args), "desc", ({ take, idAfter }) => fixed.page(take, idAfter && "lt" in idAfter ? idAfter.lt : undefined), fixed.count);
  }

  /**
   * ADMIN, or ENTERPRISE for its own enterprise. The need is OPEN and matched before this returns (a draft is neither).
   * The usual post reads nothing before its transaction: one statement writes the need, its history and its audit event,
   * reads the corpus statistics of its terms, and checks that the enterprise and the chain exist (matching then needs
   * three or four more, its index entry written with its matches). Any
   * other case (another enterprise's user, invalid input, an unknown enterprise or chain) goes through the checks
   * one by one, in their order, so the error is the same as ever.
   */
  async post(ctx: Context, enterpriseId: number | null, input: PostNeedInput): Promise<NeedRow> {
    const viewer = actingUser(ctx.viewer);
    if (enterpriseId === null) throw notFound("Enterprise");
    const ownEnterprise = viewer.role !== "ENTERPRISE" || viewer.enterpriseId === enterpriseId;
    if (!ownEnterprise || needInputProblem(input)) await this.assertMayPost(viewer, enterpriseId, input);
    const now = new Date();
    const data = needData(enterpriseId, input, now);
    const posted = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const analysed = data.status === "DRAFT" ? null : analyseNewNeed(data);
      const written = await insertNeed(tx, { viewer, requestId: ctx.requestId }, data, analysed);
      if (!written) return null;
      const { regionCode, corpus, ...need } = written;
      if (!analysed || !corpus) return { need };
      const indexed = { vector: analysed.vector, corpus: corpusFromJson(corpus) };
      const matchEvents = await this.matching.matchNeed(tx, need.id, { need, regionCode, fresh: true, indexed });
      emit({ topic: "needPosted", payload: { needId: need.id, chainCode: need.chainCode } }, ...matchEvents);
      return { need };
    });
    if (!posted) {
      // Nothing was written: the enterprise or the chain does not exist (the checks say which).
      await this.assertMayPost(viewer, enterpriseId, input);
      throw notFound("Enterprise");
    }
    return posted.need;
  }

  /** Corrects an OPEN or DRAFT need: see updateNeed below. */
  update(ctx: Context, needId: number | null, input: UpdateNeedInput): Promise<NeedRow> {
    return updateNeed(this.prisma, this.reference, this.matching, ctx, needId, input);
  }

  /** The checks of postNeed in their order, each with its own error; reads the database. */
  private async assertMayPost(viewer: UserViewer, enterpriseId: number, input: PostNeedInput): Promise<void> {
    const enterprise = await this.prisma.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true } });
    if (!enterprise) throw notFound("Enterprise");
    if (viewer.role === "ENTERPRISE" && viewer.enterpriseId !== enterpriseId) {
      throw forbidden("An enterprise user may post needs for its own enterprise only");
    }
    const problem = needInputProblem(input);
    if (problem) throw problem;
    await this.reference.assertChainCodes([input.industryChainCode], "input.industryChainCode");
  }

  /**
   * ADMIN, or the need's enterprise; only the transitions of the lifecycle (need-status.ts). Opening (a draft, or
   * reopening) needs a deadline in the future, else the expiry sweep would expire it at once: pass `deadline`.
   * Opening a draft matches it and announces it (needPosted), as posting does.
   */
  async updateStatus(ctx: Context, needId: number | null, status: NeedStatus, deadline: Date | null = null): Promise<NeedRow> {
    const need = needId === null ? null : await this.prisma.techNeed.findFirst({ where: { id: needId, AND: [readableNeeds(ctx.viewer)] } });
    if (!need) throw notFound("TechNeed");
    if (!ownsNeed(ctx.viewer, need)) throw forbidden("Only the need's enterprise or an ADMIN may change its status");
    if (!canMoveNeed(need.status, status)) {
      const allowed = allowedNextStatuses(need.status);
      throw badInput("status", `A ${need.status} need cannot become ${status}${allowed.length ? ` (allowed: ${allowed.join(", ")})` : " (it is final)"}`);
    }
    if (deadline !== null) {
      if (status !== "OPEN") throw badInput("deadline", "A new deadline goes with opening the need only");
      if (deadline.getTime() <= Date.now()) throw badInput("deadline", "deadline must be in the future");
    }
    const effectiveDeadline = deadline ?? need.deadline;
    if (status === "OPEN" && effectiveDeadline && effectiveDeadline.getTime() <= Date.now()) {
      throw badInput("deadline", `The deadline ${effectiveDeadline.toISOString()} has passed: reopen with a new deadline`);
    }
    const updated = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const at = new Date();
      // The status in the WHERE: a concurrent change (or the expiry sweep) wins, this one fails instead of overwriting it.
      const moved = await tx.techNeed.updateMany({
        where: { id: need.id, status: need.status },
        data: { status, ...statusTimestamps(need, status, at), ...(deadline ? { deadline } : {}) },
      });
      if (!moved.count) throw conflict("id", "The need changed meanwhile; read it again");
      await logStatusChange(tx, ctx, { subject: "NEED", needId: need.id, from: need.status, to: status, at });
      await recordAudit(tx, ctx, "need.status", { type: "TechNeed", id: need.id }, { from: need.status, to: status, ...(deadline ? { deadline } : {}) });
      const events: HubEvent[] = [{ topic: "needStatusChanged", payload: { needId: need.id, status } }];
      if (need.status === "DRAFT" && status === "OPEN") {
        events.push({ topic: "needPosted", payload: { needId: need.id, chainCode: need.chainCode } }, ...(await this.matching.matchNeed(tx, need.id)));
      }
      emit(...events);
      return tx.techNeed.findUniqueOrThrow({ where: { id: need.id } });
    });
    return updated;
  }
}

/**
 * ADMIN, or the need's enterprise, corrects an OPEN or DRAFT need (need-update.ts has the rules). An OPEN need
 * whose text, chain, kind or keywords changed is analysed and matched again: its SUGGESTED matches are replaced,
 * the ones that progressed are kept (and rescored). The audit row holds the changed fields before and after.
 */
async function updateNeed(prisma: Prisma, reference: ReferenceService, matching: MatchingService, ctx: Context, needId: number | null, input: UpdateNeedInput): Promise<NeedRow> {
  actingUser(ctx.viewer);
  const need = needId === null ? null : await prisma.techNeed.findFirst({ where: { id: needId, AND: [readableNeeds(ctx.viewer)] } });
  if (!need) throw notFound("TechNeed");
  if (!ownsNeed(ctx.viewer, need)) throw forbidden("Only the need's enterprise or an ADMIN may correct it");
  const changes = needChanges(input);
  const problem = needUpdateProblem(need, changes);
  if (problem) throw problem;
  if (changes.chainCode) await reference.assertChainCodes([changes.chainCode], "input.industryChainCode");
  const diff = changedFields(need, changes);
  const rematch = need.status === "OPEN" && MATCHED_NEED_FIELDS.some((field) => field in diff.after);
  const updated = await unitOfWork(prisma, matching, async (tx, emit) => {
    // The status in the WHERE: a need that moved on meanwhile is not corrected behind its new status's back.
    const written = await tx.techNeed.updateMany({ where: { id: need.id, status: need.status }, data: changes });
    if (!written.count) throw conflict("id", "The need changed meanwhile; read it again");
    await recordAudit(tx, ctx, "need.update", { type: "TechNeed", id: need.id }, diff);
    const events: HubEvent[] = rematch ? await matching.matchNeed(tx, need.id) : [];
    emit(...events);
    return tx.techNeed.findUniqueOrThrow({ where: { id: need.id } });
  });
  return updated;
}

/** What is wrong with a need's input beyond its fields' own rules (need.input.ts), as the error to throw; null if nothing. */
function needInputProblem(input: PostNeedInput): DomainError | null {
  if (!input.title.trim()) return badInput("input.title", "title must not be blank");
  if (input.visibility === "CONFIDENTIAL" && !input.teaser?.trim()) {
    return badInput("input.teaser", "A CONFIDENTIAL need needs a teaser: what is sought, without names");
  }
  if (input.budgetMin != null && input.budgetMax != null && input.budgetMin > input.budgetMax) {
    return badInput("input.budgetMax", "budgetMax must not be less than budgetMin");
  }
  if (input.deadline && input.deadline.getTime() <= Date.now()) return badInput("input.deadline", "deadline must be in the future");
  if (input.submissionDeadline != null) {
    if (!input.isChallenge) return badInput("input.submissionDeadline", "submissionDeadline is for challenges (isChallenge: true) only");
    if (input.submissionDeadline.getTime() <= Date.now()) return badInput("input.submissionDeadline", "submissionDeadline must be in the future");
    if (input.deadline && input.submissionDeadline.getTime() > input.deadline.getTime()) {
      return badInput("input.submissionDeadline", "submissionDeadline must not be after the deadline");
    }
  }
  if (input.challengeAward != null && !input.isChallenge) {
    return badInput("input.challengeAward", "challengeAward is for challenges (isChallenge: true) only");
  }
  return null;
}

/** A new need's columns, as postNeed stores them. */
interface NeedData {
  enterpriseId: number;
  title: string;
  description: string;
  chainCode: string;
  kind: NeedKind;
  keywords: string[];
  budgetMin: number | null;
  budgetMax: number | null;
  deadline: Date | null;
  visibility: Visibility;
  isChallenge: boolean;
  teaser: string | null;
  challengeAward: number | null;
  submissionDeadline: Date | null;
  status: "OPEN" | "DRAFT";
  openedAt: Date | null;
  createdAt: Date;
}

function needData(enterpriseId: number, input: PostNeedInput, now: Date): NeedData {
  const draft = input.draft === true;
  return {
    enterpriseId,
    title: input.title.trim(),
    description: input.description.trim(),
    chainCode: input.industryChainCode,
    kind: input.kind,
    keywords: [...new Set((input.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
    budgetMin: input.budgetMin ?? null,
    budgetMax: input.budgetMax ?? null,
    deadline: input.deadline ?? null,
    visibility: input.visibility ?? "PUBLIC",
    isChallenge: input.isChallenge ?? false,
    teaser: input.teaser?.trim() || null,
    challengeAward: input.isChallenge ? (input.challengeAward ?? null) : null,
    submissionDeadline: input.isChallenge ? (input.submissionDeadline ?? input.deadline ?? null) : null,
    status: draft ? "DRAFT" : "OPEN",
    openedAt: draft ? null : now,
    createdAt: now,
  };
}

/** The part of insertNeed's WITH clause that holds the inserted need. */
const NEW_NEED = P.sql`new_need`;

/** The inserted need, the enterprise's region and, when the need was indexed, the corpus statistics of its terms. */
type WrittenNeed = NeedRow & { regionCode: string | null; corpus: CorpusStatsJson | null };

/**
 * Inserts a need with the rows that go with it, in one statement: its first status step and its audit event (each
 * table's one writer, status-log.ts and audit.service.ts, gives its part of the statement) and, unless it is a draft, reads the corpus statistics of its terms. Writes
 * nothing and returns null when the enterprise or the chain does not exist.
 */
async function insertNeed(tx: PrismaTypes.TransactionClient, by: { viewer: UserViewer; requestId: string }, need: NeedData, analysed: { corpus: P.Sql } | null): Promise<WrittenNeed | null> {
  const at = need.createdAt;
  const summary = { title: need.title, visibility: need.visibility, status: need.status };
  const [row] = await tx.$queryRaw<WrittenNeed[]>`
    WITH enterprise AS (
      SELECT e.id, e."regionCode" FROM "Enterprise" e
      WHERE e.id = ${need.enterpriseId} AND EXISTS (SELECT 1 FROM "IndustryChain" c WHERE c.code = ${need.chainCode})
    ), ${NEW_NEED} AS (
      INSERT INTO "TechNeed" ("enterpriseId", title, description, "chainCode", kind, keywords, "budgetMin", "budgetMax", deadline, visibility,
        "isChallenge", teaser, "challengeAward", "submissionDeadline", status, "openedAt", "createdAt", "updatedAt")
      SELECT enterprise.id, ${need.title}, ${need.description}, ${need.chainCode}, ${need.kind}::"NeedKind", ${need.keywords}::text[],
        ${need.budgetMin}::int, ${need.budgetMax}::int, ${need.deadline}::timestamp(3), ${need.visibility}::"Visibility",
        ${need.isChallenge}::boolean, ${need.teaser}::text, ${need.challengeAward}::int, ${need.submissionDeadline}::timestamp(3), ${need.status}::"NeedStatus",
        ${need.openedAt}::timestamp(3), ${at}::timestamp(3), ${at}::timestamp(3)
      FROM enterprise
      RETURNING *
    ), history AS (
      ${firstNeedStepSql(by, need.status, NEW_NEED, at)}
    ), audit AS (
      ${auditInsertSql(by, "need.post", "TechNeed", NEW_NEED, summary, at)}
    )
    SELECT ${NEW_NEED}.*, (SELECT "regionCode" FROM enterprise) AS "regionCode", ${analysed?.corpus ?? P.sql`NULL::json`} AS corpus FROM ${NEW_NEED}`;
  return row ?? null;
}

/** The lifecycle's times: the first opening and docking are kept (they start the timers), the final ones set once. */
function statusTimestamps(need: NeedRow, status: NeedStatus, at: Date): Partial<Record<"openedAt" | "dockedAt" | "resolvedAt" | "closedAt", Date>> {
  switch (status) {
    case "OPEN":
      return need.openedAt ? {} : { openedAt: at };
    case "IN_DOCKING":
      return need.dockedAt ? {} : { dockedAt: at };
    case "RESOLVED":
      return { resolvedAt: at };
    case "CLOSED":
      return { closedAt: at };
    default:
      return {};
  }
}
