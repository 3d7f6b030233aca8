// Synthetic distractor suppliers, deterministic, for robustness checks and benchmarks: profiles written from
// templates with terms of the concept dictionary, so they look like demo data (real domain words, plausible
// sentences) without being the answer to any sample need.
import conceptsData from "../../data/concepts.json";
import { analyzeSupplier } from "../analyze";
import type { PlatformKind, SupplierDoc } from "../types";
import type { SupplierEntry } from "./evaluate";

import { prng } from "../prng";

const CHAINS = ["AUTO_PARTS", "EQUIPMENT", "BIO", "OPTOELECTRONICS", "NEW_ENERGY", "TEXTILE", "NEW_MATERIALS", "AGRI_FOOD", "TCM_HEALTH"];
const PLATFORM_KINDS: PlatformKind[] = ["NATIONAL_KEY_LAB", "PROVINCIAL_LAB", "TECH_INNOVATION_CENTER", "INDUSTRY_RESEARCH_INSTITUTE", "PILOT_BASE", "INCUBATOR", "EXPERT_WORKSTATION", "OTHER"];
const EXPERT_TEMPLATES = [
  "长期从事{0}与{1}研究，熟悉{2}、{3}和{4}，为多家企业解决{5}方面的工程问题。",
  "研究{0}的机理与{1}方法，主持完成{2}相关项目，在{3}和{4}方面有丰富经验。",
  "擅长{0}、{1}及{2}，参与{3}标准编制，指导企业开展{4}和{5}。",
];
const PLATFORM_TEMPLATES = [
  "建有{0}实验室和{1}试验线，可开展{2}、{3}和{4}测试服务，为企业提供{5}技术支撑。",
  "配置{0}和{1}设备，承接{2}与{3}的工艺开发、小批量试制和{4}评价。",
];

function groupsOf(chain: string): string[][] {
  const synonyms = conceptsData.synonyms as Record<string, string[][]>;
  return [...(synonyms[chain] ?? []), ...(synonyms.GENERAL ?? [])];
}

function fill(template: string, terms: string[]): string {
  return template.replace(/\{(\d)\}/g, (_, i: string) => terms[Number(i)] ?? "");
}

/** `count` distractor suppliers (about 95% experts, 5% platforms), analysed and ready to rank. */
export function makeDistractors(count: number, seed = 42): SupplierEntry[] {
  const rand = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: SupplierEntry[] = [];
  for (let i = 0; i < count; i++) {
    const chain = pick(CHAINS);
    const groups = groupsOf(chain);
    const terms = Array.from({ length: 6 }, () => pick(pick(groups)));
    const isPlatform = rand() < 0.05;
    const doc: SupplierDoc = isPlatform
      ? {
          kind: "PLATFORM", name: `演示平台${i}`, text: fill(pick(PLATFORM_TEMPLATES), terms), keywords: [],
          chainCodes: [chain], regionCode: "411302", platformKind: pick(PLATFORM_KINDS),
        }
      : {
          kind: "EXPERT", name: `演示专家${i}`, text: `教授 演示大学 ${fill(pick(EXPERT_TEMPLATES), terms)}`,
          keywords: terms.slice(0, 3), chainCodes: [chain], regionCode: null,
          capacity: 1 + Math.floor(rand() * 3), activeEngagements: Math.floor(rand() * 2),
        };
    out.push({ key: `d${i}`, doc, terms: analyzeSupplier(doc) });
  }
  return out;
}
