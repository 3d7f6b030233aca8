import type { Prisma } from "../../../src/infra/db/database";

/**
 * What the database holds, seen through SQL: a fingerprint to prove that a rejected call wrote nothing (rows
 * counted in every table, the audit and history included; the newest updatedAt where rows are changed in
 * place), and the invariants every row must keep whatever the API was sent.
 */
const COUNTED = [
  "Enterprise", "EnterpriseChain", "Society", "Expert", "SocietyMembership", "ExpertChain", "InnovationPlatform", "PlatformChain",
  "TechNeed", "Response", "ResponseExpert", "Match", "ServiceRecord", "StatusChange", "Deal", "ExpertWorkstation", "WorkstationExpert",
  "User", "AuditEvent", "SupplierProfile", "SupplierTerm", "SupplierTermStat", "NeedProfile", "NeedTerm",
];
const UPDATED = ["Enterprise", "Society", "Expert", "InnovationPlatform", "TechNeed", "Response", "Match", "Deal", "ExpertWorkstation", "User", "SupplierProfile"];

export type Fingerprint = Record<string, string>;

const FINGERPRINT_SQL =
  "SELECT json_build_object(" +
  [
    ...COUNTED.map((t) => `'${t}', (SELECT count(*) FROM "${t}")`),
    ...UPDATED.map((t) => `'${t}.updatedAt', (SELECT max("updatedAt") FROM "${t}")`),
    `'User.tokenVersion', (SELECT sum("tokenVersion") FROM "User")`,
  ].join(", ") +
  ")::text AS f";

export async function fingerprint(prisma: Prisma): Promise<Fingerprint> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ f: string }>>(FINGERPRINT_SQL);
  return Object.fromEntries(Object.entries(JSON.parse(row.f)).map(([k, v]) => [k, String(v)]));
}

export function changes(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`);
}

/** Every supplier of every kind, as (kind, id). */
const KIND_ROWS = `(SELECT 'EXPERT' AS kind, id FROM "Expert" UNION ALL SELECT 'PLATFORM', id FROM "InnovationPlatform" UNION ALL SELECT 'SOCIETY', id FROM "Society" UNION ALL SELECT 'UNIVERSITY', id FROM "University")`;

/** Each invariant: a SQL query returning the offending rows (none when it holds). */
const INVARIANTS: Record<string, string> = {
  "need title: trimmed, 1–100 characters": `SELECT id, title FROM "TechNeed" WHERE title <> btrim(title, E' \\t\\n\\r') OR char_length(title) NOT BETWEEN 1 AND 100`,
  "need description: trimmed, not blank, at most 5000": `SELECT id FROM "TechNeed" WHERE description <> btrim(description, E' \\t\\n\\r') OR char_length(description) NOT BETWEEN 1 AND 5000`,
  "need budget: non-negative, min <= max": `SELECT id, "budgetMin", "budgetMax" FROM "TechNeed" WHERE "budgetMin" < 0 OR "budgetMax" < 0 OR "budgetMin" > "budgetMax"`,
  "need challenge fields only on challenges": `SELECT id FROM "TechNeed" WHERE NOT "isChallenge" AND ("challengeAward" IS NOT NULL OR "submissionDeadline" IS NOT NULL)`,
  "need award non-negative": `SELECT id FROM "TechNeed" WHERE "challengeAward" < 0`,
  "need submission deadline not after the deadline": `SELECT id FROM "TechNeed" WHERE "submissionDeadline" > deadline`,
  "need keywords: trimmed, non-empty, unique, at most 20 of at most 30": `SELECT id FROM "TechNeed" WHERE cardinality(keywords) > 20 OR EXISTS (SELECT 1 FROM unnest(keywords) k WHERE k = '' OR k <> btrim(k) OR char_length(k) > 30) OR cardinality(keywords) <> (SELECT count(DISTINCT k) FROM unnest(keywords) k)`,
  "need opened unless a draft (or a closed draft)": `SELECT id, status FROM "TechNeed" WHERE status IN ('OPEN', 'IN_DOCKING', 'RESOLVED', 'EXPIRED') AND "openedAt" IS NULL`,
  "need final statuses carry their time": `SELECT id FROM "TechNeed" WHERE (status = 'RESOLVED' AND "resolvedAt" IS NULL) OR (status = 'CLOSED' AND "closedAt" IS NULL)`,
  "an open need has been matched (its profile is indexed)": `SELECT n.id FROM "TechNeed" n LEFT JOIN "NeedProfile" p ON p."needId" = n.id WHERE n.status IN ('OPEN', 'IN_DOCKING') AND p."needId" IS NULL`,
  "a draft is not matched": `SELECT n.id FROM "TechNeed" n JOIN "Match" m ON m."needId" = n.id WHERE n.status = 'DRAFT'`,
  "every need has a history starting where it started": `SELECT n.id FROM "TechNeed" n WHERE NOT EXISTS (SELECT 1 FROM "StatusChange" s WHERE s."needId" = n.id AND s.subject = 'NEED' AND s."fromStatus" IS NULL)`,
  "supplier rows: exactly the kind tables' rows (a match, invitation, docking's key names one that exists)": `SELECT * FROM ((SELECT kind::text AS kind, id FROM "Supplier" EXCEPT ${KIND_ROWS}) UNION ALL (${KIND_ROWS} EXCEPT SELECT kind::text, id FROM "Supplier")) x`,
  "no suggestion for an inactive university": `SELECT m.id FROM "Match" m JOIN "University" u ON m."supplierKind" = 'UNIVERSITY' AND u.id = m."supplierId" WHERE m.status = 'SUGGESTED' AND u.active = false`,
  "match: score in [0, 1], rank from 1": `SELECT id, score, rank FROM "Match" WHERE NOT (score >= 0 AND score <= 1) OR rank < 1`,
  "no suggestion for an inactive expert or platform": `SELECT m.id FROM "Match" m LEFT JOIN "Expert" e ON m."supplierKind" = 'EXPERT' AND e.id = m."supplierId" LEFT JOIN "InnovationPlatform" p ON m."supplierKind" = 'PLATFORM' AND p.id = m."supplierId" WHERE m.status = 'SUGGESTED' AND (e.active = false OR p.active = false)`,
  "a rejected match carries its reason code": `SELECT id FROM "Match" WHERE status = 'REJECTED' AND "statusReasonCode" IS NULL`,
  "response proposal: trimmed, not blank, at most 5000": `SELECT id FROM "Response" WHERE proposal <> btrim(proposal, E' \\t\\n\\r') OR char_length(proposal) NOT BETWEEN 1 AND 5000`,
  "one open response per society per need": `SELECT "needId", "societyId" FROM "Response" WHERE status IN ('SUBMITTED', 'SHORTLISTED', 'ACCEPTED') GROUP BY "needId", "societyId" HAVING count(*) > 1`,
  "a response offers members of its society only": `SELECT re."responseId" FROM "ResponseExpert" re JOIN "Response" r ON r.id = re."responseId" LEFT JOIN "SocietyMembership" m ON m."societyId" = r."societyId" AND m."expertId" = re."expertId" WHERE m."expertId" IS NULL`,
  "a declined response carries its reason code (OTHER with a text), a reason of at most 2000": `SELECT id FROM "Response" WHERE (status = 'DECLINED' AND ("declineCode" IS NULL OR ("declineCode" = 'OTHER' AND coalesce(btrim("declineReason"), '') = ''))) OR char_length("declineReason") > 2000`,
  "enterprise: 18-character upper-case credit code, name 1–100, at least one chain": `SELECT id FROM "Enterprise" e WHERE "creditCode" !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' OR name <> btrim(name) OR char_length(name) NOT BETWEEN 1 AND 100 OR NOT EXISTS (SELECT 1 FROM "EnterpriseChain" c WHERE c."enterpriseId" = e.id)`,
  "expert: name 1–50, expertise 1–2000 (trimmed), capacity 1–50": `SELECT id FROM "Expert" WHERE name <> btrim(name) OR char_length(name) NOT BETWEEN 1 AND 50 OR expertise <> btrim(expertise) OR char_length(expertise) NOT BETWEEN 1 AND 2000 OR capacity NOT BETWEEN 1 AND 50`,
  "society: name 1–100 (trimmed), disciplines trimmed and non-empty": `SELECT id FROM "Society" WHERE name <> btrim(name) OR char_length(name) NOT BETWEEN 1 AND 100 OR EXISTS (SELECT 1 FROM unnest(disciplines) d WHERE d = '' OR d <> btrim(d))`,
  "platform: name 1–100, capabilities 1–2000 (trimmed)": `SELECT id FROM "InnovationPlatform" WHERE name <> btrim(name) OR char_length(name) NOT BETWEEN 1 AND 100 OR capabilities <> btrim(capabilities) OR char_length(capabilities) NOT BETWEEN 1 AND 2000`,
  "deal: from exactly one of a match and a response, amounts non-negative, signedOn with a contract": `SELECT id FROM "Deal" WHERE ("matchId" IS NULL) = ("responseId" IS NULL) OR amount < 0 OR "awardAmount" < 0 OR ("signedOn" IS NOT NULL AND NOT "contractSigned") OR btrim(summary) = ''`,
  "service record: its need is the served enterprise's, its workstation the society's there": `SELECT s.id FROM "ServiceRecord" s LEFT JOIN "TechNeed" n ON n.id = s."needId" LEFT JOIN "ExpertWorkstation" w ON w.id = s."workstationId" WHERE n."enterpriseId" <> s."enterpriseId" OR w."societyId" <> s."societyId" OR w."enterpriseId" <> s."enterpriseId" OR btrim(s.summary) = ''`,
  "workstation: ends after it starts, experts are members of its society": `SELECT w.id FROM "ExpertWorkstation" w WHERE w."endsOn" <= w."startsOn" OR btrim(w.name) = '' OR EXISTS (SELECT 1 FROM "WorkstationExpert" we LEFT JOIN "SocietyMembership" m ON m."societyId" = w."societyId" AND m."expertId" = we."expertId" WHERE we."workstationId" = w.id AND m."expertId" IS NULL)`,
  // A self-registered user has its organisation only once an ADMIN approved the registration.
  "user: email normalised, organisation as the role requires": `SELECT id FROM "User" u WHERE email <> lower(btrim(email)) OR (((role = 'ENTERPRISE' AND "enterpriseId" IS NULL) OR (role = 'SOCIETY' AND "societyId" IS NULL) OR (role = 'EXPERT' AND "expertId" IS NULL AND "platformId" IS NULL)) AND NOT EXISTS (SELECT 1 FROM "Registration" r WHERE r."userId" = u.id AND r.status <> 'APPROVED')) OR (role IN ('ADMIN', 'ANALYST') AND coalesce("enterpriseId", "societyId", "expertId", "platformId") IS NOT NULL)`,
  "supplier index statistics equal a recount": `SELECT coalesce(s.term, c.term) AS term FROM "SupplierTermStat" s FULL JOIN (SELECT term, count(*)::int AS df FROM "SupplierTerm" GROUP BY term) c ON c.term = s.term WHERE s.df IS DISTINCT FROM c.df UNION ALL SELECT 'corpus' FROM "SupplierCorpusStat" k WHERE k.documents <> (SELECT count(*) FROM "SupplierProfile") OR k."totalLength" <> (SELECT coalesce(sum(length::numeric), 0) FROM "SupplierProfile")`,
  "every write is audited": `SELECT 'TechNeed' AS t, id FROM "TechNeed" n WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityType" = 'TechNeed' AND a."entityId" = n.id) UNION ALL SELECT 'Response', id FROM "Response" r WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityType" = 'Response' AND a."entityId" = r.id) UNION ALL SELECT 'Deal', id FROM "Deal" d WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityType" = 'Deal' AND a."entityId" = d.id)`,
};

/** Free text columns: none may hold U+FFFD, what a lone surrogate becomes on its way into PostgreSQL (the fuzz never sends one itself). */
const TEXT_COLUMNS: Array<[string, string]> = [
  ["TechNeed", "title"], ["TechNeed", "description"], ["TechNeed", "array_to_string(keywords, ' ')"],
  ["Response", "proposal"], ["Response", "\"declineReason\""], ["Match", "\"statusReason\""], ["StatusChange", "reason"],
  ["Enterprise", "name"], ["Expert", "name"], ["Expert", "title"], ["Expert", "affiliation"], ["Expert", "expertise"], ["Expert", "array_to_string(keywords, ' ')"],
  ["Society", "name"], ["Society", "array_to_string(disciplines, ' ')"], ["InnovationPlatform", "name"], ["InnovationPlatform", "capabilities"],
  ["Deal", "summary"], ["ServiceRecord", "summary"], ["ExpertWorkstation", "name"], ["ExpertWorkstation", "description"], ["User", "email"],
];

for (const [table, column] of TEXT_COLUMNS) {
  INVARIANTS[`${table}.${column}: no U+FFFD`] = `SELECT id FROM "${table}" WHERE strpos(${column}, U&'\\FFFD') > 0`;
}

/** The invariants that do not hold, each with (up to 5 of) the rows that break it. */
export async function brokenInvariants(prisma: Prisma): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(`${sql} LIMIT 5`);
    if (rows.length) broken[name] = rows.map((r) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? Number(v) : v))));
  }
  return broken;
}
