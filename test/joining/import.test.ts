import http from "node:http";
import ExcelJS from "exceljs";
import { createExpert, createSociety, freshCreditCode, postNeed, createEnterprise, userClient } from "../support/fixtures";
import { supplierOfRow } from "../../src/modules/supplier/kinds";
import { startTestHub, type TestHub } from "../support/hub";

// Bulk import over HTTP: a good file, a file with bad rows (nothing written, every bad row listed), the same file
// twice (nothing changes), xlsx from the served template, and a 5 MB file.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;
const origin = () => new URL(t.hub.url).origin;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function upload(kind: string, body: Buffer | string, type = "text/csv", token = t.admin.token, dryRun = false) {
  const res = await fetch(`${origin()}/import/${kind}${dryRun ? "?dryRun=true" : ""}`, {
    method: "POST",
    headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as { created: number; updated: number; unchanged: number; errors: Array<{ row: number; column: string; message: string }> } };
}

const csv = (rows: string[][]) => "\uFEFF" + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n") + "\n";
const ENTERPRISE_HEADER = ["企业名称", "统一社会信用代码", "所在县区", "产业链", "企业称号", "研发专账", "科创中国", "联系人", "联系电话", "联系邮箱"];

describe("enterprises from CSV", () => {
  const codes = [freshCreditCode("411321"), freshCreditCode("411322"), freshCreditCode("411323")];
  const good = csv([
    ENTERPRISE_HEADER,
    ["南召示例电池有限公司", codes[0]!, "南召县", "新能源", "高新技术企业、瞪羚企业", "是", "否", "赵经理", "13800001111", ""],
    ["方城示例装备有限公司", codes[1]!, "方城县", "装备制造、新能源", "", "否", "是", "", "", ""],
    ["西峡示例汽配有限公司", codes[2]!, "411323", "AUTO_PARTS", "规上工业企业", "", "", "钱经理", "0377-69123456", "qian@example.com"],
  ]);

  test("a good file: every row created in one go, with chains, designations and contacts; audited", async () => {
    const result = await upload("enterprises", good);
    expect(result).toEqual({ status: 200, body: { created: 3, updated: 0, unchanged: 0, errors: [] } });
    const rows = await prisma().enterprise.findMany({ where: { creditCode: { in: codes } }, include: { chains: true }, orderBy: { creditCode: "asc" } });
    expect(rows).toHaveLength(3);
    const first = rows.find((r) => r.creditCode === codes[0])!;
    expect(first).toMatchObject({ regionCode: "411321", hasRdAccount: true, onKczg: false, contact: { person: "赵经理", phone: "13800001111", email: null } });
    expect(first.designations.sort()).toEqual(["GAZELLE", "HIGH_TECH"]);
    expect(rows.find((r) => r.creditCode === codes[1])!.chains.map((c) => c.chainCode).sort()).toEqual(["EQUIPMENT", "NEW_ENERGY"]);
    expect(rows.find((r) => r.creditCode === codes[1])!.kczgSince).toBeInstanceOf(Date);
    expect(await prisma().auditEvent.count({ where: { action: "import.enterprises" } })).toBe(1);
  });

  test("the same file twice changes nothing; a changed cell updates that row only", async () => {
    const before = await prisma().enterprise.findMany({ where: { creditCode: { in: codes } }, orderBy: { id: "asc" } });
    expect((await upload("enterprises", good)).body).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await prisma().enterprise.findMany({ where: { creditCode: { in: codes } }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await prisma().auditEvent.count({ where: { action: "import.enterprises" } })).toBe(1);
    const changed = good.replace("方城示例装备有限公司", "方城示例装备股份有限公司");
    expect((await upload("enterprises", changed, "text/csv", t.admin.token, true)).body).toEqual({ created: 0, updated: 1, unchanged: 2, errors: [] });
    expect(await prisma().enterprise.count({ where: { name: "方城示例装备股份有限公司" } })).toBe(0); // a dry run
    expect((await upload("enterprises", changed)).body).toEqual({ created: 0, updated: 1, unchanged: 2, errors: [] });
    expect(await prisma().enterprise.count({ where: { name: "方城示例装备股份有限公司" } })).toBe(1);
  });

  test("a file with bad rows: 422, every bad row with its column and a message in Chinese, nothing written", async () => {
    const fresh = freshCreditCode("411324");
    const badCheck = fresh.slice(0, 17) + (fresh[17] === "0" ? "1" : "0");
    const count = await prisma().enterprise.count();
    const result = await upload(
      "enterprises",
      csv([
        ENTERPRISE_HEADER,
        ["镇平示例好企业有限公司", freshCreditCode("411324"), "镇平县", "新能源", "", "", "", "", "", ""],
        ["校验位错误企业有限公司", badCheck, "镇平县", "新能源", "", "", "", "", "", ""],
        ["", freshCreditCode("411324"), "火星县", "不存在的链", "", "也许", "", "", "12ab", ""],
        ["重复企业有限公司", fresh, "镇平县", "新能源", "", "", "", "", "", ""],
        ["重复企业有限公司", fresh, "镇平县", "新能源", "", "", "", "", "", ""],
      ]),
    );
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    const errors = result.body.errors.map((e) => [e.row, e.column]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [3, "统一社会信用代码"],
        [4, "企业名称"],
        [4, "所在县区"],
        [4, "产业链"],
        [4, "研发专账"],
        [4, "联系人"],
        [6, "统一社会信用代码"],
      ]),
    );
    expect(result.body.errors.some((e) => e.row === 2)).toBe(false);
    expect(result.body.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    expect(result.body.errors.find((e) => e.row === 6)!.message).toBe("与第 5 行重复");
    expect(await prisma().enterprise.count()).toBe(count);
  });

  test("only ADMIN may import (ROUTES in the access policy): others get 401 / 403 and nothing is written", async () => {
    const fresh = csv([ENTERPRISE_HEADER, ["无权导入企业有限公司", freshCreditCode("411325"), "内乡县", "新能源", "", "", "", "", "", ""]]);
    const before = { enterprises: await prisma().enterprise.count(), imports: await prisma().auditEvent.count({ where: { action: "import.enterprises" } }) };
    expect((await upload("enterprises", fresh, "text/csv", null)).status).toBe(401);
    const enterprise = await createEnterprise(t.admin);
    const user = await userClient(t, "ENTERPRISE", enterprise.id);
    const analyst = await userClient(t, "ANALYST", null);
    for (const token of [user.token, analyst.token]) {
      const denied = await upload("enterprises", fresh, "text/csv", token);
      expect(denied).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
      expect((await upload("enterprises", fresh, "text/csv", token, true)).status).toBe(403);
    }
    expect(await prisma().enterprise.count()).toBe(before.enterprises + 1); // the one createEnterprise made
    expect(await prisma().enterprise.count({ where: { name: "无权导入企业有限公司" } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { action: "import.enterprises" } })).toBe(before.imports);
  });
});

describe("experts from xlsx, through the served template", () => {
  test("the template has Chinese headers, a sample row and drop-down lists; filled in, it imports experts that are indexed and matched", async () => {
    const res = await fetch(`${origin()}/import/templates/experts.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(["姓名", "研究方向", "产业链", "所属学会", "电子邮箱"]));
    expect(sheet.getRow(2).getCell(1).value).toBe("王示例");
    const chainColumn = headers.indexOf("产业链") + 1;
    expect(sheet.getCell(3, chainColumn).dataValidation).toMatchObject({ type: "list" });
    const counties = await fetch(`${origin()}/import/templates/enterprises.xlsx`);
    const enterpriseBook = new ExcelJS.Workbook();
    await enterpriseBook.xlsx.load((await counties.arrayBuffer()) as ArrayBuffer);
    expect(enterpriseBook.worksheets[0]!.getCell(2, 3).dataValidation).toMatchObject({ type: "list", formulae: [expect.stringContaining("选项")] });

    // The template as downloaded: its sample row is refused, not imported as an expert.
    expect((await upload("experts", Buffer.from(await workbook.xlsx.writeBuffer()), XLSX)).body).toEqual({
      created: 0, updated: 0, unchanged: 0, errors: [{ row: 2, column: "电子邮箱", message: "这是导入模板的示例行：请替换为实际数据或删除此行" }],
    });
    expect(await prisma().expert.count({ where: { name: "王示例" } })).toBe(0);

    const enterprise = await createEnterprise(t.admin);
    const need = await postNeed(t.admin, enterprise.id);
    const society = await createSociety(t.admin, { name: "南阳市导入测试学会" });
    sheet.spliceRows(2, 1);
    const column = (name: string) => headers.indexOf(name) + 1;
    const rows = [
      ["孙导入", "储能电站电池热失控预警与液冷热管理系统研究，开发电池簇温差控制方法。", "热失控、液冷", "sun@import.test"],
      ["周导入", "动力电池热管理与储能系统热安全研究，开展热失控早期预警算法开发。", "热管理、储能", "zhou@import.test"],
    ];
    rows.forEach(([name, expertise, keywords, email], i) => {
      const row = sheet.getRow(i + 2);
      row.getCell(column("姓名")).value = name;
      row.getCell(column("研究方向")).value = expertise;
      row.getCell(column("关键词")).value = keywords;
      row.getCell(column("产业链")).value = "新能源";
      row.getCell(column("所属学会")).value = "南阳市导入测试学会";
      row.getCell(column("电子邮箱")).value = email;
      row.commit();
    });
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload("experts", file, XLSX)).body).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    const experts = await prisma().expert.findMany({ where: { email: { in: ["sun@import.test", "zhou@import.test"] } }, include: { memberships: true } });
    expect(experts).toHaveLength(2);
    const societyId = Number(Buffer.from(society.id, "base64url").toString().split(":")[1]);
    expect(experts.every((e) => e.memberships.some((m) => m.societyId === societyId))).toBe(true);
    const ids = experts.map((e) => e.id);
    expect(await prisma().supplierProfile.count({ where: { supplierKind: "EXPERT", supplierId: { in: ids } } })).toBe(2);
    expect(await prisma().match.count({ where: { needId: Number(Buffer.from(need.id, "base64url").toString().split(":")[1]), supplierKind: "EXPERT", supplierId: { in: ids } } })).toBeGreaterThan(0);
    expect((await upload("experts", file, XLSX)).body).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [] });
  }, 60_000);
});

test("societies, platforms and needs from CSV: created, matched, and a second import changes nothing", async () => {
  const societies = csv([["学会名称", "级别", "类型", "学科领域", "联系人"], ["南阳市储能学会", "市级", "学会", "储能、电池材料", "吴秘书"]]);
  expect((await upload("societies", societies)).body).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
  const platforms = csv([
    ["平台名称", "平台类型", "服务能力", "产业链", "所在县区", "科创中国"],
    ["南阳储能中试基地", "中试基地", "建有储能系统中试线，可开展电池热失控试验与液冷热管理系统验证。", "新能源", "卧龙区", "是"],
  ]);
  expect((await upload("platforms", platforms)).body).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
  const created = await createEnterprise(t.admin);
  const enterprise = await prisma().enterprise.findUniqueOrThrow({ where: { id: Number(Buffer.from(created.id, "base64url").toString().split(":")[1]) } });
  const deadline = `${new Date().getFullYear() + 1}-12-31`;
  const header = ["需求名称", "需求描述", "企业信用代码", "产业链", "需求类型", "关键词", "预算下限（元）", "预算上限（元）", "截止日期", "公开范围"];
  const needs = csv([header, ["储能电站液冷热管理改造", "储能电站电池簇夏季温差大，希望合作开发液冷热管理方案与热失控预警。", enterprise.creditCode, "新能源", "联合研发", "储能、液冷", "100000", "500000", deadline, "公开"]]);
  const bad = csv([header, ["预算颠倒的需求", "储能电站电池簇夏季温差大，希望合作开发液冷方案。", enterprise.creditCode, "新能源", "联合研发", "", "500000", "100000", "2020-01-01", "公开"]]);
  const rejected = await upload("needs", bad);
  expect(rejected.status).toBe(422);
  expect(rejected.body.errors.map((e) => e.column).sort()).toEqual(["截止日期", "预算上限（元）"]);
  expect((await upload("needs", needs)).body).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
  const need = await prisma().techNeed.findFirstOrThrow({ where: { title: "储能电站液冷热管理改造" } });
  expect(need).toMatchObject({ status: "OPEN", enterpriseId: enterprise.id, budgetMin: 100000, kind: "JOINT_RD" });
  expect(await prisma().match.count({ where: { needId: need.id } })).toBeGreaterThan(0);
  for (const [kind, file] of [["societies", societies], ["platforms", platforms], ["needs", needs]] as const) {
    expect((await upload(kind, file)).body).toEqual({ created: 0, updated: 0, unchanged: 1, errors: [] });
  }
}, 120_000);

describe("in bulk, all or nothing", () => {
  const EXPERT_HEADER = ["姓名", "工作单位", "研究方向", "关键词", "产业链", "电子邮箱"];

  test("N imported experts get, need by need, the suggestions their twins created one by one (createExpert) got", async () => {
    const enterprise = await createEnterprise(t.admin, { industryChainCodes: ["TCM_HEALTH", "TEXTILE"] });
    const needs = [
      await postNeed(t.admin, enterprise.id, { title: "中药材有效成分提取工艺优化", description: "我公司山茱萸、艾草提取车间得率偏低，希望合作优化超临界萃取与膜分离工艺，提高有效成分提取率。", industryChainCode: "TCM_HEALTH", kind: "TECH_BREAKTHROUGH", keywords: ["中药材提取", "超临界萃取", "膜分离"] }),
      await postNeed(t.admin, enterprise.id, { title: "印染废水深度处理与回用", description: "印染车间废水色度和化学需氧量偏高，希望合作开发高级氧化与膜生物反应器组合工艺，实现中水回用。", industryChainCode: "TEXTILE", kind: "CONSULTING", keywords: ["印染废水", "高级氧化", "中水回用"] }),
    ].map((n) => Number(Buffer.from(n.id, "base64url").toString().split(":")[1]));
    const profiles = [
      ["从事中药材有效成分超临界萃取工艺研究，开发山茱萸提取与纯化方法。", "超临界萃取、中药材提取", "TCM_HEALTH"],
      ["研究中药提取液膜分离浓缩技术与艾草精油提取工艺。", "膜分离、艾草", "TCM_HEALTH"],
      ["从事印染废水高级氧化处理与芬顿工艺研究。", "印染废水、高级氧化", "TEXTILE"],
      ["研究膜生物反应器与纺织废水中水回用技术。", "中水回用、膜生物反应器", "TEXTILE"],
      ["从事中药材种植土壤改良与印染废水污泥资源化研究。", "中药材、印染废水", "TCM_HEALTH"],
    ];
    // One by one, as createExpert matches a new expert against the open needs…
    for (const [i, [expertise, keywords, chain]] of profiles.entries()) {
      await createExpert(t.admin, { name: `逐一专家${i}`, expertise, keywords: keywords!.split("、"), industryChainCodes: [chain!], email: `one${i}@twins.test` });
    }
    // …and the same profiles imported in one file.
    const file = csv([EXPERT_HEADER, ...profiles.map(([expertise, keywords, chain], i) => [`批量孪生${i}`, "南阳理工学院", expertise!, keywords!, chain!, `twin${i}@twins.test`])]);
    expect((await upload("experts", file)).body).toEqual({ created: profiles.length, updated: 0, unchanged: 0, errors: [] });
    const experts = new Map((await prisma().expert.findMany({ where: { email: { endsWith: "@twins.test" } } })).map((e) => [e.id, e.name]));
    expect(experts.size).toBe(2 * profiles.length);
    let matched = 0;
    for (const needId of needs) {
      const suggested = (await prisma().match.findMany({ where: { needId } })).map(supplierOfRow).filter((s) => s.kind === "EXPERT" && experts.has(s.id)).map((s) => experts.get(s.id)!);
      const twins = (prefix: string) => suggested.filter((name) => name.startsWith(prefix)).map((name) => Number(name.slice(prefix.length))).sort();
      expect(twins("批量孪生")).toEqual(twins("逐一专家"));
      matched += twins("批量孪生").length;
    }
    expect(matched).toBeGreaterThanOrEqual(4);
  }, 120_000);

  test("a bad row in the middle of a large file: 422 naming it, nothing written", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`批量导入${i}号企业有限公司`, freshCreditCode("411326"), "淅川县", "新能源", "", "", "", "", "", ""]);
    rows[1250]![2] = "不存在县";
    const before = await prisma().enterprise.count();
    const result = await upload("enterprises", csv([ENTERPRISE_HEADER, ...rows]));
    expect(result).toEqual({ status: 422, body: { created: 0, updated: 0, unchanged: 0, errors: [{ row: 1252, column: "所在县区", message: "没有名为“不存在县”的县区" }] } });
    expect(await prisma().enterprise.count()).toBe(before);
  }, 120_000);

  test("the database failing at the last step (a match) undoes every chunk's rows, links and index entries", async () => {
    const enterprise = await createEnterprise(t.admin, { industryChainCodes: ["NEW_MATERIALS"] });
    await postNeed(t.admin, enterprise.id, { title: "超硬材料精密磨削工艺", description: "金刚石复合片磨削效率低、崩边多，希望合作改进超硬材料精密磨削与激光加工工艺。", industryChainCode: "NEW_MATERIALS", kind: "TECH_BREAKTHROUGH", keywords: ["超硬材料", "精密磨削"] });
    const rows = Array.from({ length: 1200 }, (_, i) => [`回滚专家${i}`, "河南省科学院", `从事超硬材料精密磨削与金刚石刀具激光加工研究，第${i}号课题组。`, "超硬材料、精密磨削", "NEW_MATERIALS", `rollback${i}@import.test`]);
    const count = async () => ({
      experts: await prisma().expert.count(),
      chains: await prisma().expertChain.count(),
      profiles: await prisma().supplierProfile.count(),
      terms: await prisma().supplierTerm.count(),
      matches: await prisma().match.count(),
      audits: await prisma().auditEvent.count(),
    });
    const before = await count();
    await prisma().$executeRawUnsafe(`CREATE FUNCTION import_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await prisma().$executeRawUnsafe(`CREATE TRIGGER import_test_refuse BEFORE INSERT ON "Match" FOR EACH STATEMENT EXECUTE FUNCTION import_test_refuse()`);
    try {
      const failed = await fetch(`${origin()}/import/experts`, { method: "POST", headers: { "content-type": "text/csv", authorization: `Bearer ${t.admin.token}` }, body: csv([EXPERT_HEADER, ...rows]) });
      expect(failed.status).toBe(500);
      expect(await count()).toEqual(before);
    } finally {
      await prisma().$executeRawUnsafe(`DROP TRIGGER import_test_refuse ON "Match"`);
      await prisma().$executeRawUnsafe(`DROP FUNCTION import_test_refuse()`);
    }
    expect((await upload("experts", csv([EXPERT_HEADER, ...rows]))).body).toEqual({ created: 1200, updated: 0, unchanged: 0, errors: [] });
    expect((await count()).profiles).toBe(before.profiles + 1200);
  }, 180_000);
});

test("a 5 MB file over HTTP", async () => {
  const header = ["姓名", "工作单位", "研究方向", "关键词", "产业链", "电子邮箱"];
  const base = "从事储能电池热管理、液冷系统设计、热失控预警、电池簇温差控制与储能电站安全运行研究，";
  const rows: string[][] = [header];
  for (let i = 0; rows.length === 1 || Buffer.byteLength(csv(rows)) < 5.2 * 1024 * 1024; i++) {
    const expertise = `第${i}号专家${base.repeat(40)}`.slice(0, 1990);
    rows.push([`批量专家${i}`, "南阳理工学院", expertise, "储能、热管理", "新能源", `bulk${i}@import.test`]);
    if (i % 100 === 99 && Buffer.byteLength(csv(rows)) >= 5.2 * 1024 * 1024) break;
  }
  const file = csv(rows);
  expect(Buffer.byteLength(file)).toBeGreaterThan(5 * 1024 * 1024);
  // On a connection of its own, as curl or the CLI's users send a file (a pooled keep-alive socket of the earlier
  // requests was reset by the server's connection check while the import ran).
  const result = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = http.request(`${origin()}/import/experts`, { method: "POST", agent: false, headers: { "content-type": "text/csv", authorization: `Bearer ${t.admin.token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
    });
    req.on("error", reject);
    req.end(file);
  });
  expect(result).toEqual({ status: 200, body: { created: rows.length - 1, updated: 0, unchanged: 0, errors: [] } });
  expect(await prisma().expert.count({ where: { email: { startsWith: "bulk" } } })).toBe(rows.length - 1);
}, 300_000);
