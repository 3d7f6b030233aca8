// CSV building blocks and the Accept negotiation, without a server.
import { BOM, cell, firstListPath, flatten, rowsAt, toCsv } from "../../src/modules/web/csv";
import { prefersHtml } from "../../src/modules/web/web.routes";

describe("csv", () => {
  it("starts with a UTF-8 byte-order mark and ends lines with CRLF", () => {
    const { text } = toCsv([{ 名称: "南阳市新能源有限公司", n: 1 }]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toBe(`${BOM}名称,n\r\n南阳市新能源有限公司,1\r\n`);
  });

  it("flattens nested objects to dotted columns and joins lists", () => {
    expect(
      flatten({ id: "1", enterprise: { name: "甲", region: { name: "卧龙区" } }, keywords: ["储能", "热管理"], matches: [{ score: 0.5, supplier: { name: "A" } }, { score: 0.25, supplier: { name: "B" } }], none: null, empty: [] }),
    ).toEqual({ id: "1", "enterprise.name": "甲", "enterprise.region.name": "卧龙区", keywords: "储能; 热管理", "matches.score": "0.5; 0.25", "matches.supplier.name": "A; B", none: "" });
  });

  it("quotes separators, quotes and line breaks, and defuses spreadsheet formulas", () => {
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('说"明"')).toBe('"说""明"""');
    expect(cell("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(cell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(cell("+86 377")).toBe("'+86 377");
    expect(cell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(cell("-12.5")).toBe("-12.5");
  });

  it("keeps the columns of every row, in order of first appearance", () => {
    const { columns, text } = toCsv([{ a: 1 }, { a: 2, b: { c: 3 } }]);
    expect(columns).toEqual(["a", "b.c"]);
    expect(text).toBe(`${BOM}a,b.c\r\n1,\r\n2,3\r\n`);
  });

  it("finds the list: a connection's nodes, a plain list, or the first one in the result", () => {
    const data = { stats: { needs: 3 }, programmeStats: { byRegion: [{ key: "411302" }] }, needs: { totalCount: 1, edges: [{ cursor: "c", node: { id: "n1" } }] } };
    expect(rowsAt(data, "needs")).toEqual([{ id: "n1" }]);
    expect(rowsAt(data, "programmeStats.byRegion")).toEqual([{ key: "411302" }]);
    expect(rowsAt(data, "stats.needs")).toBeNull();
    expect(rowsAt(data, "nothing.here")).toBeNull();
    expect(firstListPath(data)).toBe("needs");
    expect(firstListPath({ programmeStats: { byRegion: [{ key: "x" }] } })).toBe("programmeStats.byRegion");
    expect(rowsAt({ programmeStats: { byRegion: [{ key: "x" }] } }, undefined)).toEqual([{ key: "x" }]);
  });
});

describe("prefersHtml", () => {
  it.each([
    ["text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", true],
    ["application/xhtml+xml", true],
    ["application/graphql-response+json, application/json;q=0.9", false],
    ["application/json", false],
    ["*/*", false],
    ["", false],
    ["application/json, text/html", false],
    ["application/json;q=0.5, text/html", true],
    ["text/html;q=0", false],
  ])("%s → %s", (accept, html) => {
    expect(prefersHtml(accept || undefined)).toBe(html);
  });
});
