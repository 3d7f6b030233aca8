// Reading a need posting the way a domain expert does. Postings follow a pattern: who the company is and what it
// makes (background), what goes wrong (problem), what it already tried without success, what it asks for, and
// numeric targets. Wrong suppliers typically share the background (the product: 前照灯, 磷酸铁锂, 月季) while the
// right ones share the problem and the ask; so the clauses are weighted by role before analysis.

export type ClauseRole = "background" | "problem" | "effect" | "tried" | "ask" | "target";

export interface WeightedClause {
  text: string;
  role: ClauseRole;
  weight: number;
}

export const ROLE_WEIGHT: Record<ClauseRole, number> = {
  background: 0.35,
  problem: 1.0,
  effect: 0.5,
  tried: 0.5,
  ask: 1.3,
  target: 0.7,
};

// A sentence that opens by introducing the company.
const BACKGROUND_OPENING = /^(本公司|我公司|该公司|公司|企业|我司|本企业)/;
// Clauses that describe the business rather than the problem.
const BUSINESS_CLAUSE = /(主要(配套|供应|用于|生产|为|面向)|客户以|以.{1,16}为主|年产|年销量|年出栏|存栏|年出圃|产能|^采用|^主要|^经|^其中.{0,6}(为|是))/;
// Words that mark a problem: once one appears, the rest of the sentence is no longer background.
const PROBLEM_CUE = /(问题|故障|事故|失效|下降|不足|偏差|超差|超标|投诉|反馈|瓶颈|难以|无法|不能|差异大|不稳定|损耗|损伤|烧毁|依赖外购|但|然而|却)/;
// Things already tried that did not work.
// (opening of the sentence, or a phrase saying it failed).
const TRIED_CUE = /^(本公司|我公司|公司|企业)?(曾|尝试|目前只|目前采用|目前依靠|现采用|现阶段只|虽)|没有任何改善|改善有限|效果差|效果不佳|无明显改善|不能根本解决|未见改善|收效甚微/;
// What is asked for.
const ASK_CUE = /^(希望|拟|寻求|亟需|急需|计划|期望|需要)|希望|寻求|拟(开发|引进|与|联合|建立)/;
// Consequences for the business or its customers (导致田间防效不稳定, 客户反馈…不良率上升, 因…退货): they show
// that the problem matters, not what it is, and they name the customer's product rather than the cause.
const EFFECT_CUE = /^(导致|造成|致使|从而|进而|客户反馈|用户反馈|客户反映|下游反馈)|已有.*(退货|索赔)|投诉|退货|索赔/;
// What the company lacks is what it asks for (厂内没有湿度可控的生产环境和干法制粒设备; 缺少分析…的手段).
const LACK_CUE = /缺少|缺乏|不具备|尚无|没有.{0,12}(手段|条件|设备|环境|能力|人员|人才|方法|平台|经验|装置|仪器)/;
const TARGET_CUE = /^(目标|指标|技术指标|要求|考核指标)[:：]?/;

function splitSentences(text: string): string[] {
  return text
    .split(/[。！？；;!?\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function splitClauses(sentence: string): string[] {
  return sentence
    .split(/[，,：:]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The description split into clauses, each with the role it plays in the posting and the weight of that role. */
export function weighDescription(description: string): WeightedClause[] {
  const out: WeightedClause[] = [];
  const sentences = splitSentences(description);
  sentences.forEach((sentence, index) => {
    if (TARGET_CUE.test(sentence)) {
      out.push({ text: sentence, role: "target", weight: ROLE_WEIGHT.target });
      return;
    }
    if (ASK_CUE.test(sentence)) {
      out.push({ text: sentence, role: "ask", weight: ROLE_WEIGHT.ask });
      return;
    }
    if (LACK_CUE.test(sentence)) {
      for (const clause of splitClauses(sentence)) {
        const role: ClauseRole = LACK_CUE.test(clause) ? "ask" : "problem";
        out.push({ text: clause, role, weight: ROLE_WEIGHT[role] });
      }
      return;
    }
    if (TRIED_CUE.test(sentence)) {
      out.push({ text: sentence, role: "tried", weight: ROLE_WEIGHT.tried });
      return;
    }
    // Background: the opening sentences that introduce the company, clause by clause until the problem starts.
    if (index <= 1 && BACKGROUND_OPENING.test(sentence)) {
      let inBackground = true;
      for (const clause of splitClauses(sentence)) {
        if (inBackground && PROBLEM_CUE.test(clause)) inBackground = false;
        const role: ClauseRole = inBackground ? "background" : "problem";
        out.push({ text: clause, role, weight: ROLE_WEIGHT[role] });
      }
      return;
    }
    if (index <= 1 && BUSINESS_CLAUSE.test(sentence) && !PROBLEM_CUE.test(sentence)) {
      out.push({ text: sentence, role: "background", weight: ROLE_WEIGHT.background });
      return;
    }
    for (const clause of splitClauses(sentence)) {
      const role: ClauseRole = EFFECT_CUE.test(clause) ? "effect" : "problem";
      out.push({ text: clause, role, weight: ROLE_WEIGHT[role] });
    }
  });
  return out;
}

// What the company makes, handles or sells: the object of a business verb in a clause about the company (公司生产X,
// 为车企供应X, 从事X回收), a named product (产品为X, 主要产品X) or a production line (X生产线). Such words say what the
// problem shows in, not what is wrong: a discipline they reach (正极材料 → 电化学, 经纱 → 织造) is the product's
// field, which the trap suppliers share, and it must not join the need's ask on their strength alone.
const BUSINESS_VERB = /(生产|供应|加工|制造|研发|研制|开发|销售|经营|种植|养殖|回收|提供|配套|从事)(了)?/;
const COMPANY_SUBJECT = /^(本公司|我公司|该公司|公司|企业|我司|本企业|我们)/;
const NAMED_PRODUCT = /(?:主要产品|主导产品|主营产品)(?:为|是|有|包括)?(.+)$|产品(?:为|是|包括)(.+)$/;
const PRODUCTION_LINE = /([\u4e00-\u9fffA-Za-z0-9]{1,12}?)(?:生产线|产线|生产车间)/g;

/**
 * The spans of a posting that name the company's product: business-verb objects in background clauses or in
 * clauses whose subject is the company (never in the ask: 希望开发X is what is asked for), named products, and the
 * product of a production line.
 */
export function productSpans(clauses: WeightedClause[]): string[] {
  const spans: string[] = [];
  for (const c of clauses) {
    if (c.role === "ask" || c.role === "target") continue;
    if (c.role === "background" || COMPANY_SUBJECT.test(c.text)) {
      const verb = BUSINESS_VERB.exec(c.text);
      if (verb) spans.push(c.text.slice(verb.index + verb[0].length));
    }
    // (a plain substring test first: most clauses name neither, and the patterns below backtrack)
    if (c.text.includes("产品")) {
      const named = NAMED_PRODUCT.exec(c.text);
      const namedSpan = named?.[1] ?? named?.[2];
      if (namedSpan) spans.push(namedSpan);
    }
    if (c.text.includes("产线") || c.text.includes("生产车间")) for (const m of c.text.matchAll(PRODUCTION_LINE)) spans.push(m[1]!);
  }
  return spans.filter((s) => s.length > 0);
}
