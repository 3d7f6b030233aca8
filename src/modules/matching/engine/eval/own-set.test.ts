import fs from "node:fs";
import path from "node:path";
import { fnv1a32, ownSplit, splitOf, type OwnSet } from "./own-set";

const set = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../../test/fixtures/matching-own.json"), "utf8")) as OwnSet;

describe("own labelled set", () => {
  it("has at least 100 needs, each with a source and a right supplier that exists", () => {
    const keys = new Set([...set.experts, ...set.platforms, ...set.societies].map((s) => s.key));
    expect(set.needs.length).toBeGreaterThanOrEqual(100);
    for (const n of set.needs) {
      expect(n.source === "written" || /^https?:\/\//.test(n.source)).toBe(true);
      expect(n.relevant.length).toBeGreaterThan(0);
      for (const k of [...n.relevant, ...n.partial]) expect(keys.has(k)).toBe(true);
    }
  });

  it("splits by a hash of the recorded seed and the key: the split of record (56 dev, 53 test)", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(set.split.seed).toBe(29);
    const dev = ownSplit(set, "dev").needs.map((n) => n.key);
    const test = ownSplit(set, "test").needs.map((n) => n.key);
    expect([dev.length, test.length]).toEqual([56, 53]);
    expect(dev.filter((k) => test.includes(k))).toEqual([]);
    expect(splitOf("a02", 29)).toBe("test");
    expect(splitOf("a01", 29)).toBe("dev");
  });
});
