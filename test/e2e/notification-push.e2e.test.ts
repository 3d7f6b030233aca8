import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Client } from "graphql-ws";
import { OnNotificationAddedDocument } from "../generated/operations";
import { testDatabase, type TestDatabase } from "../support/database";
import { createEnterprise, freshCreditCode, PASSWORD } from "../support/fixtures";
import { GqlClient } from "../support/client";
import { signInAdmin, startServer, stopServer, type ServerProcess } from "../support/server-process";
import { settle, subscribe, wsClient } from "../support/ws";

// notificationAdded from the registration door, on real hub processes (NODE_ENV=production, as `npm start`):
// ADMINs connected over graphql-ws hear a new registration live, nobody else does. On PostgreSQL + Redis the
// registration arrives at one instance and the ADMINs listen on the other (the event crosses through Redis).
const twoInstances = !!process.env.DATABASE_URL && !!process.env.REDIS_URL;
let database: TestDatabase;
let dataDir: string;
let a: ServerProcess;
let b: ServerProcess;
const sockets: Client[] = [];

beforeAll(async () => {
  database = await testDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-push-"));
  const env: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl, REDIS_URL: process.env.REDIS_URL ?? "" } : { HUB_DATA_DIR: dataDir };
  if (!env.REDIS_URL) delete env.REDIS_URL;
  a = await startServer(env);
  b = twoInstances ? await startServer(env) : a;
}, 240_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await Promise.all([a && stopServer(a), b && b !== a && stopServer(b)]);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

const listen = (server: ServerProcess, client: GqlClient) => {
  const socket = wsClient(server.wsUrl, client.token);
  sockets.push(socket);
  return subscribe(socket, OnNotificationAddedDocument, {});
};

async function userOn(admin: GqlClient, role: "ADMIN" | "ENTERPRISE", organizationId: string | null, email: string) {
  await admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role, organizationId } });
  const login = await admin.as(null).data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
  return admin.as(login.login.token);
}

test(`a registration is pushed live to every ADMIN and to no one else (${twoInstances ? "registered on B, heard on A through Redis" : "one embedded instance"})`, async () => {
  const adminOnA = await signInAdmin(a.graphqlUrl);
  const secondAdmin = await userOn(adminOnA, "ADMIN", null, "second-admin@hub.test");
  const enterprise = await createEnterprise(adminOnA);
  const bystander = await userOn(adminOnA, "ENTERPRISE", enterprise.id, "bystander@hub.test");
  const heard = [listen(a, adminOnA), listen(a, secondAdmin)];
  const notHeard = listen(a, bystander);
  await settle(800); // the subscriptions are registered (on both instances' Redis subscriber)

  const name = "实时推送注册测试有限公司";
  const registered = await new GqlClient(b.graphqlUrl).data<{ registerEnterprise: { id: string } }>(
    `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`,
    {
      input: {
        name,
        creditCode: freshCreditCode("411321"),
        regionCode: "411321",
        industryChainCodes: ["NEW_ENERGY"],
        contact: { person: "王经理", phone: "13900002222" },
        email: "push-applicant@registered.test",
        password: "Reg1stered-Pass!",
      },
    },
  );
  for (const sub of heard) {
    const [event] = await sub.waitFor(1);
    expect(event.notificationAdded).toMatchObject({ kind: "REGISTRATION_SUBMITTED", title: `新注册待审核：企业「${name}」`, readAt: null, subject: { id: registered.registerEnterprise.id } });
  }
  await settle(800);
  expect(notHeard.events).toEqual([]);
  for (const sub of [...heard, notHeard]) expect(sub.errors).toEqual([]);
  expect(heard.map((s) => s.events.length)).toEqual([1, 1]); // once each
}, 120_000);
