/**
 * What a society's developer would copy: sign in, then print every new match for the user's organisation
 * as it arrives, over graphql-ws with typed operations from GraphQL Code Generator.
 *
 *   HUB_URL=http://localhost:4000/graphql HUB_EMAIL=society1@demo.kechuang.local HUB_PASSWORD=demo-password-2025 \
 *     npm run example:watch-matches
 */
import { print } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { LoginDocument, MeDocument, OnMatchFoundDocument, type OnMatchFoundSubscription } from "./generated/operations";

const HUB_URL = process.env.HUB_URL ?? "http://localhost:4000/graphql";

async function graphql<T>(document: Parameters<typeof print>[0], variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(HUB_URL, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join("; "));
  return body.data;
}

async function main() {
  const { login } = await graphql<{ login: { token: string } }>(LoginDocument, { email: process.env.HUB_EMAIL, password: process.env.HUB_PASSWORD });
  const { me } = await graphql<{ me: { organization: { __typename: string; id?: string; name?: string } | null } | null }>(MeDocument, {}, login.token);
  const supplierId = me?.organization?.id;
  console.log(`signed in; watching matches for ${me?.organization?.name ?? "everything I may see"}`);

  const client = createClient({
    url: HUB_URL.replace(/^http/, "ws"),
    webSocketImpl: WebSocket, // Node 20 has no global WebSocket
    connectionParams: { authorization: `Bearer ${login.token}` },
    retryAttempts: Infinity, // reconnect through hub restarts
    shouldRetry: () => true,
  });
  const matches = client.iterate<OnMatchFoundSubscription>({ query: print(OnMatchFoundDocument), variables: supplierId ? { supplierId } : {} });
  for await (const event of matches) {
    const match = event.data?.matchFound;
    if (!match) continue;
    const supplier = "name" in match.supplier ? match.supplier.name : "?";
    // a CONFIDENTIAL need still closed to the viewer comes without the need (its teaser only)
    console.log(`#${match.rank} ${(match.score * 100).toFixed(0)}分  ${match.need?.title ?? "（保密需求）"}  ← ${supplier}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
