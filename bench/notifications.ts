// Notifications (issue 24 item 6): postNeed with notifications on (each matched supplier has users to tell, about 60
// per need), the mail worker's throughput against a local SMTP server, and the outbox's lag after a burst of 1,000
// notifications mailed by a running hub. `npm run bench -- notifications [--db pglite|pg|both] [--posts N] [--mails N]`
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { openHubServices, startHub } from "../src/app";
import type { Prisma } from "../src/infra/db/database";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { MailWorker, enqueueMail, smtpTransport, type NotificationNote } from "../src/modules/notification";
import { startServer } from "./lib/child";
import { hubEnv, ms, option, progress, summarize, table, type BenchOptions, type DbKind } from "./lib/common";
import { login, prepareData } from "./lib/data";
import { postJson } from "./lib/load";

const POST_NEED = `mutation PostNeed($input: PostNeedInput!) { postNeed(input: $input) { id status } }`;
const TOPICS = [
  ["动力电池热管理系统优化", "电池包热失控预警与液冷散热方案，需要储能安全方向专家", "NEW_ENERGY", ["热管理", "热失控", "储能"]],
  ["车载摄像模组非球面模压成型", "光学玻璃非球面模压成型良率提升，模具镀膜寿命", "OPTOELECTRONICS", ["非球面", "模压成型", "镀膜"]],
  ["秸秆生物发酵制乙醇工艺", "纤维素酶解与发酵菌种改良，提升乙醇得率", "BIO", ["发酵", "纤维素", "乙醇"]],
  ["防爆电机绕组绝缘改进", "高压防爆电机绕组绝缘老化与局部放电检测", "EQUIPMENT", ["防爆电机", "绝缘", "局部放电"]],
] as const;
/** The users this benchmark adds (so that every supplier has someone to tell) and removes again. */
const BENCH_DOMAIN = "notify-bench.local";

export async function notificationsBench(opts: BenchOptions): Promise<string> {
  const posts = Number(option(opts.args, "posts") ?? 100);
  const mails = Number(option(opts.args, "mails") ?? 1000);
  const postRows: Array<Array<string | number>> = [];
  const mailRows: Array<Array<string | number>> = [];
  const lagRows: Array<Array<string | number>> = [];
  const ratioRows: Array<Array<string | number>> = [];
  for (const db of opts.dbs) {
    const data = await prepareData(opts, db);
    await withSupplierUsers(opts, db, async () => {
      const p99: number[] = [];
      for (const told of [false, true]) {
        const { row, p99: tail } = await postNeeds(opts, db, data.writerEmail, posts, told);
        postRows.push([db, told ? "every supplier has users" : "no supplier user (nothing to tell)", ...row]);
        p99.push(tail);
      }
      // The bar: p99 with notifications within 1.3× of p99 without.
      ratioRows.push([db, (p99[1]! / p99[0]!).toFixed(2)]);
    });
    mailRows.push([db, ...(await workerThroughput(opts, db, mails))]);
    lagRows.push([db, ...(await outboxLag(opts, db, mails))]);
  }
  return [
    "postNeed over HTTP, one client, the hub as `npm start` runs it (inbox only: no SMTP_URL). The rows differ only in whether the matched suppliers have active users; compare with the `write` section of the same machine for today's figure.",
    "",
    table(["database", "recipients", "postNeed calls", "p50 ms", "p99 ms", "max ms", "notifications per post (median)"], postRows),
    "",
    "postNeed p99 with recipients against p99 without (the issue asks for at most 1.3×):",
    "",
    table(["database", "p99 ratio"], ratioRows),
    "",
    `The mail worker alone (one MailWorker, pooled nodemailer transport) sending ${mails} queued mails to an SMTP server in the same process.`,
    "",
    table(["database", "mails", "seconds", "mails/s"], mailRows),
    "",
    `A hub with SMTP_URL (HUB_MAIL_POLL_SECONDS=1; in the benchmark's process, beside the SMTP server): ${mails} notifications written in one transaction, time from commit until each mail reached the SMTP server.`,
    "",
    table(["database", "mails", "lag p50 ms", "lag p99 ms", "lag max (last mail) ms"], lagRows),
  ].join("\n");
}

/** An SMTP server that accepts everything and notes when each mail arrived. */
async function smtpSink(): Promise<{ url: string; arrivals: number[]; close(): Promise<void> }> {
  const arrivals: number[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    closeTimeout: 500,
    onAuth: (_a, _s, cb) => cb(null, { user: "bench" }),
    onData: (stream, _s, cb) => {
      stream.resume();
      stream.on("end", () => {
        arrivals.push(performance.now());
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://bench:bench@127.0.0.1:${port}`, arrivals, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function openServices(opts: BenchOptions, db: DbKind, extra: Record<string, string> = {}) {
  return openHubServices(loadConfig(hubEnv(opts, db, extra)), createLogger("warn"));
}

/**
 * Gives every active supplier without a user one (a society's users are also told of their member experts), runs
 * `work`, removes them. The database is opened only around the changes: PGlite takes one process at a time.
 */
async function withSupplierUsers(opts: BenchOptions, db: DbKind, work: () => Promise<void>): Promise<void> {
  await withDatabase(opts, db, async (prisma) => {
    const added = await prisma.$executeRawUnsafe(`
      INSERT INTO "User" (email, "passwordHash", role, "expertId", "platformId", "societyId", active, "updatedAt")
      SELECT 'expert-' || e.id || '@${BENCH_DOMAIN}', 'x', 'EXPERT'::"Role", e.id, NULL::int, NULL::int, false, now() FROM "Expert" e
        WHERE e.active AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."expertId" = e.id)
      UNION ALL SELECT 'platform-' || p.id || '@${BENCH_DOMAIN}', 'x', 'EXPERT'::"Role", NULL, p.id, NULL, false, now() FROM "InnovationPlatform" p
        WHERE p.active AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."platformId" = p.id)
      UNION ALL SELECT 'society-' || s.id || '@${BENCH_DOMAIN}', 'x', 'SOCIETY'::"Role", NULL, NULL, s.id, false, now() FROM "Society" s
        WHERE s.active AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."societyId" = s.id)`);
    progress(`${db} notifications: ${added} supplier users added for the benchmark`);
    await prisma.$executeRawUnsafe('ANALYZE "User"');
  });
  try {
    await work();
  } finally {
    // Their notifications go with them (ON DELETE CASCADE).
    await withDatabase(opts, db, (prisma) => prisma.user.deleteMany({ where: { email: { endsWith: `@${BENCH_DOMAIN}` } } }));
  }
}

async function withDatabase<T>(opts: BenchOptions, db: DbKind, work: (prisma: Prisma) => Promise<T>): Promise<T> {
  const { database, close } = await openServices(opts, db);
  try {
    return await work(database.prisma);
  } finally {
    await close();
  }
}

/** The benchmark's supplier users are active only while notifications are measured with recipients. */
function setSupplierUsersActive(opts: BenchOptions, db: DbKind, active: boolean): Promise<unknown> {
  return withDatabase(opts, db, (prisma) => prisma.user.updateMany({ where: { email: { endsWith: `@${BENCH_DOMAIN}` } }, data: { active } }));
}

async function postNeeds(opts: BenchOptions, db: DbKind, writerEmail: string, count: number, told: boolean): Promise<{ row: Array<string | number>; p99: number }> {
  await setSupplierUsersActive(opts, db, told);
  const hub = await startServer("hub.js", hubEnv(opts, db));
  const latencies: number[] = [];
  const needIds: number[] = [];
  try {
    const token = await login(hub.url, writerEmail);
    const me = await postJson(hub.url, { query: "{ me { organization { ... on Enterprise { id } } } }" }, token);
    const enterpriseId = me.json.data.me.organization.id as string;
    for (let i = 0; i < count + 5; i++) {
      const [title, description, chain, keywords] = TOPICS[i % TOPICS.length];
      const input = { enterpriseId, title: `${title}（通知基准 ${i}）`, description, industryChainCode: chain, kind: "TECH_BREAKTHROUGH", keywords };
      const t0 = performance.now();
      const res = await postJson(hub.url, { query: POST_NEED, variables: { input } }, token);
      const took = performance.now() - t0;
      if (res.json?.errors || !res.json?.data) throw new Error(`postNeed failed: ${res.text.slice(0, 200)}`);
      if (i < 5) continue; // the first 5 warm the JIT and the query plans
      latencies.push(took);
      needIds.push(Number(Buffer.from(res.json.data.postNeed.id, "base64url").toString().split(":")[1]));
      if ((i + 1) % 25 === 0) progress(`${db} notifications: ${i + 1}/${count + 5} postNeed (${told ? "with" : "without"} recipients)`);
    }
  } finally {
    await hub.stop();
  }
  // Counted afterwards (PGlite takes one process at a time): the MATCH_FOUND rows each post wrote.
  const perPost = await withDatabase(opts, db, async (prisma) => {
    const rows = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT (SELECT count(*)::int FROM "Notification" x JOIN "Match" m ON x."subjectType" = 'Match' AND x."subjectId" = m.id WHERE m."needId" = t.id) AS n
      FROM unnest(${needIds}::int[]) AS t(id)`;
    return rows.map((r) => Number(r.n));
  });
  const r = summarize(latencies);
  return { row: [r.n, ms(r.p50), ms(r.p99), ms(r.max), summarize(perPost).p50], p99: r.p99 };
}

async function workerThroughput(opts: BenchOptions, db: DbKind, count: number): Promise<Array<string | number>> {
  const sink = await smtpSink();
  const { database, close } = await openServices(opts, db);
  const prisma = database.prisma;
  try {
    await prisma.mailOutbox.updateMany({ where: { status: "PENDING" }, data: { status: "FAILED", lastError: "set aside by the benchmark" } });
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < count; i++) await enqueueMail(tx, { to: `bench${i}@${BENCH_DOMAIN}`, subject: `【科创南阳】基准邮件 ${i}`, text: `这是第 ${i} 封基准邮件。` });
    }, { timeout: 120_000 });
    const transport = smtpTransport(sink.url);
    const worker = new MailWorker(prisma, transport, { from: "bench@kechuang-hub.local", retrySeconds: 30, maxAttempts: 3 }, createLogger("warn"));
    const t0 = performance.now();
    const { sent } = await worker.drain();
    const seconds = (performance.now() - t0) / 1000;
    transport.close?.();
    progress(`${db} notifications: worker sent ${sent} mails in ${seconds.toFixed(1)} s`);
    return [sent, seconds.toFixed(1), (sent / seconds).toFixed(0)];
  } finally {
    await prisma.mailOutbox.deleteMany({ where: { to: { endsWith: `@${BENCH_DOMAIN}` } } });
    await close();
    await sink.close();
  }
}

/** In-process (PGlite takes one process at a time): the hub with its mail worker, the SMTP server beside it. */
async function outboxLag(opts: BenchOptions, db: DbKind, count: number): Promise<Array<string | number>> {
  const sink = await smtpSink();
  const config = loadConfig(hubEnv(opts, db, { SMTP_URL: sink.url, HUB_MAIL_POLL_SECONDS: "1", HUB_SWEEP_SECONDS: "0" }));
  const hub = await startHub({ config, log: createLogger("warn") });
  const prisma = hub.database.prisma;
  const email = `notify-lag-${Date.now()}@${BENCH_DOMAIN}`;
  try {
    const user = await prisma.user.create({ data: { email, passwordHash: "x", role: "ANALYST" } });
    const notes: NotificationNote[] = Array.from({ length: count }, (_, i) => ({ kind: "NEED_STALE", title: `基准通知 ${i}`, body: "出件延迟基准。", audience: [{ user: user.id }] }));
    await prisma.$transaction((tx) => hub.services.notifier.notify(tx, notes), { timeout: 120_000 });
    const committed = performance.now();
    for (let waited = 0; sink.arrivals.length < count && waited < 600_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const r = summarize(sink.arrivals.map((at) => at - committed));
    progress(`${db} notifications: ${sink.arrivals.length}/${count} mails arrived, the last after ${ms(r.max)} ms`);
    return [sink.arrivals.length, ms(r.p50), ms(r.p99), ms(r.max)];
  } finally {
    await prisma.user.deleteMany({ where: { email } });
    await prisma.mailOutbox.deleteMany({ where: { to: email } });
    await hub.stop();
    await sink.close();
  }
}
