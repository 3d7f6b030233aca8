// Concept detection: finds every dictionary term in a text with a character trie (independent of how jieba
// segmented it) and returns the concept ids to add to the term vector, so that 散热 and 热管理, or 回返光 and
// 逆向传输光, meet on one id.
import { dictionaries, normaliseText, type CompoundPart, type ConceptRef, type TrieNode } from "./dictionaries";
import { wordEnds } from "./tokenizer";

const LATIN = /[a-z0-9]/;
const CJK = /[\u4e00-\u9fff]/;
export const MODIFIER_FACTOR = 0.4;
/** A term found with one character inside it (起小球 for 起球, 掉了色 for 掉色) counts this much of the term. */
export const GAP_FACTOR = 0.8;
/** A compound read from two concept terms' halves (视觉识别 from 机器视觉 and 图像识别) counts this much of the concept. */
export const COMPOUND_FACTOR = 0.5;

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
  const gapped: Array<{ start: number; end: number; ref: ConceptRef }> = [];
  for (let i = 0; i < chars.length; i++) {
    // Latin terms (PC, LED, PP) only match whole words: "pp" must not fire inside "ppb".
    const latinStartOk = !LATIN.test(chars[i - 1] ?? "");
    let node = conceptTrie.next.get(chars[i]!);
    let j = i;
    while (node) {
      const latinTerm = LATIN.test(chars[i]!) && LATIN.test(chars[j]!);
      const boundaryOk = !latinTerm || (latinStartOk && !LATIN.test(chars[j + 1] ?? ""));
      if (node.concepts && boundaryOk) for (const ref of node.concepts) found.push({ start: i, end: j + 1, ref });
      // A two-character word split by one character (起球 → 起小球, 掉色 → 掉了色).
      if (j === i && CJK.test(chars[i]!)) gappedWalk(node, chars, i, gapped);
      j++;
      if (j >= chars.length) break;
      node = node.next.get(chars[j]!);
    }
  }
  // A one-character term (泵, 翘, 酶) counts only as a word of its own or as the head of a word of three or more
  // characters (蛋白酶, 离心泵); a two-character word ending in it is a word in its own right (连翘 is a herb, not a
  // kind of 翘). Longer dictionary terms holding it (翘曲, 酶制剂) are found on their own.
  // Where the segmenter's words end: segmenting again costs, so only when a one-character or split term was seen.
  let ends: Map<number, number> | null = null;
  const wordEndsOf = () => (ends ??= wordEnds(text));
  const oneChar = (f: { start: number; end: number }) => f.end - f.start === 1 && CJK.test(chars[f.start]!);
  const kept = found.some(oneChar) ? found.filter((f) => !oneChar(f) || oneCharCounts(wordEndsOf().get(f.end))) : found;
  // Longest first at each start, so that the dedupe below keeps the longest term of a concept.
  kept.sort((a, b) => a.start - b.start || b.end - a.end);
  const coveredUntil = new Map<string, number>();
  const hits: ConceptHit[] = [];
  for (const f of kept) {
    const until = coveredUntil.get(f.ref.id) ?? -1;
    if (f.start < until) continue;
    coveredUntil.set(f.ref.id, f.end);
    const weight = isModifierInsideLongerTerm(f, kept) ? f.ref.weight * MODIFIER_FACTOR : f.ref.weight;
    hits.push({ id: f.ref.id, weight, surface: chars.slice(f.start, f.end).join("") });
  }
  // Terms said with a character inside them, for concepts the text does not name outright.
  const named = new Set(hits.map((h) => h.id));
  for (const g of gapped) {
    // A word must end at the first character: inside one word (配置光, 温度控制) it is not a split word.
    if (named.has(g.ref.id) || !wordEndsOf().has(g.start + 1)) continue;
    named.add(g.ref.id);
    hits.push({ id: g.ref.id, weight: g.ref.weight * GAP_FACTOR, surface: chars.slice(g.start, g.end).join("") });
  }
  hits.push(...compoundHits(chars, named, (at) => at === 0 || wordEndsOf().has(at)));
  return hits;
}

/** True when a half belongs to this concept's terms only (视觉: 机器视觉, 视觉检测), not to several concepts' (检测). */
function specific(parts: CompoundPart[], id: string): boolean {
  return parts.every((p) => p.id === id);
}

/**
 * Four-character compounds the dictionaries know only by halves: a modifier that modifies in one term of a concept
 * and a head that heads another term of the same concept (视觉识别: 视觉 as in 视觉检测, 识别 as in 图像识别 → 机器视觉;
 * 图像检测 likewise), for concepts the text does not name outright, standing as a word or two words of their own.
 */
function compoundHits(chars: string[], named: Set<string>, wordBoundary: (at: number) => boolean): ConceptHit[] {
  const { compoundParts } = dictionaries();
  const hits: ConceptHit[] = [];
  for (let i = 0; i + 4 <= chars.length; i++) {
    const modifiers = compoundParts.get(chars[i]! + chars[i + 1]!);
    if (!modifiers) continue;
    const heads = compoundParts.get(chars[i + 2]! + chars[i + 3]!);
    if (!heads) continue;
    for (const m of modifiers) {
      if (m.slot !== "modifier" || named.has(m.id)) continue;
      const h = heads.find((p) => p.slot === "head" && p.id === m.id);
      if (!h || !wordBoundary(i) || !wordBoundary(i + 4)) continue;
      // One half must be the concept's own (视觉): two halves many concepts share (光学 + 镀膜, 精密 + 铸造) say little.
      // This also keeps a term of another concept (光学设计) from being read again: its halves are that concept's too.
      if (!specific(modifiers, m.id) && !specific(heads, m.id)) continue;
      named.add(m.id);
      hits.push({ id: m.id, weight: Math.min(m.weight, h.weight) * COMPOUND_FACTOR, surface: chars.slice(i, i + 4).join("") });
    }
  }
  return hits;
}

function oneCharCounts(wordLength: number | undefined): boolean {
  return wordLength === 1 || (wordLength !== undefined && wordLength >= 3);
}

/**
 * Two-character terms whose characters appear with one Chinese character between them, after `node` (the term's
 * first character at `start`): Chinese splits a verb-object word with a modifier (起球 → 起小球, 掉色 → 掉了色).
 */
function gappedWalk(node: TrieNode, chars: string[], start: number, out: Array<{ start: number; end: number; ref: ConceptRef }>): void {
  const skipped = chars[start + 1];
  const last = chars[start + 2];
  if (skipped === undefined || last === undefined || !CJK.test(skipped) || !CJK.test(last)) return;
  const next = node.next.get(last);
  if (next?.concepts) for (const ref of next.concepts) out.push({ start, end: start + 3, ref });
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
