import { badInput } from "../errors";
import { prefixedIdEncoder } from "./base64url";

/** The GraphQL type names that carry global IDs. */
export type NodeType =
  | "User"
  | "Enterprise"
  | "Society"
  | "Expert"
  | "InnovationPlatform"
  | "University"
  | "TechNeed"
  | "Response"
  | "Match"
  | "Deal"
  | "Docking"
  | "ServiceRecord"
  | "ExpertWorkstation"
  | "SavedQuery"
  | "Notification"
  | "Invitation"
  | "Registration"
  // 揭榜挂帅 review rows (modules/challenge): IDs only, not fetchable with node(id:)
  | "ChallengeCriterion"
  | "ChallengeObjection"
  | "ChallengeMilestone";

const NODE_TYPES = new Set<string>([
  "User",
  "Enterprise",
  "Society",
  "Expert",
  "InnovationPlatform",
  "University",
  "TechNeed",
  "Response",
  "Match",
  "Deal",
  "Docking",
  "ServiceRecord",
  "ExpertWorkstation",
  "SavedQuery",
  "Notification",
  "Invitation",
  "Registration",
  "ChallengeCriterion",
  "ChallengeObjection",
  "ChallengeMilestone",
]);

export const isNodeType = (name: string): name is NodeType => NODE_TYPES.has(name);

// Opaque to clients (base64url of "Type:id"), so the database key can change without breaking them.
export function toGlobalId(type: NodeType, id: number): string {
  let encode = ENCODERS.get(type);
  if (encode === undefined) ENCODERS.set(type, (encode = prefixedIdEncoder(`${type}:`)));
  return encode(id);
}

const ENCODERS = new Map<string, (id: number) => string>();

export interface DecodedId {
  type: NodeType;
  id: number;
}

/** Decodes a global ID; null when it is not one of ours. */
export function decodeGlobalId(globalId: string): DecodedId | null {
  if (typeof globalId !== "string" || globalId.length > 64) return null;
  const text = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(text);
  if (!match || !NODE_TYPES.has(match[1]) || Number(match[2]) > 2_147_483_647) return null;
  return { type: match[1] as NodeType, id: Number(match[2]) };
}

/**
 * The database id behind an input field that must name a `type`. A malformed ID is bad input; a well-formed
 * ID of another type returns null so that callers answer NOT_FOUND, exactly as for an unknown id.
 */
export function idOf(type: NodeType, globalId: string, field: string): number | null {
  const decoded = decodeGlobalId(globalId);
  if (!decoded) throw badInput(field, `${field} is not a valid ID`);
  return decoded.type === type ? decoded.id : null;
}
