import sample from "../../../../../test/fixtures/matching-sample.json";
import { sampleSuppliers, sampleNeedDoc } from "./evaluate";
import { analyzeNeed } from "../analyze";
import { InMemoryCorpus, prepareQuery, bm25 } from "../bm25";
import { weighDescription } from "../need-roles";
import { rankSuppliers } from "../score";
const NEEDS = (process.env.NEEDS ?? "n7").split(",");
test("debug", () => {
  const s = sample as any;
  const sup = sampleSuppliers(s);
  const corpus = new InMemoryCorpus(sup.map((x) => x.terms));
  for (const nk of NEEDS) {
    const n = s.needs.find((x: any) => x.key === nk);
    const need = sampleNeedDoc(s, n);
    const nt = analyzeNeed(need);
    const q = prepareQuery(nt.terms, corpus);
    let out = `== ${nk} self=${q.selfScore.toFixed(2)} rel=${n.relevant} part=${n.partial}\n`;
    out += weighDescription(need.description).map((c) => `  [${c.role}] ${c.text}`).join("\n") + "\n";
    out += "Q: " + q.terms.slice(0, 50).map((t) => `${t.term}:${(t.weight * t.idf).toFixed(2)}`).join(" ") + "\n";
    const ranked = rankSuppliers(need, sup, corpus, 6, nt);
    const show = new Set([...ranked.map((r) => r.key), ...n.relevant]);
    for (const k of show) {
      const e = sup.find((x) => x.key === k)!;
      const r = bm25(q, e.terms);
      const rk = ranked.find((x) => x.key === k);
      out += `${k} raw=${r.raw.toFixed(2)} score=${rk?.match.score.toFixed(3) ?? "-"} ${rk?.match.breakdown.map((b) => b.feature + "=" + b.value.toFixed(2)).join(" ") ?? ""}\n   ` +
        r.contributions.sort((a, b) => b.contribution - a.contribution).slice(0, 18).map((c) => `${c.term}:${c.contribution.toFixed(2)}`).join(" ") + "\n";
      if (rk) out += "   " + rk.match.reason + "\n";
    }
    console.log(out);
  }
});
test("focus", () => {
  const s = sample as any;
  for (const nk of NEEDS) {
    const n = s.needs.find((x: any) => x.key === nk);
    console.log(nk, JSON.stringify(analyzeNeed(sampleNeedDoc(s, n)).focus));
  }
});
