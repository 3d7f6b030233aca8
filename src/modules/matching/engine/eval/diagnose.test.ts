import fs from "node:fs";
import path from "node:path";
import { analyzeNeed } from "../analyze";
import { diagnoseNeeds } from "./diagnose";
import { sampleSuppliers, type MatchingSample } from "./evaluate";

const sample = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../../test/fixtures/matching-sample.json"), "utf8")) as MatchingSample;
const suppliers = sampleSuppliers(sample);

describe("diagnosing a labelled need's ranking", () => {
  const need = sample.needs[0]!;
  const lines = diagnoseNeeds(sample, [need.key], suppliers, analyzeNeed, 2);

  it("shows only the needs asked for", () => {
    expect(lines.filter((l) => l.startsWith("== ")).map((l) => l.split(" ")[1])).toEqual([need.key]);
  });
  it("reads the posting by role and shows its ask", () => {
    expect(lines.some((l) => l.startsWith("roles: ") && l.includes("[ask]"))).toBe(true);
    expect(lines.find((l) => l.startsWith("ask: "))).not.toBe("ask: -");
  });
  it("labels the suppliers shown by the need's judgement, with their score parts, matched terms and profile", () => {
    const rows = lines.filter((l) => l.startsWith("#"));
    for (const row of rows) {
      const [, key, label] = row.split(" ");
      expect(label).toBe(need.relevant.includes(key!) ? "right" : need.partial.includes(key!) ? "partial" : "wrong");
      expect(row).toMatch(/score \d\.\d{3} \(text \d\.\d{3}/);
    }
    expect(rows.some((r) => r.split(" ")[2] === "right")).toBe(true);
    const first = lines.indexOf(rows[0]!);
    expect(lines[first + 1]).toMatch(/^ {3}matched: \S/);
    expect(lines[first + 2]).toMatch(/^ {3}profile: \S/);
  });
  it("shows the first right supplier even below the top rows", () => {
    // No top rows at all: the first right supplier alone, at its rank.
    const rows = diagnoseNeeds(sample, [need.key], suppliers, analyzeNeed, 0).filter((l) => l.startsWith("#"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.split(" ")[2]).toBe("right");
  });
});
