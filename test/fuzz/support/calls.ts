import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import type { NodeType } from "../../../src/infra/relay/global-id";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../../support/hub";
import { PASSWORD } from "../../support/fixtures";
import { BOUNDARY_STRINGS, CreditCodeRef, DateRef, IdRef, JUNK, NODE_TYPES, text } from "./values";

/**
 * Calls built from the emitted schema itself (schema/schema.graphql, type Mutation): for each argument a valid-ish
 * value from its GraphQL type (with the field's name picking realistic content: a real region code, an ID of
 * the right type, a future deadline …), then 0–3 defects at random places (a leaf swapped for a boundary or
 * wrong-typed value, a key dropped or nulled, a list item duplicated, an unknown key, a 1,000-item list), sent
 * as variables, as inline literals, or with a variable declared of the wrong type. Mostly-valid calls get deep
 * into the services; the defects probe every check on the way.
 */
export const schema = buildSchema(fs.readFileSync(path.join(__dirname, "../../../schema/schema.graphql"), "utf8"));
const mutationType = schema.getMutationType()!;
export const MUTATIONS = Object.keys(mutationType.getFields());

/** Who sends a call: the world's roles (test/workflow/world.ts) plus a user whose password may change. */
export type Sender = "admin" | "owner" | "otherEnterprise" | "society" | "otherSociety" | "expert" | "platform" | "analyst" | "anonymous" | "passwordChanger";

/** The node type behind an `id` argument, per mutation. */
const ID_ARG: Record<string, NodeType> = {
  updateExpert: "Expert",
  setExpertActive: "Expert",
  setMatchStatus: "Match",
  updateNeedStatus: "TechNeed",
  setPlatformActive: "InnovationPlatform",
  shortlistResponse: "Response",
  acceptResponse: "Response",
  declineResponse: "Response",
  withdrawResponse: "Response",
  deactivateUser: "User",
  reactivateUser: "User",
  answerInvitation: "Invitation",
  withdrawInvitation: "Invitation",
  rescheduleDocking: "Docking",
  cancelDocking: "Docking",
  recordDockingOutcome: "Docking",
  reviewRegistration: "Registration",
  updateNeed: "TechNeed",
  updateEnterprise: "Enterprise",
  updateSociety: "Society",
  updatePlatform: "InnovationPlatform",
  updateDeal: "Deal",
  voidDeal: "Deal",
  confirmServiceRecord: "ServiceRecord",
};

const ID_FIELD: Record<string, NodeType[]> = {
  enterpriseId: ["Enterprise"],
  societyId: ["Society"],
  societyIds: ["Society"],
  expertIds: ["Expert"],
  needId: ["TechNeed"],
  responseId: ["Response"],
  matchId: ["Match"],
  invitationId: ["Invitation"],
  workstationId: ["ExpertWorkstation"],
  organizationId: ["Enterprise", "Society", "Expert", "InnovationPlatform"],
};

const CHAINS = ["NEW_ENERGY", "NEW_ENERGY", "EQUIPMENT", "BIO", "AUTO_PARTS", "TCM_HEALTH", "NOT_A_CHAIN"];
const REGIONS = ["411303", "411303", "411381", "NY-GXQ", "999999", "411300"];

/** Whitespace only, long enough to pass a length check on the raw text (the services keep it trimmed). */
const BLANK = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(" ", "\u3000", "\t", "\u00a0", " \n")).map(([n, c]) => c.repeat(n));

/** A realistic string for the field, now and then a boundary one (every call has a few strings: most calls carry one). */
function stringFor(name: string): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 14, arbitrary: realisticString(name) }, { weight: 1, arbitrary: BOUNDARY_STRINGS }, { weight: 1, arbitrary: BLANK });
}

function realisticString(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "creditCode":
      return fc.oneof(
        { weight: 6, arbitrary: fc.constant(new CreditCodeRef("fresh")) },
        { weight: 3, arbitrary: fc.constantFrom("lower", "padded", "again").map((mode) => new CreditCodeRef(mode)) },
        { weight: 1, arbitrary: fc.constantFrom("91411303MA00000001", "914113030000000000", "91411303MA45T8PE3").map((c) => new CreditCodeRef("fixed", c)) },
      );
    case "regionCode":
      return fc.constantFrom(...REGIONS);
    case "industryChainCode":
    case "industryChainCodes":
      return fc.constantFrom(...CHAINS);
    case "email":
      return fc.oneof(fc.nat(1_000_000).map((n) => `fuzz${n}@hub.test`), fc.constantFrom(ADMIN_EMAIL, ` ${ADMIN_EMAIL.toUpperCase()} `, "no-at-sign", "a@b"));
    case "password":
    case "newPassword":
    case "currentPassword":
      return fc.oneof(fc.constantFrom(PASSWORD, ADMIN_PASSWORD, "short", "alllowercaseletters"), fc.nat(1_000_000).map((n) => `Fuzz-Passw0rd-${n}`));
    case "phone":
      return fc.constantFrom("13800000000", "+86 138-0000-0000", "abc", "1");
    case "title":
      return text(4, 50);
    case "description":
    case "expertise":
    case "capabilities":
      return text(10, 2000);
    case "proposal":
      return text(10, 5000);
    case "summary":
      return text(4, 2000);
    case "affiliation":
      return text(2, 100);
    case "keywords":
      return text(1, 30);
    case "disciplines":
      return text(1, 50);
    default:
      return text(2, 50);
  }
}

function intFor(name: string): fc.Arbitrary<unknown> {
  if (name === "capacity") return fc.integer({ min: 1, max: 50 });
  return fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2_000_000_000 }));
}

function dateFor(name: string): fc.Arbitrary<unknown> {
  const past = ["servedOn", "signedOn", "startsOn"].includes(name);
  return (past ? fc.integer({ min: -400, max: 0 }) : fc.integer({ min: 2, max: 400 })).map((d) => new DateRef(d));
}

function idFor(name: string, mutation: string): fc.Arbitrary<unknown> {
  // An ID the maps do not know (a new mutation): one of any type.
  const types = (name === "id" ? ID_ARG[mutation] && [ID_ARG[mutation]] : ID_FIELD[name]) ?? NODE_TYPES;
  return fc.tuple(fc.constantFrom(...types), fc.nat(1_000)).map(([type, pick]) => new IdRef(type, pick));
}

/** A valid-ish value of a GraphQL input type; `name` is the field or argument it fills. */
function valueFor(type: GraphQLInputType, name: string, mutation: string): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueFor(type.ofType, name, mutation);
  if (isListType(type)) return fc.array(valueFor(type.ofType as GraphQLInputType, name, mutation), { minLength: 1, maxLength: 3 });
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(
      Object.fromEntries(fields.map((f) => [f.name, isNonNullType(f.type) ? valueFor(f.type, f.name, mutation) : optional(valueFor(f.type, f.name, mutation))])),
      { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  switch (type.name) {
    case "String":
      return stringFor(name);
    case "Int":
      return intFor(name);
    case "Boolean":
      return name === "draft" ? fc.constantFrom(false, false, false, true) : fc.boolean();
    case "ID":
      return idFor(name, mutation);
    case "DateTime":
      return dateFor(name);
    default:
      return fc.constant(null);
  }
}

/** An optional field or argument: mostly given, sometimes left out, sometimes null. */
const optional = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 6, arbitrary: arb }, { weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });

export type DefectKind = "junk" | "drop" | "null" | "duplicate" | "unknownKey" | "hugeList";
export interface Defect {
  at: number;
  kind: DefectKind;
  junk: unknown;
}
const defect: fc.Arbitrary<Defect> = fc.record({
  at: fc.nat(10_000),
  kind: fc.constantFrom<DefectKind>("junk", "junk", "junk", "drop", "null", "duplicate", "duplicate", "unknownKey", "hugeList"),
  junk: JUNK,
});

export type Transport = "variables" | "inline" | "mistyped";
export interface Call {
  mutation: string;
  sender: Sender;
  args: Record<string, unknown>;
  defects: Defect[];
  transport: Transport;
  mistypeAs: string;
}

const SENDERS = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Sender>("admin") },
  { weight: 8, arbitrary: fc.constantFrom<Sender>("owner", "society", "expert", "platform", "otherEnterprise", "otherSociety", "analyst", "anonymous") },
);

export function callArb(mutation: string): fc.Arbitrary<Call> {
  const field = mutationType.getFields()[mutation];
  const args = fc
    .record(Object.fromEntries(field.args.map((a) => [a.name, isNonNullType(a.type) ? valueFor(a.type, a.name, mutation) : optional(valueFor(a.type, a.name, mutation))])))
    .map(coherent);
  return fc.record({
    mutation: fc.constant(mutation),
    sender: mutation === "changePassword" ? fc.constantFrom<Sender>("passwordChanger", "passwordChanger", "anonymous") : SENDERS,
    args,
    defects: fc.oneof({ weight: 1, arbitrary: fc.constant<Defect[]>([]) }, { weight: 1, arbitrary: fc.array(defect, { minLength: 1, maxLength: 3 }) }),
    transport: fc.constantFrom<Transport>("variables", "variables", "variables", "variables", "inline", "mistyped"),
    mistypeAs: fc.constantFrom("String", "Int", "Boolean", "ID", "[String]", "String!", "DateTime", "CreateSocietyInput"),
  });
}

/**
 * The rules between fields that a valid call keeps (budgetMin <= budgetMax, challenge fields on challenges, the
 * submission deadline before the deadline, one source of a deal), so that clean calls get through; the
 * defects break them again often enough.
 */
function coherent(args: Record<string, unknown>): Record<string, unknown> {
  const input = args.input as Record<string, unknown> | undefined;
  if (!input) return args;
  const { budgetMin, budgetMax } = input;
  if (typeof budgetMin === "number" && typeof budgetMax === "number" && budgetMin > budgetMax) [input.budgetMin, input.budgetMax] = [budgetMax, budgetMin];
  if (!input.isChallenge) (delete input.submissionDeadline, delete input.challengeAward);
  if (input.submissionDeadline instanceof DateRef && input.deadline instanceof DateRef && input.submissionDeadline.days > input.deadline.days) {
    [input.submissionDeadline, input.deadline] = [input.deadline, input.submissionDeadline];
  }
  if (input.matchId && input.responseId) delete input.responseId;
  if (input.signedOn && !input.contractSigned) input.contractSigned = true;
  return args;
}

// ---------- defects ----------

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (isPlain(value)) for (const [k, v] of Object.entries(value)) if (v !== undefined) (out.push({ parent: value, key: k }), slots(v, out));
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The call's arguments with its defects applied (on a copy). */
export function damaged(call: Call): Record<string, unknown> {
  const root = structuredCloneKeep(call.args) as Record<string, unknown>;
  for (const d of call.defects) {
    const all = slots(root);
    if (!all.length) {
      if (d.kind === "unknownKey") root.bogus = d.junk;
      continue;
    }
    const { parent, key } = all[d.at % all.length];
    const target = (parent as Record<string | number, unknown>)[key];
    const set = (v: unknown) => ((parent as Record<string | number, unknown>)[key] = v);
    switch (d.kind) {
      case "junk":
        set(d.junk);
        break;
      case "drop":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case "null":
        set(null);
        break;
      case "duplicate":
        if (Array.isArray(target) && target.length) target.push(target[0]);
        else if (Array.isArray(parent)) parent.push(target);
        else set([target, target]);
        break;
      case "unknownKey":
        if (isPlain(target)) target.bogusField = d.junk;
        else if (!Array.isArray(parent)) parent.bogusField = d.junk;
        break;
      case "hugeList":
        {
          const item = Array.isArray(target) && target.length ? target[0] : target;
          // a thousand copies of a megabyte would not fit in one JSON string on the sending side
          const big = (JSON.stringify(item) ?? "").length > 10_000;
          set(Array.from({ length: 1_000 }, () => (big ? "储能" : item)));
        }
        break;
    }
  }
  return root;
}

/** structuredClone drops class prototypes (IdRef, DateRef): copy containers only and keep leaves as they are. */
function structuredCloneKeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(structuredCloneKeep);
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structuredCloneKeep(x)]));
  return v;
}

// ---------- documents ----------

function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return "";
  if (type.name === "AuthPayload") return "{ token }";
  if (type.getInterfaces().some((i) => i.name === "Node")) return "{ __typename id }";
  return "{ __typename }";
}

/** The request body's query and variables for a call whose arguments are already resolved to JSON values. */
export function document(call: Call, args: Record<string, unknown>): { query: string; variables?: Record<string, unknown> } {
  const field = mutationType.getFields()[call.mutation];
  const given = field.args.filter((a) => args[a.name] !== undefined || call.transport !== "inline");
  if (call.transport === "inline") {
    const list = given.map((a) => `${a.name}: ${literal(args[a.name], a.type)}`).join(", ");
    return { query: `mutation Fuzz { ${call.mutation}${list ? `(${list})` : ""} ${selection(field)} }` };
  }
  const mistyped = call.transport === "mistyped" ? given[call.defects.length % Math.max(given.length, 1)]?.name : undefined;
  const declare = (a: GraphQLArgument) => `$${a.name}: ${a.name === mistyped && call.mistypeAs !== String(a.type) ? call.mistypeAs : String(a.type)}`;
  const defs = given.map(declare).join(", ");
  const uses = given.map((a) => `${a.name}: $${a.name}`).join(", ");
  return { query: `mutation Fuzz${defs ? `(${defs})` : ""} { ${call.mutation}${uses ? `(${uses})` : ""} ${selection(field)} }`, variables: args };
}

/** A JSON value as a GraphQL literal in a position of `type` (enum names bare, everything else as it is). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return "null";
  const t = getNullableType(type);
  if (isListType(t)) return Array.isArray(value) ? `[${value.map((v) => literal(v, t.ofType as GraphQLInputType)).join(", ")}]` : literal(value, t.ofType as GraphQLInputType);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, t)).join(", ")}]`;
  if (isPlain(value)) {
    const fields = isInputObjectType(t) ? t.getFields() : {};
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? t)}`).join(", ")}}`;
  }
  if (isEnumType(t) && typeof value === "string" && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && !["true", "false", "null"].includes(value)) return value;
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}
