// What of the access policy the node door (node/node.resolver.ts) and the subscription classes read: the row rules'
// names, what of the viewer each reads, and the rule of each type. Apart from policy.table.ts, which imports the
// rules themselves from the modules (and those import access's face): so access's index can carry this file.

/** The row rules' names; policy.table.ts ROW_RULES has one entry for each (it does not compile otherwise). */
export type RowRule =
  | "readableNeeds"
  | "readableMatches"
  | "readableResponses"
  | "readableDeals"
  | "readableDockings"
  | "readableServiceRecords"
  | "readableSavedQueries"
  | "readableInvitations";

/**
 * What of the viewer a rule's answer depends on, from least to most: whether it is signed in, its role, its
 * organisation (the role with its enterprise, society, expert and platform), the user itself (and the token).
 * Subscribers of one document and variables whose viewers agree on everything the touched rules read share one
 * execution per event (src/schema/subscription-classes.ts): declare too much rather than too little; a new rule
 * without a line here does not compile.
 */
export type ViewerReads = "signedIn" | "role" | "organisation" | "user";

export const ROW_RULE_READS: Record<RowRule, ViewerReads> = {
  readableNeeds: "organisation",
  readableMatches: "organisation",
  readableResponses: "organisation",
  readableDeals: "organisation",
  readableDockings: "organisation",
  readableServiceRecords: "organisation",
  readableSavedQueries: "user",
  readableInvitations: "organisation",
};

/** The row rule a type's rows are read under wherever a selection reaches them (Match.need, TechNeed.matches…). */
export const ROW_RULE_OF_TYPE: Record<string, RowRule> = {
  TechNeed: "readableNeeds",
  Match: "readableMatches",
  Response: "readableResponses",
  Deal: "readableDeals",
  Docking: "readableDockings",
  ServiceRecord: "readableServiceRecords",
  SavedQuery: "readableSavedQueries",
  Invitation: "readableInvitations",
};
