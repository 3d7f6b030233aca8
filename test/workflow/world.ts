import type { GqlClient } from "../support/client";
import { createEnterprise, createExpert, createPlatform, createSociety, userClient } from "../support/fixtures";
import type { TestHub } from "../support/hub";
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import type { NeedStatus } from "../../src/generated/prisma/enums";

/**
 * The cast of the workflow tests: the need's enterprise and another one, the responding society (with an expert
 * it offers) and another society, an analyst, a platform. Rows in a given state are written straight to the
 * database (the states are what is under test, not how they were reached).
 */
export interface World {
  ids: { owner: number; otherEnterprise: number; society: number; otherSociety: number; expert: number; platform: number };
  gids: { owner: string; otherEnterprise: string; society: string; otherSociety: string; expert: string; platform: string };
  as: Record<Role, GqlClient>;
}

export type Role = "anonymous" | "admin" | "owner" | "otherEnterprise" | "society" | "otherSociety" | "expert" | "analyst" | "platform";

export const dbId = (gid: string) => decodeGlobalId(gid)!.id;

export async function buildWorld(t: TestHub): Promise<World> {
  const owner = await createEnterprise(t.admin);
  const otherEnterprise = await createEnterprise(t.admin);
  const society = await createSociety(t.admin);
  const otherSociety = await createSociety(t.admin);
  const expert = await createExpert(t.admin, { societyIds: [society.id] });
  const platform = await createPlatform(t.admin);
  const gids = { owner: owner.id, otherEnterprise: otherEnterprise.id, society: society.id, otherSociety: otherSociety.id, expert: expert.id, platform: platform.id };
  const as: Record<Role, GqlClient> = {
    anonymous: t.anonymous,
    admin: t.admin,
    owner: await userClient(t, "ENTERPRISE", owner.id),
    otherEnterprise: await userClient(t, "ENTERPRISE", otherEnterprise.id),
    society: await userClient(t, "SOCIETY", society.id),
    otherSociety: await userClient(t, "SOCIETY", otherSociety.id),
    expert: await userClient(t, "EXPERT", expert.id),
    analyst: await userClient(t, "ANALYST", null),
    platform: await userClient(t, "EXPERT", platform.id), // a platform's user has the EXPERT role
  };
  const ids = Object.fromEntries(Object.entries(gids).map(([k, v]) => [k, dbId(v)])) as World["ids"];
  return { ids, gids, as };
}

let sequence = 0;

/** A PUBLIC need of the world's enterprise in `status`, written directly (no matching). */
export async function needIn(t: TestHub, w: World, status: NeedStatus, extra: Record<string, unknown> = {}) {
  const now = new Date();
  return t.hub.database.prisma.techNeed.create({
    data: {
      enterpriseId: w.ids.owner,
      title: `工作流测试需求${++sequence}`,
      description: "储能电站电池热管理改进，测试工作流状态机。",
      chainCode: "NEW_ENERGY",
      kind: "JOINT_RD",
      keywords: ["储能"],
      status,
      visibility: "PUBLIC",
      openedAt: status === "DRAFT" ? null : now,
      ...extra,
    },
  });
}

export async function responseIn(t: TestHub, w: World, needId: number, status: string) {
  return t.hub.database.prisma.response.create({
    data: {
      needId,
      societyId: w.ids.society,
      proposal: "学会组织储能热管理专家提供液冷改造方案。",
      status: status as never,
      experts: { create: [{ expertId: w.ids.expert }] },
    },
  });
}

export async function matchIn(t: TestHub, w: World, needId: number, status: string) {
  return t.hub.database.prisma.match.create({
    data: { needId, supplierKind: "EXPERT", supplierId: w.ids.expert, score: 0.5, rank: 1, breakdown: [], matchedTerms: ["储能"], status: status as never },
  });
}

/** History rows and audit rows written for an entity: a rejected change writes neither. */
export async function trail(t: TestHub, subject: "NEED" | "RESPONSE" | "MATCH", id: number) {
  const prisma = t.hub.database.prisma;
  const column = subject === "NEED" ? "needId" : subject === "RESPONSE" ? "responseId" : "matchId";
  const type = subject === "NEED" ? "TechNeed" : subject === "RESPONSE" ? "Response" : "Match";
  return {
    history: await prisma.statusChange.count({ where: { subject, [column]: id } }),
    audit: await prisma.auditEvent.count({ where: { entityType: type, entityId: id } }),
  };
}
