// Issue 27, point 7: CSV exports keep DateTime (ISO text) and Decimal (plain number) columns; Chinese headers on request.
import { AcceptResponseDocument, RecordDealDocument } from "../generated/operations";
import { startTestHub, type TestHub } from "../support/hub";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { buildWorld, needIn, responseIn, type World } from "../workflow/world";

let t: TestHub;
let w: World;
let base: string;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
  base = t.hub.url.replace(/\/graphql$/, "");
  const need = await needIn(t, w, "OPEN");
  const response = await responseIn(t, w, need.id, "SUBMITTED");
  const responseId = toGlobalId("Response", response.id);
  await w.as.owner.data(AcceptResponseDocument, { id: responseId });
  await w.as.owner.data(RecordDealDocument, {
    input: { responseId, mode: "JOINT_RD", contractSigned: true, signedOn: "2026-11-30T16:30:00.000Z", value: "3000000000.50", summary: "联合开发储能液冷系统" },
  });
}, 120_000);
afterAll(() => t?.stop());

const DEALS = `query Deals { deals(first: 10) { edges { node { signedOn value createdAt need { title createdAt } } } } }`;

async function exportCsv(body: unknown) {
  const res = await fetch(`${base}/export.csv`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, lines: (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n") };
}

test("DateTime columns are ISO text and Decimal columns plain numbers", async () => {
  const { status, lines } = await exportCsv({ query: DEALS, operationName: "Deals" });
  expect(status).toBe(200);
  expect(lines[0]).toBe("signedOn,value,createdAt,need.title,need.createdAt");
  const cells = lines[1]!.split(",");
  expect(cells[0]).toBe("2026-11-30T16:30:00.000Z");
  expect(cells[1]).toBe("3000000000.50");
  expect(cells[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(cells[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
});

test("headers: zh names the columns in Chinese; anything but en or zh is refused", async () => {
  const { lines } = await exportCsv({ query: DEALS, operationName: "Deals", headers: "zh" });
  expect(lines[0]).toBe("签约日期,合同金额（元）,创建时间,需求·标题,需求·创建时间");
  const bad = await exportCsv({ query: DEALS, operationName: "Deals", headers: "fr" });
  expect(bad.status).toBe(400);
});
