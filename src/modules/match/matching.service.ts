import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import type { Prisma as P } from "../../generated/prisma/client";
import type { Logger } from "../../infra/logger";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { analyzeNeed, analyzeSupplier, type CorpusStats, FEEDBACK_TOP, feedbackExpansion, type MatchScore, type NeedDoc, type PackedVector, type PreparedNeed, prepareNeed, type RankCandidate, rankPrepared, scorePrepared, shortlist, type SupplierDoc, type TermVector } from "../matching";
import {
  candidateNeeds,
  candidateSuppliers,
  corpusStatsJson,
  insertMatches,
  newVectorCache,
  readSupplierVectors,
  removeSupplierProfile,
  rerank,
  rescoreMatches,
  trimSuggestions,
  supplierCorpus,
  writeNeedProfile,
  writeSupplierProfiles,
  type IndexedSupplier,
  type NeedProfileWrite,
} from "./match-index";
import { CANDIDATE_QUOTA, supplierKeyOf, supplierOfRow } from "../supplier";
import { conflictedNeedIds } from "../conflict";
import type { SupplierRef } from "../supplier";
import { loadSupplierDocs, supplierKey } from "./supplier-docs";
import { newCapacityCache, whyUnavailable } from "../engagement";
import { matchFound, type Notifier } from "../notification";
import { cachedScoringDocs, currentScoringDoc, newScoringCache } from "./supplier-scoring-docs";

type Tx = PrismaTypes.TransactionClient;
/** Called after each matching run with its direction and duration in seconds. */
export type MatchingObserver = (direction: "need" | "supplier", seconds: number) => void;

/** How many suggestions a need keeps; matches that progressed past SUGGESTED are kept whatever their rank. */
export const MATCHES_PER_NEED = 30;
// A new supplier is scored against the open needs that share most weighted terms with it (a cheap SQL
// overlap): beyond a few hundred, the candidates cannot enter a top list.
const NEEDS_PER_NEW_SUPPLIER = 300;

/**
 * Keeps matches current in both directions, inside the caller's transaction: a need is matched when it is
 * posted or changed; a supplier is matched against the open needs when it is created or changed. The engine
 * (modules/matching/engine) scores; this service reads candidates from the database index and writes matches.
 * It tells the matched suppliers' users (MATCH_FOUND, in the same transaction) and returns the events to publish
 * after commit.
 */
export class MatchingService {
  private observe: MatchingObserver = () => {};
  // What this hub's database said of its suppliers, checked against their versions on every use; one set per
  // service, so per database (versions count per database).
  private readonly vectors = newVectorCache();
  /** The experts at capacity as last counted on this database (engagement.ts). */
  private readonly capacity = newCapacityCache();
  private readonly scoringProfiles = newScoringCache();

  constructor(
    private readonly pubsub: HubPubSub,
    private readonly log: Logger,
    private readonly notifier: Notifier,
    /**
     * The fingerprint of the engine's reading (analysisFingerprint()), written beside every profile this service
     * writes, so that rows of another reading can be found and read again (reanalysis.ts).
     */
    readonly reading: string,
  ) {}

  publish(events: HubEvent[]): void {
    this.pubsub.publish(events);
  }

  /** Told how long each matching run took (the hub's metrics); neither this service nor the engine knows of them. */
  observeWith(observer: MatchingObserver): void {
    this.observe = observer;
  }

  /**
   * `known`: the need as the caller just wrote it, saving the read (postNeed). `notify: false` for bulk loads
   * (matching-rebuild.ts): matches made for data loaded in bulk are nobody's news.
   */
  matchNeed(tx: Tx, needId: number, known?: KnownNeed, { notify = true } = {}): Promise<HubEvent[]> {
    return this.timed("need", () => this.matchNeedNow(tx, needId, known, notify));
  }

  matchNewSupplier(tx: Tx, ref: SupplierRef): Promise<HubEvent[]> {
    return this.timed("supplier", () => this.matchNewSupplierNow(tx, ref));
  }

  private async timed(direction: "need" | "supplier", work: () => Promise<HubEvent[]>): Promise<HubEvent[]> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.observe(direction, (performance.now() - started) / 1000);
    }
  }

  private async matchNeedNow(tx: Tx, needId: number, known: KnownNeed | undefined, notify: boolean): Promise<HubEvent[]> {
    const { need, regionCode, fresh = false, indexed } = known ?? (await readNeed(tx, needId));
    const { ranked, vector } = await this.rankNeed(tx, need, regionCode, indexed);
    this.log.debug({ needId: need.id, kept: ranked.length, related: vector.related?.length ?? 0 }, "need matched");
    // The profile is the vector the need was ranked with, related concepts included, written once after the ranking
    // that chose them: every later score of the need (a new or changed supplier) reads the same terms. A fresh need's
    // goes with its matches (one statement); a fresh need has no matches yet: its list is exactly `ranked`, best
    // first, so the order is the rank.
    const profile = { needId: need.id, vector, reading: this.reading };
    if (fresh && ranked.length) return this.addSuggestions(tx, ranked.map((r, i) => ({ need, ...r, rank: i + 1 })), notify, profile);
    await writeNeedProfile(tx, profile);
    return fresh ? [] : this.replaceSuggestions(tx, need, ranked, notify);
  }

  /**
   * Reads open needs' profiles afresh after the engine's reading changed (reindex.ts), each ranked as a post ranks it
   * so that its related concepts are this reading's too. Only the profiles are written: the needs' matches carry users'
   * decisions and stay (`npm run rematch` replaces suggestions).
   */
  async reanalyseNeeds(tx: Tx, needIds: number[]): Promise<void> {
    for (const needId of needIds) {
      const { need, regionCode } = await readNeed(tx, needId);
      await writeNeedProfile(tx, { needId: need.id, vector: (await this.rankNeed(tx, need, regionCode)).vector, reading: this.reading });
    }
  }

  /** The need read (or taken as the caller analysed it) and ranked among its candidates. */
  private async rankNeed(tx: Tx, need: NeedRow, regionCode: string | null, indexed?: KnownNeed["indexed"]): Promise<{ ranked: Ranked[]; vector: TermVector }> {
    const doc = needDoc(need, regionCode);
    const analysed = indexed?.vector ?? analyzeNeed(doc);
    const corpus = indexed?.corpus ?? (await supplierCorpus(tx, termsOf(analysed)));
    return this.rankWith(tx, doc, analysed, corpus, undefined, need.enterpriseId);
  }

  /**
   * The need's top list, best first, read from the index without writing anything. `headPerQuota`: how much of each
   * postings list the candidate search reads (match-index.ts; `null` reads all, for measuring what the default misses).
   */
  async rankSuppliers(tx: Tx, doc: NeedDoc, vector: TermVector, headPerQuota?: number | null): Promise<Ranked[]> {
    return (await this.rankWith(tx, doc, vector, await supplierCorpus(tx, termsOf(vector)), headPerQuota)).ranked;
  }

  /**
   * Ranks the candidates twice (pseudo-relevance feedback, engine/feedback.ts): the concepts all of the first
   * ranking's top three suppliers hold join the need's terms as related concepts, and the same candidates are ranked
   * again (no second candidate search: a supplier reached only through a related concept is not looked for; on the
   * own set's dev split and the sample one would change no top 30, docs/matching-eval.md "Seventh round"). Returns the
   * vector of the second ranking. The related concepts' document frequencies cost one statement, only when some are
   * added. Reads only the suppliers this need found: never another need's text (CONFIDENTIAL ones included).
   * `enterpriseId`: the need's enterprise, whose conflicted suppliers are left out in the candidate search.
   */
  private async rankWith(
    tx: Tx,
    doc: NeedDoc,
    vector: TermVector,
    corpus: CorpusStats,
    headPerQuota?: number | null,
    enterpriseId: number | null = null,
  ): Promise<{ ranked: Ranked[]; vector: TermVector }> {
    const found = await candidateSuppliers(tx, vector, corpus, CANDIDATE_QUOTA, headPerQuota, enterpriseId, new Date(), this.capacity);
    const vectors = await readSupplierVectors(tx, found, this.vectors);
    const indexed = found.flatMap((ref) => {
      const key = supplierKey(ref);
      const terms = vectors.get(key);
      return terms ? [{ key, ref, terms }] : [];
    });
    const first = await this.rankAmong(tx, prepareNeed(doc, vector, corpus), indexed);
    const widened = feedbackExpansion(vector, first.slice(0, FEEDBACK_TOP).map((r) => vectors.get(r.key)!));
    if (widened === vector) return { ranked: toRanked(first), vector };
    const added = (widened.related ?? []).filter((term) => !(term in vector.terms));
    const wider = withFrequencies(corpus, await supplierCorpus(tx, added));
    return { ranked: toRanked(await this.rankAmong(tx, prepareNeed(doc, widened, wider), indexed)), vector: widened };
  }

  /** The top list among the candidates found, with explanations; ties break on the supplier key so that every instance ranks alike. */
  private async rankAmong(tx: Tx, prepared: PreparedNeed, indexed: Array<{ key: string; ref: IndexedSupplier; terms: PackedVector }>) {
    return rankPrepared(prepared, await this.shortlistWithDocs(tx, prepared, indexed), MATCHES_PER_NEED);
  }

  /**
   * Text relevance bounds the score: the rest of a supplier's profile (capacity, track record, chains) is read
   * only for the candidates that can still enter the top list, most cannot. A shortlisted supplier without a
   * profile (deactivated meanwhile) leaves the pool and the shortlist is drawn again, so the bound stays exact.
   */
  private async shortlistWithDocs(tx: Tx, prepared: PreparedNeed, indexed: Array<{ key: string; ref: IndexedSupplier; terms: PackedVector }>): Promise<RankCandidate[]> {
    const docs = new Map<string, SupplierDoc>();
    // The profiles this instance holds current are scored exactly by the shortlist, which keeps it as tight as it was
    // before the outcome feature (signed) widened the bounds of the others.
    let pool = indexed.map((c) => {
      const doc = currentScoringDoc(c.ref, this.scoringProfiles);
      return doc ? { ...c, doc } : c;
    });
    for (;;) {
      const relevant = shortlist(prepared, pool, MATCHES_PER_NEED);
      const unread = relevant.filter((c) => !docs.has(c.key)).map((c) => c.ref);
      for (const [key, doc] of await cachedScoringDocs(tx, unread, this.scoringProfiles)) docs.set(key, doc);
      const gone = new Set(unread.map(supplierKey).filter((key) => !docs.has(key)));
      if (!gone.size) return relevant.map((c) => ({ key: c.key, doc: docs.get(c.key)!, terms: c.terms, text: c.text }));
      pool = pool.filter((c) => !gone.has(c.key));
    }
  }

  /** Analyses a new or changed supplier and offers it to the open needs where it enters their top list. */
  private async matchNewSupplierNow(tx: Tx, ref: SupplierRef): Promise<HubEvent[]> {
    const doc = (await loadSupplierDocs(tx, [ref])).get(supplierKey(ref));
    if (!doc) {
      await this.removeSupplier(tx, ref);
      return [];
    }
    const vector = analyzeSupplier(doc);
    await writeSupplierProfiles(tx, [{ ref, vector }], this.reading);
    // At capacity or outside its availability: indexed, but offered to no need (postNeed filters it the same way).
    if (await whyUnavailable(tx, ref)) return [];
    const found = await candidateNeeds(tx, vector, NEEDS_PER_NEW_SUPPLIER);
    // Never offered to the needs of an enterprise it is in conflict with (whatever their visibility).
    const conflicted = await conflictedNeedIds(tx, ref, found);
    const needIds = found.filter((id) => !conflicted.has(id));
    if (!needIds.length) return [];
    const needs = await tx.techNeed.findMany({
      where: { id: { in: needIds } },
      include: { enterprise: { select: { regionCode: true } }, matches: { select: { score: true, status: true, supplierKind: true, supplierId: true } } },
    });
    const profiles = new Map((await tx.needProfile.findMany({ where: { needId: { in: needIds } } })).map((p) => [p.needId, p]));
    const corpus = await supplierCorpus(tx, [...new Set([...profiles.values()].flatMap((p) => [...Object.keys(p.terms as object), ...Object.keys((p.focus ?? {}) as object)]))]);
    const entries: Suggestion[] = [];
    for (const need of needs) {
      const profile = profiles.get(need.id);
      // A need that already holds this supplier keeps its match (one per supplier and need: the key is unique).
      if (!profile || need.matches.some((m) => m.supplierKind === ref.kind && m.supplierId === ref.id)) continue;
      const needVector: TermVector = {
        terms: profile.terms as Record<string, number>,
        focus: (profile.focus ?? undefined) as TermVector["focus"],
        length: profile.length,
        related: profile.related,
      };
      const score = scorePrepared(prepareNeed(needDoc(need, need.enterprise.regionCode), needVector, corpus), doc, vector);
      if (score && entersTopList(need.matches, score.score)) entries.push({ need, ref, score });
    }
    // One insert for every need the supplier enters, then one rerank and one trim over them all.
    const events = await this.addSuggestions(tx, entries, true);
    const touched = entries.map((e) => e.need.id);
    await rerank(tx, touched);
    await trimSuggestions(tx, touched, MATCHES_PER_NEED);
    this.log.debug({ supplier: supplierKey(ref), needsConsidered: needs.length, matched: events.length }, "supplier matched");
    return events;
  }

  /** Analyses suppliers into the index without offering them to needs (bulk loads; see matching-rebuild.ts). */
  async indexSuppliers(tx: Tx, refs: SupplierRef[]): Promise<void> {
    const docs = await loadSupplierDocs(tx, refs);
    const entries = refs.flatMap((ref) => {
      const doc = docs.get(supplierKey(ref));
      return doc ? [{ ref, vector: analyzeSupplier(doc) }] : [];
    });
    await writeSupplierProfiles(tx, entries, this.reading);
  }

  /** Several suppliers changed together (an expert and the societies it joined). */
  async matchChangedSuppliers(tx: Tx, refs: SupplierRef[]): Promise<HubEvent[]> {
    const events: HubEvent[] = [];
    for (const ref of refs) events.push(...(await this.rematchSupplier(tx, ref)));
    return events;
  }

  /**
   * A supplier whose profile changed: its old suggestions go (they were scored on the old text), then it is
   * offered to the open needs afresh. Progressed matches (viewed, contacted …) stay.
   */
  async rematchSupplier(tx: Tx, ref: SupplierRef): Promise<HubEvent[]> {
    await this.dropSuggestions(tx, ref);
    return this.matchNewSupplier(tx, ref);
  }

  /** A deleted or deactivated supplier leaves the index and every suggestion it had. */
  async removeSupplier(tx: Tx, ref: SupplierRef): Promise<void> {
    await removeSupplierProfile(tx, ref);
    await this.dropSuggestions(tx, ref);
  }

  private async dropSuggestions(tx: Tx, ref: SupplierRef): Promise<void> {
    const where = { ...supplierKeyOf(ref), status: "SUGGESTED" as const };
    const gone = await tx.match.findMany({ where, select: { needId: true } });
    await tx.match.deleteMany({ where });
    await rerank(tx, [...new Set(gone.map((m) => m.needId))]);
  }

  private async replaceSuggestions(tx: Tx, need: NeedRow, ranked: Ranked[], notify: boolean): Promise<HubEvent[]> {
    const existing = await tx.match.findMany({ where: { needId: need.id } });
    const existingByKey = new Map(existing.map((m) => [matchKey(m), m]));
    const keep = new Set(ranked.map((r) => supplierKey(r.ref)));
    const stale = existing.filter((m) => m.status === "SUGGESTED" && !keep.has(matchKey(m))).map((m) => m.id);
    if (stale.length) await tx.match.deleteMany({ where: { id: { in: stale } } });
    const fresh: Suggestion[] = [];
    const rescored: Array<{ id: number; score: MatchScore }> = [];
    for (const entry of ranked) {
      const current = existingByKey.get(supplierKey(entry.ref));
      if (current) rescored.push({ id: current.id, score: entry.score });
      else fresh.push({ need, ...entry });
    }
    await rescoreMatches(tx, rescored);
    const events = await this.addSuggestions(tx, fresh, notify);
    await rerank(tx, [need.id]);
    return events;
  }

  /**
   * Inserts new suggestions (of one need or several) in one statement; without a rank, `rerank` sets it later in the
   * transaction. With `notify`, their suppliers' users are told in one more. `needProfile`: a new need's profile,
   * written in the same statement.
   */
  private async addSuggestions(tx: Tx, entries: Suggestion[], notify: boolean, needProfile?: NeedProfileWrite): Promise<HubEvent[]> {
    if (!entries.length) return [];
    const needs = new Map(entries.map((e) => [e.need.id, e.need]));
    const created = await insertMatches(
      tx,
      entries.map(({ need, ref, score, rank }) => ({ needId: need.id, ref, rank: rank ?? 0, score })),
      new Date(),
      needProfile,
    );
    const events: HubEvent[] = created.map((m) => ({
      topic: "matchFound" as const,
      payload: { matchId: m.id, needId: m.needId, chainCode: needs.get(m.needId)!.chainCode, supplierKind: m.supplierKind, supplierId: m.supplierId, score: m.score },
    }));
    if (!notify) return events;
    const notes = created.map((m) => matchFound(needs.get(m.needId)!, { id: m.id, supplier: { kind: m.supplierKind, id: m.supplierId }, score: m.score }));
    return [...events, ...(await this.notifier.notify(tx, notes))];
  }
}

/** A suggestion to insert; `rank` when known (a fresh need's whole list), else `rerank` sets it. */
interface Suggestion {
  need: NeedRow;
  ref: SupplierRef;
  score: MatchScore;
  rank?: number;
}

/** A supplier in a need's top list, best first. */
type Ranked = { ref: SupplierRef; score: MatchScore };

/** A need its caller has just read or written; `fresh`: created in this transaction, so it has no matches yet. */
export interface KnownNeed {
  need: NeedRow;
  regionCode: string | null;
  fresh?: boolean;
  /** The caller analysed the need (analyseNewNeed) and read the corpus statistics of its terms; matchNeed writes its profile. */
  indexed?: { vector: TermVector; corpus: CorpusStats };
}

/**
 * What a new need's insert reads for the matching index in the same statement (postNeed): its vector and a json value
 * with the corpus statistics of its terms (read by `corpusFromJson`). Its profile is written with its matches, once
 * ranking has chosen its related concepts (matchNeed).
 */
export function analyseNewNeed(need: Omit<NeedDoc, "regionCode">): { vector: TermVector; corpus: P.Sql } {
  // Analysis reads the texts only: the region (the enterprise's, read by the same statement) matters to scoring.
  const vector = analyzeNeed({ ...need, regionCode: null });
  return { vector, corpus: corpusStatsJson(termsOf(vector)) };
}

async function readNeed(tx: Tx, needId: number): Promise<KnownNeed> {
  const need = await tx.techNeed.findUniqueOrThrow({ where: { id: needId }, include: { enterprise: { select: { regionCode: true } } } });
  return { need, regionCode: need.enterprise.regionCode };
}

const termsOf = (vector: TermVector) => [...new Set([...Object.keys(vector.terms), ...Object.keys(vector.focus ?? {})])];

export function needDoc(need: NeedRow, regionCode: string | null): NeedDoc {
  return {
    title: need.title,
    description: need.description,
    keywords: need.keywords,
    chainCode: need.chainCode,
    kind: need.kind,
    regionCode,
    budgetMin: need.budgetMin,
    budgetMax: need.budgetMax,
    deadline: need.deadline,
  };
}

/** A new score enters a need's list when the list has room or it beats the weakest suggestion. */
function entersTopList(matches: Array<{ score: number; status: string }>, score: number): boolean {
  const suggested = matches.filter((m) => m.status === "SUGGESTED");
  if (suggested.length < MATCHES_PER_NEED) return true;
  return score > Math.min(...suggested.map((m) => m.score));
}

function matchKey(m: Parameters<typeof supplierOfRow>[0]): string {
  return supplierKey(supplierOfRow(m));
}

const toRanked = (ranked: Array<{ key: string; match: MatchScore }>): Ranked[] => ranked.map((r) => ({ ref: parseKey(r.key), score: r.match }));

/** The corpus statistics with the document frequencies of more terms (read on their own). */
function withFrequencies(corpus: CorpusStats, more: CorpusStats): CorpusStats {
  return {
    documentCount: corpus.documentCount,
    averageLength: corpus.averageLength,
    documentFrequency: (term) => more.documentFrequency(term) || corpus.documentFrequency(term),
  };
}

function parseKey(key: string): SupplierRef {
  const [kind, id] = key.split(":");
  return { kind: kind as SupplierRef["kind"], id: Number(id) };
}
