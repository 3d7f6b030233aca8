import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { HubConfig } from "./config";
import type { Context } from "./context/context";
import { createLoaders } from "./context/loaders";
import { createServices, type Services } from "./context/services";
import { createLoginLimiter, limiterScope } from "./infra/auth/login-limiter";
import { TokenService } from "./infra/auth/tokens";
import { openDatabase, type Database } from "./infra/db/database";
import { DomainError } from "./infra/errors";
import { PayloadTooLarge, readBody } from "./infra/http/body";
import { formatError } from "./infra/http/format-error";
import { costPlugin, QUERY_LIMITS, shapeLimits } from "./infra/http/query-limits";
import { createLogger, type Logger } from "./infra/logger";
import { createHubPubSub, pubsubNamespace } from "./infra/pubsub/pubsub";
import { hubSchema } from "./schema/build-schema";
import { handleWebRequest } from "./modules/web/web.routes";
import { startSweeper } from "./modules/scheduler/expiry-sweep";
import type { Viewer } from "./infra/auth/viewer";

export const MAX_BODY_BYTES = 1_000_000;

export interface Hub {
  url: string;
  wsUrl: string;
  services: Services;
  database: Database;
  log: Logger;
  stop(): Promise<void>;
}

export interface HubOptions {
  config: HubConfig;
  log?: Logger;
  /** Called after migrations and reference data, before the server listens (demo data, tests' fixtures). */
  beforeListen?: (services: Services, database: Database) => Promise<void>;
}

/** Builds and starts the hub: database, services, GraphQL over HTTP and WebSocket on one port, /healthz. */
export async function startHub({ config, log = createLogger(config.logLevel), beforeListen }: HubOptions): Promise<Hub> {
  const started = Date.now();
  const { database, services, close } = await openHubServices(config, log);
  await beforeListen?.(services, database);

  const schema = await hubSchema();
  const httpServer = http.createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const contextFor = (viewer: Viewer, requestId: string, clientAddress: string | null = null): Context => ({
    viewer,
    clientAddress,
    loaders: createLoaders(database.prisma, viewer),
    services,
    requestId,
    log: log.child({ requestId }),
  });
  const wsCleanup = useServer(
    {
      schema,
      context: async (ctx) =>
        contextFor(await services.auth.viewerFrom(ctx.connectionParams?.authorization), randomUUID(), ctx.extra.request.socket.remoteAddress ?? null),
      onConnect: async (ctx) => {
        // A bad token closes the socket in connection_init (4403 Forbidden), before any subscription.
        try {
          await services.auth.viewerFrom(ctx.connectionParams?.authorization);
          return true;
        } catch {
          return false;
        }
      },
    },
    wsServer,
  );
  const limits = shapeLimits();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: formatError(log),
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals (graceful shutdown with a bound); Apollo would re-raise SIGTERM and exit 143.
    stopOnTerminationSignals: false,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    plugins: [
      ...limits.plugins,
      costPlugin(schema),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  httpServer.on("request", (req, res) => {
    const requestId = headerValue(req, "x-request-id") || randomUUID();
    res.setHeader("x-request-id", requestId);
    route(req, res, requestId).catch((err) => {
      log.error({ err, requestId }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId } }] });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? "/", "http://hub");
    if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
    // Explorer, dashboard, their assets and CSV export (src/modules/web); a browser asking /graphql for HTML gets the explorer.
    if (await handleWebRequest(req, res, url, { apollo, context: async () => contextFor(await viewerOrThrow(req), requestId, req.socket.remoteAddress ?? null) })) return;
    if (url.pathname !== "/graphql") return sendJson(res, 404, { error: "not found" });
    let body: unknown;
    try {
      const text = req.method === "POST" ? await readBody(req, MAX_BODY_BYTES) : "";
      body = text && (headerValue(req, "content-type") ?? "").includes("json") ? JSON.parse(text) : text;
    } catch (err) {
      if (err instanceof PayloadTooLarge) return sendJson(res, 413, { errors: [{ message: `Request body above ${MAX_BODY_BYTES} bytes`, extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
      return sendJson(res, 400, { errors: [{ message: "Request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context: async () => contextFor(await viewerOrThrow(req), requestId, req.socket.remoteAddress ?? null),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") res.end(result.body.string);
    else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  async function viewerOrThrow(req: IncomingMessage): Promise<Viewer> {
    try {
      return await services.auth.viewerFrom(req.headers.authorization);
    } catch (err) {
      if (err instanceof DomainError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
      throw err;
    }
  }

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
  log.info({ port, database: database.kind, pubsub: config.redisUrl ? "redis" : "in-process", ms: Date.now() - started }, "kechuang hub ready");
  // Needs past their deadline expire on their own; every instance sweeps, the sweep is safe to run concurrently.
  const sweeper = startSweeper(services.expiry, config.sweepSeconds, log);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    services,
    database,
    log,
    stop: () =>
      (stopping ??= (async () => {
        await sweeper.stop();
        await apollo.stop();
        await close();
      })()),
  };
}

/**
 * Everything but the network: database (migrated), pub/sub, services, reference data and the configured
 * admin. `npm start` listens on top of it; `npm run seed` and the benchmarks use it without a server.
 */
export async function openHubServices(config: HubConfig, log: Logger) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? "" : config.dataDir, log });
  const pubsub = createHubPubSub(config.redisUrl, log, pubsubNamespace(config.databaseUrl, config.dataDir));
  const tokens = new TokenService(await jwtSecret(config, database), config.tokenTtlSeconds);
  const loginLimiter = createLoginLimiter({ redisUrl: config.redisUrl, scope: limiterScope(config.databaseUrl, config.dataDir), limits: config.loginLimits, log });
  const services = createServices(database.prisma, pubsub, tokens, log, loginLimiter, { staleNeedDays: config.staleNeedDays });
  await services.reference.seed();
  if (config.adminEmail && config.adminPassword) await services.auth.ensureAdmin(config.adminEmail, config.adminPassword);
  const close = async () => {
    await loginLimiter.close();
    await pubsub.close();
    await database.close();
  };
  return { database, services, close };
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

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

