import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from "graphql";
import type { Client } from "graphql-ws";
import type { GqlClient } from "../support/client";
import { freshCreditCode, PASSWORD } from "../support/fixtures";
import { startHubProcess, type HubProcess } from "../support/hub-process";
import { settle, subscribe, wsClient, type Subscription } from "../support/ws";

// The "Done when" loop of issue 25, against a hub started as `npm start` starts it, with real HTTP and graphql-ws
// clients: post → match → invite → accept → contact visible to both sides and to no third party → docking scheduled
// (told, and reminded by the hub's own sweep) → held with an outcome (need IN_DOCKING) → deal recorded and counted.
// The operations are read from docs/workflow.md (between the loop markers), so the documented ones keep working.

const DOC = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "workflow.md"), "utf8");

/** The named operations of docs/workflow.md's loop section. */
function loopOperations(): Record<string, DocumentNode> {
  const section = DOC.slice(DOC.indexOf("<!-- loop:start -->"), DOC.indexOf("<!-- loop:end -->"));
  const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
  const ops: Record<string, DocumentNode> = {};
  for (const doc of blocks) {
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    ops[op.name!.value] = doc;
  }
  return ops;
}
const ops = loopOperations();

let hub: HubProcess;
const sockets: Client[] = [];
beforeAll(async () => {
  // The sweep that writes reminders runs every second here (60 s by default).
  hub = await startHubProcess({ HUB_SWEEP_SECONDS: "1" });
}, 180_000);
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await hub?.stop();
});

const contact = (who: string) => ({ person: `${who}联系人`, phone: "13800000000", email: `${who}@loop.test` });

async function user(role: "ENTERPRISE" | "SOCIETY" | "EXPERT" | "ANALYST", organizationId: string | null, name: string): Promise<GqlClient> {
  const email = `${name}@loop.test`;
  await hub.admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role, organizationId } });
  return hub.signIn(email, PASSWORD);
}

async function enterprise(name: string) {
  const d = await hub.admin.data<{ createEnterprise: { id: string } }>(`mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }`, {
    input: { name: `${name}有限公司`, creditCode: freshCreditCode(), regionCode: "411303", industryChainCodes: ["NEW_ENERGY"], contact: contact(name) },
  });
  return d.createEnterprise.id;
}

function listen<T>(client: GqlClient, op: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const socket = wsClient(hub.wsUrl, client.token);
  sockets.push(socket);
  return subscribe<T, Record<string, unknown>>(socket, ops[op] as never, variables);
}

/** Waits until an event satisfies `pick` (events of other hubs sharing Redis are ignored by id). */
async function until<T>(sub: Subscription<T>, pick: (e: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = sub.events.find(pick);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such event in ${ms} ms; got ${JSON.stringify(sub.events)} ${JSON.stringify(sub.errors)}`);
    await settle(100);
  }
}

type Note = { notificationAdded: { kind: string; title: string; subject: { id: string; status?: string; supplier?: { name: string; contact: unknown }; startsAt?: string } | null } };

test("post → match → invite → accept → contact → docking scheduled, reminded, held → deal counted", async () => {
  // The cast, set up by ADMIN: enterprise E, expert X (a member of society S), and the third parties: enterprise E2,
  // society S3, an analyst.
  const E = await enterprise("洛阳储能");
  const E2 = await enterprise("另一家企业");
  const S = (await hub.admin.data<{ createSociety: { id: string } }>(`mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`, {
    input: { name: "河南省储能学会", level: "PROVINCIAL", disciplines: ["储能"], contact: contact("学会") },
  })).createSociety.id;
  const S3 = (await hub.admin.data<{ createSociety: { id: string } }>(`mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`, {
    input: { name: "无关学会", level: "MUNICIPAL", disciplines: ["农业"], contact: contact("无关学会") },
  })).createSociety.id;
  const X = (await hub.admin.data<{ createExpert: { id: string } }>(`mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`, {
    input: {
      name: "王热管", societyIds: [S], industryChainCodes: ["NEW_ENERGY"], capacity: 3, keywords: ["热失控", "液冷", "储能"],
      expertise: "从事锂离子电池热管理与热失控防护研究，开发了储能电站电池簇液冷系统与热失控早期预警方法。", contact: contact("专家"),
    },
  })).createExpert.id;
  const asE = await user("ENTERPRISE", E, "e");
  const asX = await user("EXPERT", X, "x");
  const asE2 = await user("ENTERPRISE", E2, "e2");
  const asS3 = await user("SOCIETY", S3, "s3");
  const asAnalyst = await user("ANALYST", null, "analyst");
  const dealsBefore = (await asAnalyst.data<{ programmeStats: { deals: { count: number } } }>(ops.DealCount)).programmeStats.deals.count;

  // 1. Each side listens.
  const xMatches = listen<{ matchFound: { id: string; need: { id: string } } }>(asX, "ExpertMatches", { supplierId: X });
  const eInbox = listen<Note>(asE, "Inbox");
  const xInbox = listen<Note>(asX, "Inbox");
  const e2Inbox = listen<Note>(asE2, "Inbox");
  await settle(500);

  // 2. Post → match.
  const posted = (await asE.data<{ postNeed: { id: string; status: string; matches: Array<{ id: string; status: string; supplier: { __typename: string; id?: string } }> } }>(ops.PostNeed, {
    input: {
      enterpriseId: E, title: "储能电站电池热失控预警与液冷改造", industryChainCode: "NEW_ENERGY", kind: "JOINT_RD", keywords: ["热失控", "储能"],
      description: "储能电站电池簇夏季温差超过8℃，希望合作开发液冷热管理方案和热失控早期预警算法。",
    },
  })).postNeed;
  expect(posted.status).toBe("OPEN");
  const match = posted.matches.find((m) => m.supplier.id === X);
  expect(match).toMatchObject({ status: "SUGGESTED", supplier: { __typename: "Expert" } });
  const needId = posted.id;
  await until(xMatches, (e) => e.matchFound.id === match!.id);

  // 3. Invite → accept.
  const invited = (await asE.data<{ inviteSupplier: { id: string; status: string; match: { status: string } } }>(ops.Invite, { matchId: match!.id })).inviteSupplier;
  expect(invited).toMatchObject({ status: "PENDING", match: { status: "CONTACTED" } });
  await until(xInbox, (e) => e.notificationAdded.kind === "INVITATION_RECEIVED" && e.notificationAdded.subject?.id === invited.id);
  const pending = (await asX.data<{ invitations: { edges: Array<{ node: { id: string; need: { id: string } } }> } }>(ops.MyInvitations)).invitations.edges.map((e) => e.node);
  expect(pending).toContainEqual(expect.objectContaining({ id: invited.id, need: expect.objectContaining({ id: needId }) }));
  // Before accepting, neither side reads the other's contact.
  expect((await asE.data<{ node: { contact: unknown } }>(ops.SupplierContact, { id: X })).node.contact).toBeNull();
  expect((await asX.data<{ node: { enterprise: { contact: unknown } } }>(ops.NeedSide, { id: needId })).node.enterprise.contact).toBeNull();
  const accepted = (await asX.data<{ answerInvitation: { status: string; match: { status: string }; need: { status: string } } }>(ops.Accept, { id: invited.id })).answerInvitation;
  expect(accepted).toMatchObject({ status: "ACCEPTED", match: { status: "ACCEPTED" }, need: { status: "IN_DOCKING" } });

  // 4. Contact: both sides, and no third party (nor through a subscription payload).
  expect((await asE.data<{ node: unknown }>(ops.SupplierContact, { id: X })).node).toEqual({ name: "王热管", contact: contact("专家"), email: null, phone: null });
  expect((await asX.data<{ node: unknown }>(ops.NeedSide, { id: needId })).node).toEqual({ status: "IN_DOCKING", isStale: false, enterprise: { name: "洛阳储能有限公司", contact: contact("洛阳储能") } });
  for (const third of [asE2, asS3, asAnalyst]) {
    expect((await third.data<{ node: { contact: unknown } }>(ops.SupplierContact, { id: X })).node.contact).toBeNull();
    expect((await third.data<{ node: { enterprise: { contact: unknown } } }>(ops.NeedSide, { id: needId })).node.enterprise.contact).toBeNull();
  }
  // The expert still does not read another enterprise's contact, nor E another society's.
  expect((await asX.data<{ node: { contact: unknown } }>(`query($id: ID!) { node(id: $id) { ... on Enterprise { contact { person } } } }`, { id: E2 })).node.contact).toBeNull();
  expect((await asE.data<{ node: { contact: unknown } }>(ops.SupplierContact, { id: S3 })).node.contact).toBeNull();
  const answered = await until(eInbox, (e) => e.notificationAdded.kind === "INVITATION_ANSWERED" && e.notificationAdded.subject?.id === invited.id);
  expect(answered.notificationAdded.subject).toMatchObject({ status: "ACCEPTED", supplier: { name: "王热管", contact: contact("专家") } });

  // 5. Docking scheduled (by the enterprise, from the invitation) a few seconds ahead: both told, then reminded by the
  // sweep (it is due less than a day before the start).
  const startsAt = new Date(Math.ceil((Date.now() + 12_000) / 1000) * 1000).toISOString();
  const docking = (await asE.data<{ scheduleDocking: { id: string; status: string; startsAt: string; invitation: { id: string }; need: { status: string } } }>(ops.Schedule, {
    input: { invitationId: invited.id, startsAt, place: "南阳市科技局 3 楼会议室" },
  })).scheduleDocking;
  expect(docking).toMatchObject({ status: "SCHEDULED", startsAt, invitation: { id: invited.id }, need: { status: "IN_DOCKING" } });
  for (const inbox of [eInbox, xInbox]) {
    await until(inbox, (e) => e.notificationAdded.kind === "DOCKING_SCHEDULED" && e.notificationAdded.subject?.id === docking.id);
    const reminder = await until(inbox, (e) => e.notificationAdded.kind === "DOCKING_REMINDER" && e.notificationAdded.subject?.id === docking.id);
    expect(reminder.notificationAdded.subject).toMatchObject({ startsAt, place: "南阳市科技局 3 楼会议室" });
  }
  const ics = await fetch(new URL(`/dockings/${docking.id}.ics`, hub.url).toString(), { headers: { authorization: `Bearer ${asX.token}` } });
  expect(ics.status).toBe(200);
  expect(await ics.text()).toContain("BEGIN:VEVENT");

  // 6. Held, once started: its outcome recorded; the need is IN_DOCKING.
  while (Date.now() <= Date.parse(startsAt)) await settle(250);
  const held = (await asE.data<{ recordDockingOutcome: { status: string; outcome: string; need: { status: string } } }>(ops.Held, { id: docking.id })).recordDockingOutcome;
  expect(held).toMatchObject({ status: "HELD", outcome: "DEAL_LIKELY", need: { status: "IN_DOCKING" } });

  // 7. The deal, and the programme counts it.
  const deal = (await asE.data<{ recordDeal: { mode: string; value: string; need: { status: string }; match: { status: string } } }>(ops.Deal, {
    input: { matchId: match!.id, mode: "JOINT_RD", contractSigned: true, value: "1500000", summary: "签订储能液冷系统联合开发合同", resolveNeed: true },
  })).recordDeal;
  expect(deal).toMatchObject({ mode: "JOINT_RD", need: { status: "RESOLVED" }, match: { status: "DOCKED" } });
  expect(Number(deal.value)).toBe(1_500_000);
  const dealsAfter = (await asAnalyst.data<{ programmeStats: { deals: { count: number } } }>(ops.DealCount)).programmeStats.deals.count;
  expect(dealsAfter).toBe(dealsBefore + 1);

  // No third party heard any of it.
  await settle(300);
  expect(e2Inbox.events.filter((e) => [invited.id, docking.id, needId].includes(e.notificationAdded.subject?.id ?? ""))).toEqual([]);
  expect(e2Inbox.errors).toEqual([]);
}, 240_000);

// The named operations the docs list are all used above (a documented operation nobody runs could rot).
test("every operation of the documented loop is run by this test", () => {
  const source = fs.readFileSync(__filename, "utf8");
  for (const name of Object.keys(ops)) expect({ name, used: source.includes(`ops.${name}`) || source.includes(`"${name}"`) }).toEqual({ name, used: true });
  expect(Object.keys(ops).sort()).toEqual(["Accept", "DealCount", "Deal", "ExpertMatches", "Held", "Inbox", "Invite", "MyInvitations", "NeedSide", "PostNeed", "Schedule", "SupplierContact"].sort());
  for (const doc of Object.values(ops)) expect(print(doc).length).toBeGreaterThan(0);
});
