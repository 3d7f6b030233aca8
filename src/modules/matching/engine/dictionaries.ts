// Loads the JSON dictionaries of src/modules/matching/data once and compiles them into the structures the
// analyser needs (sets, a character trie for concepts, regexes for kind cues). Everything here is built lazily
// on first use and then shared by every call: no per-call rebuilding.
import conceptsData from "../data/concepts.json";
import stopwordsData from "../data/stopwords.json";
import userdictData from "../data/userdict.json";
import adjacencyData from "../data/chain-adjacency.json";
import kindPriorsData from "../data/kind-priors.json";
import labelsData from "../data/labels.json";
import symptomsData from "../data/symptoms.json";
import layWordsData from "../data/lay-words.json";

export interface ConceptRef {
  /** concept id as stored in term vectors ("~" + first term of the group) */
  id: string;
  /** 1 for synonyms, relatedWeight for paraphrase links */
  weight: number;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  /** concepts whose term ends at this node */
  concepts: ConceptRef[] | null;
}

/** Where a two-character part stands in a four-character concept term: 机器视觉 = 机器 (modifier) + 视觉 (head). */
export type CompoundSlot = "modifier" | "head";
export interface CompoundPart extends ConceptRef {
  slot: CompoundSlot;
}

export interface KindCue {
  pattern: RegExp;
  fits: string[];
}

export interface Dictionaries {
  stopwords: Set<string>;
  functionChars: Set<string>;
  /** words the segmenter must keep whole: user dictionary plus concept terms */
  domainWords: Set<string>;
  conceptTrie: TrieNode;
  conceptLabel: Map<string, string>;
  /** concept ids of each dictionary term (a word that is a concept term belongs to that concept) */
  conceptsOfTerm: Map<string, string[]>;
  /**
   * The halves of the four-character concept terms (机器视觉 → 机器 + 视觉, 图像识别 → 图像 + 识别), with the concept
   * and the slot each fills, so that a compound built of one term's modifier and another's head (视觉识别) is read
   * as that concept (`compoundParts` below).
   */
  compoundParts: Map<string, CompoundPart[]>;
  /** "concept id\u0000term" of every lay word (data/lay-words.json) that is not also its discipline's own term or symptom */
  layLinks: Set<string>;
  chainCloseness: Map<string, number>;
  unknownChain: number;
  kindPriors: Record<string, Record<string, number>>;
  kindCues: KindCue[];
  otherKindFactor: number;
  chainNames: Record<string, string>;
  platformKindNames: Record<string, string>;
  regionNames: Record<string, string>;
}

export const CONCEPT_PREFIX = "~";
export const BIGRAM_PREFIX = "#";
/** Concept ids of the symptom → discipline table (data/symptoms.json). */
export const DISCIPLINE_PREFIX = CONCEPT_PREFIX + CONCEPT_PREFIX + "!";

/** A synonym group is a list whose first term names it; a related (paraphrase) group carries its own label. */
type ConceptGroup = string[] | { label: string; terms: string[] };

let cached: Dictionaries | null = null;

/** data/lay-words.json: each discipline's everyday words, by discipline label. */
export function layWordsByDiscipline(): Map<string, string[]> {
  const chains = layWordsData.chains as Record<string, Array<{ discipline: string; words: string[] }>>;
  const out = new Map<string, string[]>();
  for (const entries of Object.values(chains)) {
    for (const e of entries) out.set(e.discipline, [...(out.get(e.discipline) ?? []), ...e.words]);
  }
  return out;
}

/**
 * data/symptoms.json as related groups: one per discipline, its terms, its symptoms and its lay words
 * (data/lay-words.json) together.
 */
function symptomGroups(layLinks: Set<string>): Record<string, ConceptGroup[]> {
  const chains = symptomsData.chains as Record<string, Array<{ discipline: string; terms: string[]; symptoms: string[] }>>;
  const lay = layWordsByDiscipline();
  const out: Record<string, ConceptGroup[]> = {};
  for (const [chain, entries] of Object.entries(chains)) {
    out[chain] = entries.map((e) => {
      const own = new Set([e.discipline, ...e.terms, ...e.symptoms].map(normaliseText));
      const id = DISCIPLINE_PREFIX + normaliseText(e.discipline);
      const extra = (lay.get(e.discipline) ?? []).filter((w) => !own.has(normaliseText(w)));
      for (const w of extra) layLinks.add(`${id}\u0000${normaliseText(w)}`);
      return { label: e.discipline, terms: [e.discipline, ...e.terms, ...e.symptoms, ...extra] };
    });
  }
  return out;
}

/** Normalisation shared by the analyser and the dictionaries, so that both sides meet. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC") // full-width letters, digits and punctuation → half-width
    .toLowerCase()
    .replace(/[—–―~～]/g, "—");
}

function addToTrie(root: TrieNode, term: string, ref: ConceptRef): void {
  let node = root;
  for (const ch of term) {
    let child = node.next.get(ch);
    if (!child) {
      child = { next: new Map(), concepts: null };
      node.next.set(ch, child);
    }
    node = child;
  }
  if (!node.concepts) node.concepts = [];
  if (!node.concepts.some((c) => c.id === ref.id)) node.concepts.push(ref);
}

function refsOf(root: TrieNode, term: string): ConceptRef[] {
  let node: TrieNode | undefined = root;
  for (const ch of term) node = node?.next.get(ch);
  return node?.concepts ?? [];
}

/**
 * The two halves of every all-Chinese four-character concept term, each with the concept and its slot. Chinese
 * four-character compounds are two words (机器视觉, 图像识别, 外观检测); three-character ones split either way and are
 * left out.
 */
function compoundPartsOf(terms: string[], trie: TrieNode): Map<string, CompoundPart[]> {
  const parts = new Map<string, CompoundPart[]>();
  const put = (part: string, ref: ConceptRef, slot: CompoundSlot) => {
    const list = parts.get(part) ?? [];
    if (!list.some((p) => p.id === ref.id && p.slot === slot)) list.push({ ...ref, slot });
    parts.set(part, list);
  };
  for (const term of new Set(terms)) {
    const chars = Array.from(term);
    if (chars.length !== 4 || !/^[\u4e00-\u9fff]+$/.test(term)) continue;
    for (const ref of refsOf(trie, term)) {
      put(chars.slice(0, 2).join(""), ref, "modifier");
      put(chars.slice(2).join(""), ref, "head");
    }
  }
  return parts;
}

function build(): Dictionaries {
  const stopwords = new Set<string>();
  for (const list of [stopwordsData.function, stopwordsData.generic, stopwordsData.titles, stopwordsData.units]) {
    for (const w of list) stopwords.add(normaliseText(w));
  }
  const functionChars = new Set<string>(Array.from(stopwordsData.functionChars));

  const domainWords = new Set<string>();
  for (const w of userdictData.words) domainWords.add(normaliseText(w));

  const conceptTrie: TrieNode = { next: new Map(), concepts: null };
  const conceptLabel = new Map<string, string>();
  const conceptTerms: string[] = [];
  const conceptsOfTerm = new Map<string, string[]>();
  const addGroups = (groups: Record<string, ConceptGroup[]>, weight: number, idPrefix: string) => {
    for (const chainGroups of Object.values(groups)) {
      for (const entry of chainGroups) {
        const group = Array.isArray(entry) ? entry : entry.terms;
        if (group.length === 0) continue;
        const label = Array.isArray(entry) ? group[0]! : entry.label;
        const id = CONCEPT_PREFIX + idPrefix + normaliseText(group[0]!);
        conceptLabel.set(id, label);
        for (const term of group) {
          const t = normaliseText(term);
          addToTrie(conceptTrie, t, { id, weight });
          conceptTerms.push(t);
          const ids = conceptsOfTerm.get(t) ?? [];
          if (!ids.includes(id)) ids.push(id);
          conceptsOfTerm.set(t, ids);
        }
      }
    }
  };
  addGroups(conceptsData.synonyms as Record<string, ConceptGroup[]>, 1, "");
  // Related groups get their own ids ("~~") so that a paraphrase link never merges two synonym concepts.
  addGroups(conceptsData.related as Record<string, ConceptGroup[]>, conceptsData.relatedWeight, CONCEPT_PREFIX);
  // Symptom → discipline: what a company sees (异响, 发雾) joined to the discipline that treats it (振动噪声, 膜层).
  const layLinks = new Set<string>();
  addGroups(symptomGroups(layLinks), symptomsData.weight, DISCIPLINE_PREFIX.slice(CONCEPT_PREFIX.length));

  // Concept terms the segmenter keeps whole: up to three characters always (热失控, 膜电极); four-character terms
  // unless they are two dictionary words side by side (铂铑漏板 = 铂铑 + 漏板 must not hide 铂铑). Longer phrases
  // are left to the trie, so their parts stay visible as words.
  const shortTerms = new Set<string>([...domainWords, ...conceptTerms.filter((t) => Array.from(t).length <= 3)]);
  for (const t of conceptTerms) {
    const chars = Array.from(t);
    // Only all-Chinese terms: jieba already separates Latin runs (PC灯罩 → pc/灯罩), keep it that way.
    if (chars.length < 2 || !/^[\u4e00-\u9fff]+$/.test(t)) continue;
    if (chars.length <= 3) domainWords.add(t);
    else if (chars.length === 4) {
      const compound = shortTerms.has(chars.slice(0, 2).join("")) && shortTerms.has(chars.slice(2).join(""));
      if (!compound) domainWords.add(t);
    }
  }

  const compoundParts = compoundPartsOf(conceptTerms, conceptTrie);

  const chainCloseness = new Map<string, number>();
  for (const [a, b, v] of adjacencyData.related as Array<[string, string, number]>) {
    chainCloseness.set(`${a}|${b}`, v);
    chainCloseness.set(`${b}|${a}`, v);
  }

  const kindCues: KindCue[] = kindPriorsData.cues.map((c) => ({ pattern: new RegExp(c.pattern), fits: c.fits }));

  return {
    stopwords,
    functionChars,
    domainWords,
    conceptTrie,
    conceptLabel,
    conceptsOfTerm,
    compoundParts,
    layLinks,
    chainCloseness,
    unknownChain: adjacencyData.unknownChain,
    kindPriors: kindPriorsData.priors as Record<string, Record<string, number>>,
    kindCues,
    otherKindFactor: kindPriorsData.otherFactor,
    chainNames: labelsData.chains,
    platformKindNames: labelsData.platformKinds,
    regionNames: labelsData.regions,
  };
}

export function dictionaries(): Dictionaries {
  if (!cached) cached = build();
  return cached;
}
