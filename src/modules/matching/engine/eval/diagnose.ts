// Why a labelled need ranks as it does, to diagnose a miss before changing the engine (`npm run eval:dev -- --explain
// o10,e01`; dev needs only): the posting's clauses by role, its ask, its heaviest terms, and for its first-ranked
// suppliers and its first right one the score's parts, the matched terms and the profile itself.
import { InMemoryCorpus } from "../bm25";
import { weighDescription } from "../need-roles";
import { rankSuppliers } from "../score";
import { BIGRAM_PREFIX } from "../dictionaries";
import type { NeedDoc, TermVector } from "../types";
import { sampleNeedDoc, type MatchingSample, type SampleNeed, type SupplierEntry } from "./evaluate";

const HEAVIEST_TERMS = 20;
const PROFILE_CHARS = 240;

const heaviest = (terms: Record<string, number>) =>
  Object.entries(terms)
    .filter(([t]) => !t.startsWith(BIGRAM_PREFIX))
    .sort((a, b) => b[1] - a[1])
    .slice(0, HEAVIEST_TERMS)
    .map(([t, w]) => `${t} ${w.toFixed(2)}`)
    .join("，");

function label(need: SampleNeed, key: string): string {
  if (need.relevant.includes(key)) return "right";
  return need.partial.includes(key) ? "partial" : "wrong";
}

/** The diagnosis of each need named in `keys`, as lines of text; `top` first-ranked suppliers besides the first right one. */
export function diagnoseNeeds(set: MatchingSample, keys: string[], suppliers: SupplierEntry[], needTerms: (need: NeedDoc) => TermVector, top = 3): string[] {
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  const byKey = new Map(suppliers.map((s) => [s.key, s]));
  const lines: string[] = [];
  for (const need of set.needs.filter((n) => keys.includes(n.key))) {
    const doc = sampleNeedDoc(set, need);
    const vector = needTerms(doc);
    const ranked = rankSuppliers(doc, suppliers, corpus, undefined, vector);
    lines.push(`== ${need.key} ${need.title} (right: ${need.relevant.join(",")}; partial: ${need.partial.join(",") || "-"})`);
    lines.push(`roles: ${weighDescription(need.description).map((c) => `[${c.role}] ${c.text}`).join(" ")}`);
    lines.push(`ask: ${heaviest(vector.focus ?? {}) || "-"}`);
    lines.push(`terms: ${heaviest(vector.terms)}`);
    const firstRight = ranked.findIndex((r) => need.relevant.includes(r.key));
    const shown = ranked.filter((_, i) => i < top || i === firstRight);
    for (const r of shown) {
      const parts = r.match.breakdown.filter((b) => b.contribution !== 0).map((b) => `${b.feature} ${b.value.toFixed(3)}`).join(" ");
      const profile = byKey.get(r.key)!.doc;
      lines.push(`#${r.rank} ${r.key} ${label(need, r.key)} score ${r.match.score.toFixed(3)} (${parts})`);
      lines.push(`   matched: ${r.match.matchedTerms.join("、")}`);
      lines.push(`   profile: ${profile.text.slice(0, PROFILE_CHARS)} | keywords: ${profile.keywords.join("、")}`);
    }
    if (firstRight < 0) lines.push("   (no right supplier ranked)");
  }
  return lines;
}
