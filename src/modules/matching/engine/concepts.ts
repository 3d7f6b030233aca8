// Concept detection: finds every dictionary term in a text with a character trie (independent of how jieba
// segmented it) and returns the concept ids to add to the term vector, so that 散热 and 热管理, or 回返光 and
// 逆向传输光, meet on one id.
import { dictionaries, normaliseText, type ConceptRef } from "./dictionaries";

const LATIN = /[a-z0-9]/;
export const MODIFIER_FACTOR = 0.4;

export interface ConceptHit {
  id: string;
  weight: number;
  /** the text that matched */
  surface: string;
}

/**
 * All concept hits in a text. When terms of one concept overlap (低分子挥发物 contains 挥发物) the concept is
 * counted once for that span: the longest term starting first wins.
 */
export function detectConcepts(text: string): ConceptHit[] {
  const { conceptTrie } = dictionaries();
  const chars = Array.from(normaliseText(text));
  const found: Array<{ start: number; end: number; ref: ConceptRef }> = [];
  for (let i = 0; i < chars.length; i++) {
    // Latin terms (PC, LED, PP) only match whole words: "pp" must not fire inside "ppb".
    const latinStartOk = !LATIN.test(chars[i - 1] ?? "");
    let node = conceptTrie.next.get(chars[i]!);
    let j = i;
    while (node) {
      const latinTerm = LATIN.test(chars[i]!) && LATIN.test(chars[j]!);
      const boundaryOk = !latinTerm || (latinStartOk && !LATIN.test(chars[j + 1] ?? ""));
      if (node.concepts && boundaryOk) for (const ref of node.concepts) found.push({ start: i, end: j + 1, ref });
      j++;
      if (j >= chars.length) break;
      node = node.next.get(chars[j]!);
    }
  }
  // Longest first at each start, so that the dedupe below keeps the longest term of a concept.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const coveredUntil = new Map<string, number>();
  const hits: ConceptHit[] = [];
  for (const f of found) {
    const until = coveredUntil.get(f.ref.id) ?? -1;
    if (f.start < until) continue;
    coveredUntil.set(f.ref.id, f.end);
    const weight = isModifierInsideLongerTerm(f, found) ? f.ref.weight * MODIFIER_FACTOR : f.ref.weight;
    hits.push({ id: f.ref.id, weight, surface: chars.slice(f.start, f.end).join("") });
  }
  return hits;
}

/**
 * Chinese compounds are head-final: 磁性异物 is a kind of 异物 and 正极粉体 a kind of 粉体, but 配光镜 (a lens) is
 * not a kind of 配光 (light distribution). So a term found inside a longer dictionary term counts fully only when
 * it ends where the longer term ends (it is the head); a modifier inside a longer term (铂铑 in 铂铑漏板, 配光 in
 * 配光镜) counts at MODIFIER_FACTOR.
 */
function isModifierInsideLongerTerm(
  f: { start: number; end: number; ref: ConceptRef },
  all: Array<{ start: number; end: number; ref: ConceptRef }>,
): boolean {
  for (const g of all) {
    if (g.start > f.start) break; // sorted by start
    if (g.ref.id === f.ref.id) continue;
    const contains = g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start;
    if (contains && g.end !== f.end) return true;
  }
  return false;
}

/** Human label of a concept id ("~热管理" → "热管理"). */
export function conceptLabel(id: string): string {
  return dictionaries().conceptLabel.get(id) ?? id.replace(/^~+/, "");
}
