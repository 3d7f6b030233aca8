import type { DemoUniversity } from "./types";

/**
 * 高校院所 that serve Nanyang's chains, as the programme lists them: the local universities and the province's
 * academies. Fixed (not scaled): a city works with a handful. Their strengths are written in the words needs use,
 * so that the matcher finds them for needs of their fields; the results named are typical, not a record of theirs.
 */
export const DEMO_UNIVERSITIES: DemoUniversity[] = [
  {
    name: "南阳理工学院",
    kind: "UNIVERSITY",
    disciplines: ["机械工程", "车辆工程", "智能制造", "电气工程", "张仲景国医学院"],
    strengths: "汽车零部件轻量化设计与精密加工、数控装备与工业机器人集成、防爆电机与电气传动、中医药制剂工艺；可开展校企联合研发、工艺诊断与工程技术人才培养。",
    chainCodes: ["AUTO_PARTS", "EQUIPMENT", "TCM_HEALTH"],
    regionCode: "411302",
  },
  {
    name: "南阳师范学院",
    kind: "UNIVERSITY",
    disciplines: ["化学化工", "材料科学", "生命科学", "农学", "环境科学"],
    strengths: "功能材料与新能源电池材料制备、天然产物提取与分离纯化、玉雕与非金属矿物材料、农产品检测与食品安全；可承担联合攻关与检验检测服务。",
    chainCodes: ["NEW_MATERIALS", "NEW_ENERGY", "AGRI_FOOD"],
    regionCode: "411303",
  },
  {
    name: "河南省农业科学院",
    kind: "RESEARCH_INSTITUTE",
    disciplines: ["作物育种", "植物保护", "农产品加工", "畜牧兽医", "土壤肥料"],
    strengths: "小麦玉米新品种选育与推广、艾草山茱萸等特色作物种植、病虫害绿色防控、农产品精深加工与保鲜贮藏；可提供品种授权、技术转让和基地示范。",
    chainCodes: ["AGRI_FOOD", "TCM_HEALTH", "BIO"],
    regionCode: null,
  },
  {
    name: "河南省科学院",
    kind: "RESEARCH_INSTITUTE",
    disciplines: ["新材料", "能源", "生物工程", "光电技术", "应用化学"],
    strengths: "超硬材料与碳基材料、储能电池热管理与安全、光电检测与激光加工、生物发酵工艺优化；可开展中试放大、技术转移和共建研发中心。",
    chainCodes: ["NEW_MATERIALS", "NEW_ENERGY", "OPTOELECTRONICS", "BIO"],
    regionCode: null,
  },
  {
    name: "河南工业大学",
    kind: "UNIVERSITY",
    disciplines: ["粮食工程", "食品科学", "纺织工程", "机械工程"],
    strengths: "粮油加工与仓储、食品添加剂与功能食品开发、纺织面料功能整理与印染节能；可联合申报项目、转让专利并培养工程技术人才。",
    chainCodes: ["AGRI_FOOD", "TEXTILE", "EQUIPMENT"],
    regionCode: null,
  },
];
