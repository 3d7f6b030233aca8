// Example analyst queries preloaded in the explorer (one tab each) and listed in its 示例查询 panel.
// The core operations (schema/operations/*.graphql) are added at build time as CORE_OPERATIONS.
export const EXAMPLES = [
  {
    title: "项目总览",
    description: "项目统计：按产业链、地区、企业类型；转化漏斗；响应与对接时长；计划指标",
    query: `# 百会链千企 · 项目统计
# 只含计数：机密需求计入数量，但不显示内容
query ProgrammeOverview($from: DateTime, $to: DateTime) {
  stats {
    enterprises societies experts platforms
    needs openNeeds matches acceptedMatches onKczgPlatform
  }
  programmeStats(from: $from, to: $to) {
    window { from to }
    funnel {
      stage label needs
      conversionFromPrevious conversionFromStart
    }
    responseTime { count medianHours p90Hours }
    dockingTime { count medianHours p90Hours }
    indicators {
      key name target targetDate current progress
      trend { month value }
    }
  }
}`,
    variables: `{ "from": "2025-01-01T00:00:00Z" }`,
  },
  {
    title: "按产业链",
    description: "各产业链的需求、匹配、响应与成交",
    query: `query NeedsByChain($from: DateTime, $to: DateTime) {
  programmeStats(from: $from, to: $to) {
    byIndustryChain { key name enterprises needs openNeeds resolvedNeeds matches acceptedMatches responses acceptedResponses deals }
  }
}`,
    variables: `{}`,
  },
  {
    title: "按地区与企业类型",
    description: "县区与高新技术企业、瞪羚企业等企业类型",
    query: `query NeedsByRegionAndDesignation {
  programmeStats {
    byRegion { key name enterprises needs matches responses deals }
    byDesignation { key name enterprises needs matches responses deals }
  }
}`,
    variables: `{}`,
  },
  {
    title: "学会排名",
    description: "学会按采纳的响应、响应数、服务记录排名",
    query: `query SocietyRanking($from: DateTime) {
  programmeStats(from: $from, societies: 50) {
    societies { rank name responses acceptedResponses serviceRecords enterprisesServed matches }
    platforms { name kind matches acceptedMatches dockedMatches }
  }
}`,
    variables: `{ "from": "2025-01-01T00:00:00Z" }`,
  },
  {
    title: "需求列表",
    description: "需求（可导出 CSV，自动翻页）",
    query: `query NeedList($first: Int = 100, $after: String, $filter: NeedFilter) {
  needs(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id title kind status visibility isChallenge createdAt
        industryChain { code name }
        enterprise { name region { name } }
        matches(first: 3) { score supplierKind supplier { __typename ... on Expert { name } ... on InnovationPlatform { name } ... on Society { name } } }
      }
    }
  }
}`,
    variables: `{ "filter": { "status": ["OPEN", "IN_DOCKING"] } }`,
  },
  {
    title: "企业列表",
    description: "企业与所在地区、产业链",
    query: `query EnterpriseList($first: Int = 100, $after: String, $filter: EnterpriseFilter) {
  enterprises(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name creditCode region { code name } industryChains { code name } } }
  }
}`,
    variables: `{ "filter": { "industryChainCode": "NEW_ENERGY" } }`,
  },
  {
    title: "实时匹配（订阅）",
    description: "新匹配产生时经 graphql-ws 推送",
    query: `subscription LiveMatches($industryChainCode: String, $minScore: Float) {
  matchFound(industryChainCode: $industryChainCode, minScore: $minScore) {
    id score rank supplierKind createdAt
    need { title industryChain { name } }
    supplier { __typename ... on Expert { name } ... on InnovationPlatform { name } ... on Society { name } }
  }
}`,
    variables: `{}`,
  },
  {
    title: "登录",
    description: "login 变更（页面右上角的登录表单也会调用它）",
    query: `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id role } }
}`,
    variables: `{ "email": "analyst1@demo.kechuang.local", "password": "demo-password-2025" }`,
  },
];
