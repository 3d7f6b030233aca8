// Composes the demo's Chinese text from the chain vocabularies: need titles and descriptions, expert
// expertise, platform capabilities, response proposals, service summaries. Sentences are chosen from several
// templates and filled with vocabulary and numbers, so that no two of thousands of needs read the same.
import type { NeedKind, PlatformKind, ServiceKind } from "../generated/prisma/enums";
import { fillNumbers, type Random } from "./random";
import type { ChainVocabulary, Technique } from "./vocabulary";

/** What a need is about; kept by the generator to write responses and service records that fit it. */
export interface NeedTopic {
  product: string;
  technique: Technique;
  problem: string;
}

export interface NeedText {
  title: string;
  description: string;
  keywords: string[];
  topic: NeedTopic;
}

export const NEED_DESCRIPTION_MIN = 100;
export const NEED_DESCRIPTION_MAX = 250;

const BACKGROUNDS = [
  "公司主要从事{product}的研发与生产，现有生产线{2~12}条，年产值约{1~30}亿元。",
  "我公司是专注于{product}的{designation}，产品供应国内多家龙头企业。",
  "企业{product}产品年销售收入约{0.5~20.0:1}亿元，近两年订单增长较快。",
  "随着下游客户对{product}性能要求不断提高，企业亟需提升技术水平。",
];
const DESIGNATION_WORDS = ["高新技术企业", "专精特新企业", "科技型中小企业", "规上工业企业"];

const PROBLEMS = [
  "目前在{technique}环节存在{problem}等问题，{impact}。",
  "{product}在{technique}过程中{problem}，{impact}。",
  "现有{technique}工艺{problem}，{impact}。",
];
const IMPACTS = [
  "制约了产品向高端市场拓展",
  "导致综合成本居高不下",
  "影响交付周期和客户满意度",
  "已成为产能提升的主要瓶颈",
  "在客户审核中多次被要求整改",
  "每年造成直接损失约{50~500}万元",
];

const GOALS: Record<NeedKind, readonly string[]> = {
  TECH_BREAKTHROUGH: [
    "希望联合高校院所开展技术攻关，主要指标：{params}。",
    "拟寻求具备{technique}研究基础的团队共同攻关，要求{params}。",
  ],
  TECH_TRANSFER: [
    "拟受让已完成中试验证的{technique}技术成果或发明专利，转让后应达到{params}。",
    "寻求成熟的{technique}技术转让或许可，技术指标：{params}。",
  ],
  CONSULTING: [
    "希望邀请专家对现有{technique}方案进行诊断咨询，明确改进路径，目标{params}。",
    "需要专家现场指导，梳理{technique}关键工艺参数，力争{params}。",
  ],
  TALENT: [
    "拟柔性引进{talent}{1~3}名或技术团队，负责{technique}方向工作，推动实现{params}。",
    "招引{technique}方向的{talent}，可采用兼职、顾问或项目合作方式，目标{params}。",
  ],
  JOINT_RD: [
    "拟与高校院所联合研发新一代{product}，关键指标：{params}。",
    "计划共建联合实验室开展{technique}研究，开发满足{params}的新产品。",
  ],
  PILOT_TEST: [
    "实验室阶段已完成小试，需要借助中试平台完成{technique}工艺放大验证，要求{params}。",
    "寻求具备{product}中试条件的平台开展工艺验证和小批量试制，要求{params}。",
  ],
};

const RESOURCES = ["试验场地和样品", "配套研发经费", "生产线用于工艺验证", "历史工艺数据和检测报告", "专职技术人员配合"];
const MODES = ["合作方式可为委托开发或联合攻关", "成果归属双方协商确定", "可共建研发中心长期合作", "按阶段验收付款"];

const TITLES: Record<NeedKind, readonly string[]> = {
  TECH_BREAKTHROUGH: ["{product}{technique}关键技术攻关", "解决{product}{problemShort}问题", "{product}{technique}工艺优化"],
  TECH_TRANSFER: ["{technique}技术成果转让需求", "求购{product}{technique}相关专利技术"],
  CONSULTING: ["{product}{technique}技术咨询", "{technique}工艺诊断与改进咨询"],
  TALENT: ["引进{talent}（{technique}方向）", "招引{technique}技术团队"],
  JOINT_RD: ["新一代{product}联合研发", "{product}{technique}联合开发"],
  PILOT_TEST: ["{product}{technique}中试验证", "{technique}工艺中试放大"],
};

function fill(template: string, random: Random, vars: Record<string, string>): string {
  return fillNumbers(template.replace(/\{([a-zA-Z]+)\}/g, (m, key: string) => vars[key] ?? m), random);
}

/** The part of a problem before its first comma, for titles ("内部气孔率偏高、气密性不稳定" → "内部气孔率偏高"). */
function shortProblem(problem: string): string {
  return problem.split(/[、，]/)[0]!;
}

export function composeNeed(
  random: Random,
  chainName: string,
  vocabulary: ChainVocabulary,
  kind: NeedKind,
  challengeAward: number | null,
): NeedText {
  const technique = random.pick(vocabulary.techniques);
  const product = random.pick(technique.products);
  const problem = random.pick(technique.problems);
  const talent = random.pick(vocabulary.talents);
  const params = random.sample(technique.params, random.int(2, 3)).join("，");
  const vars = { product, technique: technique.name, problem, problemShort: shortProblem(problem), talent, params,
    designation: random.pick(DESIGNATION_WORDS), impact: "" };
  vars.impact = fill(random.pick(IMPACTS), random, vars);

  const background = fill(random.pick(BACKGROUNDS), random, vars);
  const core = fill(random.pick(PROBLEMS), random, vars) + fill(random.pick(GOALS[kind]), random, vars);
  const conditions = `企业可提供${random.pick(RESOURCES)}，${random.pick(MODES)}，期望${random.int(3, 18)}个月内完成。`;
  const challenge = challengeAward
    ? `本需求以揭榜挂帅方式发布，榜额${challengeAward / 10000}万元，揭榜团队须在${chainName}领域具有成功转化案例。`
    : "";
  const invitation = "欢迎相关高校、科研院所和学会专家对接。";

  // Keep the description 100–250 characters: drop optional sentences while too long, pad while too short.
  const optional = [background, conditions];
  let description = background + core + conditions + challenge;
  while (description.length > NEED_DESCRIPTION_MAX && optional.length > 0) {
    description = description.replace(optional.shift()!, "");
  }
  if (description.length < NEED_DESCRIPTION_MIN) description += invitation;
  if (description.length > NEED_DESCRIPTION_MAX) description = description.slice(0, NEED_DESCRIPTION_MAX - 1) + "。";

  const title = (challengeAward ? "揭榜挂帅：" : "") + fill(random.pick(TITLES[kind]), random, vars);
  const keywords = [product, technique.name, ...(kind === "TALENT" ? [talent] : [])];
  return { title, description, keywords, topic: { product, technique, problem } };
}

// ---------- experts ----------

const SENIOR_ACHIEVEMENTS = [
  "主持国家及省部级科研项目{3~15}项，授权发明专利{5~30}项，发表学术论文{20~120}篇。",
  "获省部级科技进步奖{1~5}项，参与制定国家或行业标准{1~6}项。",
  "先后为{10~60}家企业提供技术服务，相关成果累计新增产值{1~20}亿元。",
  "带领团队完成成果转化{3~12}项，建有学会专家工作站{1~3}个。",
];
const YOUNG_ACHIEVEMENTS = [
  "主持省级及以上项目{1~3}项，授权发明专利{1~8}项，发表论文{5~30}篇。",
  "入选市级青年科技人才培养计划，参与企业横向课题{2~10}项。",
  "作为骨干参与国家重点研发计划课题{1~2}项，熟悉企业现场工程问题。",
];

export const EXPERTISE_MIN = 80;
export const EXPERTISE_MAX = 200;

export function composeExpertise(
  random: Random,
  vocabulary: ChainVocabulary,
  isYoungTalent: boolean,
): { expertise: string; keywords: string[]; direction: string } {
  const direction = random.pick(vocabulary.directions);
  const [t1, t2] = random.sample(vocabulary.techniques, 2);
  const product = random.pick(t1!.products);
  const problem = random.pick(t1!.problems);
  let text =
    `长期从事${direction}研究，主要方向为${t1!.name}和${t2!.name}，` +
    `在${product}等产品${shortProblem(problem)}等问题的解决上积累了丰富经验。`;
  const achievements = random.sample(isYoungTalent ? YOUNG_ACHIEVEMENTS : SENIOR_ACHIEVEMENTS, 2);
  for (const a of achievements) {
    const sentence = fillNumbers(a, random);
    if (text.length + sentence.length <= EXPERTISE_MAX) text += sentence;
  }
  if (text.length < EXPERTISE_MIN) text += "可为企业提供技术诊断、工艺优化和人才培训等服务。";
  return { expertise: text, keywords: [direction, t1!.name, t2!.name, product], direction };
}

// ---------- platforms ----------

const PLATFORM_EXTRAS: Partial<Record<PlatformKind, readonly string[]>> = {
  PILOT_BASE: ["建有{product}中试线{1~4}条，可承接公斤级至吨级工艺放大。"],
  INCUBATOR: ["孵化场地{5000~30000}平方米，在孵企业{20~80}家。"],
  EXPERT_WORKSTATION: ["常驻及柔性进站专家{3~12}名，年均解决企业技术难题{5~20}项。"],
  NATIONAL_KEY_LAB: ["固定研究人员{60~200}名，承担国家级项目{10~40}项。"],
  PROVINCIAL_LAB: ["固定研究人员{30~120}名，具备CMA检验检测资质。"],
};

export function composeCapabilities(random: Random, vocabulary: ChainVocabulary, kind: PlatformKind): string {
  const equipment = random.sample(vocabulary.equipment, 3).join("、");
  const services = random.sample(vocabulary.services, 2).join("、");
  const [t1, t2] = random.sample(vocabulary.techniques, 2);
  const product = random.pick(t1!.products);
  let text =
    `拥有${equipment}等仪器设备${random.int(20, 300)}台（套），可开展${services}等服务，` +
    `重点支撑${t1!.name}、${t2!.name}方向的技术攻关与成果转化。`;
  const extras = PLATFORM_EXTRAS[kind];
  if (extras) text += fill(random.pick(extras), random, { product });
  text += `已与${random.int(10, 120)}家企业建立合作关系。`;
  return text;
}

// ---------- responses and services ----------

const APPROACHES = ["现场诊断与工艺试验相结合", "仿真分析与样件验证相结合", "联合攻关、分阶段交付", "先小试验证再中试放大"];

export function composeProposal(random: Random, societyName: string, expertNames: string[], topic: NeedTopic): string {
  return (
    `${societyName}组织${expertNames.length === 1 ? `${expertNames[0]}专家` : `${expertNames.join("、")}等${expertNames.length}名专家`}组成服务团队，` +
    `针对${topic.technique.name}中${shortProblem(topic.problem)}的问题，拟采用${random.pick(APPROACHES)}的方式，` +
    `计划${random.int(2, 6)}周内完成现场调研并提交技术方案。`
  );
}

export const DECLINE_REASONS = [
  "方案与企业现有产线不匹配",
  "报价超出企业预算",
  "企业已选择其他合作方",
  "专家档期无法满足进度要求",
];

const SERVICE_LABELS: Record<ServiceKind, string> = {
  CONSULTING: "科技咨询",
  GUIDANCE: "技术指导",
  POLICY_BRIEFING: "政策宣讲",
  RESEARCH_VISIT: "调研走访",
  WORKSTATION: "专家工作站服务",
};

export function composeServiceSummary(random: Random, kind: ServiceKind, vocabulary: ChainVocabulary, topic: NeedTopic | null): string {
  const technique = topic?.technique.name ?? random.pick(vocabulary.techniques).name;
  switch (kind) {
    case "POLICY_BRIEFING":
      return `${SERVICE_LABELS[kind]}：宣讲研发费用加计扣除、高新技术企业认定和科创中国平台入驻政策，企业技术骨干${random.int(8, 60)}人参加。`;
    case "RESEARCH_VISIT":
      return `${SERVICE_LABELS[kind]}：走访企业研发中心和生产车间，梳理${technique}方面的技术需求${random.int(1, 5)}项。`;
    default:
      return `${SERVICE_LABELS[kind]}：专家团队赴企业围绕${technique}开展现场服务，提出改进建议${random.int(2, 8)}条。`;
  }
}
