import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { parse, type ExecutionArgs } from "graphql";
import { ANONYMOUS, type UserViewer } from "../../src/infra/auth/viewer";
import { hubSchema } from "../../src/schema/build-schema";
import { subscriptionClasses } from "../../src/schema/subscription-classes";

// The class of a subscription operation is decided by the operation that runs. The pages send one document of many
// operations (schema/operations/web.graphql holds both DashboardMatches, a matchFound, and a notificationAdded): a
// group (each member its own values) made of the matchFound operation dropped every match event, and the dashboard's
// live list stayed empty.

const viewer = (userId: number): UserViewer => ({
  kind: "user", userId, role: "ADMIN", enterpriseId: null, societyId: null, expertId: null, platformId: null, expiresAt: 0, tokenVersion: 0,
});

async function classOf(text: string, operationName: string | null, who: UserViewer | typeof ANONYMOUS) {
  const schema = await hubSchema();
  const args = { schema, document: parse(text), operationName, contextValue: { viewer: who }, variableValues: {} } as unknown as ExecutionArgs;
  return subscriptionClasses(schema)(args);
}

const WEB = fs.readFileSync(path.join(__dirname, "../../schema/operations/web.graphql"), "utf8");

test("in the pages' document, matchFound is a class (one stream of the same events); notificationAdded a group", async () => {
  const matches = [await classOf(WEB, "DashboardMatches", viewer(1)), await classOf(WEB, "DashboardMatches", viewer(2))];
  expect(matches.map((c) => c?.perMember)).toEqual([false, false]);
  const own = WEB.match(/subscription\s+(\w+)[^{]*\{\s*notificationAdded/);
  expect(own).not.toBeNull();
  expect((await classOf(WEB, own![1]!, viewer(1)))?.perMember).toBe(true);
});

test("a document of one operation: its own subscription decides", async () => {
  expect((await classOf("subscription { notificationAdded { id kind } }", null, viewer(1)))?.perMember).toBe(true);
  expect((await classOf("subscription { matchFound { id score } }", null, viewer(1)))?.perMember).toBe(false);
});
