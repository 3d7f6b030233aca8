// The words the two joining pages share (/join and /review): kinds, society levels, fields of Register*Input.
export const KINDS = { ENTERPRISE: "企业", SOCIETY: "学会", EXPERT: "专家" };
export const LEVELS = { NATIONAL: "全国", PROVINCIAL: "省级", MUNICIPAL: "市级" };
export const STATUSES = { PENDING: "待审核", APPROVED: "已通过", REJECTED: "未通过" };

/** Chinese labels of the submitted fields, by their name in the input (contact's inside "contact."). */
export const FIELD_LABELS = {
  name: "名称",
  creditCode: "统一社会信用代码",
  regionCode: "所在县区",
  industryChainCodes: "产业链",
  level: "级别",
  disciplines: "学科领域",
  affiliation: "工作单位",
  expertise: "专业特长",
  keywords: "关键词",
  societyIds: "申请加入的学会",
  "contact.person": "联系人",
  "contact.phone": "联系电话",
  "contact.email": "联系邮箱",
  email: "登录邮箱",
  password: "密码",
};

export { esc } from "./html.js";

/** A list typed as "a、b, c；d": the separators Chinese and English writers use. */
export const splitList = (text) =>
  String(text ?? "")
    .split(/[,，、;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Local date and time of an ISO instant, e.g. 2026-12-07 20:41. */
export const when = (iso) => (iso ? new Date(iso).toLocaleString("zh-CN", { hour12: false }).replace(/\//g, "-").replace(/:\d\d$/, "") : "—");
