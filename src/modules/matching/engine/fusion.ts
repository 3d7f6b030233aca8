// EXPERIMENT (helper mfuse): rank fusion of several views of relevance. Configured by env MFUSE (JSON) while measuring.
import { bm25, packVector, type PreparedQuery, type QueryTerm } from "./bm25";
import { CONCEPT_PREFIX, DISCIPLINE_PREFIX } from "./dictionaries";
import type { PreparedNeed } from "./score";
import type { SupplierTerms } from "./types";

export interface FusionConfig {
  k: number;
  /** weight of each view in the fused sum */
  views: Partial<Record<ViewName, number>>;
  /** fuse only among the first `depth` by today's score (the rest keep their order below) */
  depth?: number;
  /** candidates a view scores 0 get no contribution from it (else: the view's last rank) */
  zeroNone?: boolean;
  /** each text view times the supplier's feature factor (score / text), so kind, chain … count in every view */
  featured?: boolean;
  /** not in the feedback's first ranking */
  finalOnly?: boolean;
}

let suspended = false;
/** run without fusion (the feedback's first ranking, when finalOnly) */
export function withoutFusion<T>(fn: () => T): T {
  suspended = true;
  try {
    return fn();
  } finally {
    suspended = false;
  }
}

export type ViewName = "score" | "text" | "concept" | "disc" | "ask" | "askConcept" | "cover" | "coverConcept";

export function fusionConfig(): FusionConfig | null {
  const raw = process.env.MFUSE;
  if (!raw) return null;
  const config = JSON.parse(raw) as FusionConfig;
  return suspended && config.finalOnly ? null : config;
}

function subQuery(query: PreparedQuery, keep: (t: QueryTerm) => boolean): PreparedQuery {
  const terms = query.terms.filter(keep);
  const filter = new Uint32Array(query.filter.length);
  filter.fill(0xffffffff); // no filtering: correctness over speed in an experiment
  let selfScore = 0;
  for (const t of terms) selfScore += t.weight * t.idf;
  return { terms, byTerm: new Map(terms.map((t) => [t.term, t])), filter, selfScore, averageLength: query.averageLength };
}

const isConcept = (t: QueryTerm) => t.term.startsWith(CONCEPT_PREFIX);
const isDiscipline = (t: QueryTerm) => t.term.startsWith(DISCIPLINE_PREFIX);

/** idf-weighted share of the query's chosen terms the supplier holds */
function coverage(query: PreparedQuery, supplier: SupplierTerms): number {
  if (query.selfScore <= 0) return 0;
  const { keys, weights } = packVector(supplier);
  let held = 0;
  let total = 0;
  for (const t of query.terms) total += t.idf;
  const have = new Set<string>();
  for (let i = 0; i < keys.length; i++) if (weights[i]! > 0) have.add(keys[i]!);
  for (const t of query.terms) if (have.has(t.term)) held += t.idf;
  return total > 0 ? held / total : 0;
}

export interface FusionItem {
  terms: SupplierTerms;
  score: number;
  text: number;
}

/** each view's values per item */
export function viewValuesOf(prepared: PreparedNeed, items: FusionItem[], name: ViewName, featured = false): number[] {
  return viewValues(prepared, items, { k: 60, views: { [name]: 1 }, featured }, name);
}

function viewValues(prepared: PreparedNeed, items: FusionItem[], config: FusionConfig, only: ViewName): number[] {
  const concept = subQuery(prepared.query, isConcept);
  const disc = subQuery(prepared.query, isDiscipline);
  const askConcept = prepared.focus ? subQuery(prepared.focus, isConcept) : null;
  const viewValue: Record<ViewName, (i: FusionItem) => number> = {
    score: (i) => i.score,
    text: (i) => i.text,
    concept: (i) => bm25(concept, i.terms, false).raw,
    disc: (i) => bm25(disc, i.terms, false).raw,
    ask: (i) => (prepared.focus ? bm25(prepared.focus, i.terms, false).raw : 0),
    askConcept: (i) => (askConcept ? bm25(askConcept, i.terms, false).raw : 0),
    cover: (i) => coverage(disc, i.terms),
    coverConcept: (i) => coverage(concept, i.terms),
  };
  return items.map((i) => {
    const v = viewValue[only](i);
    return config.featured && only !== "score" && only !== "text" && i.text > 0 ? v * (i.score / i.text) : v;
  });
}

/** fused value per item (higher first) */
export function fusedValues(prepared: PreparedNeed, items: FusionItem[], config: FusionConfig): number[] {
  const fused = new Array<number>(items.length).fill(0);
  for (const [name, weight] of Object.entries(config.views) as Array<[ViewName, number]>) {
    if (!weight) continue;
    const values = viewValues(prepared, items, config, name);
    if (values.every((v) => v <= 0)) continue; // a view with nothing to say (no ask, no disciplines) abstains
    const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
    const rank = new Array<number>(items.length);
    let r = 0;
    for (let p = 0; p < order.length; p++) {
      if (p === 0 || values[order[p]!]! < values[order[p - 1]!]!) r = p + 1; // ties share the best rank
      rank[order[p]!] = r;
    }
    for (let i = 0; i < items.length; i++) {
      if (values[i]! <= 0) {
        if (config.zeroNone) continue;
        fused[i] += weight / (config.k + items.length);
      } else fused[i] += weight / (config.k + rank[i]!);
    }
  }
  return fused;
}
