// Names for the demo's people, companies and institutions. ALL FICTIONAL: they are composed at random from
// syllable tables, so any resemblance to a real person or company is accidental. Institutions use invented
// names built from local rivers and mountains (白河大学 …), never real universities or companies.
import type { Random } from "./random";

const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
  "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
  "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
];

const GIVEN = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
  "刚", "桂", "华", "建", "国", "志", "文", "晓", "红", "玉", "宇", "浩", "鹏", "辉", "斌", "凯", "琳", "雪", "婷", "倩",
  "博", "昊", "睿", "楠", "欣", "悦", "振", "海", "峰", "亮", "宏", "俊", "瑶", "颖", "晨", "阳", "帆", "彬", "毅", "然",
];

/** A fictional person: surname + one or two given-name characters. */
export function personName(random: Random): string {
  const given = random.chance(0.7) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}

// Two-syllable trade names (字号). Pairs of these are common-sounding but the table is ours.
const TRADE_FIRST = [
  "瑞", "丰", "恒", "鼎", "宛", "卓", "嘉", "源", "弘", "昌", "盛", "泰", "华", "信", "利", "德", "鑫", "益", "晟", "远",
  "金", "兴", "明", "新", "博", "汇", "正", "安", "宏", "凯", "天", "宇", "润", "聚", "通", "诚", "思", "优", "创", "锦",
];
const TRADE_SECOND = [
  "达", "泽", "邦", "辰", "峰", "隆", "航", "翔", "越", "腾", "川", "宸", "驰", "拓", "科", "恩", "耀", "诺", "森", "岳",
  "阳", "程", "锐", "晖", "祥", "康", "维", "衡", "立", "方", "尚", "嘉", "展", "弛", "澜", "晋", "成", "禾", "沃", "特",
];

const COMPANY_FORMS = ["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"];

/** Fictional trade name (字号), e.g. 瑞泽. */
export function tradeName(random: Random): string {
  return random.pick(TRADE_FIRST) + random.pick(TRADE_SECOND);
}

/**
 * A fictional company: region prefix + trade name + business + form, e.g. 西峡县瑞泽汽车部件有限公司.
 * Districts and special zones register as 南阳市…; counties under their own name.
 */
export function companyName(random: Random, regionName: string, isCounty: boolean, businessWord: string): string {
  const prefix = isCounty ? regionName : random.chance(0.8) ? "南阳市" : "南阳";
  const tech = random.chance(0.3) && !/科技|技术/.test(businessWord) ? "科技" : "";
  return prefix + tradeName(random) + businessWord + tech + random.pick(COMPANY_FORMS);
}

/** Invented place words for institutions and platforms (rivers and mountains of the region, not real bodies). */
export const PLACE_WORDS = ["伏牛", "白河", "淯水", "宛北", "独山", "紫山", "鸭河", "丹水", "卧岗", "湍河", "唐河湾", "桐柏山"];

/** A fictional institution for an expert's affiliation, e.g. 白河理工大学材料科学研究所. */
export function institutionName(random: Random, forms: readonly string[], discipline: string): string {
  return random.pick(PLACE_WORDS) + random.pick(forms) + discipline + random.pick(["学院", "研究所", "系"]);
}
