import { registerEnumType } from "type-graphql";
import * as enums from "../generated/prisma/enums";

// The database enums are the API enums: one list of values, declared once in schema.prisma.
const DESCRIPTIONS: Partial<Record<keyof typeof enums, string>> = {
  SocietyKind: "学会 / 企业科协 / 行业协会",
  EnterpriseDesignation: "创新龙头企业, 瞪羚企业, 科技型中小企业, 高新技术企业, 规上工业企业, 专精特新企业",
  ServiceKind: "科技咨询, 技术指导, 政策宣讲, 调研走访, 学会专家工作站",
};

for (const [name, values] of Object.entries(enums)) {
  registerEnumType(values as object, { name, description: DESCRIPTIONS[name as keyof typeof enums] });
}

export * from "../generated/prisma/enums";
