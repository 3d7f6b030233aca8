// Chinese segmentation: jieba (loaded once, lazily) with the domain user dictionary, stop-word filtering, and
// character bigrams as a fallback for text that no dictionary knows.
import fs from "node:fs";
import { Jieba } from "@node-rs/jieba";
import { dictionaries, normaliseText } from "./dictionaries";

let jieba: Jieba | null = null;

// High enough that jieba keeps a domain word whole instead of splitting it into general-dictionary words
// (热失控 → 热/失控), low enough that it does not glue a domain word onto its neighbours.
const USER_WORD_FREQUENCY = 30000;

/**
 * jieba's general dictionary, read only while the segmenter is built. `@node-rs/jieba/dict` would read it (5 MB)
 * and its IDF table (6 MB, which segmentation never uses) at start-up and keep both for the life of the process.
 */
function generalDictionary(): Buffer {
  return fs.readFileSync(require.resolve("@node-rs/jieba/dict.txt"));
}

function segmenter(): Jieba {
  if (!jieba) {
    const j = Jieba.withDict(generalDictionary());
    const lines: string[] = [];
    for (const w of dictionaries().domainWords) {
      if (!/\s/.test(w)) lines.push(`${w} ${USER_WORD_FREQUENCY} n`);
    }
    j.loadDict(Buffer.from(lines.join("\n") + "\n", "utf8"));
    jieba = j;
  }
  return jieba;
}

const CJK = /[\u4e00-\u9fff]/;
const HAS_LETTER = /[a-z]/;
const WORDLIKE = /^[a-z0-9][a-z0-9\-+.]*$/;
// A number with its unit (200kg, 3kw, 0.3μm) is a measurement, not a term.
const QUANTITY = /^[0-9][0-9.\-+]*[a-zμ%]{0,4}$/;

/** True when a segment is worth a term: not a stop word, not punctuation or a bare number. */
function keepToken(token: string): boolean {
  const d = dictionaries();
  if (d.stopwords.has(token)) return false;
  if (CJK.test(token)) {
    // Single characters are mostly function words or fragments of unknown words (the bigrams cover those);
    // keep only the ones the dictionaries name (铂, 泵 ...).
    return Array.from(token).length > 1 || d.domainWords.has(token);
  }
  // Latin tokens: model numbers and abbreviations (LED, PC, SOH); drop numbers and units.
  return WORDLIKE.test(token) && HAS_LETTER.test(token) && token.length >= 2 && !QUANTITY.test(token);
}

/** Words of a text, in order, stop words removed. The text is normalised first. */
export function segmentWords(text: string): string[] {
  const normalised = normaliseText(text);
  if (!normalised.trim()) return [];
  const out: string[] = [];
  for (const raw of segmenter().cut(normalised, true)) {
    const token = raw.trim();
    if (token && keepToken(token)) out.push(token);
  }
  return out;
}

/**
 * Character bigrams of the Chinese runs of a text: the fallback that lets text the dictionaries do not know
 * still match (依克多因 vs 依克多/因). Bigrams with a function character (的, 和, 在 ...) are dropped unless the
 * bigram itself is a known domain word (中试).
 */
export function characterBigrams(text: string): string[] {
  const d = dictionaries();
  const normalised = normaliseText(text);
  const out: string[] = [];
  for (const run of normalised.match(/[\u4e00-\u9fff]{2,}/g) ?? []) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) {
      const a = chars[i]!;
      const b = chars[i + 1]!;
      const bigram = a + b;
      if (d.stopwords.has(bigram)) continue;
      if ((d.functionChars.has(a) || d.functionChars.has(b)) && !d.domainWords.has(bigram)) continue;
      out.push(bigram);
    }
  }
  return out;
}

/**
 * Where the segmenter's words end in a text, as character offsets (one past each word's last character), over the
 * normalised text (the offsets detectConcepts uses), with each word's length in characters.
 */
export function wordEnds(text: string): Map<number, number> {
  const ends = new Map<number, number>();
  let at = 0;
  for (const token of segmenter().cut(normaliseText(text), true)) {
    const length = Array.from(token).length;
    at += length;
    ends.set(at, length);
  }
  return ends;
}

/** Loads the segmenter now (it takes a while: (measured: docs/benchmarks.md, "Design decisions measured")) instead of on the first analysis; call at start-up if you like. */
export function warmUpSegmenter(): void {
  segmenter();
}
