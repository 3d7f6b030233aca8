import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Client } from "graphql-ws";
import {
  AcceptResponseDocument,
  CreateUserDocument,
  MoveMatchDocument,
  NeedWorkflowDocument,
  OnMatchStatusChangedDocument,
  OnNeedStatusChangedDocument,
  OnResponseReceivedDocument,
  OnResponseStatusChangedDocument,
  PostWorkflowNeedDocument,
  RecordDealDocument,
  RespondDocument,
  ShortlistResponseDocument,
  DeclineResponseDocument,
  DealsDocument,
  LogServiceDocument,
} from "../generated/operations";
import { GqlClient } from "../support/client";
import { testDatabase, type TestDatabase } from "../support/database";
import { createEnterprise, createExpert, createSociety, PASSWORD } from "../support/fixtures";
import { settle, subscribe, wsClient } from "../support/ws";

// The whole 百会链千企 story against the built server (`npm start` runs the same file), as real clients would
// live it: over HTTP for every step and over graphql-ws for what each party hears. Need posted → matched →
// answered by two societies → one declined (the society hears why), one accepted → match docked → deal
// recorded → need resolved, with the timers there for the analyst.
const MAIN = path.join(__dirname, "..", "..", "dist", "src", "main.js");
const ADMIN = { email: "story-admin@hub.test", password: "Story-Admin-Passw0rd" };

let server: { process: ChildProcess; url: string; logs: string[] };
let database: TestDatabase;
let dataDir: string;
const sockets: Client[] = [];

async function startServer(): Promise<typeof server> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const storage = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { HUB_DATA_DIR: dataDir };
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      HUB_ADMIN_EMAIL: ADMIN.email,
      HUB_ADMIN_PASSWORD: ADMIN.password,
      HUB_DEMO: "off",
      LOG_LEVEL: "warn",
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...storage,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url, logs };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server not ready: ${logs.join("")}`);
}

/**
 * Waits until `condition` holds. Assertions pick their events by id: with REDIS_URL, test hubs on other
 * databases share the Redis channels, so a subscriber may also hear (and drop or reload) their events.
 */
async function until(condition: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await settle(50);
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-story-"));
  database = await testDatabase();
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  if (server && server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once("exit", resolve));
    server.process.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

test("from need posted to deal recorded, over HTTP and WebSocket", async () => {
  const anonymous = new GqlClient(`${server.url}/graphql`);
  const signIn = async (email: string, password: string) => {
    const data = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });
    return anonymous.as(data.login.token);
  };
  const admin = await signIn(ADMIN.email, ADMIN.password);
  const user = async (role: "ENTERPRISE" | "SOCIETY" | "ANALYST", organizationId: string | null, name: string) => {
    const email = `${name}@story.test`;
    await admin.data(CreateUserDocument, { input: { email, password: PASSWORD, role, organizationId } });
    return signIn(email, PASSWORD);
  };
  const socket = (token: string | null) => {
    const client = wsClient(`${server.url.replace("http", "ws")}/graphql`, token);
    sockets.push(client);
    return client;
  };

  // The cast: 南阳某储能企业, 河南省电池学会 (with an expert), 另一学会, and the 市科协 analyst.
  const enterprise = await createEnterprise(admin, { name: "南阳储能科技有限公司" });
  const society = await createSociety(admin, { name: "河南省电池学会", disciplines: ["储能", "电池安全"] });
  const rival = await createSociety(admin, { name: "南阳市机械工程学会", disciplines: ["机械"] });
  const expert = await createExpert(admin, { societyIds: [society.id] });
  const owner = await user("ENTERPRISE", enterprise.id, "owner");
  const societyUser = await user("SOCIETY", society.id, "battery-society");
  const rivalUser = await user("SOCIETY", rival.id, "mech-society");
  const analyst = await user("ANALYST", null, "analyst");

  // 1. The enterprise posts a need; it is matched before the mutation returns.
  const need = (
    await owner.data(PostWorkflowNeedDocument, {
      input: {
        enterpriseId: enterprise.id,
        title: "储能电站电池热失控预警与液冷改造",
        description: "储能电站电池簇夏季温差超过8℃，希望合作开发液冷热管理方案和热失控早期预警算法。",
        industryChainCode: "NEW_ENERGY",
        kind: "JOINT_RD",
        keywords: ["热失控", "热管理", "储能"],
        visibility: "MEMBERS",
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    })
  ).postNeed;
  expect(need.status).toBe("OPEN");
  const expertMatch = need.matches.find((m) => m.supplier.__typename === "Expert" && m.supplier.id === expert.id);
  expect(expertMatch).toBeDefined();

  // Who listens to what.
  const ownerHearsResponses = subscribe(socket(owner.token), OnResponseReceivedDocument, { needId: need.id });
  const ownerHearsNeed = subscribe(socket(owner.token), OnNeedStatusChangedDocument, { needId: need.id });
  const societyHearsDecisions = subscribe(socket(societyUser.token), OnResponseStatusChangedDocument, { societyId: society.id });
  const rivalHearsDecisions = subscribe(socket(rivalUser.token), OnResponseStatusChangedDocument, { needId: need.id });
  const societyHearsMatches = subscribe(socket(societyUser.token), OnMatchStatusChangedDocument, { supplierId: expert.id });
  await settle(1000); // with REDIS_URL the subscriptions reach Redis asynchronously

  // 2. Two societies respond; the enterprise hears both.
  const proposal = "学会组织储能热管理专家团队，提供液冷改造方案与热失控预警算法联合开发。";
  const answer = (await societyUser.data(RespondDocument, { input: { needId: need.id, societyId: society.id, expertIds: [expert.id], proposal } })).respondToNeed;
  const rivalAnswer = (await rivalUser.data(RespondDocument, { input: { needId: need.id, societyId: rival.id, proposal: "学会可提供机械结构优化建议与样机加工支持。" } })).respondToNeed;
  await until(() => [answer.id, rivalAnswer.id].every((id) => ownerHearsResponses.events.some((e) => e.responseReceived.id === id)));

  // 3. The enterprise declines one (its society hears why), shortlists and accepts the other.
  await owner.data(DeclineResponseDocument, { id: rivalAnswer.id, reasonCode: "OUT_OF_SCOPE", reason: "方案偏机械结构，与热管理需求不符" });
  await until(() => rivalHearsDecisions.events.some((e) => e.responseStatusChanged.id === rivalAnswer.id));
  expect(rivalHearsDecisions.events.find((e) => e.responseStatusChanged.id === rivalAnswer.id)?.responseStatusChanged).toEqual({ id: rivalAnswer.id, status: "DECLINED", decline: { code: "OUT_OF_SCOPE", text: "方案偏机械结构，与热管理需求不符" } });
  await owner.data(ShortlistResponseDocument, { id: answer.id });
  const accepted = (await owner.data(AcceptResponseDocument, { id: answer.id })).acceptResponse;
  expect(accepted).toMatchObject({ status: "ACCEPTED", need: { status: "IN_DOCKING" } });
  await until(() => societyHearsDecisions.events.filter((e) => e.responseStatusChanged.id === answer.id).length >= 2);
  expect(societyHearsDecisions.events.filter((e) => e.responseStatusChanged.id === answer.id).map((e) => e.responseStatusChanged.status)).toEqual(["SHORTLISTED", "ACCEPTED"]);
  await until(() => ownerHearsNeed.events.some((e) => e.needStatusChanged.status === "IN_DOCKING"));

  // 4. The expert's match moves along; the society hears each step of its expert's match.
  for (const status of ["VIEWED", "CONTACTED", "ACCEPTED", "DOCKED"] as const) {
    await (status === "VIEWED" ? societyUser : owner).data(MoveMatchDocument, { id: expertMatch!.id, status });
  }
  const ofMatch = () => societyHearsMatches.events.filter((e) => e.matchStatusChanged.id === expertMatch!.id).map((e) => e.matchStatusChanged.status);
  await until(() => ofMatch().length >= 4);
  expect(ofMatch()).toEqual(["VIEWED", "CONTACTED", "ACCEPTED", "DOCKED"]);

  // 5. The outcome is recorded and the need resolved; the society logs its on-site guidance.
  const deal = (
    await owner.data(RecordDealDocument, {
      input: { responseId: answer.id, mode: "JOINT_RD", contractSigned: true, signedOn: new Date(Date.now() - 60_000).toISOString(), amount: 1_500_000, summary: "签订储能液冷系统联合开发合同", resolveNeed: true },
    })
  ).recordDeal;
  expect(deal).toMatchObject({ contractSigned: true, amount: 1_500_000, need: { status: "RESOLVED" } });
  await until(() => ownerHearsNeed.events.some((e) => e.needStatusChanged.status === "RESOLVED"));
  await societyUser.data(LogServiceDocument, {
    input: { societyId: society.id, enterpriseId: enterprise.id, needId: need.id, kind: "GUIDANCE", servedOn: new Date().toISOString(), summary: "专家赴企业现场指导液冷改造" },
  });

  // 6. What each party sees afterwards.
  const seenByAnalyst = (await analyst.data(NeedWorkflowDocument, { id: need.id })).node!;
  if (!("timers" in seenByAnalyst)) throw new Error("not a need");
  expect(seenByAnalyst.status).toBe("RESOLVED");
  expect(seenByAnalyst.timers).toMatchObject({ secondsToFirstResponse: expect.any(Number), secondsToDecision: expect.any(Number), secondsToDocking: expect.any(Number) });
  expect(seenByAnalyst.history.map((s) => s.status)).toEqual(["OPEN", "IN_DOCKING", "RESOLVED"]);
  expect(seenByAnalyst.deals.map((d) => d.id)).toEqual([deal.id]);
  expect((await societyUser.data(DealsDocument, {})).deals.edges.map((e) => e.node.id)).toEqual([deal.id]);
  expect((await rivalUser.data(DealsDocument, {})).deals.totalCount).toBe(0);
  // The rival society never heard about the other society's response.
  await settle();
  expect(rivalHearsDecisions.events.some((e) => e.responseStatusChanged.id === answer.id)).toBe(false);
}, 180_000);
