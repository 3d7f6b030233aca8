import DataLoader from "dataloader";
import type { HubModule } from "../../context/hub-module";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { NeedRow, ResponseRow } from "../../infra/db/rows";
import { contactPartnerLoader } from "./contact-access";
import { readableWithoutLinks } from "./need-access";
import { readableNeeds, readableResponses } from "./policy";

declare module "../../context/context" {
  interface Loaders {
    need: DataLoader<number, NeedRow | null>;
    responsesOfNeed: DataLoader<number, ResponseRow[]>;
    contactPartner: ReturnType<typeof contactPartnerLoader>;
  }
}

/** An open CONFIDENTIAL need of no viewer's enterprise: whether a viewer would have to ask the database about one. */
const OTHERS_CONFIDENTIAL_NEED = { enterpriseId: -1, visibility: "CONFIDENTIAL", status: "OPEN" };

/** Who may read what: no resolvers or services of its own, the loaders whose answers are the viewer's rights. */
export const accessModule: HubModule = {
  name: "access",
  viewerLoaders: {
    /** Only the needs this viewer may see; the others load as null, exactly like unknown ids. */
    need: ({ prisma, viewer }, loaders) =>
      new DataLoader<number, NeedRow | null>(async (ids) => {
        const rows = await loaders.anyNeed.loadMany(ids);
        const decided = rows.map((row) => (row instanceof Error || row === null ? "no" : readableWithoutLinks(viewer, row)));
        // Only CONFIDENTIAL needs of others depend on matches and responses: those are asked of the database. A
        // viewer who may see such needs has it asked about every need it cannot see from the row, missing ids
        // included, so that a hidden need and a missing id run the same statements (no timing oracle, issue 22).
        const asker = readableWithoutLinks(viewer, OTHERS_CONFIDENTIAL_NEED) === "ask";
        const ask = ids.filter((_, i) => decided[i] === "ask" || (asker && decided[i] === "no"));
        const linked = ask.length ? await prisma.techNeed.findMany({ where: { id: { in: ask }, AND: [readableNeeds(viewer)] }, select: { id: true } }) : [];
        const visible = new Set(linked.map((r) => r.id));
        return rows.map((row, i) => (decided[i] === "yes" || (decided[i] === "ask" && visible.has(ids[i])) ? (row as NeedRow) : null));
      }),
    responsesOfNeed: ({ prisma, viewer }) =>
      new DataLoader<number, ResponseRow[]>(async (ids) =>
        groupedInKeyOrder(
          ids,
          await prisma.response.findMany({ where: { needId: { in: [...ids] }, AND: [readableResponses(viewer)] }, orderBy: { id: "asc" } }),
          (r) => r.needId,
        ),
      ),
    /** Whether the viewer is the other party of an ACCEPTED invitation or response with a contact's owner. */
    contactPartner: ({ prisma, viewer }) => contactPartnerLoader(prisma, viewer),
  },
};
