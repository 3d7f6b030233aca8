// What decides a stored vector: the data analysis reads and the analysis code's own version. Each stored supplier and
// need vector records the fingerprint that made it; the hub re-reads those of another one (match/reanalysis.ts).
import { createHash } from "node:crypto";
import conceptsData from "../data/concepts.json";
import stopwordsData from "../data/stopwords.json";
import userdictData from "../data/userdict.json";
import symptomsData from "../data/symptoms.json";
import layWordsData from "../data/lay-words.json";

/**
 * Bump by hand whenever a change to the analysis code (tokenizer, concepts, need roles, analyze) changes the terms
 * or weights a text is read into: stored vectors are then re-read once the new version's hub starts.
 */
export const ANALYSIS_VERSION = 1;

// Only the data analysis reads: labels, kind priors, chain adjacency and feature weights matter to scoring, which
// is computed afresh on every ranking. jieba's version stands for its general dictionary (dict.txt, 5 MB, not read here).
const ANALYSIS_DATA = { concepts: conceptsData, stopwords: stopwordsData, userdict: userdictData, symptoms: symptomsData, layWords: layWordsData };

let cached: string | null = null;

/** A stable hash of the reading: equal fingerprints read every text into the same vector. */
export function analysisFingerprint(): string {
  if (cached) return cached;
  const jieba = (require("@node-rs/jieba/package.json") as { version: string }).version;
  const hash = createHash("sha256").update(JSON.stringify({ jieba, data: ANALYSIS_DATA })).digest("hex").slice(0, 16);
  return (cached = `v${ANALYSIS_VERSION}-${hash}`);
}
