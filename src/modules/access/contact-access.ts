import DataLoader from "dataloader";
import type { Context } from "../../context/context";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { invitedSide } from "./invitation-access";
import { supplierKind, supplierKindOfType } from "../supplier";

/** Whose contact is read: the four kinds that have one (Enterprise, Society, InnovationPlatform, Expert). */
export type ContactOwner = "Enterprise" | "Society" | "InnovationPlatform" | "Expert";
export interface ContactKey {
  owner: ContactOwner;
  id: number;
}

/**
 * Who reads a contact (programme.graphql, `Contact`): the organisation itself (an expert: the expert and the
 * societies that manage them), ADMIN, and the other party of an ACCEPTED invitation or ACCEPTED response. ANALYST
 * is no party: contacts are for reaching someone, not for statistics. Everyone else reads null, through every door
 * (the field's resolver is the one door: lists, node, nested suppliers and subscription payloads all reach it).
 */
export function mayReadContact(ctx: Context, owner: ContactOwner, id: number): boolean | Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous" || viewer.role === "ANALYST") return false;
  if (viewer.role === "ADMIN" || isOwn(viewer, owner, id)) return true;
  const partner = () => ctx.loaders.contactPartner.load({ owner, id });
  if (owner !== "Expert" || viewer.societyId === null) return partner();
  return ctx.loaders.societiesOfExpert.load(id).then((societies) => societies.some((s) => s.id === viewer.societyId) || partner());
}

function isOwn(viewer: Viewer & { kind: "user" }, owner: ContactOwner, id: number): boolean {
  switch (owner) {
    case "Enterprise":
      return viewer.enterpriseId === id;
    case "Society":
      return viewer.societyId === id;
    case "InnovationPlatform":
      return viewer.platformId === id;
    case "Expert":
      return viewer.expertId === id;
  }
}

const ACCEPTED = "ACCEPTED" as const;

/**
 * Per request (and per subscription event): whether the viewer is the other party of an ACCEPTED invitation or
 * response with each asked owner. One batch of keys costs at most two statements (invitations, responses), so a page
 * of 50 matches showing their suppliers' contacts does not make 50 queries.
 * - The enterprise's users see the supplier invited by one of its needs who accepted (expert, platform, society), and
 *   the society whose response to one of its needs it accepted, with the experts that response offered.
 * - The supplier's side sees the enterprise in the same cases: the invited expert, platform or society (a society's
 *   users also for invitations to its member experts, which they may answer), the responding society and the experts
 *   its accepted response offered.
 */
export function contactPartnerLoader(prisma: Prisma, viewer: Viewer) {
  return new DataLoader<ContactKey, boolean, string>(
    async (keys) => {
      if (viewer.kind === "anonymous") return keys.map(() => false);
      const ids = (owner: ContactOwner) => keys.filter((k) => k.owner === owner).map((k) => k.id);
      const partners = new Set<string>();
      const add = (owner: ContactOwner, id: number | null) => id !== null && partners.add(`${owner}:${id}`);
      const asked: Promise<void>[] = [];

      const [experts, platforms, societies, enterprises] = [ids("Expert"), ids("InnovationPlatform"), ids("Society"), ids("Enterprise")];
      if (viewer.enterpriseId !== null && experts.length + platforms.length + societies.length > 0) {
        const need = { enterpriseId: viewer.enterpriseId };
        const invited: PrismaTypes.InvitationWhereInput[] = [];
        for (const [owner, ownerIds] of [["Expert", experts], ["InnovationPlatform", platforms], ["Society", societies]] as const) {
          if (ownerIds.length) invited.push({ supplierKind: supplierKindOfType(owner)!.kind, supplierId: { in: ownerIds } });
        }
        asked.push(
          prisma.invitation.findMany({ where: { status: ACCEPTED, need, OR: invited }, select: { supplierKind: true, supplierId: true } }).then((rows) => {
            for (const r of rows) add(supplierKind(r.supplierKind).typeName as ContactOwner, r.supplierId);
          }),
        );
        if (experts.length + societies.length > 0) {
          const responded: PrismaTypes.ResponseWhereInput[] = [];
          if (societies.length) responded.push({ societyId: { in: societies } });
          if (experts.length) responded.push({ experts: { some: { expertId: { in: experts } } } });
          asked.push(
            prisma.response.findMany({ where: { status: ACCEPTED, need, OR: responded }, select: { societyId: true, experts: { select: { expertId: true } } } }).then((rows) => {
              for (const r of rows) {
                add("Society", r.societyId);
                for (const x of r.experts) add("Expert", x.expertId);
              }
            }),
          );
        }
      }

      const supplierSide = invitedSide(viewer);
      if (enterprises.length && supplierSide) {
        const need = { enterpriseId: { in: enterprises } };
        asked.push(
          prisma.invitation.findMany({ where: { status: ACCEPTED, need, AND: [supplierSide] }, select: { need: { select: { enterpriseId: true } } } }).then((rows) => {
            for (const r of rows) add("Enterprise", r.need.enterpriseId);
          }),
        );
        const responder: PrismaTypes.ResponseWhereInput[] = [];
        if (viewer.societyId !== null) responder.push({ societyId: viewer.societyId });
        if (viewer.expertId !== null) responder.push({ experts: { some: { expertId: viewer.expertId } } });
        if (responder.length) {
          asked.push(
            prisma.response.findMany({ where: { status: ACCEPTED, need, OR: responder }, select: { need: { select: { enterpriseId: true } } } }).then((rows) => {
              for (const r of rows) add("Enterprise", r.need.enterpriseId);
            }),
          );
        }
      }

      await Promise.all(asked);
      return keys.map((k) => partners.has(`${k.owner}:${k.id}`));
    },
    { cacheKeyFn: (k) => `${k.owner}:${k.id}` },
  );
}
