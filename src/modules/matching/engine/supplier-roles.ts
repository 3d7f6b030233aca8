// EXPERIMENT (session 19, issue 29; reverted in the next commit, see docs/matching-eval.md "Seventh round, traps"):
// settings from the environment for measuring: SR_APP (application weight, 0.5), SR_MODE (clause | span), SR_KW=0
// (keywords not read by role), SR_CONTROL (uniform: every clause of a profile holding an application clause damped;
// problem: clauses naming a problem, 问题, damped too).
// Reading a supplier's profile by role, as need-roles.ts reads a need. A profile says what the supplier knows
// (研究/从事/擅长/主要方向为 a field, a method, a problem) and what it applied that to: the products it worked on, the
// industries and clients it served (在X等产品…上, 服务X企业, 为X提供, 用于X, 合作单位, 产品包括). A trap supplier shares the
// need's product through the second kind of clause; the right one shares its problem and discipline through the first.
// So application clauses count less, and so does a keyword that only repeats one of their objects.
import { normaliseText } from "./dictionaries";

export type ProfileRole = "expertise" | "application";

export interface ProfileClause {
  text: string;
  role: ProfileRole;
  weight: number;
}

const num = (name: string, fallback: number) => (process.env[name] !== undefined ? Number(process.env[name]) : fallback);
export const PROFILE_ROLE_WEIGHT: Record<ProfileRole, number> = {
  expertise: 1,
  application: num("SR_APP", 0.5),
};
const MODE = process.env.SR_MODE ?? "clause";
const KEYWORDS = process.env.SR_KW !== "0";

// The objects a profile's expertise was applied to: products (在X等产品上), industries and clients (服务X企业, 为X企业提供,
// 客户包括), uses (用于X, 应用于X), partners (合作单位). Derived from how profiles state their record, not from any need.
const APPLICATION_CUE =
  /在.{1,40}?等(产品|行业|领域|企业|场景|项目)|服务(于|过)?.{1,40}?(企业|用户|客户|行业|厂商|厂家|单位)|为.{1,40}?(企业|公司|厂商|厂家|客户|用户|单位).{0,8}提供|(用于|应用于|应用在|推广应用)|合作(单位|企业|伙伴|关系)|客户(包括|有|涵盖|遍及)|产品(包括|涵盖|有)/;
// Where the object of a 在X等产品 clause ends: what follows (Y等问题的解决上) is the problem it met, read as expertise.
const OBJECT_END = /等(产品|行业|领域|企业|场景|项目)/;

function splitClauses(text: string): string[] {
  return text
    .split(/[。！？；;!?\n，,：:]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The profile's text split into clauses, each with its role and weight. */
export function weighProfile(text: string): ProfileClause[] {
  const out = weighProfile0(text);
  if (process.env.SR_CONTROL === "uniform" && out.some((c) => c.role === "application")) return out.map((c) => ({ ...c, role: "application", weight: PROFILE_ROLE_WEIGHT.application }));
  if (process.env.SR_CONTROL === "problem") return out.map((c) => (/问题/.test(c.text) ? { ...c, role: "application", weight: PROFILE_ROLE_WEIGHT.application } : c));
  return out;
}
function weighProfile0(text: string): ProfileClause[] {
  const out: ProfileClause[] = [];
  for (const clause of splitClauses(text)) {
    if (!APPLICATION_CUE.test(clause)) {
      out.push({ text: clause, role: "expertise", weight: PROFILE_ROLE_WEIGHT.expertise });
      continue;
    }
    const end = MODE === "span" ? OBJECT_END.exec(clause) : null;
    if (end) {
      const cut = end.index + end[0].length;
      out.push({ text: clause.slice(0, cut), role: "application", weight: PROFILE_ROLE_WEIGHT.application });
      const rest = clause.slice(cut);
      if (rest) out.push({ text: rest, role: "expertise", weight: PROFILE_ROLE_WEIGHT.expertise });
    } else {
      out.push({ text: clause, role: "application", weight: PROFILE_ROLE_WEIGHT.application });
    }
  }
  return out;
}

/**
 * The weight of a keyword: a keyword that names one of the application clauses' objects and nothing the expertise
 * clauses say (the demo's 磷酸铁锂正极材料 of 在磷酸铁锂正极材料等产品…上) is an application too.
 */
export function keywordRoleWeight(keyword: string, clauses: ProfileClause[]): number {
  if (!KEYWORDS) return 1;
  const k = normaliseText(keyword);
  if (!k) return 1;
  const inRole = (role: ProfileRole) => clauses.some((c) => c.role === role && normaliseText(c.text).includes(k));
  return inRole("application") && !inRole("expertise") ? PROFILE_ROLE_WEIGHT.application : 1;
}
