// One write that tells many users (a response to a need tells every user of the need's enterprise) costs each
// instance a fixed number of statements to deliver, however many of those users listen to notificationAdded: their
// notification rows are read together, and the subject (the response) once for the users whose rights on it agree.
// Each still receives only its own notification. Two hubs over one PostgreSQL database and Redis when both are
// configured (the write on one, half of the users on the other); one embedded hub otherwise.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import type { Client } from "graphql-ws";
import { startHub, type Hub } from "../../src/app";
import { loadConfig } from "../../src/config";
import { TokenService } from "../../src/infra/auth/tokens";
import { createLogger } from "../../src/infra/logger";
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import { LoginDocument, RespondToNeedDocument } from "../generated/operations";
import { GqlClient } from "../support/client";
import { testDatabase, type TestDatabase } from "../support/database";
import { createEnterprise, createExpert, createSociety, PASSWORD, postNeed } from "../support/fixtures";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../support/hub";
import { settle, subscribe, wsClient, type Subscription } from "../support/ws";

const SECRET = "test-secret-test-secret-test-secret-0123456789";
const twoInstances = !!process.env.DATABASE_URL && !!process.env.REDIS_URL;
type Note = { notificationAdded: { id: string; kind: string; title: string; subject: { id: string } | null } };
const INBOX: TypedDocumentNode<Note, Record<string, never>> = parse("subscription { notificationAdded { id kind title subject { id } } }");

let database: TestDatabase;
let a: Hub;
let b: Hub;
let admin: GqlClient;
const sockets: Client[] = [];

beforeAll(async () => {
  database = await testDatabase();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    HUB_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...(twoInstances ? { REDIS_URL: process.env.REDIS_URL! } : {}),
    HUB_ADMIN_EMAIL: ADMIN_EMAIL,
    HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HUB_JWT_SECRET: SECRET,
    HUB_DEMO: "off",
    HUB_SWEEP_SECONDS: "0", // no reminders or expiries counted with the event's statements
  });
  if (database.dataDir) config.dataDir = database.dataDir;
  const log = createLogger(process.env.TEST_LOG_LEVEL || "silent");
  a = await startHub({ config, log, embeddedTemplate: database.embeddedTemplate });
  b = twoInstances ? await startHub({ config, log }) : a;
  const login = await new GqlClient(a.url).data(LoginDocument, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  admin = new GqlClient(a.url).as(login.login.token);
}, 240_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await a?.stop();
  if (b && b !== a) await b.stop();
  await database?.drop();
});

/** `count` users of an enterprise, written directly (signing up fifty would be most of the test), with their tokens. */
async function usersOf(enterpriseId: string, count: number, tag: string): Promise<Array<{ id: number; token: string }>> {
  const rows = await a.database.prisma.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({ email: `${tag}-${i}@fanout.test`, passwordHash: "not-a-hash", role: "ENTERPRISE" as const, enterpriseId: decodeGlobalId(enterpriseId)!.id })),
    select: { id: true },
  });
  const tokens = new TokenService(SECRET, 3600);
  return Promise.all(rows.map(async (r) => ({ id: r.id, token: await tokens.sign({ id: r.id, role: "ENTERPRISE", tokenVersion: 0, organizationId: enterpriseId }) })));
}

/** Half of the users listen on each instance. */
const listen = (users: Array<{ token: string }>) =>
  users.map((user, i) => {
    const socket = wsClient((i % 2 ? b : a).wsUrl, user.token);
    sockets.push(socket);
    return subscribe(socket, INBOX, {});
  });

/** A metric summed over the instances (their /metrics). */
async function metric(name: string): Promise<number> {
  let sum = 0;
  for (const hub of b === a ? [a] : [a, b]) {
    const text = await (await fetch(hub.url.replace(/\/graphql$/, "/metrics"))).text();
    sum += Number(new RegExp(`^${name} (\\d+)`, "m").exec(text)?.[1] ?? 0);
  }
  return sum;
}

/** Subscriptions open on the instances. */
const openSubscriptions = () => metric("hub_subscriptions_active");

/** Subscription documents the instances executed for events so far. */
const executions = () => metric("hub_subscription_executions_total");

/** Waits until `count` subscriptions are open (a busy machine takes seconds to admit fifty sockets). */
async function subscribed(count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await openSubscriptions()) < count) {
    if (Date.now() > deadline) throw new Error(`${await openSubscriptions()} of ${count} subscriptions open after 60 s`);
    await settle(200);
  }
  await settle(500); // the last ones' Redis SUBSCRIBE is confirmed
}

const statements = () => a.database.statements() + (b === a ? 0 : b.database.statements());

/** The statements both instances ran for a response and its delivery to `inboxes` (each hears one notification). */
async function respondAndDeliver(society: { client: GqlClient; id: string }, needId: string, inboxes: Array<Subscription<Note>>) {
  const before = statements();
  const executedBefore = await executions();
  const response = await society.client.data(RespondToNeedDocument, { input: { needId, societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案。" } });
  await Promise.all(inboxes.map((inbox) => inbox.waitFor(1, 20_000)));
  await settle(1000); // anything more (a second delivery, a late statement) would come now
  return { responseId: response.respondToNeed.id, statements: statements() - before, executions: (await executions()) - executedBefore };
}

test(`fifty users told by one write each get their own notification, for a fixed number of statements (${twoInstances ? "two instances over Redis" : "one embedded instance"})`, async () => {
  const [big, small] = [await createEnterprise(admin), await createEnterprise(admin)];
  const [many, few] = [await usersOf(big.id, 50, "many"), await usersOf(small.id, 2, "few")];
  const bigNeed = (await postNeed(admin, big.id)).id;
  const smallNeed = (await postNeed(admin, small.id)).id;
  const society = await createSociety(admin);
  await admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email: "responder@fanout.test", password: PASSWORD, role: "SOCIETY", organizationId: society.id },
  });
  const responder = await new GqlClient(a.url).data(LoginDocument, { email: "responder@fanout.test", password: PASSWORD });
  const societySide = { client: admin.as(responder.login.token), id: society.id };

  const manyInboxes = listen(many);
  const fewInboxes = listen(few);
  await subscribed(manyInboxes.length + fewInboxes.length);

  // The same write and the same delivery to two users, then to fifty: the cost does not grow with the users.
  const toFew = await respondAndDeliver(societySide, smallNeed, fewInboxes);
  const toMany = await respondAndDeliver(societySide, bigNeed, manyInboxes);
  expect(toMany.statements).toBe(toFew.statements);
  // Nor do the executions: the users' notifications (one shape: their subjects under one enterprise's rights) are
  // executed together, once per instance, not once per user.
  expect(toMany.executions).toBe(toFew.executions);
  expect(toMany.executions).toBeLessThanOrEqual(twoInstances ? 2 : 1);

  // Each got exactly its own notification, once; nobody got another's (the two users of the other enterprise
  // heard only of their own need's response).
  const rows = await a.database.prisma.notification.findMany({ where: { userId: { in: [...many, ...few].map((u) => u.id) } } });
  const ownerOf = new Map(rows.map((r) => [r.id, r.userId]));
  for (const [inboxes, users, responseId] of [
    [manyInboxes, many, toMany.responseId],
    [fewInboxes, few, toFew.responseId],
  ] as const) {
    users.forEach((user, i) => {
      expect(inboxes[i].errors).toEqual([]);
      expect(inboxes[i].events).toHaveLength(1);
      const note = inboxes[i].events[0].notificationAdded;
      expect(ownerOf.get(decodeGlobalId(note.id)!.id)).toBe(user.id);
      expect(note).toMatchObject({ kind: "RESPONSE_RECEIVED", subject: { id: responseId } });
    });
  }
  expect(new Set(manyInboxes.map((i) => i.events[0].notificationAdded.id)).size).toBe(50);
}, 180_000);

test("a write that brings one user several notifications delivers each of them, once, in order", async () => {
  // A society's users hear of every match of its member experts: a need matching two of them tells its user twice.
  const society = await createSociety(admin);
  for (const name of ["液冷专家甲", "液冷专家乙"]) await createExpert(admin, { name, societyIds: [society.id] });
  const email = "society-inbox@fanout.test";
  await admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role: "SOCIETY", organizationId: society.id } });
  const member = await new GqlClient(a.url).data(LoginDocument, { email, password: PASSWORD });
  const open = await openSubscriptions();
  const socket = wsClient(b.wsUrl, member.login.token);
  sockets.push(socket);
  const inbox = subscribe(socket, INBOX, {});
  await subscribed(open + 1);
  await postNeed(admin, (await createEnterprise(admin)).id);
  const rows = async () =>
    a.database.prisma.notification.findMany({ where: { user: { email }, kind: "MATCH_FOUND" }, orderBy: { id: "asc" }, select: { id: true } });
  await inbox.waitFor(2, 20_000);
  await settle(1000);
  const written = await rows();
  expect(written.length).toBeGreaterThanOrEqual(2);
  expect(inbox.events.map((e) => decodeGlobalId(e.notificationAdded.id)!.id)).toEqual(written.map((r) => r.id));
});

test("users executed together still get only their own notifications, and each subject only as they may see it", async () => {
  // One enterprise's two users and another enterprise's user listen with one document (one group on each instance).
  const [mine, theirs] = [await createEnterprise(admin), await createEnterprise(admin)];
  const [owner, colleague, bystander] = await usersOf(mine.id, 3, "own");
  const [stranger] = await usersOf(theirs.id, 1, "stranger");
  const needId = (await postNeed(admin, mine.id)).id;
  const society = await createSociety(admin);
  const response = await admin.data(RespondToNeedDocument, { input: { needId, societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案。" } });
  const responseId = decodeGlobalId(response.respondToNeed.id)!.id;
  await settle(1000); // the response's own notifications went out before anyone here listens

  const open = await openSubscriptions();
  const [ownerInbox, colleagueInbox, strangerInbox] = listen([owner, colleague, stranger]);
  await subscribed(open + 3);

  // One message brings notifications about a response (its need's enterprise may read it, the other may not) and
  // about the owner's own notification (only the owner may read it), and one for a user nobody here is.
  const note = (userId: number, subjectType: string, subjectId: number) =>
    a.database.prisma.notification.create({ data: { userId, kind: "RESPONSE_RECEIVED", title: `for ${userId}`, body: "", subjectType, subjectId } });
  const toOwner = await note(owner.id, "Response", responseId);
  const toStranger = await note(stranger.id, "Response", responseId);
  const toColleague = await note(colleague.id, "Notification", toOwner.id);
  const toOwnerAgain = await note(owner.id, "Notification", toOwner.id);
  const toBystander = await note(bystander.id, "Response", responseId);
  a.services.pubsub.publish([toOwner, toStranger, toColleague, toOwnerAgain, toBystander].map((n) => ({ topic: "notificationAdded" as const, payload: { notificationId: n.id, userId: n.userId } })));

  await ownerInbox.waitFor(2, 20_000);
  await colleagueInbox.waitFor(1, 20_000);
  await strangerInbox.waitFor(1, 20_000);
  await settle(1000);
  const received = (inbox: Subscription<Note>) => inbox.events.map((e) => ({ id: decodeGlobalId(e.notificationAdded.id)!.id, subject: e.notificationAdded.subject?.id ?? null }));
  expect(received(ownerInbox)).toEqual([
    { id: toOwner.id, subject: response.respondToNeed.id },
    { id: toOwnerAgain.id, subject: expect.any(String) },
  ]);
  expect(decodeGlobalId(ownerInbox.events[1].notificationAdded.subject!.id)).toEqual({ type: "Notification", id: toOwner.id });
  // the same response, but the other enterprise may not read it; the owner's notification is the owner's alone
  expect(received(strangerInbox)).toEqual([{ id: toStranger.id, subject: null }]);
  expect(received(colleagueInbox)).toEqual([{ id: toColleague.id, subject: null }]);
  for (const inbox of [ownerInbox, colleagueInbox, strangerInbox]) {
    expect(inbox.errors).toEqual([]);
    expect(JSON.stringify(inbox.events)).not.toContain(`for ${bystander.id}`);
  }
});

test("a member of a group whose account was deactivated receives nothing more, while the others go on", async () => {
  const enterprise = await createEnterprise(admin);
  const [active, deactivated] = await usersOf(enterprise.id, 2, "revoked");
  const open = await openSubscriptions();
  const [activeInbox, deactivatedInbox] = listen([active, deactivated]);
  await subscribed(open + 2);
  await a.database.prisma.user.update({ where: { id: deactivated.id }, data: { active: false } });
  const notes = await Promise.all(
    [active, deactivated].map((u) => a.database.prisma.notification.create({ data: { userId: u.id, kind: "RESPONSE_RECEIVED", title: `for ${u.id}`, body: "" } })),
  );
  a.services.pubsub.publish(notes.map((n) => ({ topic: "notificationAdded" as const, payload: { notificationId: n.id, userId: n.userId } })));
  await activeInbox.waitFor(1, 20_000);
  await settle(1000);
  expect(activeInbox.events.map((e) => decodeGlobalId(e.notificationAdded.id)!.id)).toEqual([notes[0].id]);
  expect(deactivatedInbox.events).toEqual([]);
});

test("a write's notifications carry their rows: each user receives its row as stored, and no instance reads it back", async () => {
  const enterprise = await createEnterprise(admin);
  const users = await usersOf(enterprise.id, 4, "carried");
  const needId = (await postNeed(admin, enterprise.id)).id;
  const society = await createSociety(admin);
  const email = "carried-responder@fanout.test";
  await admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role: "SOCIETY", organizationId: society.id } });
  const responder = await new GqlClient(a.url).data(LoginDocument, { email, password: PASSWORD });
  const FULL: TypedDocumentNode<{ notificationAdded: Record<string, unknown> }, Record<string, never>> = parse(
    "subscription { notificationAdded { id kind title body createdAt readAt subject { id } } }",
  );
  const open = await openSubscriptions();
  const inboxes = users.map((user, i) => {
    const socket = wsClient((i % 2 ? b : a).wsUrl, user.token);
    sockets.push(socket);
    return subscribe(socket, FULL, {});
  });
  await subscribed(open + users.length);
  const reads = [a, b].filter((hub, i) => i === 0 || hub !== a).map((hub) => jest.spyOn(hub.services.notifications, "ownOf"));
  try {
    await admin.as(responder.login.token).data(RespondToNeedDocument, { input: { needId, societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案。" } });
    await Promise.all(inboxes.map((inbox) => inbox.waitFor(1, 20_000)));
    await settle(500);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
  } finally {
    for (const read of reads) read.mockRestore();
  }
  for (const [i, user] of users.entries()) {
    const stored: { notifications: { edges: Array<{ node: Record<string, unknown> }> } } = await new GqlClient(a.url)
      .as(user.token)
      .data(`{ notifications(first: 5) { edges { node { id kind title body createdAt readAt subject { id } } } } }`, {});
    expect(inboxes[i].errors).toEqual([]);
    expect(inboxes[i].events).toEqual([{ notificationAdded: stored.notifications.edges[0].node }]);
    expect(stored.notifications.edges).toHaveLength(1);
  }
}, 180_000);
