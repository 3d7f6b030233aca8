import type { NodeType } from "../../../src/infra/relay/global-id";
import { toGlobalId } from "../../../src/infra/relay/global-id";
import { createExpert, postNeed, userClient, PASSWORD } from "../../support/fixtures";
import type { GqlClient } from "../../support/client";
import { startTestHub, type TestHub } from "../../support/hub";
import { buildWorld, dbId, type World } from "../../workflow/world";
import type { Sender } from "./calls";
import { IdRef, MALFORMED_IDS } from "./values";

/**
 * The hub under fuzz and a small programme in every state the mutations care about: needs OPEN (matched),
 * CONFIDENTIAL, DRAFT, IN_DOCKING, RESOLVED, EXPIRED, a 揭榜挂帅 challenge whose submissions have closed with a
 * SHORTLISTED solution, responses, an ACCEPTED match, a workstation, and spare users for deactivateUser.
 */
export interface FuzzHub {
  t: TestHub;
  world: World;
  senders: Record<Sender, GqlClient>;
  /** the user behind `passwordChanger` and the password it has now */
  changer: { email: string; password: string };
  /** User ids that deactivateUser must not reach (the senders), so that the fuzz keeps its cast. */
  keepUsers: Set<number>;
}

export async function startFuzzHub(): Promise<FuzzHub> {
  // Logins from one address would soon be rate limited per address; per account they still are.
  const t = await startTestHub({ HUB_SWEEP_SECONDS: "0", HUB_LOGIN_MAX_FAILURES_PER_ADDRESS: "100000" });
  try {
    return await populate(t);
  } catch (err) {
    await t.stop(); // else the hub keeps jest from exiting
    throw err;
  }
}

async function populate(t: TestHub): Promise<FuzzHub> {
  const world = await buildWorld(t);
  const prisma = t.hub.database.prisma;
  await createExpert(t.admin, { societyIds: [world.gids.society] });
  await createExpert(t.admin, { societyIds: [world.gids.otherSociety], name: "储能专家", keywords: ["液冷"] });

  const owner = world.as.owner;
  const open = await postNeed(owner, world.gids.owner);
  await postNeed(owner, world.gids.owner, { visibility: "CONFIDENTIAL", title: "保密的电池管理系统需求" });
  await postNeed(owner, world.gids.owner, { draft: true, title: "草稿需求" });
  const challenge = await postNeed(owner, world.gids.owner, { isChallenge: true, challengeAward: 500_000, deadline: future(30), submissionDeadline: future(10) });
  for (const status of ["IN_DOCKING", "RESOLVED", "EXPIRED"] as const) {
    const n = await postNeed(owner, world.gids.owner, { title: `储能热管理需求 ${status}` });
    const at = new Date();
    await prisma.techNeed.update({ where: { id: dbId(n.id) }, data: { status, ...(status === "IN_DOCKING" ? { dockedAt: at } : status === "RESOLVED" ? { dockedAt: at, resolvedAt: at } : { expiredAt: at }) } });
  }

  const respond = (client: GqlClient, needId: string, societyId: string) =>
    client.data(`mutation($input: RespondInput!) { respondToNeed(input: $input) { id } }`, { input: { needId, societyId, proposal: "学会组织储能热管理专家提供液冷改造方案。" } });
  await respond(world.as.society, open.id, world.gids.society);
  await respond(world.as.otherSociety, open.id, world.gids.otherSociety);
  const solution = await respond(world.as.society, challenge.id, world.gids.society);
  await respond(world.as.otherSociety, challenge.id, world.gids.otherSociety);
  // Submissions close; ADMIN has screened one solution in.
  await prisma.techNeed.update({ where: { id: dbId(challenge.id) }, data: { submissionDeadline: new Date(Date.now() - 60_000) } });
  await t.admin.data(`mutation($id: ID!) { shortlistResponse(id: $id) { id } }`, { id: (solution as { respondToNeed: { id: string } }).respondToNeed.id });

  const [match, second, third] = await prisma.match.findMany({ where: { needId: dbId(open.id) }, orderBy: { rank: "asc" }, take: 3 });
  if (match) await owner.data(`mutation($id: ID!) { setMatchStatus(id: $id, status: ACCEPTED) { id } }`, { id: toGlobalId("Match", match.id) });
  // A PENDING invitation, and a docking arranged from an accepted response: the invitation and docking mutations
  // then meet rows of their own (else every id they are given is unknown).
  for (const m of [second, third]) if (m) await owner.data(`mutation($id: ID!) { inviteSupplier(matchId: $id, message: "诚邀对接") { id } }`, { id: toGlobalId("Match", m.id) });
  // One of them answered already (declined): withdrawing it is a BAD_USER_INPUT.
  if (third) await prisma.invitation.updateMany({ where: { matchId: third.id }, data: { status: "DECLINED", declineCode: "NO_CAPACITY", answeredAt: new Date() } });
  const accepted = await prisma.response.findFirst({ where: { needId: dbId(open.id), societyId: world.ids.society } });
  if (accepted) {
    await owner.data(`mutation($id: ID!) { shortlistResponse(id: $id) { id } }`, { id: toGlobalId("Response", accepted.id) });
    await owner.data(`mutation($id: ID!) { acceptResponse(id: $id) { id } }`, { id: toGlobalId("Response", accepted.id) });
    await owner.data(`mutation($input: ScheduleDockingInput!) { scheduleDocking(input: $input) { id } }`, {
      input: { responseId: toGlobalId("Response", accepted.id), startsAt: future(3), place: "南阳市科技局 3 楼会议室" },
    });
  }
  await t.admin.data(`mutation($input: CreateWorkstationInput!) { createWorkstation(input: $input) { id } }`, {
    input: { name: "储能专家工作站", societyId: world.gids.society, enterpriseId: world.gids.owner, expertIds: [world.gids.expert], startsOn: new Date(Date.now() - 86_400_000).toISOString() },
  });
  // Every user so far sends calls: deactivateUser may reach the admin (a BAD_USER_INPUT) and the spare users only.
  const keepUsers = new Set((await prisma.user.findMany({ where: { role: { not: "ADMIN" } }, select: { id: true } })).map((u) => u.id));
  await userClient(t, "ANALYST", null);
  await userClient(t, "ENTERPRISE", world.gids.otherEnterprise);
  const changerEmail = "password-changer@hub.test";
  const changer = await t.admin.data<{ createUser: { id: string } }>(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email: changerEmail, password: PASSWORD, role: "ANALYST" },
  });
  keepUsers.add(dbId(changer.createUser.id));
  const senders: Record<Sender, GqlClient> = { ...world.as, passwordChanger: await t.signIn(changerEmail, PASSWORD) };
  return { t, world, senders, changer: { email: changerEmail, password: PASSWORD }, keepUsers };
}

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const TABLES: Partial<Record<NodeType, string>> = {
  User: "User",
  Enterprise: "Enterprise",
  Society: "Society",
  Expert: "Expert",
  InnovationPlatform: "InnovationPlatform",
  TechNeed: "TechNeed",
  Response: "Response",
  Match: "Match",
  Deal: "Deal",
  ServiceRecord: "ServiceRecord",
  ExpertWorkstation: "ExpertWorkstation",
  Invitation: "Invitation",
  Docking: "Docking",
  Registration: "Registration",
  Notification: "Notification",
};

/** Resolves ID placeholders against the rows that exist now. */
export async function idResolver(h: FuzzHub): Promise<(ref: IdRef) => string> {
  const prisma = h.t.hub.database.prisma;
  const rows = await prisma.$queryRawUnsafe<Array<{ t: NodeType; id: number }>>(
    Object.entries(TABLES)
      .map(([type, table]) => `SELECT '${type}' AS t, id FROM "${table}"`)
      .join(" UNION ALL ") + " ORDER BY t, id",
  );
  const pools = new Map<string, number[]>();
  for (const r of rows) if (r.t !== "User" || !h.keepUsers.has(r.id)) pools.set(r.t, [...(pools.get(r.t) ?? []), r.id]);
  return (ref) => {
    if (ref.kind === "malformed") return MALFORMED_IDS[ref.pick % MALFORMED_IDS.length];
    if (ref.kind.startsWith("unknown:")) return toGlobalId(ref.kind.slice(8) as NodeType, 2_000_000_000 + ref.pick);
    const pool = pools.get(ref.kind) ?? [];
    return toGlobalId(ref.kind as NodeType, pool.length ? pool[ref.pick % pool.length] : 1_999_999_999);
  };
}
