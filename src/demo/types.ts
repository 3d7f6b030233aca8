// The demo as plain data: rows without database ids, linked by index into their sibling arrays
// (`enterpriseIdx` is a position in `DemoData.enterprises`). The loader turns indices into ids.
import type {
  EnterpriseDesignation,
  NeedKind,
  NeedStatus,
  PlatformKind,
  ResponseStatus,
  Role,
  ServiceKind,
  SocietyKind,
  SocietyLevel,
  Visibility,
} from "../generated/prisma/enums";

export interface DemoSociety {
  name: string;
  level: SocietyLevel;
  kind: SocietyKind;
  disciplines: string[];
  active: boolean;
  /** Chains the society serves. Generator-only (no column): drives memberships and responses. */
  focusChains: string[];
  createdAt: Date;
}

export interface DemoEnterprise {
  name: string;
  creditCode: string;
  regionCode: string;
  designations: EnterpriseDesignation[];
  hasRdAccount: boolean;
  onKczg: boolean;
  kczgSince: Date | null;
  /** First is the main chain. */
  chainCodes: string[];
  createdAt: Date;
}

export interface DemoExpert {
  name: string;
  title: string;
  affiliation: string;
  /** The enterprise whose technical centre the expert works at (affiliation): never matched to its needs. */
  employerIdx: number | null;
  expertise: string;
  keywords: string[];
  isYoungTalent: boolean;
  capacity: number;
  email: string;
  phone: string;
  active: boolean;
  chainCodes: string[];
  societyIdx: number[];
  createdAt: Date;
}

export interface DemoPlatform {
  name: string;
  kind: PlatformKind;
  capabilities: string;
  regionCode: string;
  onKczg: boolean;
  kczgSince: Date | null;
  chainCodes: string[];
  createdAt: Date;
}

export interface DemoNeed {
  enterpriseIdx: number;
  title: string;
  description: string;
  chainCode: string;
  kind: NeedKind;
  status: NeedStatus;
  visibility: Visibility;
  keywords: string[];
  /** Yuan; both null when the budget is 面议 (to be negotiated). */
  budgetMin: number | null;
  budgetMax: number | null;
  deadline: Date | null;
  isChallenge: boolean;
  /** Yuan, for 揭榜挂帅 challenges only. */
  challengeAward: number | null;
  createdAt: Date;
  openedAt: Date | null;
  firstResponseAt: Date | null;
  dockedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export interface DemoResponse {
  needIdx: number;
  societyIdx: number;
  /** Distinct experts the society offers. */
  expertIdx: number[];
  proposal: string;
  status: ResponseStatus;
  declineReason: string | null;
  createdAt: Date;
}

export interface DemoServiceRecord {
  societyIdx: number;
  enterpriseIdx: number;
  needIdx: number | null;
  kind: ServiceKind;
  servedOn: Date;
  summary: string;
}

/** A login. Passwords are not part of the data: the loader sets the demo password for all of them. */
export interface DemoUser {
  email: string;
  role: Role;
  enterpriseIdx: number | null;
  societyIdx: number | null;
  expertIdx: number | null;
}

/** A university or research institute (高校院所), a supplier of its own kind. */
export interface DemoUniversity {
  name: string;
  kind: "UNIVERSITY" | "RESEARCH_INSTITUTE";
  disciplines: string[];
  strengths: string;
  chainCodes: string[];
  regionCode: string | null;
}

export interface DemoData {
  societies: DemoSociety[];
  universities: DemoUniversity[];
  enterprises: DemoEnterprise[];
  experts: DemoExpert[];
  platforms: DemoPlatform[];
  needs: DemoNeed[];
  responses: DemoResponse[];
  serviceRecords: DemoServiceRecord[];
  users: DemoUser[];
}
