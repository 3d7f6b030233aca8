/**
 * Chinese column headers for CSV exports (POST /export.csv with "headers": "zh"), for 市科协 and 科技局 staff who
 * pass the file on. A dotted column translates segment by segment ("need.title" → "需求·标题"); a field without a
 * name here keeps its own.
 */
const ZH: Record<string, string> = {
  id: "编号",
  title: "标题",
  name: "名称",
  description: "描述",
  summary: "摘要",
  status: "状态",
  kind: "类型",
  mode: "合作方式",
  visibility: "公开范围",
  keywords: "关键词",
  createdAt: "创建时间",
  updatedAt: "更新时间",
  openedAt: "发布时间",
  deadline: "截止时间",
  signedOn: "签约日期",
  servedOn: "服务日期",
  confirmedAt: "确认时间",
  contractSigned: "已签合同",
  amount: "合同金额（元，旧）",
  awardAmount: "揭榜奖励（元，旧）",
  value: "合同金额（元）",
  awardValue: "揭榜奖励（元）",
  budgetMin: "预算下限（元）",
  budgetMax: "预算上限（元）",
  hours: "服务时长（小时）",
  need: "需求",
  enterprise: "企业",
  society: "学会",
  expert: "专家",
  experts: "专家",
  participants: "参与专家",
  platform: "平台",
  response: "响应",
  match: "匹配",
  industryChain: "产业链",
  region: "县区",
  regionCode: "县区代码",
  code: "代码",
  creditCode: "统一社会信用代码",
  designations: "企业类型",
  score: "匹配分",
  rank: "排名",
  proposal: "方案",
  key: "键",
  needs: "需求数",
  openNeeds: "在办需求",
  resolvedNeeds: "已解决需求",
  matches: "匹配数",
  acceptedMatches: "已接受匹配",
  responses: "响应数",
  acceptedResponses: "已采纳响应",
  deals: "成交数",
  enterprises: "企业数",
  month: "月份",
};

export type HeaderLanguage = "en" | "zh";

export function headerFor(language: HeaderLanguage): (column: string) => string {
  if (language === "en") return (c) => c;
  return (c) => c.split(".").map((part) => ZH[part] ?? part).join("·");
}
