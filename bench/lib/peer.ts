// The home page and the analyst list written in PostGraphile 5's schema (Amber preset), and its answers mapped to
// the hub's shape (global ids, ISO dates, the supplier union), so that they can be compared by value.
// What the peer does not enforce: it has no login and no roles here, so the home page's "own needs only" is a
// condition on the enterprise id the client chooses, and the analyst list is open to anyone who can reach it.
type Row = Record<string, any>;

export const PEER_HOME_QUERY = `query EnterpriseHome($first: Int!, $enterprise: Int!) { enterpriseByRowId(rowId: $enterprise) { rowId name techNeedsByEnterpriseId(first: $first, orderBy: ROW_ID_DESC) { totalCount nodes { rowId title status kind createdAt industryChainByChainCode { code name } matchesByNeedId(first: 5, orderBy: RANK_ASC) { nodes { rowId score rank reason supplierKind supplierId supplierName } } } } } }`;
export const PEER_ANALYST_QUERY = `query AnalystNeeds($first: Int!) { allTechNeeds(first: $first, orderBy: ROW_ID_DESC) { totalCount nodes { rowId title status createdAt enterpriseByEnterpriseId { rowId name regionByRegionCode { code name } } industryChainByChainCode { code name } matchesByNeedId(first: 30, orderBy: RANK_ASC) { nodes { rowId } } } } }`;

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
// PostGraphile gives a `timestamp without time zone` (Prisma's DateTime) as it is stored, UTC without the zone.
const iso = (t: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`).toISOString();

const SUPPLIER_TYPES: Record<string, string> = { EXPERT: "Expert", PLATFORM: "InnovationPlatform", SOCIETY: "Society", UNIVERSITY: "University" };

function supplier(m: Row) {
  const type = SUPPLIER_TYPES[m.supplierKind];
  return { __typename: type, id: gid(type, m.supplierId), name: m.supplierName };
}

/** The peer's home page answer in the hub's shape (`data` only). */
export function peerHomeAsHub(data: Row): Row {
  const e = data.enterpriseByRowId;
  const needs = e.techNeedsByEnterpriseId;
  return {
    me: {
      organization: {
        id: gid("Enterprise", e.rowId),
        name: e.name,
        needs: {
          totalCount: needs.totalCount,
          edges: needs.nodes.map((n: Row) => ({
            node: {
              id: gid("TechNeed", n.rowId),
              title: n.title,
              status: n.status,
              kind: n.kind,
              createdAt: iso(n.createdAt),
              industryChain: n.industryChainByChainCode,
              matches: n.matchesByNeedId.nodes.map((m: Row) => ({
                id: gid("Match", m.rowId),
                score: m.score,
                rank: m.rank,
                reason: m.reason,
                supplierKind: m.supplierKind,
                supplier: supplier(m),
              })),
            },
          })),
        },
      },
    },
  };
}

/** The peer's analyst list answer in the hub's shape (`data` only). */
export function peerAnalystAsHub(data: Row): Row {
  const needs = data.allTechNeeds;
  return {
    needs: {
      totalCount: needs.totalCount,
      edges: needs.nodes.map((n: Row) => {
        const e = n.enterpriseByEnterpriseId;
        return {
          node: {
            id: gid("TechNeed", n.rowId),
            title: n.title,
            status: n.status,
            createdAt: iso(n.createdAt),
            enterprise: { id: gid("Enterprise", e.rowId), name: e.name, region: e.regionByRegionCode },
            industryChain: n.industryChainByChainCode,
            matches: n.matchesByNeedId.nodes.map((m: Row) => ({ id: gid("Match", m.rowId) })),
          },
        };
      }),
    },
  };
}
