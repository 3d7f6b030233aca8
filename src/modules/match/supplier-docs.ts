import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { SupplierDoc } from "../matching/engine";
import { expertScoringDocs, platformScoringDocs, societyScoringDocs } from "./supplier-scoring-docs";

type Tx = PrismaTypes.TransactionClient;

export interface SupplierRef {
  kind: SupplierKind;
  id: number;
}

export const supplierKey = (ref: SupplierRef) => `${ref.kind}:${ref.id}`;

// Engagements that occupy one of an expert's slots.
const ACTIVE_MATCH_STATUSES = ["CONTACTED", "ACCEPTED", "DOCKED"] as const;

/**
 * Loads what the engine needs to know about suppliers, a few queries per kind whatever the count.
 * `texts: false` leaves the free texts out: scoring reads the analysed vectors, only analysis needs the texts
 * (supplier-scoring-docs.ts).
 */
export async function loadSupplierDocs(tx: Tx, refs: SupplierRef[], { texts = true } = {}): Promise<Map<string, SupplierDoc>> {
  const ids = (kind: SupplierKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const docs = new Map<string, SupplierDoc>();
  const [experts, platforms, societies] = await Promise.all(
    texts
      ? [expertDocs(tx, ids("EXPERT"), true), platformDocs(tx, ids("PLATFORM"), true), societyDocs(tx, ids("SOCIETY"), true)]
      : [expertScoringDocs(tx, ids("EXPERT")), platformScoringDocs(tx, ids("PLATFORM")), societyScoringDocs(tx, ids("SOCIETY"))],
  );
  for (const [id, doc] of experts) docs.set(supplierKey({ kind: "EXPERT", id }), doc);
  for (const [id, doc] of platforms) docs.set(supplierKey({ kind: "PLATFORM", id }), doc);
  for (const [id, doc] of societies) docs.set(supplierKey({ kind: "SOCIETY", id }), doc);
  return docs;
}

async function expertDocs(tx: Tx, ids: number[], texts: boolean): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const [rows, busy, track] = await Promise.all([
    tx.expert.findMany({
      where: { id: { in: ids }, active: true },
      select: { id: true, name: true, capacity: true, keywords: true, title: texts, affiliation: texts, expertise: texts, chains: { select: { chainCode: true } } },
    }),
    tx.match.groupBy({ by: ["expertId"], where: { expertId: { in: ids }, status: { in: [...ACTIVE_MATCH_STATUSES] } }, _count: true }),
    tx.$queryRaw<Array<{ expertId: number; responses: number; accepted: number }>>`
      SELECT re."expertId", count(*)::int AS responses, (count(*) FILTER (WHERE r.status = 'ACCEPTED'))::int AS accepted
      FROM "ResponseExpert" re JOIN "Response" r ON r.id = re."responseId"
      WHERE re."expertId" = ANY(${ids}::int[]) GROUP BY re."expertId"`,
  ]);
  const busyBy = new Map(busy.map((b) => [b.expertId!, b._count]));
  const trackBy = new Map(track.map((t) => [t.expertId, t]));
  return new Map(
    rows.map((e) => {
      const doc: SupplierDoc = {
        kind: "EXPERT",
        name: e.name,
        text: texts ? [e.title, e.affiliation, e.expertise].filter(Boolean).join("。") : "",
        keywords: e.keywords,
        chainCodes: e.chains.map((c) => c.chainCode),
        regionCode: null,
        capacity: e.capacity,
        activeEngagements: busyBy.get(e.id) ?? 0,
        responses: trackBy.get(e.id)?.responses ?? 0,
        acceptedResponses: trackBy.get(e.id)?.accepted ?? 0,
      };
      return [e.id, doc];
    }),
  );
}

async function platformDocs(tx: Tx, ids: number[], texts: boolean): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const rows = await tx.innovationPlatform.findMany({
    where: { id: { in: ids }, active: true },
    select: { id: true, name: true, kind: true, regionCode: true, capabilities: texts, chains: { select: { chainCode: true } } },
  });
  return new Map(
    rows.map((p) => [
      p.id,
      {
        kind: "PLATFORM",
        name: p.name,
        text: texts ? `${p.name}。${p.capabilities}` : "",
        keywords: [],
        chainCodes: p.chains.map((c) => c.chainCode),
        regionCode: p.regionCode,
        platformKind: p.kind,
      } satisfies SupplierDoc,
    ]),
  );
}

/** Societies are matched through their disciplines and their experts' expertise. */
async function societyDocs(tx: Tx, ids: number[], texts: boolean): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const [rows, responses] = await Promise.all([
    tx.society.findMany({
      where: { id: { in: ids }, active: true },
      include: { members: { select: { expert: { select: { expertise: texts, keywords: texts, active: true, chains: { select: { chainCode: true } } } } } } },
    }),
    tx.response.groupBy({ by: ["societyId", "status"], where: { societyId: { in: ids } }, _count: true }),
  ]);
  return new Map(
    rows.map((s) => {
      const experts = s.members.map((m) => m.expert).filter((e) => e.active);
      const own = responses.filter((r) => r.societyId === s.id);
      const doc: SupplierDoc = {
        kind: "SOCIETY",
        name: s.name,
        text: `${s.name}。${s.disciplines.join("、")}`,
        keywords: s.disciplines,
        memberTexts: texts ? experts.map((e) => `${e.expertise} ${e.keywords.join(" ")}`) : [],
        chainCodes: [...new Set(experts.flatMap((e) => e.chains.map((c) => c.chainCode)))],
        regionCode: null,
        responses: own.reduce((n, r) => n + r._count, 0),
        acceptedResponses: own.filter((r) => r.status === "ACCEPTED").reduce((n, r) => n + r._count, 0),
      };
      return [s.id, doc];
    }),
  );
}
