// The create inputs are instantiated here (their decorators run on load), possibly before the schema module loads.
import "reflect-metadata";
import { validate, type ValidationError } from "../../infra/library-patches/validators";
import { CreateEnterpriseInput, creditCodeProblem } from "../enterprise";
import { CreateExpertInput } from "../expert";
import { PostNeedInput } from "../need";
import { CreatePlatformInput } from "../platform";
import { CreateSocietyInput } from "../society";
import { contactProblem } from "../contact";
import { COLUMNS, DESIGNATION_LABELS, fromLabel, LEVEL_LABELS, listOf, NEED_KIND_LABELS, PLATFORM_KIND_LABELS, SOCIETY_KIND_LABELS, VISIBILITY_LABELS, type ImportKind } from "./import.columns";
import type { SheetRow } from "./import.read";

/** A bad cell: its row as the spreadsheet numbers it, its column header, and what is wrong, in Chinese. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** What the rows are checked against: reference data and the rows they point to, read once per import. */
export interface ImportReference {
  regions: Map<string, string>; // code or name → code
  chains: Map<string, string>; // code or name → code
  societies: Map<string, number>; // name → id
  enterprises: Map<string, number>; // credit code → id
}

/** A row turned into the create mutation's input, with its natural key. */
export type ParsedRow =
  | { kind: "enterprises"; row: number; key: string; input: CreateEnterpriseInput }
  | { kind: "societies"; row: number; key: string; input: CreateSocietyInput }
  | { kind: "experts"; row: number; key: string; input: CreateExpertInput; societyIds: number[] }
  | { kind: "platforms"; row: number; key: string; input: CreatePlatformInput }
  | { kind: "needs"; row: number; key: string; input: PostNeedInput; enterpriseId: number };

/** Checks one row as the create mutation checks its input, and more (references by name); every problem of it. */
export async function parseRow(kind: ImportKind, sheet: SheetRow, ref: ImportReference): Promise<{ parsed: ParsedRow | null; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const cell = (header: string) => sheet.cells[header] ?? "";
  const bad = (column: string, message: string) => problems.push({ row: sheet.row, column, message });
  for (const spec of COLUMNS[kind]) if (spec.required && !cell(spec.header)) bad(spec.header, "必填，不能为空");
  const yes = (header: string) => {
    const v = cell(header);
    if (!v) return false;
    if (["是", "Y", "YES", "TRUE", "1"].includes(v.toUpperCase())) return true;
    if (!["否", "N", "NO", "FALSE", "0"].includes(v.toUpperCase())) bad(header, "应填“是”或“否”");
    return false;
  };
  const chains = (header: string) => {
    const codes = listOf(cell(header)).map((name) => ref.chains.get(name) ?? (bad(header, `没有名为“${name}”的产业链`), ""));
    return [...new Set(codes.filter(Boolean))];
  };
  const region = (header: string) => {
    const name = cell(header);
    if (!name) return null;
    return ref.regions.get(name) ?? (bad(header, `没有名为“${name}”的县区`), null);
  };
  const label = <T extends string>(header: string, labels: Record<T, string>): T | undefined => {
    const text = cell(header);
    if (!text) return undefined;
    return fromLabel(labels, text) ?? (bad(header, `应为以下之一：${Object.values<string>(labels).join("、")}`), undefined);
  };
  const int = (header: string) => {
    const text = cell(header).replace(/[,，\s]/g, "");
    if (!text) return null;
    if (!/^\d+$/.test(text)) return (bad(header, "应为不带小数的数字"), null);
    return Number(text);
  };
  const contact = () => {
    if (!cell("联系人") && !cell("联系电话") && !cell("联系邮箱")) return null;
    const value = { person: cell("联系人"), phone: cell("联系电话") || null, email: cell("联系邮箱") || null };
    const problem = contactProblem(value);
    if (problem) bad({ person: "联系人", phone: "联系电话", email: "联系邮箱" }[problem[0]]!, problem[1]);
    return value;
  };

  let parsed: ParsedRow;
  switch (kind) {
    case "enterprises": {
      const creditCode = cell("统一社会信用代码").toUpperCase();
      if (creditCode && creditCodeProblem(creditCode)) bad("统一社会信用代码", "统一社会信用代码格式或校验位不正确");
      const designations = listOf(cell("企业称号")).map((d) => fromLabel(DESIGNATION_LABELS, d) ?? (bad("企业称号", `没有“${d}”这一称号`), null));
      const input = Object.assign(new CreateEnterpriseInput(), {
        name: cell("企业名称"),
        creditCode,
        regionCode: region("所在县区") ?? "",
        industryChainCodes: chains("产业链"),
        designations: [...new Set(designations.filter((d) => d !== null))],
        hasRdAccount: yes("研发专账"),
        onKczg: yes("科创中国"),
        contact: contact(),
      });
      parsed = { kind, row: sheet.row, key: creditCode, input };
      await checkInput(input, sheet.row, ENTERPRISE_FIELDS, problems);
      break;
    }
    case "societies": {
      const input = Object.assign(new CreateSocietyInput(), {
        name: cell("学会名称"),
        level: label("级别", LEVEL_LABELS) ?? "MUNICIPAL",
        kind: label("类型", SOCIETY_KIND_LABELS) ?? "ACADEMIC_SOCIETY",
        disciplines: listOf(cell("学科领域")),
        contact: contact(),
      });
      parsed = { kind, row: sheet.row, key: input.name.trim(), input };
      await checkInput(input, sheet.row, SOCIETY_FIELDS, problems);
      break;
    }
    case "experts": {
      const societyIds = listOf(cell("所属学会")).map((name) => ref.societies.get(name) ?? (bad("所属学会", `没有名为“${name}”的学会（请先导入学会）`), -1));
      const email = cell("电子邮箱").toLowerCase() || null;
      const input = Object.assign(new CreateExpertInput(), {
        name: cell("姓名"),
        title: cell("职称") || null,
        affiliation: cell("工作单位") || null,
        expertise: cell("研究方向"),
        keywords: listOf(cell("关键词")),
        industryChainCodes: chains("产业链"),
        email,
        phone: cell("电话") || null,
        isYoungTalent: yes("青年人才"),
        capacity: int("同时服务上限") ?? 3,
      });
      const key = email ?? `${input.name.trim()}\u0000${input.affiliation?.trim() ?? ""}`;
      parsed = { kind, row: sheet.row, key, input, societyIds: [...new Set(societyIds.filter((id) => id > 0))] };
      await checkInput(input, sheet.row, EXPERT_FIELDS, problems);
      break;
    }
    case "platforms": {
      const input = Object.assign(new CreatePlatformInput(), {
        name: cell("平台名称"),
        kind: label("平台类型", PLATFORM_KIND_LABELS) ?? "OTHER",
        capabilities: cell("服务能力"),
        industryChainCodes: chains("产业链"),
        regionCode: region("所在县区"),
        onKczg: yes("科创中国"),
        contact: contact(),
      });
      parsed = { kind, row: sheet.row, key: input.name.trim(), input };
      await checkInput(input, sheet.row, PLATFORM_FIELDS, problems);
      break;
    }
    case "needs": {
      const creditCode = cell("企业信用代码").toUpperCase();
      const enterpriseId = creditCode ? ref.enterprises.get(creditCode) : undefined;
      if (creditCode && !enterpriseId) bad("企业信用代码", "没有这一信用代码的企业（请先导入企业）");
      const deadlineText = cell("截止日期");
      const deadline = deadlineText ? parseDate(deadlineText) : null;
      if (deadlineText && !deadline) bad("截止日期", "日期格式应为 YYYY-MM-DD");
      else if (deadline && deadline.getTime() <= Date.now()) bad("截止日期", "截止日期须晚于今天");
      const [chainCode] = chains("产业链");
      const input = Object.assign(new PostNeedInput(), {
        enterpriseId: String(enterpriseId ?? ""),
        title: cell("需求名称"),
        description: cell("需求描述"),
        industryChainCode: chainCode ?? "",
        kind: label("需求类型", NEED_KIND_LABELS) ?? "CONSULTING",
        keywords: listOf(cell("关键词")),
        budgetMin: int("预算下限（元）"),
        budgetMax: int("预算上限（元）"),
        deadline,
        visibility: label("公开范围", VISIBILITY_LABELS) ?? "PUBLIC",
      });
      if (input.budgetMin != null && input.budgetMax != null && input.budgetMin > input.budgetMax) bad("预算上限（元）", "预算上限不能低于预算下限");
      parsed = { kind, row: sheet.row, key: `${enterpriseId}\u0000${input.title.trim()}`, input, enterpriseId: enterpriseId ?? -1 };
      await checkInput(input, sheet.row, NEED_FIELDS, problems);
      break;
    }
  }
  return { parsed: problems.length ? null : parsed, problems: dedupe(problems) };
}

// The create input's fields and their columns (class-validator names the field; the import names the column).
const ENTERPRISE_FIELDS = { name: "企业名称", creditCode: "统一社会信用代码", regionCode: "所在县区", industryChainCodes: "产业链" };
const SOCIETY_FIELDS = { name: "学会名称", disciplines: "学科领域" };
const EXPERT_FIELDS = { name: "姓名", title: "职称", affiliation: "工作单位", expertise: "研究方向", keywords: "关键词", industryChainCodes: "产业链", email: "电子邮箱", phone: "电话", capacity: "同时服务上限" };
const PLATFORM_FIELDS = { name: "平台名称", capabilities: "服务能力", industryChainCodes: "产业链", regionCode: "所在县区" };
const NEED_FIELDS = { title: "需求名称", description: "需求描述", industryChainCode: "产业链", keywords: "关键词", budgetMin: "预算下限（元）", budgetMax: "预算上限（元）" };

const CONSTRAINT_MESSAGES: Record<string, string> = {
  trimmedLength: "长度不符合要求",
  isLength: "长度不符合要求",
  maxLength: "内容过长",
  arrayMinSize: "至少填写一项",
  arrayMaxSize: "项数过多",
  min: "数值过小",
  max: "数值过大",
  isEmail: "邮箱格式不正确",
  matches: "格式不正确",
};

/** The create input's own validation (its decorators), each problem named by its column, in Chinese. */
async function checkInput(input: object, row: number, columns: Record<string, string>, problems: RowProblem[]): Promise<void> {
  const errors: ValidationError[] = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  for (const error of errors) {
    const column = columns[error.property];
    if (!column || problems.some((p) => p.row === row && p.column === column)) continue;
    const constraint = Object.keys(error.constraints ?? {})[0] ?? "";
    problems.push({ row, column, message: CONSTRAINT_MESSAGES[constraint] ?? "内容不符合要求" });
  }
}

function parseDate(text: string): Date | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  // The end of that day in China (UTC+8): a deadline "2027-12-31" holds through the 31st.
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 15, 59, 59));
  return date.getUTCMonth() === Number(m[2]) - 1 ? date : null;
}

function dedupe(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.column}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
