import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { SupplierDoc } from "../matching/engine";

type Tx = PrismaTypes.TransactionClient;

export interface SupplierRef {
  kind: SupplierKind;
  id: number;
}

export const supplierKey = (ref: SupplierRef) => `${ref.kind}:${ref.id}`;

// Engagements that occupy one of an expert's slots.
const ACTIVE_MATCH_STATUSES = ["CONTACTED", "ACCEPTED", "DOCKED"] as const;

/** Loads what the engine needs to know about suppliers, a few queries per kind whatever the count. */
export async function loadSupplierDocs(tx: Tx, refs: SupplierRef[]): Promise<Map<string, SupplierDoc>> {
  const ids = (kind: SupplierKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const docs = new Map<string, SupplierDoc>();
  const [experts, platforms, societies] = await Promise.all([
    expertDocs(tx, ids("EXPERT")),
    platformDocs(tx, ids("PLATFORM")),
    societyDocs(tx, ids("SOCIETY")),
  ]);
  for (const [id, doc] of experts) docs.set(supplierKey({ kind: "EXPERT", id }), doc);
  for (const [id, doc] of platforms) docs.set(supplierKey({ kind: "PLATFORM", id }), doc);
  for (const [id, doc] of societies) docs.set(supplierKey({ kind: "SOCIETY", id }), doc);
  return docs;
}

async function expertDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const [rows, busy, track] = await Promise.all([
    tx.expert.findMany({ where: { id: { in: ids }, active: true }, include: { chains: true } }),
    tx.match.groupBy({ by: ["expertId"], where: { expertId: { in: ids }, status: { in: [...ACTIVE_MATCH_STATUSES] } }, _count: true }),
    tx.responseExpert.findMany({ where: { expertId: { in: ids } }, select: { expertId: true, response: { select: { status: true } } } }),
  ]);
  const busyBy = new Map(busy.map((b) => [b.expertId!, b._count]));
  return new Map(
    rows.map((e) => {
      const own = track.filter((t) => t.expertId === e.id);
      const doc: SupplierDoc = {
        kind: "EXPERT",
        name: e.name,
        text: [e.title, e.affiliation, e.expertise].filter(Boolean).join("。"),
        keywords: e.keywords,
        chainCodes: e.chains.map((c) => c.chainCode),
        regionCode: null,
        capacity: e.capacity,
        activeEngagements: busyBy.get(e.id) ?? 0,
        responses: own.length,
        acceptedResponses: own.filter((t) => t.response.status === "ACCEPTED").length,
      };
      return [e.id, doc];
    }),
  );
}

async function platformDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const rows = await tx.innovationPlatform.findMany({ where: { id: { in: ids }, active: true }, include: { chains: true } });
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
      include: { members: { include: { expert: { select: { expertise: true, keywords: true, active: true, chains: true } } } } },
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
