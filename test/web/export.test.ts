// POST /export.csv through the same Apollo server as /graphql, and the web routes beside GraphQL.
import { createEnterprise, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

let t: TestHub;
let base: string;
const titles: string[] = [];
const CONFIDENTIAL = "机密需求：不可导出给无权查看者";

beforeAll(async () => {
  t = await startTestHub();
  base = t.hub.url.replace(/\/graphql$/, "");
  const enterprise = await createEnterprise(t.admin, { name: "南阳“导出”测试企业, 有限公司" });
  for (let i = 0; i < 5; i++) {
    const title = `导出测试需求${i}：储能电站热管理`;
    titles.push(title);
    await postNeed(t.admin, enterprise.id, { title });
  }
  await postNeed(t.admin, enterprise.id, { title: CONFIDENTIAL, visibility: "CONFIDENTIAL" });
}, 180_000);

afterAll(() => t?.stop());

const NEEDS = `query Needs($first: Int, $after: String) {
  needs(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title visibility industryChain { code name } enterprise { name } keywords } }
  }
}`;

async function exportCsv(body: unknown, token: string | null = t.admin.token) {
  return fetch(`${base}/export.csv`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function parseCsv(text: string): string[][] {
  // Enough of RFC 4180 for these files: quoted cells with "" escapes, CRLF rows.
  const rows: string[][] = [];
  let row: string[] = [];
  let cellText = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cellText += '"'), i++;
      else if (c === '"') quoted = false;
      else cellText += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cellText), (cellText = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cellText), rows.push(row), (row = []), (cellText = ""), i++;
    else cellText += c;
  }
  return rows;
}

describe("POST /export.csv", () => {
  it("answers the list as UTF-8 CSV with a BOM, a row per node, every page followed", async () => {
    const res = await exportCsv({ query: NEEDS, variables: { first: 2 }, path: "needs", filename: "需求列表" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("需求列表")}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").slice(1));
    expect(rows[0]).toEqual(["id", "title", "visibility", "industryChain.code", "industryChain.name", "enterprise.name", "keywords"]);
    const { needs } = await t.admin.data<{ needs: { totalCount: number } }>(`{ needs(first: 1) { totalCount } }`);
    expect(rows.length - 1).toBe(needs.totalCount); // three pages of two
    expect(res.headers.get("x-export-rows")).toBe(String(needs.totalCount));
    const titleCol = rows.slice(1).map((r) => r[1]);
    for (const title of [...titles, CONFIDENTIAL]) expect(titleCol).toContain(title);
    expect(rows[1]![5]).toBe("南阳“导出”测试企业, 有限公司"); // the comma survived quoting
    expect(rows[1]![6]).toBe("热失控; 热管理; 储能");
  });

  it("applies the caller's access rules: an anonymous export holds no confidential need", async () => {
    const res = await exportCsv({ query: `query { needs(first: 100) { edges { node { id title visibility } } } }` }, null);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(titles[0]);
    expect(text).not.toContain(CONFIDENTIAL);
    const analyst = await userClient(t, "ANALYST", null);
    const asAnalyst = await (await exportCsv({ query: `query { needs(first: 100) { edges { node { title } } } }` }, analyst.token)).text();
    expect(asAnalyst).toContain(CONFIDENTIAL);
  });

  it("exports a plain list inside the result (statistics) by path", async () => {
    const res = await exportCsv({ query: `{ programmeStats { byRegion { key name needs } } }`, path: "programmeStats.byRegion" });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["key", "name", "needs"]);
    expect(rows.find((r) => r[0] === "411303")).toEqual(["411303", "卧龙区", String(titles.length + 1)]);
  });

  it("refuses mutations, bad bodies, wrong paths and bad tokens with a clear error", async () => {
    const mutation = await exportCsv({ query: `mutation { login(email: "a@b.c", password: "x") { token } }` });
    expect(mutation.status).toBe(400);
    expect(((await mutation.json()) as any).errors[0].message).toMatch(/Only queries/);
    const syntax = await exportCsv({ query: `{ needs(` });
    expect(syntax.status).toBe(400);
    const path = await exportCsv({ query: `{ stats { needs } }`, path: "stats" });
    expect(path.status).toBe(400);
    expect(((await path.json()) as any).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "path" });
    const token = await exportCsv({ query: `{ stats { needs } }` }, "not-a-token");
    expect(token.status).toBe(401);
    const invalid = await exportCsv({ query: `{ needs(first: 1000) { edges { node { id } } } }` });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as any).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const get = await fetch(`${base}/export.csv`);
    expect(get.status).toBe(405);
    const form = await fetch(`${base}/export.csv`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(form.status).toBe(400);
  });
});

describe("web routes", () => {
  it("serves the explorer at /explorer and at /graphql to a browser, GraphQL to everyone else", async () => {
    const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for (const url of [`${base}/explorer`, t.hub.url]) {
      const res = await fetch(url, { headers: { accept: browserAccept } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      const html = await res.text();
      expect(html).toContain('<script src="/web/explorer.js"></script>');
      expect(html).not.toMatch(/https?:\/\//); // nothing from elsewhere
    }
    const graphql = await fetch(`${t.hub.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/json", "apollo-require-preflight": "1" } });
    expect(await graphql.json()).toMatchObject({ data: { __typename: "Query" } });
    const post = await t.anonymous.data<{ __typename: string }>(`{ __typename }`);
    expect(post.__typename).toBe("Query");
  });

  it("serves the dashboard and the bundled assets, and nothing outside the asset folder", async () => {
    const page = await fetch(`${base}/dashboard`);
    expect(await page.text()).toContain('<script src="/web/dashboard.js"></script>');
    for (const asset of ["explorer.js", "explorer.css", "dashboard.js", "dashboard.css"]) {
      const res = await fetch(`${base}/web/${asset}`);
      expect(res.status).toBe(200);
      expect(Number(res.headers.get("content-length"))).toBeGreaterThan(1000);
      const again = await fetch(`${base}/web/${asset}`, { headers: { "if-none-match": res.headers.get("etag")! } });
      expect(again.status).toBe(304);
    }
    expect((await fetch(`${base}/web/dashboard.js`)).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    for (const bad of ["/web/..%2Fpackage.json", "/web/../package.json", "/web/%2e%2e/src/app.ts", "/web/nope.js"]) {
      expect((await fetch(`${base}${bad}`)).status).toBe(404);
    }
    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/dashboard");
  });
});
