import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../infra/paths";
import {
  FIELD_RULES,
  OPEN_FIELDS,
  OPERATIONS,
  OWNERSHIP_RULES,
  PRIVATE_FIELDS,
  PUBLIC,
  ROUTES,
  ROW_RULES,
  SIGNED_IN,
  type Callers,
  type Denied,
  type Operation,
} from "../modules/access/policy.table";

export const ACCESS_DOC = path.join(PROJECT_ROOT, "docs", "access.md");

const INTRO = `# Access control

<!-- Generated from src/modules/access/policy.table.ts by \`npm run docs:access\`; do not edit (a test fails when it is stale). -->

The whole policy is one declared table, \`src/modules/access/policy.table.ts\`, applied once when the schema is built
(\`src/schema/apply-policy.ts\`): the resolver of every guarded operation checks the caller **before** its arguments are
converted and validated, so an anonymous or unauthorized caller gets \`UNAUTHENTICATED\` / \`FORBIDDEN\` whatever its
input; the resolver of every private field asks its rule and answers as the table says when the rule denies. Public
fields are not wrapped. Row rules are Prisma \`where\` fragments (\`readableNeeds\`, …) that every list, count, loader,
\`node(id:)\` and subscription applies in SQL, so \`totalCount\` and filters never count what the caller may not see; a
thing the caller may not see answers \`NOT_FOUND\` (or \`null\` from \`node\`), exactly as a missing one. Ownership rules
need the loaded row and are checked by the services; the table names them.

A new operation or private field is one line in the table; \`test/unit/access-policy.test.ts\` fails when an operation,
or a field whose name looks private, has no entry, and when an entry names a field that does not exist.

In short:

| who | sees |
| --- | --- |
| anonymous | PUBLIC needs (not drafts), without budget or enterprise; no responses, no user, no contact details, no reasons |
| ADMIN, ANALYST | everything (ANALYST writes no programme data, only its own saved queries; \`auditEvents\` is ADMIN only) |
| ENTERPRISE | its own needs (drafts too) with budgets and all their responses; PUBLIC and MEMBERS needs of others |
| SOCIETY, EXPERT, platform staff | PUBLIC and MEMBERS needs; CONFIDENTIAL ones their supplier is matched to or responded to (a society counts when one of its experts is); their own responses |
| saved queries | their owner, everyone signed in when shared (read-only), ADMIN |
`;

const OUTRO = `
## Tokens and sign-in

Tokens carry role, organisation and the user's \`tokenVersion\`; \`changePassword\` and \`deactivateUser\` bump it, so
older tokens stop working over HTTP, in \`connection_init\` (close 4403) and for open subscriptions (checked per
event). \`login\` is rate-limited per account and per client address (\`RATE_LIMITED\`, \`extensions.retryAfter\`), and so,
with counts of their own, are \`requestPasswordReset\` (per e-mail, whether it has an account or not) and self-registration.
A saved query runs with the rights of whoever runs it, never its owner's, over \`runSavedQuery\`, \`savedQueryResult\`
and trusted-document ids alike.

## Proof

\`test/access\`: \`matrix.test.ts\` (every role × every core operation), \`property.test.ts\` (fast-check,
\`ACCESS_WORLDS\` random worlds, default 20, one of them a fixed world that reaches every rule; set \`ACCESS_SEED\` to
replay one), \`subscriptions.test.ts\` (graphql-ws clients as every role), \`auth.test.ts\`, \`policy.test.ts\`
(authorization before validation, \`programmeStats\`, a match's rejection reason); \`test/unit/access-policy.test.ts\`
(the table covers the schema, and this file is generated from it).
`;

function callers(who: Callers): string {
  if (who === PUBLIC) return "anyone";
  if (who === SIGNED_IN) return "signed in";
  return who.join(", ");
}

const DENIED: Record<Denied, string> = { null: "null", empty: "[]", UNAUTHENTICATED: "UNAUTHENTICATED", FORBIDDEN: "FORBIDDEN" };

const cell = (text: string) => text.replace(/\|/g, "\\|");

function operationRows(kind: string): string[] {
  const entries = Object.entries(OPERATIONS).filter(([key]) => key.startsWith(`${kind}.`));
  entries.sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([key, o]: [string, Operation]) =>
    `| \`${key.slice(kind.length + 1)}\` | ${callers(o.who)} | ${o.rows ? `\`${o.rows}\`` : ""} | ${o.owner ? `\`${o.owner}\`` : ""} | ${cell(o.note ?? "")} |`,
  );
}

/** docs/access.md as the table says it. */
export function accessDoc(): string {
  const out = [INTRO];
  for (const kind of ["Query", "Mutation", "Subscription"]) {
    out.push(`## ${kind} fields\n`, "| field | who may call | rows | ownership | note |", "| --- | --- | --- | --- | --- |", ...operationRows(kind), "");
  }
  out.push("## HTTP routes beside GraphQL\n", "| route | who may call | note |", "| --- | --- | --- |");
  for (const [route, o] of Object.entries(ROUTES) as Array<[string, Operation]>) out.push(`| \`${route}\` | ${callers(o.who)} | ${cell(o.note ?? "")} |`);
  out.push("");
  out.push("## Private fields\n", "| field | who may read | others get |", "| --- | --- | --- |");
  for (const [key, f] of Object.entries(PRIVATE_FIELDS).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`| \`${key}\` | ${cell(FIELD_RULES[f.rule].text)} (\`${f.rule}\`) | ${DENIED[f.denied]} |`);
  }
  out.push("", "Fields whose names look private but are not (or are guarded by their type's row rule):", "");
  for (const [key, why] of Object.entries(OPEN_FIELDS).sort(([a], [b]) => a.localeCompare(b))) out.push(`- \`${key}\`: ${why}`);
  out.push("", "## Row rules\n", "| rule | who sees which rows |", "| --- | --- |");
  for (const [name, rule] of Object.entries(ROW_RULES)) out.push(`| \`${name}\` | ${cell(rule.text)} |`);
  out.push("", "## Ownership rules (checked by the service on the loaded row)\n", "| rule | who passes |", "| --- | --- |");
  for (const [name, text] of Object.entries(OWNERSHIP_RULES)) out.push(`| \`${name}\` | ${cell(text)} |`);
  out.push(OUTRO);
  return out.join("\n");
}

if (require.main === module) {
  fs.writeFileSync(ACCESS_DOC, accessDoc());
  console.log(`wrote ${path.relative(PROJECT_ROOT, ACCESS_DOC)}`);
}
