import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { SupplierDoc } from "../matching/engine";
import { scoringDocs } from "./supplier-scoring-docs";

type Tx = PrismaTypes.TransactionClient;

export interface SupplierRef {
  kind: SupplierKind;
  id: number;
}

export const supplierKey = (ref: SupplierRef) => `${ref.kind}:${ref.id}`;

// Engagements that occupy one of an expert's slots.
const ACTIVE_MATCH_STATUSES = ["CONTACTED", "ACCEPTED", "DOCKED"] as const;

/** Suppliers of each kind by id. */
export type DocsByKind = Record<SupplierKind, Map<number, SupplierDoc>>;
const SUPPLIER_KINDS = ["EXPERT", "PLATFORM", "SOCIETY"] as const;

/**
 * Loads what the engine needs to know about suppliers, a few queries per kind whatever the count.
 * `texts: false` leaves the free texts out, in one statement for every kind: scoring reads the analysed vectors,
 * only analysis needs the texts (supplier-scoring-docs.ts).
 */
export async function loadSupplierDocs(tx: Tx, refs: SupplierRef[], { texts = true } = {}): Promise<Map<string, SupplierDoc>> {
  const ids = (kind: SupplierKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const wanted = { EXPERT: ids("EXPERT"), PLATFORM: ids("PLATFORM"), SOCIETY: ids("SOCIETY") };
  const byKind = texts ? await docsWithTexts(tx, wanted) : await scoringDocs(tx, wanted);
  const docs = new Map<string, SupplierDoc>();
  for (const kind of SUPPLIER_KINDS) for (const [id, doc] of byKind[kind]) docs.set(supplierKey({ kind, id }), doc);
  return docs;
}

async function docsWithTexts(tx: Tx, ids: Record<SupplierKind, number[]>): Promise<DocsByKind> {
  const [EXPERT, PLATFORM, SOCIETY] = await Promise.all([expertDocs(tx, ids.EXPERT), platformDocs(tx, ids.PLATFORM), societyDocs(tx, ids.SOCIETY)]);
  return { EXPERT, PLATFORM, SOCIETY };
}

async function expertDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const [rows, busy, track] = await Promise.all([
    tx.expert.findMany({
      where: { id: { in: ids }, active: true },
      select: { id: true, name: true, capacity: true, keywords: true, title: true, affiliation: true, expertise: true, chains: { select: { chainCode: true } } },
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
        text: [e.title, e.affiliation, e.expertise].filter(Boolean).join("。"),
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

async function platformDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const rows = await tx.innovationPlatform.findMany({
    where: { id: { in: ids }, active: true },
    select: { id: true, name: true, kind: true, regionCode: true, capabilities: true, chains: { select: { chainCode: true } } },
  });
  return new Map(
    rows.map((p) => [
      p.id,
      {
        kind: "PLATFORM",
        name: p.name,
        text: `${p.name}。${p.capabilities}`,
        keywords: [],
        chainCodes: p.chains.map((c) => c.chainCode),
        regionCode: p.regionCode,
        platformKind: p.kind,
      } satisfies SupplierDoc,
    ]),
  );
}

/** Societies are matched through their disciplines and their experts' expertise. */
async function societyDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const [rows, responses] = await Promise.all([
    tx.society.findMany({
      where: { id: { in: ids }, active: true },
      include: { members: { select: { expert: { select: { expertise: true, keywords: true, active: true, chains: { select: { chainCode: true } } } } } } },
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
        memberTexts: experts.map((e) => `${e.expertise} ${e.keywords.join(" ")}`),
        chainCodes: [...new Set(experts.flatMap((e) => e.chains.map((c) => c.chainCode)))],
        regionCode: null,
        responses: own.reduce((n, r) => n + r._count, 0),
        acceptedResponses: own.filter((r) => r.status === "ACCEPTED").reduce((n, r) => n + r._count, 0),
      };
      return [s.id, doc];
    }),
  );
}
