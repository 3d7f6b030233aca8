import fc from "fast-check";
import { makeCreditCode, makeOrganisationCode } from "../../../src/modules/enterprise/credit-code";
import type { NodeType } from "../../../src/infra/relay/global-id";

/**
 * The leaves of fuzzed inputs. IDs and dates are placeholders resolved when the request is sent (IDs from the
 * rows that exist by then, dates relative to now), so a replayed seed means the same thing later.
 */
export class IdRef {
  constructor(
    /** a node type: an existing row of it; "unknown:<type>": a well-formed ID of no row; "malformed": a string that is no ID */
    readonly kind: NodeType | `unknown:${NodeType}` | "malformed",
    readonly pick: number,
  ) {}
}

export class DateRef {
  constructor(readonly days: number) {}
}

export const NODE_TYPES: NodeType[] = ["User", "Enterprise", "Society", "Expert", "InnovationPlatform", "TechNeed", "Response", "Match", "Deal", "ServiceRecord", "ExpertWorkstation"];

const b64 = (s: string) => Buffer.from(s).toString("base64url");
/** Strings that look like IDs but are none of ours: empty, not base64, id 0 / negative / above Int, unknown type, padded, too long. */
export const MALFORMED_IDS = ["", "abc", " ", b64("TechNeed:0"), b64("TechNeed:-1"), b64("TechNeed:2147483648"), b64("TechNeed:9007199254740993"), b64("Bogus:1"), b64("TechNeed:01"), b64("TechNeed:1\n"), b64("TechNeed:1 "), "x".repeat(65), "VGVjaE5lZWQ6MQ==", "VGVj aE5lZWQ6MQ"];

const TEXT =
  "我公司储能电站电池簇在夏季高温运行时温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法，并在中试线上完成验证。" +
  "学会组织储能热管理专家提供液冷改造方案，开展电池安全测试与系统集成，形成可推广的技术标准和示范应用。";

/** Chinese text of a length in [min, max] (UTF-16 units), cut from a realistic paragraph. */
export function text(min: number, max: number): fc.Arbitrary<string> {
  const hi = Math.min(max, min + 60);
  return fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min, max: hi }) },
    { weight: 1, arbitrary: fc.constant(max) },
  ).chain((n) => fc.nat(TEXT.length - 1).map((at) => TEXT.repeat(Math.ceil((n + at) / TEXT.length) + 1).slice(at, at + n)));
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Boundary strings: empty, blank, NUL, lone surrogates, zero-width, RTL, emoji, combining marks, huge. */
export const BOUNDARY_STRINGS: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "  \t\n  ",
    " ".repeat(10),
    "\u3000".repeat(12),
    "\u00a0\u2003\u3000\u00a0",
    "\u0000",
    "储能热管理\u0000液冷方案",
    "\ud800",
    "热管理方案\udfff储能",
    "\udc00\ud800储能热管理",
    "\u200b\u200b\u200b\u200b\u200b",
    "\u202e储能热管理方案\u202c",
    "\ufeff储能热管理方案",
    "👩‍👩‍👧‍👦🔋⚡储能热管理",
    "e\u0301".repeat(30),
    "'; DROP TABLE \"TechNeed\"; --",
    "%_\\%储能",
    "\u0085\u2028\u2029储能热管理",
    "\uffff\u{10ffff}储能热管理",
  ),
  fc.constantFrom(101, 2_001, 5_001, 10_000, 200_000).map((n) => "储".repeat(n)),
  fc.constant("y".repeat(1_000_001)),
  fc.tuple(text(0, 20), loneSurrogate, text(0, 20)).map(([a, s, b]) => a + s + b),
  fc.tuple(text(0, 20), fc.constantFrom("\u0000", "\u0000\u0000"), text(0, 20)).map(([a, s, b]) => a + s + b),
  text(1, 8).map((s) => `   ${s}\u3000 `),
  // (without U+FFFD, which the invariants look for as the trace of a lone surrogate)
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replace(/\uFFFD/g, "")),
  fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => s.replace(/\uFFFD/g, "")),
);

/** Numbers at and past the edges of GraphQL Int, floats where Int is due, numbers in strings. */
export const BOUNDARY_NUMBERS: fc.Arbitrary<unknown> = fc.constantFrom(-1, 0, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1.5, 1e308, -1e-9, "NaN", "Infinity", "12", "0x10", "1e3");

export const BOUNDARY_DATES: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "2025-02-30T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2030-01-01",
    "2030-01-01T25:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "0001-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "2030-01-01T00:00:00+14:00",
    "not a date",
    "",
    1e15,
    -1,
    0,
    1.5,
  ),
  fc.integer({ min: -40_000, max: 40_000 }).map((d) => new DateRef(d)),
);

/** Values of the wrong kind for any position. */
export const WRONG_TYPES: fc.Arbitrary<unknown> = fc.constantFrom(true, false, 7, 3.25, "text", {}, [], { a: 1 }, [1, "x"], [[]], null);

export const idRef = (kind: IdRef["kind"]) => fc.nat(1_000).map((pick) => new IdRef(kind, pick));

export const ANY_ID: fc.Arbitrary<IdRef> = fc.oneof(
  fc.constantFrom(...NODE_TYPES).chain(idRef),
  fc.constantFrom(...NODE_TYPES).chain((t) => idRef(`unknown:${t}`)),
  idRef("malformed"),
);

/** Anything that may replace a leaf of a valid input. */
export const JUNK: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: BOUNDARY_STRINGS },
  { weight: 2, arbitrary: BOUNDARY_NUMBERS },
  { weight: 2, arbitrary: BOUNDARY_DATES },
  { weight: 2, arbitrary: WRONG_TYPES },
  { weight: 2, arbitrary: ANY_ID },
);

let codes = 0;
let lastCode = "";
/** A valid 统一社会信用代码 not used before in this process. */
export const freshCreditCode = () => (lastCode = makeCreditCode(`91411303${makeOrganisationCode(`FX${String(++codes).padStart(6, "0")}`)}`));

/** Resolves placeholders at send time: IDs against the rows that exist now, dates against now. */
export function resolve(value: unknown, ids: (ref: IdRef) => string): unknown {
  if (value instanceof IdRef) return ids(value);
  if (value instanceof DateRef) return new Date(Date.now() + value.days * 86_400_000).toISOString();
  if (value instanceof CreditCodeRef) return creditCode(value);
  if (Array.isArray(value)) return value.map((v) => resolve(v, ids));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ids)]));
  return value;
}

/**
 * A credit code made when sent: a fresh valid one (so that creates get past the uniqueness check), in lower
 * case or padded with spaces (the hub normalises those), the last one made again (a duplicate), or a fixed text.
 */
export class CreditCodeRef {
  constructor(
    readonly mode: "fresh" | "lower" | "padded" | "again" | "fixed",
    readonly text = "",
  ) {}
}

function creditCode(ref: CreditCodeRef): string {
  if (ref.mode === "fixed") return ref.text;
  if (ref.mode === "again" && lastCode) return lastCode;
  const code = freshCreditCode();
  return ref.mode === "lower" ? code.toLowerCase() : ref.mode === "padded" ? ` ${code} ` : code;
}
