import type { Context, Services } from "../../context/context";
import { hashPassword } from "../../infra/auth/password";
import type { LoginLimiter } from "../../infra/auth/login-limiter";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, conflictOnDuplicate, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { RegistrationKind, RegistrationStatus } from "../../generated/prisma/enums";
import { recordAudit } from "../audit";
import type { CreateEnterpriseInput } from "../enterprise";
import type { CreateExpertInput } from "../expert";
import type { MatchingService } from "../match";
import type { CreateSocietyInput } from "../society";
import { normaliseEmail, passwordProblem } from "../user";
import type { AccountMail, RegistrationNotice } from "./account-mail";
import type { RegisterEnterpriseInput, RegisterExpertInput, RegisterSocietyInput } from "./registration.input";
import { unitOfWork } from "../../infra/db/unit-of-work";

export type RegistrationRow = PrismaTypes.RegistrationGetPayload<object>;
type Tx = PrismaTypes.TransactionClient;

/** What a registration keeps of its input: the create mutation's input (expert: its societies as database ids). */
type Submitted =
  | { kind: "ENTERPRISE"; input: CreateEnterpriseInput }
  | { kind: "SOCIETY"; input: CreateSocietyInput }
  | { kind: "EXPERT"; input: CreateExpertInput; societyIds: number[] };

const ROLE = { ENTERPRISE: "ENTERPRISE", SOCIETY: "SOCIETY", EXPERT: "EXPERT" } as const;
const DUPLICATE_EMAIL = "This email is registered already";

/**
 * Self-registration: anyone submits an enterprise, a society or an expert with a sign-in; the user exists at once
 * but inactive (so the email is taken, whatever its case), and nothing is created, matched or visible until an
 * ADMIN approves. Approval creates the organisation or expert as the create mutation does (indexed and matched)
 * and activates the user, in one transaction.
 */
export class RegistrationService {
  constructor(
    private readonly prisma: Prisma,
    // Named by their entries in the services (module.ts: use("experts") …): expert's and society's faces do not
    // carry their services, which reach the supplier kinds that import those faces (an import circle).
    private readonly enterprises: Services["enterprises"],
    private readonly societies: Services["societies"],
    private readonly experts: Services["experts"],
    private readonly matching: MatchingService,
    private readonly mail: AccountMail,
    /** Registrations per client address (the sign-ins' limiter, counted apart). */
    private readonly limiter: LoginLimiter,
  ) {}

  registerEnterprise(ctx: Context, input: RegisterEnterpriseInput): Promise<RegistrationRow> {
    const { email, password, ...create } = input;
    return this.register(ctx, email, password, { kind: "ENTERPRISE", input: { ...create, creditCode: create.creditCode.trim().toUpperCase() } });
  }

  registerSociety(ctx: Context, input: RegisterSocietyInput): Promise<RegistrationRow> {
    const { email, password, ...create } = input;
    return this.register(ctx, email, password, { kind: "SOCIETY", input: create });
  }

  registerExpert(ctx: Context, input: RegisterExpertInput): Promise<RegistrationRow> {
    const { email, password, societyIds: gids, ...create } = input;
    const societyIds = [...new Set((gids ?? []).map((gid, i) => idOf("Society", gid, `input.societyIds.${i}`) ?? -1))];
    return this.register(ctx, email, password, { kind: "EXPERT", input: create, societyIds });
  }

  private async register(ctx: Context, rawEmail: string, password: string, submitted: Submitted): Promise<RegistrationRow> {
    await this.limiter.attempt(null, ctx.clientAddress ?? "unknown");
    const email = normaliseEmail(rawEmail);
    const problem = passwordProblem(password, email);
    if (problem) throw badInput("input.password", problem);
    await this.check(submitted, "input");
    await this.assertNotPending(submitted);
    if (await this.prisma.user.count({ where: { email: { equals: email, mode: "insensitive" } } })) throw conflict("input.email", DUPLICATE_EMAIL);
    const passwordHash = await hashPassword(password);
    const name = submitted.input.name.trim();
    return unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const user = await tx.user.create({ data: { email, passwordHash, role: ROLE[submitted.kind], active: false } });
      // Plain JSON: the inputs are class instances.
      const data = JSON.parse(JSON.stringify(submitted.kind === "EXPERT" ? { ...submitted.input, societyIds: submitted.societyIds } : submitted.input)) as PrismaTypes.InputJsonValue;
      const row = await tx.registration.create({ data: { kind: submitted.kind, email, name, data, userId: user.id, clientAddress: ctx.clientAddress ?? null } });
      await recordAudit(tx, ctx, "registration.submit", { type: "Registration", id: row.id }, { kind: row.kind, name, email });
      emit(...((await this.mail.registrationSubmitted(tx, notice(row))) ?? []));
      return row;
    }).catch(conflictOnDuplicate("input.email", DUPLICATE_EMAIL));
  }

  /** The create mutation's checks, in its order (`prefix` names the input in errors). */
  private async check(submitted: Submitted, prefix: string): Promise<void> {
    switch (submitted.kind) {
      case "ENTERPRISE":
        return this.enterprises.checkNew(submitted.input, prefix);
      case "SOCIETY":
        return this.societies.checkNew(submitted.input, prefix);
      case "EXPERT":
        await this.experts.assertSocieties(submitted.societyIds);
        return this.experts.checkNew(submitted.input, prefix);
    }
  }

  /** A second registration of the same enterprise (credit code) or society (name) while one is pending. */
  private async assertNotPending(submitted: Submitted): Promise<void> {
    if (submitted.kind === "EXPERT") return;
    const [path, value, field] =
      submitted.kind === "ENTERPRISE" ? [["creditCode"], submitted.input.creditCode, "input.creditCode"] : [["name"], submitted.input.name.trim(), "input.name"];
    const pending = await this.prisma.registration.count({ where: { kind: submitted.kind, status: "PENDING", data: { path, equals: value } } });
    if (pending) throw conflict(field, `A registration of this ${submitted.kind.toLowerCase()} is waiting for review already`);
  }

  /** ADMIN only. */
  list(_ctx: Context, args: PageArgs, statuses: RegistrationStatus[] | null | undefined): Promise<Page<RegistrationRow>> {
    const where: PrismaTypes.RegistrationWhereInput = statuses?.length ? { status: { in: statuses } } : {};
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.registration.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.registration.count({ where }),
    );
  }

  /**
   * ADMIN only. Approving creates the organisation or expert (checked again: a credit code or name taken since is a
   * CONFLICT), links and activates the user; rejecting keeps the user inactive (its sign-in answers ACCOUNT_REJECTED).
   */
  async review(ctx: Context, registrationId: number | null, approve: boolean, reason: string | null): Promise<RegistrationRow> {
    const registration = registrationId === null ? null : await this.prisma.registration.findUnique({ where: { id: registrationId } });
    if (!registration) throw notFound("Registration");
    if (registration.status !== "PENDING") throw badInput("id", `The registration was ${registration.status} already`);
    const why = reason?.trim() || null;
    if (why && why.length > 500) throw badInput("reason", "reason must be at most 500 characters");
    const submitted = submittedOf(registration);
    if (approve) await this.check(submitted, "registration");
    const row = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const moved = await tx.registration.updateMany({ where: { id: registration.id, status: "PENDING" }, data: { status: approve ? "APPROVED" : "REJECTED" } });
      if (!moved.count) throw conflict("id", "The registration was reviewed meanwhile");
      const { link, events } = approve ? await this.create(tx, ctx, submitted) : { link: {}, events: [] };
      if (approve) await tx.user.update({ where: { id: registration.userId }, data: { active: true, ...link } });
      const row = await tx.registration.update({
        where: { id: registration.id },
        data: { reason: why, reviewedAt: new Date(), reviewedById: ctx.viewer.kind === "user" ? ctx.viewer.userId : null, ...link },
      });
      await recordAudit(tx, ctx, approve ? "registration.approve" : "registration.reject", { type: "Registration", id: row.id }, { before: { status: "PENDING" }, after: { status: row.status, reason: why, ...link } });
      emit(...events, ...((await this.mail.registrationReviewed(tx, notice(row))) ?? []));
      return row;
    });
    return row;
  }

  private async create(tx: Tx, ctx: Context, submitted: Submitted): Promise<{ link: Record<string, number>; events: HubEvent[] }> {
    switch (submitted.kind) {
      case "ENTERPRISE": {
        const enterprise = await this.enterprises.insert(tx, ctx, submitted.input);
        return { link: { enterpriseId: enterprise.id }, events: [] };
      }
      case "SOCIETY": {
        const { society, events } = await this.societies.insert(tx, ctx, submitted.input);
        return { link: { societyId: society.id }, events };
      }
      case "EXPERT": {
        const { expert, events } = await this.experts.insert(tx, ctx, submitted.input, submitted.societyIds);
        return { link: { expertId: expert.id }, events };
      }
    }
  }
}

function submittedOf(row: RegistrationRow): Submitted {
  const data = row.data as Record<string, unknown>;
  if (row.kind === "EXPERT") {
    const { societyIds, ...input } = data;
    return { kind: "EXPERT", input: input as unknown as CreateExpertInput, societyIds: (societyIds as number[]) ?? [] };
  }
  return { kind: row.kind as Exclude<RegistrationKind, "EXPERT">, input: data } as unknown as Submitted;
}

function notice(row: RegistrationRow): RegistrationNotice {
  return { registrationId: row.id, userId: row.userId, kind: row.kind, name: row.name, email: row.email, status: row.status, reason: row.reason };
}
