import type { Call } from "./calls";
import { IdRef } from "./values";

/**
 * Counterexamples the fuzz found (each once answered 500 or wrote an invalid row), replayed first on every run
 * as fast-check `examples`, so that they stay fixed whatever the seed.
 */
const call = (mutation: string, args: Record<string, unknown>, sender: Call["sender"] = "admin"): Call => ({ mutation, sender, args, defects: [], transport: "variables", mistypeAs: "Int" });
const society = (name: string, disciplines: string[] = ["储能"]) => call("createSociety", { input: { name, level: "NATIONAL", disciplines } });
const need = (title: string, description: string) =>
  call("postNeed", { input: { enterpriseId: new IdRef("Enterprise", 0), title, description, industryChainCode: "NEW_ENERGY", kind: "CONSULTING" } });

export const REGRESSIONS: Record<string, Call[]> = {
  // a NUL reached PostgreSQL: 500
  createSociety: [society("学会\u0000名称"), society("热管理\ud800学会"), society("  \t\n  "), society("储能学会", ["  "])],
  // a lone surrogate in the email reached PGlite: 500 (FUZZ_SEED=20261127 FUZZ_ONLY=createUser FUZZ_PATH=3)
  createUser: [call("createUser", { input: { email: "范应用。我公司储能电站电池簇在夏季高温运\udb56期预", password: "Admin-Passw0rd!", role: "SOCIETY" } })],
  // NUL in the email of login: 500 (FUZZ_SEED=20261127 FUZZ_ONLY=login FUZZ_PATH=23)
  login: [call("login", { email: "\u0000\u0000测试与系统集成，", password: "Fuzz-Passw0rd-1" }, "anonymous")],
  // a description of ten spaces was stored empty
  postNeed: [need("储能热管理", " ".repeat(10)), need("   储  ", "储能电站电池热管理改进方案征集")],
  // an active, matched expert set active again was offered to a need that held it already: the one supplier key's
  // unique index answered 500 (FUZZ_SEED=20261127 FUZZ_ONLY=setExpertActive FUZZ_PATH=3)
  // (the malformed id beside it keeps a BAD_USER_INPUT among this mutation's runs, which the examples take places from)
  setExpertActive: [call("setExpertActive", { active: true, id: new IdRef("Expert", 1) }, "society"), call("setExpertActive", { active: false, id: new IdRef("malformed", 0) })],
  createPlatform: [call("createPlatform", { input: { name: "\u3000\u3000", kind: "PILOT_BASE", capabilities: "建有动力电池安全测试平台和储能系统中试线", industryChainCodes: ["NEW_ENERGY"] } })],
};
