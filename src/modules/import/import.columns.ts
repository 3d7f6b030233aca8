import type { EnterpriseDesignation, NeedKind, PlatformKind, SocietyKind, SocietyLevel, Visibility } from "../../generated/prisma/enums";

export const IMPORT_KINDS = ["enterprises", "societies", "experts", "platforms", "needs"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What a column holds, for the template's drop-down lists and its sample row. */
export interface ColumnSpec {
  header: string;
  required?: boolean;
  /** A drop-down list in the template: counties, chains, or fixed labels. */
  list?: "region" | "chain" | readonly string[];
  sample: string;
  note?: string;
}

export const YES_NO = ["是", "否"] as const;

export const DESIGNATION_LABELS: Record<EnterpriseDesignation, string> = {
  INNOVATION_LEADER: "创新龙头企业",
  GAZELLE: "瞪羚企业",
  TECH_SME: "科技型中小企业",
  HIGH_TECH: "高新技术企业",
  ABOVE_SCALE: "规上工业企业",
  SPECIALIZED_NEW: "专精特新企业",
};
export const LEVEL_LABELS: Record<SocietyLevel, string> = { NATIONAL: "国家级", PROVINCIAL: "省级", MUNICIPAL: "市级" };
export const SOCIETY_KIND_LABELS: Record<SocietyKind, string> = { ACADEMIC_SOCIETY: "学会", ENTERPRISE_ASSOCIATION: "企业科协", INDUSTRY_ASSOCIATION: "行业协会" };
export const PLATFORM_KIND_LABELS: Record<PlatformKind, string> = {
  NATIONAL_KEY_LAB: "国家重点实验室",
  PROVINCIAL_LAB: "省重点实验室",
  TECH_INNOVATION_CENTER: "技术创新中心",
  INDUSTRY_RESEARCH_INSTITUTE: "产业研究院",
  PILOT_BASE: "中试基地",
  INCUBATOR: "科技企业孵化器",
  EXPERT_WORKSTATION: "学会专家工作站",
  OTHER: "其他",
};
export const NEED_KIND_LABELS: Record<NeedKind, string> = {
  TECH_BREAKTHROUGH: "技术攻关",
  TECH_TRANSFER: "成果转让",
  CONSULTING: "技术咨询",
  TALENT: "人才需求",
  JOINT_RD: "联合研发",
  PILOT_TEST: "中试验证",
};
export const VISIBILITY_LABELS: Record<Visibility, string> = { PUBLIC: "公开", MEMBERS: "会员可见", CONFIDENTIAL: "保密" };

const CONTACT: ColumnSpec[] = [
  { header: "联系人", sample: "张经理" },
  { header: "联系电话", sample: "0377-63123456" },
  { header: "联系邮箱", sample: "contact@example.com" },
];

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  enterprises: [
    { header: "企业名称", required: true, sample: "南阳示例科技有限公司" },
    { header: "统一社会信用代码", required: true, sample: "91411303MA0000015D", note: "18 位，含校验位" },
    { header: "所在县区", required: true, list: "region", sample: "卧龙区" },
    { header: "产业链", required: true, list: "chain", sample: "新能源", note: "多个用、分隔" },
    { header: "企业称号", list: Object.values(DESIGNATION_LABELS), sample: "高新技术企业", note: "多个用、分隔" },
    { header: "研发专账", list: YES_NO, sample: "是" },
    { header: "科创中国", list: YES_NO, sample: "否" },
    ...CONTACT,
  ],
  societies: [
    { header: "学会名称", required: true, sample: "南阳市示例学会" },
    { header: "级别", required: true, list: Object.values(LEVEL_LABELS), sample: "市级" },
    { header: "类型", list: Object.values(SOCIETY_KIND_LABELS), sample: "学会" },
    { header: "学科领域", sample: "储能、电池材料", note: "多个用、分隔" },
    ...CONTACT,
  ],
  experts: [
    { header: "姓名", required: true, sample: "王示例" },
    { header: "职称", sample: "教授" },
    { header: "工作单位", sample: "南阳理工学院" },
    { header: "研究方向", required: true, sample: "从事储能电池热管理与液冷系统设计研究。" },
    { header: "关键词", sample: "储能、热管理", note: "多个用、分隔" },
    { header: "产业链", required: true, list: "chain", sample: "新能源" },
    { header: "所属学会", sample: "", note: "学会名称，多个用、分隔" },
    { header: "电子邮箱", sample: "wang@example.com" },
    { header: "电话", sample: "13800000000" },
    { header: "青年人才", list: YES_NO, sample: "否" },
    { header: "同时服务上限", sample: "3" },
  ],
  platforms: [
    { header: "平台名称", required: true, sample: "南阳示例中试基地" },
    { header: "平台类型", required: true, list: Object.values(PLATFORM_KIND_LABELS), sample: "中试基地" },
    { header: "服务能力", required: true, sample: "建有储能系统中试线，可开展电池热失控试验与热管理系统验证。" },
    { header: "产业链", required: true, list: "chain", sample: "新能源" },
    { header: "所在县区", list: "region", sample: "卧龙区" },
    { header: "科创中国", list: YES_NO, sample: "否" },
    ...CONTACT,
  ],
  needs: [
    { header: "需求名称", required: true, sample: "储能电站电池热管理改进" },
    { header: "需求描述", required: true, sample: "储能电站电池簇夏季温差超过8℃，希望合作开发液冷热管理方案。" },
    { header: "企业信用代码", required: true, sample: "91411303MA0000015D", note: "发布需求的企业（须已导入）" },
    { header: "产业链", required: true, list: "chain", sample: "新能源" },
    { header: "需求类型", required: true, list: Object.values(NEED_KIND_LABELS), sample: "联合研发" },
    { header: "关键词", sample: "储能、热管理" },
    { header: "预算下限（元）", sample: "100000" },
    { header: "预算上限（元）", sample: "500000" },
    { header: "截止日期", sample: "2027-12-31", note: "YYYY-MM-DD" },
    { header: "公开范围", list: Object.values(VISIBILITY_LABELS), sample: "公开" },
  ],
};

/** A label back to its enum value (by label or by the value itself). */
export function fromLabel<T extends string>(labels: Record<T, string>, text: string): T | null {
  const entry = Object.entries(labels).find(([value, label]) => label === text || value === text.toUpperCase());
  return entry ? (entry[0] as T) : null;
}

/** A cell holding several values: split on 、，,；; and whitespace runs around them. */
export function listOf(text: string): string[] {
  return text.split(/[、，,；;\n]+/).map((s) => s.trim()).filter(Boolean);
}
