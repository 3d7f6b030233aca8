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

/** Subscriptions open on the instances (their /metrics). */
async function openSubscriptions(): Promise<number> {
  let open = 0;
  for (const hub of b === a ? [a] : [a, b]) {
    const text = await (await fetch(hub.url.replace(/\/graphql$/, "/metrics"))).text();
    open += Number(/^hub_subscriptions_active (\d+)/m.exec(text)?.[1] ?? 0);
  }
  return open;
}

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
  const response = await society.client.data(RespondToNeedDocument, { input: { needId, societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案。" } });
  await Promise.all(inboxes.map((inbox) => inbox.waitFor(1, 20_000)));
  await settle(1000); // anything more (a second delivery, a late statement) would come now
  return { responseId: response.respondToNeed.id, statements: statements() - before };
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
