import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import type { Logger } from "../../infra/logger";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { analyzeNeed, analyzeSupplier, prepareNeed, scorePrepared, type MatchScore, type NeedDoc, type TermVector } from "../matching/engine";
import {
  candidateNeeds,
  candidateSuppliers,
  readSupplierVectors,
  removeSupplierProfile,
  rerank,
  trimSuggestions,
  supplierCorpus,
  writeNeedProfile,
  writeSupplierProfile,
} from "./match-index";
import { loadSupplierDocs, supplierKey, type SupplierRef } from "./supplier-docs";

type Tx = PrismaTypes.TransactionClient;

/** How many suggestions a need keeps; matches that progressed past SUGGESTED are kept whatever their rank. */
export const MATCHES_PER_NEED = 30;
const CANDIDATE_QUOTA = { EXPERT: 300, PLATFORM: 60, SOCIETY: 60 };
// A new supplier is scored against the open needs that share most weighted terms with it (a cheap SQL
// overlap): beyond a few hundred, the candidates cannot enter a top list.
const NEEDS_PER_NEW_SUPPLIER = 300;

/**
 * Keeps matches current in both directions, inside the caller's transaction: a need is matched when it is
 * posted or changed; a supplier is matched against the open needs when it is created or changed. The engine
 * (modules/matching/engine) scores; this service reads candidates from the database index and writes matches.
 * It returns the events to publish after commit.
 */
export class MatchingService {
  constructor(
    private readonly pubsub: HubPubSub,
    private readonly log: Logger,
  ) {}

  publish(events: HubEvent[]): void {
    this.pubsub.publish(events);
  }

  async matchNeed(tx: Tx, needId: number): Promise<HubEvent[]> {
    const need = await tx.techNeed.findUniqueOrThrow({ where: { id: needId }, include: { enterprise: { select: { regionCode: true } } } });
    const doc = needDoc(need, need.enterprise.regionCode);
    const vector = analyzeNeed(doc);
    await writeNeedProfile(tx, need.id, vector);
    const corpus = await supplierCorpus(tx, termsOf(vector));
    const refs = await candidateSuppliers(tx, vector, corpus, CANDIDATE_QUOTA);
    const [docs, vectors] = await Promise.all([loadSupplierDocs(tx, refs, { texts: false }), readSupplierVectors(tx, refs)]);
    const candidates = refs.flatMap((ref) => {
      const key = supplierKey(ref);
      const supplier = docs.get(key);
      const terms = vectors.get(key);
      return supplier && terms ? [{ key, doc: supplier, terms }] : [];
    });
    const prepared = prepareNeed(doc, vector, corpus);
    // Ties break on the supplier key so that every instance ranks alike.
    const ranked = candidates
      .map((c) => ({ key: c.key, ref: parseKey(c.key), score: scorePrepared(prepared, c.doc, c.terms) }))
      .filter((r): r is { key: string; ref: SupplierRef; score: MatchScore } => r.score !== null)
      .sort((a, b) => b.score.score - a.score.score || (a.key < b.key ? -1 : 1))
      .slice(0, MATCHES_PER_NEED);
    return this.replaceSuggestions(tx, need, ranked);
  }

  /** Analyses a new or changed supplier and offers it to the open needs where it enters their top list. */
  async matchNewSupplier(tx: Tx, ref: SupplierRef): Promise<HubEvent[]> {
    const doc = (await loadSupplierDocs(tx, [ref])).get(supplierKey(ref));
    if (!doc) {
      await this.removeSupplier(tx, ref);
      return [];
    }
    const vector = analyzeSupplier(doc);
    await writeSupplierProfile(tx, ref, vector);
    const needIds = await candidateNeeds(tx, vector, NEEDS_PER_NEW_SUPPLIER);
    if (!needIds.length) return [];
    const needs = await tx.techNeed.findMany({
      where: { id: { in: needIds } },
      include: { enterprise: { select: { regionCode: true } }, matches: { select: { score: true, status: true } } },
    });
    const profiles = new Map((await tx.needProfile.findMany({ where: { needId: { in: needIds } } })).map((p) => [p.needId, p]));
    const corpus = await supplierCorpus(tx, [...new Set([...profiles.values()].flatMap((p) => [...Object.keys(p.terms as object), ...Object.keys((p.focus ?? {}) as object)]))]);
    const events: HubEvent[] = [];
    for (const need of needs) {
      const profile = profiles.get(need.id);
      if (!profile) continue;
      const needVector: TermVector = { terms: profile.terms as Record<string, number>, focus: (profile.focus ?? undefined) as TermVector["focus"], length: profile.length };
      const score = scorePrepared(prepareNeed(needDoc(need, need.enterprise.regionCode), needVector, corpus), doc, vector);
      if (!score || !entersTopList(need.matches, score.score)) continue;
      events.push(...(await this.addSuggestions(tx, need, [{ ref, score }])));
    }
    const touched = [...new Set(events.map((e) => (e.topic === "matchFound" ? e.payload.needId : 0)))];
    await rerank(tx, touched);
    await trimSuggestions(tx, touched, MATCHES_PER_NEED);
    this.log.debug({ supplier: supplierKey(ref), needsConsidered: needs.length, matched: events.length }, "supplier matched");
    return events;
  }

  /** Analyses suppliers into the index without offering them to needs (bulk loads; see matching-rebuild.ts). */
  async indexSuppliers(tx: Tx, refs: SupplierRef[]): Promise<void> {
    const docs = await loadSupplierDocs(tx, refs);
    for (const ref of refs) {
      const doc = docs.get(supplierKey(ref));
      if (doc) await writeSupplierProfile(tx, ref, analyzeSupplier(doc));
    }
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
    const column = ref.kind === "EXPERT" ? "expertId" : ref.kind === "PLATFORM" ? "platformId" : "societyId";
    const gone = await tx.match.findMany({ where: { [column]: ref.id, status: "SUGGESTED" }, select: { needId: true } });
    await tx.match.deleteMany({ where: { [column]: ref.id, status: "SUGGESTED" } });
    await rerank(tx, [...new Set(gone.map((m) => m.needId))]);
  }

  private async replaceSuggestions(tx: Tx, need: NeedRow, ranked: Array<{ ref: SupplierRef; score: MatchScore }>): Promise<HubEvent[]> {
    const existing = await tx.match.findMany({ where: { needId: need.id } });
    const existingByKey = new Map(existing.map((m) => [matchKey(m), m]));
    const keep = new Set(ranked.map((r) => supplierKey(r.ref)));
    const stale = existing.filter((m) => m.status === "SUGGESTED" && !keep.has(matchKey(m))).map((m) => m.id);
    if (stale.length) await tx.match.deleteMany({ where: { id: { in: stale } } });
    const fresh: Array<{ ref: SupplierRef; score: MatchScore }> = [];
    for (const entry of ranked) {
      const current = existingByKey.get(supplierKey(entry.ref));
      if (current) await tx.match.update({ where: { id: current.id }, data: matchData(entry.score) });
      else fresh.push(entry);
    }
    const events = await this.addSuggestions(tx, need, fresh);
    await rerank(tx, [need.id]);
    return events;
  }

  /** Inserts new suggestions in one statement; ranks are set by `rerank` in the same transaction. */
  private async addSuggestions(tx: Tx, need: NeedRow, entries: Array<{ ref: SupplierRef; score: MatchScore }>): Promise<HubEvent[]> {
    if (!entries.length) return [];
    const created = await tx.match.createManyAndReturn({
      data: entries.map(({ ref, score }) => ({
        needId: need.id,
        supplierKind: ref.kind,
        expertId: ref.kind === "EXPERT" ? ref.id : null,
        platformId: ref.kind === "PLATFORM" ? ref.id : null,
        societyId: ref.kind === "SOCIETY" ? ref.id : null,
        rank: 0,
        ...matchData(score),
      })),
      select: { id: true, supplierKind: true, expertId: true, platformId: true, societyId: true, score: true },
    });
    return created.map((m) => ({
      topic: "matchFound" as const,
      payload: { matchId: m.id, needId: need.id, chainCode: need.chainCode, supplierKind: m.supplierKind, supplierId: (m.expertId ?? m.platformId ?? m.societyId)!, score: m.score },
    }));
  }
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

function matchData(score: MatchScore) {
  return {
    score: score.score,
    breakdown: score.breakdown as unknown as PrismaTypes.InputJsonValue,
    matchedTerms: score.matchedTerms,
    reason: score.reason,
  };
}

/** A new score enters a need's list when the list has room or it beats the weakest suggestion. */
function entersTopList(matches: Array<{ score: number; status: string }>, score: number): boolean {
  const suggested = matches.filter((m) => m.status === "SUGGESTED");
  if (suggested.length < MATCHES_PER_NEED) return true;
  return score > Math.min(...suggested.map((m) => m.score));
}

function matchKey(m: { supplierKind: string; expertId: number | null; platformId: number | null; societyId: number | null }): string {
  return `${m.supplierKind}:${m.expertId ?? m.platformId ?? m.societyId}`;
}

function parseKey(key: string): SupplierRef {
  const [kind, id] = key.split(":");
  return { kind: kind as SupplierRef["kind"], id: Number(id) };
}
