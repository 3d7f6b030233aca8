import { errorOf } from "../support/client";
import { createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { ExpertCapacityDocument, MoveMatchDocument, MoveNeedDocument, SetExpertAvailabilityDocument } from "../generated/operations";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { assertAvailable } from "../../src/modules/engagement/engagement";
import { buildWorld, dbId, needIn, type World } from "../workflow/world";

// Capacity and availability (issue 25.3): an expert at capacity or outside availableFrom..availableTo is not offered
// new matches, and is offered again once an engagement ends.
let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;
const DAY = 86_400_000;

/** Whether a new need (posted through the API, matched as usual) is offered to the expert. */
async function offeredNewNeed(expertId: number): Promise<boolean> {
  const need = await postNeed(w.as.owner, w.gids.owner);
  return (await prisma().match.count({ where: { needId: dbId(need.id), supplierKind: "EXPERT", supplierId: expertId } })) > 0;
}

const capacityOf = async (gid: string) => (await t.admin.data(ExpertCapacityDocument, { id: gid })).node as Record<string, unknown>;

test("an expert at capacity (an accepted match) is not offered new needs, and is again once the need is closed", async () => {
  const expert = await createExpert(t.admin, { capacity: 1 });
  const id = dbId(expert.id);
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 0, available: true });
  const first = await postNeed(w.as.owner, w.gids.owner);
  const match = await prisma().match.findFirstOrThrow({ where: { needId: dbId(first.id), supplierKind: "EXPERT", supplierId: id } });
  await w.as.owner.data(MoveMatchDocument, { id: toGlobalId("Match", match.id), status: "ACCEPTED" });
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 1, available: false });
  expect(await offeredNewNeed(id)).toBe(false);
  // Docked is still engaged; the need closed ends it.
  await w.as.owner.data(MoveMatchDocument, { id: toGlobalId("Match", match.id), status: "DOCKED" });
  expect(await offeredNewNeed(id)).toBe(false);
  await w.as.owner.data(MoveNeedDocument, { id: first.id, status: "CLOSED" });
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 0, available: true });
  expect(await offeredNewNeed(id)).toBe(true);
});

test("a rejected match ends the engagement; an expert below capacity stays offered", async () => {
  const expert = await createExpert(t.admin, { capacity: 2 });
  const id = dbId(expert.id);
  const first = await postNeed(w.as.owner, w.gids.owner);
  const match = await prisma().match.findFirstOrThrow({ where: { needId: dbId(first.id), supplierKind: "EXPERT", supplierId: id } });
  await w.as.owner.data(MoveMatchDocument, { id: toGlobalId("Match", match.id), status: "ACCEPTED" });
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 1, available: true });
  expect(await offeredNewNeed(id)).toBe(true);
  await prisma().expert.update({ where: { id }, data: { capacity: 1 } });
  expect(await offeredNewNeed(id)).toBe(false);
  await w.as.owner.data(MoveMatchDocument, { id: toGlobalId("Match", match.id), status: "REJECTED", reasonCode: "BUDGET" });
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 0, available: true });
  expect(await offeredNewNeed(id)).toBe(true);
});

test("accepted responses on open needs count (once per need), and end when the response is withdrawn or the need resolved", async () => {
  const expert = await createExpert(t.admin, { capacity: 2, societyIds: [w.gids.society] });
  const id = dbId(expert.id);
  const respond = async (status: string, needStatus: "OPEN" | "IN_DOCKING" | "RESOLVED" | "EXPIRED" = "OPEN") => {
    const need = await needIn(t, w, needStatus);
    const response = await prisma().response.create({
      data: { needId: need.id, societyId: w.ids.society, proposal: "学会组织专家提供方案。", status: status as never, experts: { create: [{ expertId: id }] } },
    });
    return { need, response };
  };
  const a = await respond("ACCEPTED");
  // The same need through a match too: still one engagement.
  await prisma().match.create({ data: { needId: a.need.id, supplierKind: "EXPERT", supplierId: id, score: 0.5, rank: 1, breakdown: [], matchedTerms: [], status: "ACCEPTED" } });
  await respond("SUBMITTED");
  await respond("SHORTLISTED");
  await respond("DECLINED");
  await respond("ACCEPTED", "RESOLVED");
  await respond("ACCEPTED", "EXPIRED");
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 1, available: true });
  const b = await respond("ACCEPTED", "IN_DOCKING");
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 2, available: false });
  expect(await offeredNewNeed(id)).toBe(false);
  await prisma().response.update({ where: { id: b.response.id }, data: { status: "WITHDRAWN" } });
  expect(await capacityOf(expert.id)).toMatchObject({ openEngagements: 1, available: true });
  expect(await offeredNewNeed(id)).toBe(true);
});

test("outside availableFrom..availableTo an expert is not offered; back inside, it is (also to open needs at once)", async () => {
  const expert = await createExpert(t.admin, { availableFrom: new Date(Date.now() + 10 * DAY).toISOString() as never });
  const id = dbId(expert.id);
  expect(await capacityOf(expert.id)).toMatchObject({ available: false, openEngagements: 0 });
  const waiting = await postNeed(w.as.owner, w.gids.owner);
  expect(await prisma().match.count({ where: { needId: dbId(waiting.id), supplierKind: "EXPERT", supplierId: id } })).toBe(0);
  // Back: the change rematches the expert against the open needs, the waiting one included.
  const back = await t.admin.data(SetExpertAvailabilityDocument, { id: expert.id, input: { availableFrom: null } });
  expect(back.updateExpert).toMatchObject({ available: true, availableFrom: null });
  expect(await prisma().match.count({ where: { needId: dbId(waiting.id), supplierKind: "EXPERT", supplierId: id } })).toBe(1);
  // Past its window: not offered, and a change does not offer it either.
  await t.admin.data(SetExpertAvailabilityDocument, { id: expert.id, input: { availableTo: new Date(Date.now() - DAY).toISOString() as never, keywords: ["储能", "热失控", "液冷"] } });
  expect(await capacityOf(expert.id)).toMatchObject({ available: false });
  expect(await offeredNewNeed(id)).toBe(false);
  const open = await prisma().match.count({ where: { supplierKind: "EXPERT", supplierId: id, status: "SUGGESTED" } });
  expect(open).toBe(0);
});

test("availableFrom after availableTo is refused (field named), and nothing is written", async () => {
  const from = new Date(Date.now() + 5 * DAY).toISOString();
  const to = new Date(Date.now() + 2 * DAY).toISOString();
  const before = await prisma().expert.count();
  const created = await t.admin.request(SetExpertAvailabilityDocument, { id: w.gids.expert, input: { availableFrom: from as never, availableTo: to as never } });
  expect(errorOf(created)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.availableTo" });
  expect(await prisma().expert.findUniqueOrThrow({ where: { id: w.ids.expert } })).toMatchObject({ availableFrom: null, availableTo: null });
  // Only one end moved past the other one already set.
  await t.admin.data(SetExpertAvailabilityDocument, { id: w.gids.expert, input: { availableTo: to as never } });
  expect(errorOf(await t.admin.request(SetExpertAvailabilityDocument, { id: w.gids.expert, input: { availableFrom: from as never } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.availableTo" });
  await t.admin.data(SetExpertAvailabilityDocument, { id: w.gids.expert, input: { availableTo: null } });
  expect(await prisma().expert.count()).toBe(before);
});

test("assertAvailable (for invitations) says why an expert cannot take work; platforms and societies pass", async () => {
  const expert = await createExpert(t.admin, { capacity: 1 });
  const id = dbId(expert.id);
  await expect(prisma().$transaction((tx) => assertAvailable(tx, { kind: "EXPERT", id }))).resolves.toBeUndefined();
  const need = await needIn(t, w, "OPEN");
  await prisma().match.create({ data: { needId: need.id, supplierKind: "EXPERT", supplierId: id, score: 0.5, rank: 1, breakdown: [], matchedTerms: [], status: "ACCEPTED" } });
  await expect(prisma().$transaction((tx) => assertAvailable(tx, { kind: "EXPERT", id }, "matchId"))).rejects.toMatchObject({
    code: "BAD_USER_INPUT", field: "matchId",
    message: expect.stringContaining("capacity (1/1"),
  });
  await prisma().expert.update({ where: { id }, data: { capacity: 2, availableTo: new Date(Date.now() - DAY) } });
  await expect(prisma().$transaction((tx) => assertAvailable(tx, { kind: "EXPERT", id }))).rejects.toMatchObject({ message: expect.stringContaining("available until") });
  await expect(prisma().$transaction((tx) => assertAvailable(tx, { kind: "PLATFORM", id: w.ids.platform }))).resolves.toBeUndefined();
});

test("a transaction that fills an expert's capacity sees it at once; if it rolls back, nobody keeps seeing it", async () => {
  // The candidate search keeps the set of experts at capacity between needs (engagement.ts, CapacityCache); a set
  // counted inside a transaction that changed an engagement must serve that transaction only.
  const expert = await createExpert(t.admin, { capacity: 1 });
  const id = dbId(expert.id);
  expect(await offeredNewNeed(id)).toBe(true); // the hub has a counted set now
  // Another expert's capacity changes and commits: the set the hub keeps is out of date when the transaction starts.
  await prisma().expert.update({ where: { id: w.ids.expert }, data: { capacity: { increment: 1 } } });
  const held = await needIn(t, w, "OPEN");
  const probe = await needIn(t, w, "OPEN");
  const rolledBack = new Error("roll back");
  await expect(
    prisma().$transaction(async (tx) => {
      await tx.match.create({ data: { needId: held.id, supplierKind: "EXPERT", supplierId: id, score: 0.5, rank: 1, breakdown: [], matchedTerms: [], status: "ACCEPTED" } });
      await t.hub.services.matching.matchNeed(tx, probe.id, undefined, { notify: false });
      expect(await tx.match.count({ where: { needId: probe.id, supplierKind: "EXPERT", supplierId: id } })).toBe(0);
      throw rolledBack;
    }),
  ).rejects.toBe(rolledBack);
  expect(await offeredNewNeed(id)).toBe(true);
});
