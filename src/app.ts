import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { execute, GraphQLError, type ExecutionResult } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { HubConfig } from "./config";
import type { Context } from "./context/context";
import { createServices, type Services } from "./context/services";
import { createLoginLimiter, createPasswordResetLimiter, createRegistrationLimiter, limiterScope } from "./infra/auth/login-limiter";
import type { AccountMail } from "./modules/registration/account-mail";
import { TokenService } from "./infra/auth/tokens";
import { openDatabase, type Database } from "./infra/db/database";
import { DomainError } from "./infra/errors";
import { formatError } from "./infra/http/format-error";
import { withRequestId } from "./infra/http/request-id";
import { rememberQueryHashes } from "./infra/library-patches/query-hash";
import { subscriptionHooks } from "./infra/http/subscription-hooks";
import { checkReadiness } from "./infra/health/readiness";
import { createHubMetrics, routeLabel } from "./infra/metrics/metrics";
import { serveMetrics } from "./infra/metrics/metrics-route";
import { operationMetricsPlugin } from "./infra/metrics/operation-plugin";
import { serviceUnavailable, serviceUnavailableStatus } from "./infra/http/service-unavailable";
import { isDatabaseUnavailable } from "./infra/db/unavailable";
import { costPlugin, QUERY_LIMITS, shapeLimits } from "./infra/http/query-limits";
import { createQueryBudget } from "./infra/http/query-budget";
import { executeWithinDeadline, executionTimeoutPlugin } from "./infra/http/execution-timeout";
import { graphqlRoute, MAX_BODY_BYTES, sendJson } from "./infra/http/graphql-route";
import { hubOperationsManifest, TrustedDocuments } from "./infra/http/trusted-documents";
import { wsOperationGuard } from "./infra/http/ws-operation-guard";
import { quietOversizedMessages } from "./infra/http/ws-payload";
import { createLogger, type Logger } from "./infra/logger";
import { createHubPubSub, pubsubNamespace } from "./infra/pubsub/pubsub";
import { tokenCheck } from "./context/deliver";
import { createMultiplexer } from "./infra/pubsub/multiplex";
import { listExecution } from "./infra/pubsub/list-execution";
import { subscriptionClasses } from "./schema/subscription-classes";
import { hubSchema } from "./schema/build-schema";
import { compiledExecution, loadCompiler } from "./infra/http/compiled-executor";
import { handleWebRequest } from "./modules/web/web.routes";
import { displayGuardPlugin } from "./modules/web/display-guard";
import { startSweeper } from "./modules/scheduler/expiry-sweep";
import { startEmbeddedVacuum } from "./infra/db/embedded-vacuum";
import { tryAdvisoryLock } from "./infra/db/advisory-lock";
import { MailWorker, smtpTransport, type NotificationSweep } from "./modules/notification";
import { every, type Periodic } from "./infra/periodic";
import type { Viewer } from "./infra/auth/viewer";

/** The largest request body /graphql reads (413 above it). */
export { MAX_BODY_BYTES } from "./infra/http/graphql-route";

export interface Hub {
  url: string;
  wsUrl: string;
  services: Services;
  database: Database;
  log: Logger;
  /** Sends the mail outbox (null without SMTP_URL); it polls on its own, tests may also drain it. */
  mailWorker: MailWorker | null;
  stop(): Promise<void>;
}

export interface HubOptions {
  config: HubConfig;
  log?: Logger;
  /** Called after migrations and reference data, before the server listens (demo data, tests' fixtures). */
  beforeListen?: (services: Services, database: Database) => Promise<void>;
  /** An in-memory embedded database starts from this data folder (a `dumpDataDir` tarball) instead of an empty one. */
  embeddedTemplate?: Blob;
  /** What registration and account care send (reset links, review notices); default: logged only. */
  accountMail?: AccountMail;
  /** The time account care reads (a reset link's hour); default Date.now. Tests move it instead of waiting. */
  clock?: () => number;
  /** Tests only: the fingerprint of the engine's reading this instance plays (ServiceDeps.reading). */
  reading?: string;
}

/** Builds and starts the hub: database, services, GraphQL over HTTP and WebSocket on one port, /healthz. */
export async function startHub({ config, log = createLogger(config.logLevel), beforeListen, embeddedTemplate, accountMail, clock, reading }: HubOptions): Promise<Hub> {
  const started = Date.now();
  // Milliseconds from start at which each phase ended, logged with "ready" (what start-up spends its time on).
  const phases: Record<string, number> = {};
  const ended = <T>(phase: string) => (value: T) => ((phases[phase] = Date.now() - started), value);
  // The schema needs no data: it is built while the database opens (PGlite compiles its WebAssembly meanwhile), and
  // so is the operation compiler loaded.
  const compiler = config.execution === "compiled" ? Promise.resolve().then(loadCompiler).then(ended("compiler")) : null;
  const [{ database, services, close, publicUrl }, schema] = await Promise.all([openHubServices(config, log, embeddedTemplate, accountMail, clock, reading).then(ended("database")), hubSchema().then(ended("schema")), compiler]);
  const metrics = createHubMetrics();
  services.matching.observeWith((direction, seconds) => metrics.matchingSeconds.observe({ direction }, seconds));
  await beforeListen?.(services, database).then(ended("beforeListen"));

  const httpServer = http.createServer();
  // A message may be as large as an HTTP body, no larger (ws closes the socket with 1009 above it; its default is 100 MiB).
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: MAX_BODY_BYTES });
  quietOversizedMessages(wsServer, log);
  const trusted = new TrustedDocuments(() => hubOperationsManifest(), (hash, viewer) => services.savedQueries.documentByHash(hash, viewer), config.trustedDocuments);
  const guardOperation = wsOperationGuard({ schema, trusted, budget: services.queryBudget });
  const contextFor = (viewer: Viewer, requestId: string, clientAddress: string | null = null): Context => ({
    viewer,
    clientAddress,
    loaders: services.loaderSets.forViewer(viewer),
    services,
    requestId,
    log: log.child({ requestId }),
    executionTimeoutMs: config.executionTimeoutMs,
  });
  // Request ids, error shaping and the open-subscription count over WebSocket (src/infra/http/subscription-hooks.ts).
  const ws = subscriptionHooks(log, metrics);
  // Subscribers of one document, variables and rights share one execution and one serialized payload per event.
  const multiplex = createMultiplexer({
    classOf: subscriptionClasses(schema),
    // Compiled as HTTP operations are (HUB_EXECUTION): a group's rows cost generated code, not graphql-js's walk.
    executeEach: listExecution(schema, config.execution === "compiled" ? loadCompiler() : undefined),
    mayReceive: tokenCheck(database.prisma),
    executed: () => metrics.subscriptionExecutions.inc(),
    log,
  });
  const wsCleanup = useServer(
    {
      schema,
      ...ws.hooks,
      // Queries over WebSocket run under the same deadline as over HTTP.
      execute: executeWithinDeadline(execute),
      subscribe: (args) => multiplex.subscribe(args) as ReturnType<typeof execute>,
      // Trusted documents, limits and budget as over HTTP; the context is built here, once per operation.
      onSubscribe: async (ctx, id, payload) => {
        ws.hooks.onSubscribe(ctx, id);
        const viewer = await services.auth.viewerFrom(ctx.connectionParams?.authorization);
        const contextValue = contextFor(viewer, ws.requestIdOf(ctx, id), ctx.extra.request.socket.remoteAddress ?? null);
        const admitted = await guardOperation(contextValue, payload);
        if (!Array.isArray(admitted)) {
          const shape = (result: ExecutionResult) => ws.hooks.onNext(ctx, id, payload, undefined, result) ?? result;
          multiplex.bind(contextValue, { socket: ctx.extra.socket, id, viewer, context: contextValue, shape });
        }
        return admitted;
      },
      onConnect: async (ctx) => {
        // A bad token closes the socket in connection_init (4403 Forbidden), before any subscription.
        try {
          await services.auth.viewerFrom(ctx.connectionParams?.authorization);
          return true;
        } catch (err) {
          // The database is down: 1013 "try again later", which graphql-ws clients retry, not 4403, which they give up on.
          if (isDatabaseUnavailable(err)) ctx.extra.socket.close(1013, "Database unavailable, try again later");
          return false;
        }
      },
    },
    wsServer,
    // A socket is closed when it has not answered one ping by the next (0: never pinged).
    config.wsKeepAliveSeconds * 1000,
  );
  const limits = shapeLimits();
  rememberQueryHashes(); // Apollo's SHA-256 of each request's query text, kept per text
  const apollo = new ApolloServer<Context>({
    // Operations run compiled (compiled-executor.ts) unless HUB_EXECUTION=interpreted asks for graphql-js's interpreter.
    ...(config.execution === "compiled" ? { gateway: compiledExecution(schema) } : { schema }),
    formatError: formatError(log, (code) => metrics.errors.inc({ code })),
    includeStacktraceInErrorResponses: false,
    // The schema is the public contract (schema/schema.graphql): introspection is allowed at every door, under the
    // same limits as any query. Apollo would turn it off under NODE_ENV=production (`npm start`), over HTTP only,
    // leaving the explorer without a schema while graphql-ws answered it.
    introspection: true,
    // main.ts owns the signals (graceful shutdown with a bound); Apollo would re-raise SIGTERM and exit 143.
    stopOnTerminationSignals: false,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    plugins: [
      ...limits.plugins,
      displayGuardPlugin(),
      costPlugin(schema, services.queryBudget),
      executionTimeoutPlugin(config.executionTimeoutMs),
      operationMetricsPlugin(metrics),
      serviceUnavailableStatus(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
      // No type sets cache hints; the default cache-control plugin would still run a hook on every resolved field.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  httpServer.on("request", (req, res) => {
    // A caller's id is kept when it looks like one (it goes into headers and logs); otherwise the hub makes one.
    const given = headerValue(req, "x-request-id");
    const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    res.setHeader("x-request-id", requestId);
    res.once("finish", () => metrics.httpRequests.inc({ route: routeLabel((req.url ?? "/").split("?")[0]), status: String(res.statusCode) }));
    withRequestId(requestId, () => route(req, res, requestId)).catch((err) => {
      log.error({ err, requestId }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId } }] });
    });
  });

  const graphql = graphqlRoute({
    apollo,
    trusted,
    executionTimeoutMs: config.executionTimeoutMs,
    viewerOf: viewerOrThrow,
    contextFor,
    onError: (code) => metrics.errors.inc({ code }),
  });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? "/", "http://hub");
    if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (url.pathname === "/readyz") {
      const readiness = await checkReadiness(database, services.pubsub, log);
      // Serving goes on during a re-analysis; the fields say whether one is running (match/reanalysis.ts).
      return sendJson(res, readiness.ready ? 200 : 503, { ...readiness.body, ...services.reanalysis.current() });
    }
    if (url.pathname === "/metrics" && (req.method === "GET" || req.method === "HEAD")) return serveMetrics(req, res, metrics, config.metricsToken);
    // Explorer, dashboard, workbench, their assets and CSV export (src/modules/web); a browser asking /graphql for HTML gets the explorer.
    if (await handleWebRequest(req, res, url, {
      apollo,
      context: async () => contextFor(await viewerOrThrow(req), requestId, req.socket.remoteAddress ?? null),
      admit: (ctx, request) => trusted.admit(ctx.viewer, request),
      timeZone: config.timeZone,
    })) return;
    if (url.pathname !== "/graphql") return sendJson(res, 404, { error: "not found" });
    return graphql(req, res, url, requestId);
  }

  async function viewerOrThrow(req: IncomingMessage): Promise<Viewer> {
    try {
      return await services.auth.viewerFrom(req.headers.authorization);
    } catch (err) {
      if (err instanceof DomainError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
      if (isDatabaseUnavailable(err)) throw serviceUnavailable(); // the token's user could not be looked up: retry, not a bug
      throw err;
    }
  }

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
  if (!config.publicUrl) publicUrl.value = `http://${host}:${port}`;
  log.info({ port, database: database.kind, pubsub: config.redisUrl ? "redis" : "in-process", ms: Date.now() - started, phases }, "kechuang hub ready");
  // Needs past their deadline expire on their own; every instance sweeps, the sweep is safe to run concurrently.
  const sweeper = startSweeper(services.expiry, config.sweepSeconds, log);
  // The embedded database has no autovacuum (embedded-vacuum.ts).
  const vacuuming = startEmbeddedVacuum(database, config.pgliteVacuumMinutes, log);
  // Timed notifications (deadlines, stale needs, docking reminders, digests): every instance sweeps, each is written once.
  const notifying = startNotificationSweep(services.notificationSweep, config.sweepSeconds, log);
  // Mail leaves after commit, from the outbox, never inside a request (modules/notification/mail-worker.ts).
  const mail = startMail(config, database, log);
  // Stored vectors of another reading of the matching engine are read again, in the background, by the instances whose
  // reading is the claimed one (the newest started), one at a time.
  services.reanalysis.start((key, work) => tryAdvisoryLock(database, key, work));

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    services,
    database,
    log,
    mailWorker: mail.worker,
    stop: () =>
      (stopping ??= (async () => {
        await sweeper.stop();
        await vacuuming.stop();
        await notifying.stop();
        await mail.stop();
        await services.reanalysis.stop();
        await apollo.stop();
        await close();
      })()),
  };
}

/** The mail worker over SMTP_URL, polling every HUB_MAIL_POLL_SECONDS; without SMTP_URL, none, and the log says so. */
function startMail(config: HubConfig, database: Database, log: Logger): { worker: MailWorker | null; stop(): Promise<void> } {
  const { smtpUrl, from, retrySeconds, maxAttempts, pollSeconds } = config.mail;
  if (!smtpUrl) {
    log.info("mail is off (SMTP_URL not set): notifications go to the inbox only");
    return { worker: null, stop: async () => {} };
  }
  const transport = smtpTransport(smtpUrl);
  const worker = new MailWorker(database.prisma, transport, { from, retrySeconds, maxAttempts }, log);
  const polling = every(pollSeconds, () => worker.drain(), log, "mail worker");
  log.info({ smtp: `${new URL(smtpUrl).hostname}:${new URL(smtpUrl).port || "default port"}`, pollSeconds }, "mail is on");
  return {
    worker,
    stop: async () => {
      await polling.stop();
      transport.close?.();
    },
  };
}

/** Runs the notification sweep at start and every `seconds` (HUB_SWEEP_SECONDS, as the expiry sweep; 0 turns it off). */
function startNotificationSweep(sweep: NotificationSweep, seconds: number, log: Logger): Periodic {
  return every(seconds, () => sweep.run(), log, "notification sweep");
}

/**
 * Everything but the network: database (migrated), pub/sub, services, reference data and the configured
 * admin. `npm start` listens on top of it; `npm run seed` and the benchmarks use it without a server.
 */
export async function openHubServices(config: HubConfig, log: Logger, embeddedTemplate?: Blob, accountMail?: AccountMail, clock?: () => number, reading?: string) {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? "" : config.dataDir,
    namedStatements: config.namedStatements,
    embeddedTemplate,
    log,
  });
  const pubsub = createHubPubSub(config.redisUrl, log, pubsubNamespace(config.databaseUrl, config.dataDir));
  const tokens = new TokenService(await jwtSecret(config, database), config.tokenTtlSeconds);
  // Hubs sharing one Redis but not one database keep separate login counts and query budgets.
  const scope = limiterScope(config.databaseUrl, config.dataDir);
  const loginLimiter = createLoginLimiter({ redisUrl: config.redisUrl, scope, limits: config.loginLimits, log });
  const queryBudget = createQueryBudget({ perMinute: config.queryBudgetPerMinute, redisUrl: config.redisUrl, scope, log });
  const registrationLimiter = createRegistrationLimiter({ redisUrl: config.redisUrl, scope, perHour: config.registrationsPerAddressPerHour, log });
  const passwordResetLimiter = createPasswordResetLimiter({ redisUrl: config.redisUrl, scope, limits: config.passwordResetLimits, log });
  const workflow = { staleNeedDays: config.staleNeedDays };
  // Set to where the hub listens once it does, unless HUB_PUBLIC_URL says where users reach it.
  const publicUrl = { value: config.publicUrl ?? `http://localhost:${config.port}` };
  const notifications = { mailOn: config.mail.smtpUrl !== null, publicUrl: config.publicUrl ?? `http://localhost:${config.port || 4000}`, timeZone: config.timeZone, digestHour: config.digestHour };
  const services = createServices({
    prisma: database.prisma, pubsub, tokens, log, loginLimiter, workflow, queryBudget, notifications, timeZone: config.timeZone,
    registrationLimiter, passwordResetLimiter, accountMail, publicUrl: () => publicUrl.value, clock,
    reading, reanalysisSweepSeconds: config.reanalysisSweepSeconds,
  });
  await services.reference.seed();
  if (config.adminEmail && config.adminPassword) await services.auth.ensureAdmin(config.adminEmail, config.adminPassword);
  const close = async () => {
    await loginLimiter.close();
    await registrationLimiter.close();
    await passwordResetLimiter.close();
    await queryBudget.close();
    await pubsub.close();
    await database.close();
  };
  return { database, services, close, publicUrl };
}

/** HUB_JWT_SECRET, else one made once and kept: in HUB_DATA_DIR (embedded) or in the database (shared by instances). */
async function jwtSecret(config: HubConfig, database: Database): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  if (database.kind === "pglite" && !config.dataDir.startsWith("memory://")) {
    const file = path.join(config.dataDir, "jwt-secret");
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
    return fs.readFileSync(file, "utf8").trim();
  }
  const candidate = randomBytes(48).toString("base64url");
  // Several instances may start at once: the first insert wins and everyone reads it back.
  await database.prisma.setting.upsert({ where: { key: "jwt-secret" }, create: { key: "jwt-secret", value: candidate }, update: {} });
  return (await database.prisma.setting.findUniqueOrThrow({ where: { key: "jwt-secret" } })).value;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}


