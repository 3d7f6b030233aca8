import { makeCreditCode, makeOrganisationCode } from "../../src/modules/enterprise/credit-code";
import {
  CreateEnterpriseDocument,
  CreateExpertDocument,
  CreatePlatformDocument,
  CreateSocietyDocument,
  CreateUserDocument,
  PostNeedDocument,
  type CreateExpertInput,
  type CreatePlatformInput,
  type PostNeedInput,
  type Role,
} from "../generated/operations";
import type { GqlClient } from "./client";
import type { TestHub } from "./hub";

let sequence = 0;
const next = () => ++sequence;

/** A valid 统一社会信用代码 that no other fixture uses (region code in positions 3–8). */
export function freshCreditCode(regionCode = "411303"): string {
  return makeCreditCode(`91${regionCode}${makeOrganisationCode(`MA${String(next()).padStart(6, "0")}`)}`);
}

export async function createEnterprise(admin: GqlClient, overrides: { name?: string; regionCode?: string; industryChainCodes?: string[] } = {}) {
  const regionCode = overrides.regionCode ?? "411303";
  const data = await admin.data(CreateEnterpriseDocument, {
    input: {
      name: overrides.name ?? `南阳测试企业${next()}有限公司`,
      creditCode: freshCreditCode(regionCode.length === 6 ? regionCode : "411303"),
      regionCode,
      industryChainCodes: overrides.industryChainCodes ?? ["NEW_ENERGY"],
    },
  });
  return data.createEnterprise;
}

export async function createSociety(admin: GqlClient, overrides: { name?: string; disciplines?: string[] } = {}) {
  const data = await admin.data(CreateSocietyDocument, {
    input: { name: overrides.name ?? `测试学会${next()}`, level: "PROVINCIAL", disciplines: overrides.disciplines ?? ["电池材料", "储能"] },
  });
  return data.createSociety;
}

export async function createExpert(client: GqlClient, input: Partial<CreateExpertInput> = {}) {
  const data = await client.data(CreateExpertDocument, {
    input: {
      name: `专家${next()}`,
      expertise: "从事锂离子电池热管理与热失控防护研究，开发了储能电站电池簇液冷系统与热失控早期预警方法。",
      keywords: ["热管理", "热失控", "储能"],
      industryChainCodes: ["NEW_ENERGY"],
      capacity: 3,
      ...input,
    },
  });
  return data.createExpert;
}

export async function createPlatform(admin: GqlClient, input: Partial<CreatePlatformInput> = {}) {
  const data = await admin.data(CreatePlatformDocument, {
    input: {
      name: `测试中试基地${next()}`,
      kind: "PILOT_BASE",
      capabilities: "建有动力电池安全测试平台和储能系统中试线，可开展电池热失控试验与热管理系统验证。",
      industryChainCodes: ["NEW_ENERGY"],
      regionCode: "411303",
      ...input,
    },
  });
  return data.createPlatform;
}

export async function postNeed(client: GqlClient, enterpriseId: string, input: Partial<PostNeedInput> = {}) {
  const data = await client.data(PostNeedDocument, {
    input: {
      enterpriseId,
      title: "储能电站电池热失控预警与热管理改进",
      description: "我公司储能电站电池簇在夏季高温运行时温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法。",
      industryChainCode: "NEW_ENERGY",
      kind: "JOINT_RD",
      keywords: ["热失控", "热管理", "储能"],
      // CONFIDENTIAL needs need a teaser (issue 22); the tests that are not about it get a plain one
      ...(input.visibility === "CONFIDENTIAL" && input.teaser === undefined ? { teaser: "一家企业寻求储能热管理方面的合作" } : {}),
      ...input,
    },
  });
  return data.postNeed;
}

export const PASSWORD = "Str0ng-Passw0rd!";

/** Creates a user of `role` acting for `organizationId` and returns a client signed in as them. */
export async function userClient(t: TestHub, role: Role, organizationId: string | null) {
  const email = `${role.toLowerCase()}${next()}@hub.test`;
  await t.admin.data(CreateUserDocument, { input: { email, password: PASSWORD, role, organizationId } });
  return t.signIn(email, PASSWORD);
}

/**
 * The energy-storage suppliers the postNeed tests match against: a society of two experts (one deep in liquid
 * cooling of battery clusters), an expert in thermal-runaway warning registered under another chain, and a pilot
 * platform. `coolingExpertise` lets a test word the cooling expert's profile its own way.
 */
export async function createStorageSuppliers(admin: GqlClient, coolingExpertise = "从事储能电站液冷系统设计与电池簇温差控制研究。") {
  const society = await createSociety(admin, { disciplines: ["储能", "电池安全"] });
  await createExpert(admin, { societyIds: [society.id] });
  await createExpert(admin, { expertise: coolingExpertise, keywords: ["液冷", "储能"], societyIds: [society.id] });
  await createExpert(admin, { expertise: "研究锂电池热失控早期预警算法与气体探测。", keywords: ["热失控", "预警"], industryChainCodes: ["EQUIPMENT"] });
  await createPlatform(admin, { capabilities: "储能电池安全检测、热失控试验与液冷热管理中试。" });
}

/** A need the suppliers of createStorageSuppliers answer (postNeed's input; `enterpriseId` filled in by the test). */
export const STORAGE_NEED = {
  enterpriseId: "",
  title: "储能电站电池热失控预警与液冷热管理",
  description: "我公司储能电站电池簇夏季温差超过8℃，存在热失控风险。希望合作开发液冷热管理方案和热失控早期预警算法。",
  industryChainCode: "NEW_ENERGY",
  kind: "JOINT_RD" as const,
  keywords: ["热失控", "热管理", "储能"],
};
