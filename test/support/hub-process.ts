import { GqlClient } from "./client";
import { testDatabase } from "./database";
import { E2E_ADMIN, signInAdmin, startServer, stopServer, type ServerProcess } from "./server-process";

/** A hub started as `npm start` starts it (server-process.ts), over a database of its own, with an admin signed in. */
export interface HubProcess {
  server: ServerProcess;
  /** The /graphql URL. */
  url: string;
  wsUrl: string;
  anonymous: GqlClient;
  admin: GqlClient;
  adminEmail: string;
  signIn(email: string, password: string): Promise<GqlClient>;
  stop(): Promise<void>;
}

/** In-memory PGlite by default; its own database on DATABASE_URL's server, and REDIS_URL, when those are set. */
export async function startHubProcess(env: Record<string, string> = {}): Promise<HubProcess> {
  const database = await testDatabase();
  const storage: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { HUB_DATA_DIR: "memory://" };
  const server = await startServer({ ...storage, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), ...env }).catch(async (err) => {
    await database.drop();
    throw err;
  });
  const anonymous = new GqlClient(server.graphqlUrl);
  const signIn = async (email: string, password: string) => {
    const data = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });
    return anonymous.as(data.login.token);
  };
  return {
    server,
    url: server.graphqlUrl,
    wsUrl: server.wsUrl,
    anonymous,
    admin: await signInAdmin(server.graphqlUrl),
    adminEmail: E2E_ADMIN.email,
    signIn,
    stop: async () => {
      await stopServer(server);
      await database.drop();
    },
  };
}
