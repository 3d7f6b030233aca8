// Analysis: text → weighted term vector (words, concept ids, character bigrams). Analysis is separate from
// scoring so that vectors can be stored (one row per need/supplier, and an inverted index term → documents).
import { characterBigrams, segmentWords } from "./tokenizer";
import { detectConcepts, type ConceptHit } from "./concepts";
import { BIGRAM_PREFIX, CONCEPT_PREFIX, DISCIPLINE_PREFIX, dictionaries, normaliseText } from "./dictionaries";
import { productSpans, weighDescription, type ClauseRole } from "./need-roles";
import type { NeedDoc, SupplierDoc, TermVector } from "./types";

/** Field weights: keywords are chosen by the author, so they weigh more than free text; the title more than the body. */
export const FIELD_WEIGHT = {
  needTitle: 2.0,
  needKeyword: 2.5,
  needDescription: 1.0,
  supplierKeyword: 2.0,
  supplierText: 1.0,
  platformName: 1.0,
  societyMembers: 0.6,
} as const;

/** Bigrams are a fallback: they count far less than a word. */
export const BIGRAM_WEIGHT = 0.25;
/** A concept hit counts like a word of the same weight (times the group weight: 1 or the related weight). */
export const CONCEPT_WEIGHT = 1.0;
/** Share of the concept weight added when the concept's term is itself one of the text's words. */
export const EXACT_CONCEPT_FACTOR = 0.5;
/** Terms of the need's background (its own product) count this much wherever else they appear in the need. */
export const BACKGROUND_TERM_FACTOR = 0.45;
/** Terms named in the ask (希望…) count this much more wherever they appear in the need. */
export const ASK_TERM_FACTOR = 1.3;

type TermMap = Map<string, number>;

function add(map: TermMap, term: string, weight: number): void {
  map.set(term, (map.get(term) ?? 0) + weight);
}

/** Which side a text is on: lay words (data/lay-words.json) reach their discipline only in a need. */
type Side = "need" | "supplier";

/** Adds one piece of text at the given weight; returns its length contribution (number of words × weight). */
function addText(map: TermMap, text: string, weight: number, side: Side, onConcept?: (hit: ConceptHit) => void): number {
  if (weight <= 0 || !text) return 0;
  const words = segmentWords(text);
  for (const w of words) add(map, w, weight);
  const wordSet = new Set(words);
  const { layLinks } = dictionaries();
  for (const hit of detectConcepts(text)) {
    // A lay word is how a company states a problem; in a supplier's profile it is a case it met, not what it knows.
    if (side === "supplier" && layLinks.has(`${hit.id}\u0000${hit.surface}`)) continue;
    onConcept?.(hit);
    // A concept id exists so that paraphrases meet. When the text says the very word, the word term already
    // carries the exact match; the concept adds only part, so exact matches do not count double.
    const exact = wordSet.has(hit.surface) ? EXACT_CONCEPT_FACTOR : 1;
    add(map, hit.id, weight * hit.weight * CONCEPT_WEIGHT * exact);
  }
  for (const b of characterBigrams(text)) add(map, BIGRAM_PREFIX + b, weight * BIGRAM_WEIGHT);
  return words.length * weight;
}

function toVector(map: TermMap, length: number): TermVector {
  const entries: Array<[string, number]> = [];
  for (const [k, v] of map) if (v > 0) entries.push([k, Math.round(v * 1e6) / 1e6]);
  const terms: Record<string, number> = Object.fromEntries(entries);
  return { terms, length: Math.max(1, Math.round(length * 1000) / 1000) };
}

/** The terms (words and concepts) of a text, without weights, for background detection. */
function termSet(text: string): Set<string> {
  const set = new Set<string>(segmentWords(text));
  for (const hit of detectConcepts(text)) set.add(hit.id);
  return set;
}

interface DisciplineHit { id: string; surface: string; where: ClauseRole | "title" | "keyword" }

/**
 * The disciplines a need asks about: those reached through its problem's words. A discipline reached only through
 * words naming the company's product (公司生产磷酸铁锂正极材料 → 正极材料 → 电化学; 经纱 → 织造), wherever those
 * words recur (title, keywords, problem), is the product's field: context, like the background. Nor is a
 * discipline reached only in what the company already tried (目前依靠数控系统补偿, 改善有限): that is the means that
 * did not solve it.
 */
function askingDisciplines(reached: DisciplineHit[], products: string[]): Set<string> {
  const spans = products.map(normaliseText);
  const isProduct = (surface: string) => spans.some((s) => s.includes(surface));
  const out = new Set<string>();
  for (const h of reached) if (h.where !== "tried" && !isProduct(h.surface)) out.add(h.id);
  return out;
}

/** Disciplines reached only in the tried-and-failed clauses: the means already used, not what the need is about. */
function triedOnlyDisciplines(reached: DisciplineHit[]): Set<string> {
  const elsewhere = new Set(reached.filter((h) => h.where !== "tried").map((h) => h.id));
  return new Set(reached.filter((h) => !elsewhere.has(h.id)).map((h) => h.id));
}

export function analyzeNeed(need: NeedDoc): TermVector {
  const clauses = weighDescription(need.description ?? "");
  const map: TermMap = new Map();
  let length = 0;
  // Where each discipline was reached, to tell the product's field from the problem's (see askingDisciplines).
  const reached: DisciplineHit[] = [];
  const note = (where: ClauseRole | "title" | "keyword") => (hit: ConceptHit) => {
    if (hit.id.startsWith(DISCIPLINE_PREFIX)) reached.push({ id: hit.id, surface: hit.surface, where });
  };
  length += addText(map, need.title ?? "", FIELD_WEIGHT.needTitle, "need", note("title"));
  for (const k of need.keywords ?? []) length += addText(map, k, FIELD_WEIGHT.needKeyword, "need", note("keyword"));
  for (const c of clauses) length += addText(map, c.text, FIELD_WEIGHT.needDescription * c.weight, "need", note(c.role));

  // The company's own product, named in the background, is context rather than the question: damp it everywhere
  // (title and keywords included); terms of the ask count more.
  const background = new Set<string>();
  const asked = new Set<string>();
  for (const c of clauses) {
    if (c.role === "background" || c.role === "effect") for (const t of termSet(c.text)) background.add(t);
    if (c.role === "ask") for (const t of termSet(c.text)) asked.add(t);
  }
  // A term in both (the ask names the product: 正极粉体的…除铁工艺) stays as it is. A word belongs to the
  // background also when its concept does (正极 in the ask, 正极材料 in the background).
  const { conceptsOfTerm } = dictionaries();
  const inSet = (set: Set<string>, t: string) => set.has(t) || (conceptsOfTerm.get(t)?.some((c) => set.has(c)) ?? false);
  for (const t of [...map.keys()]) {
    const bg = inSet(background, t);
    const ask = inSet(asked, t);
    if (bg && !ask) map.set(t, map.get(t)! * BACKGROUND_TERM_FACTOR);
    if (ask && !bg) map.set(t, map.get(t)! * ASK_TERM_FACTOR);
  }
  // A discipline met only in what was tried leaves the need's terms: the suppliers of that means are what failed.
  for (const t of triedOnlyDisciplines(reached)) map.delete(t);
  const vector = toVector(map, length);
  const focusMap: TermMap = new Map();
  for (const c of clauses) {
    if (c.role === "ask") addText(focusMap, c.text, 1, "need");
  }
  for (const t of [...focusMap.keys()]) if (inSet(background, t)) focusMap.delete(t);
  // A discipline reached through a symptom (异响 → 振动噪声, data/symptoms.json) names the problem itself, which is
  // what the right supplier answers; the product it shows in is what wrong suppliers share. It joins the ask.
  if (focusMap.size > 0 && reached.length > 0) {
    const asking = askingDisciplines(reached, productSpans(clauses));
    for (const [t, v] of map) if (asking.has(t)) focusMap.set(t, Math.max(focusMap.get(t) ?? 0, v));
  }
  if (focusMap.size > 0) vector.focus = toVector(focusMap, 1).terms;
  return vector;
}

export function analyzeSupplier(s: SupplierDoc): TermVector {
  const map: TermMap = new Map();
  let length = 0;
  if (s.kind === "PLATFORM") length += addText(map, s.name ?? "", FIELD_WEIGHT.platformName, "supplier");
  length += addText(map, s.text ?? "", FIELD_WEIGHT.supplierText, "supplier");
  for (const k of s.keywords ?? []) length += addText(map, k, FIELD_WEIGHT.supplierKeyword, "supplier");

  // A society is matched through its experts: the union of their terms, each term at the strongest member's
  // weight (not the sum), so a big society is not favoured just for having many members.
  const members = s.memberTexts ?? [];
  if (s.kind === "SOCIETY" && members.length > 0) {
    const union: TermMap = new Map();
    for (const text of members) {
      const m: TermMap = new Map();
      addText(m, text, 1, "supplier");
      for (const [t, v] of m) union.set(t, Math.max(union.get(t) ?? 0, v));
    }
    for (const [t, v] of union) add(map, t, v * FIELD_WEIGHT.societyMembers);
    // Its length is that of the union, not of one member: a society of thirty experts covers much vocabulary and
    // BM25 must see it as the long document it is, or big societies would top every ranking.
    let unionWords = 0;
    for (const [t, v] of union) if (!t.startsWith(BIGRAM_PREFIX) && !t.startsWith(CONCEPT_PREFIX)) unionWords += v;
    length += unionWords * FIELD_WEIGHT.societyMembers;
  }
  return toVector(map, length);
}
