// The demo's suppliers (src/demo generator, scale 1) as analysed supplier entries, the way the hub reads them
// (match/supplier-docs.ts): the distractors of an in-process evaluation, without a database.
import { generateDemo } from "../../../../demo/generator";
import { analyzeSupplier } from "../analyze";
import type { SupplierDoc } from "../types";
import type { SupplierEntry } from "./evaluate";

export function demoSuppliers(scale = 1): SupplierEntry[] {
  const demo = generateDemo({ scale, now: new Date("2026-01-01T00:00:00Z") });
  const out: Array<{ key: string; doc: SupplierDoc }> = [];
  demo.experts.forEach((e, i) => {
    if (!e.active) return;
    out.push({
      key: `demo:expert:${i}`,
      doc: {
        kind: "EXPERT", name: e.name, text: [e.title, e.affiliation, e.expertise].filter(Boolean).join("。"), keywords: e.keywords,
        chainCodes: e.chainCodes, regionCode: null, capacity: e.capacity, activeEngagements: 0,
      },
    });
  });
  demo.platforms.forEach((p, i) => {
    out.push({
      key: `demo:platform:${i}`,
      doc: {
        kind: "PLATFORM", name: p.name, text: `${p.name}。${p.capabilities}`, keywords: [], chainCodes: p.chainCodes,
        regionCode: p.regionCode, platformKind: p.kind,
      },
    });
  });
  demo.societies.forEach((s, i) => {
    if (!s.active) return;
    const members = demo.experts.filter((e) => e.active && e.societyIdx.includes(i));
    out.push({
      key: `demo:society:${i}`,
      doc: {
        kind: "SOCIETY", name: s.name, text: `${s.name}。${s.disciplines.join("、")}`, keywords: s.disciplines,
        memberTexts: members.map((e) => `${e.expertise} ${e.keywords.join(" ")}`),
        chainCodes: [...new Set(members.flatMap((e) => e.chainCodes))], regionCode: null,
      },
    });
  });
  return out.map((d) => ({ ...d, terms: analyzeSupplier(d.doc) }));
}
