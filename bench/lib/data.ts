// Makes sure a benchmark database holds the demo at programme scale, and picks the users the read path uses.
import { openHubServices } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/infra/logger";
import { demoProgressBar } from "../../src/demo/progress";
import { seedDemo } from "../../src/demo/seed-demo";
import { hubEnv, progress, type BenchOptions, type DbKind } from "./common";

export const HOME_QUERY = `query EnterpriseHome($first: Int!) { me { organization { ... on Enterprise { id name needs(first: $first) { totalCount edges { node { id title status kind createdAt industryChain { code name } matches(first: 5) { id score rank reason supplierKind supplier { __typename ... on Expert { id name } ... on InnovationPlatform { id name } ... on Society { id name } } } } } } } } } }`;
export const ANALYST_QUERY = `query AnalystNeeds($first: Int!) { needs(first: $first) { totalCount edges { node { id title status createdAt enterprise { id name region { code name } } industryChain { code name } matches(first: 30) { id } } } } }`;
export const DEMO_PASSWORD = "demo-password-2025";
export const ANALYST_EMAIL = "analyst1@demo.kechuang.local";

export interface BenchData {
  homeEmail: string;
  homeNeeds: number;
  /** Another enterprise's user: the write path posts as it, so the home page keeps its size. */
  writerEmail: string;
  counts: Record<string, number>;
}

/**
 * Opens the database in-process: seeds the demo (scale 1) when it is empty, then makes sure the needs the read
 * path shows (the home page's enterprise and the newest 100) have their matches, matching the ones that lack
 * them. `npm run seed` matches every need; this keeps the benchmark usable on a database seeded with a
 * --match-limit.
 */
export async function prepareData(opts: BenchOptions, db: DbKind): Promise<BenchData> {
  const config = loadConfig(hubEnv(opts, db));
  const log = createLogger("warn");
  const { services, database, close } = await openHubServices(config, log);
  try {
    const prisma = database.prisma;
    if ((await prisma.enterprise.count()) === 0) {
      progress(`${db}: empty database, seeding the demo at scale 1 (matching the newest 200 needs)`);
      const bar = demoProgressBar();
      try {
        await seedDemo(services, log, { scale: 1, needLimit: 200, onProgress: bar.onProgress });
      } finally {
        bar.stop();
      }
    }
    // The write benchmark posts as the first enterprise user; the home page is the one of the enterprise user with the
    // most needs among the others (the heaviest), so that write runs never change which page the read path measures.
    const writer = await prisma.user.findFirstOrThrow({ where: { role: "ENTERPRISE", active: true }, orderBy: { id: "asc" } });
    const [top] = await prisma.$queryRawUnsafe<Array<{ email: string; needs: number }>>(
      `SELECT u.email, COUNT(*)::int AS needs FROM "User" u JOIN "TechNeed" n ON n."enterpriseId" = u."enterpriseId" WHERE u.role = 'ENTERPRISE' AND u."enterpriseId" <> $1 GROUP BY u.email ORDER BY 2 DESC, 1 LIMIT 1`,
      writer.enterpriseId,
    );
    const user = await prisma.user.findUniqueOrThrow({ where: { email: top.email } });
    const shown = await prisma.techNeed.findMany({
      where: { OR: [{ enterpriseId: user.enterpriseId! }, { id: { gte: ((await prisma.techNeed.aggregate({ _max: { id: true } }))._max.id ?? 0) - 99 } }] },
      select: { id: true, status: true, _count: { select: { matches: true } } },
    });
    const missing = shown.filter((n) => n._count.matches === 0 && n.status !== "DRAFT" && n.status !== "EXPIRED");
    for (const [i, need] of missing.entries()) {
      await prisma.$transaction((tx) => services.matching.matchNeed(tx, need.id, undefined, { notify: false }), { timeout: 60_000 });
      if ((i + 1) % 20 === 0 || i + 1 === missing.length) progress(`${db}: matched ${i + 1}/${missing.length} needs the read path shows`);
    }
    // autovacuum is off on this machine's PostgreSQL and PGlite has none: without fresh statistics the planner reads
    // the whole SupplierTerm table for every candidate search, and without a visibility map every posting the
    // search reads visits its table page too (915 → 119 ms for one need at 10×). A production PostgreSQL's
    // autovacuum keeps both current; this does what it would have done.
    await prisma.$executeRawUnsafe("VACUUM (ANALYZE)");
    const counts = {
      enterprises: await prisma.enterprise.count(),
      experts: await prisma.expert.count(),
      platforms: await prisma.innovationPlatform.count(),
      societies: await prisma.society.count(),
      needs: await prisma.techNeed.count(),
      openNeeds: await prisma.techNeed.count({ where: { status: "OPEN" } }),
      matchedNeeds: (await prisma.match.groupBy({ by: ["needId"] })).length,
      matches: await prisma.match.count(),
    };
    return { homeEmail: top.email, homeNeeds: top.needs, writerEmail: writer.email, counts };
  } finally {
    await close();
  }
}

export async function login(url: string, email: string): Promise<string> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, variables: { e: email, p: DEMO_PASSWORD } }),
  });
  const json = (await res.json()) as { data?: { login: { token: string } }; errors?: unknown };
  if (!json.data) throw new Error(`login ${email} failed: ${JSON.stringify(json.errors)}`);
  return json.data.login.token;
}
