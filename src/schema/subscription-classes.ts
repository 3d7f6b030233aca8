// Which subscribers may share one execution per event (infra/pubsub/multiplex.ts): those of one document and
// variables whose viewers agree on everything the access rules the document touches read, as the declared policy
// (modules/access/policy.table.ts) says. A document that reads only public fields of rows under a row rule is
// shared by an organisation's users (all ADMIN, all ANALYST, all anonymous subscribers alike); a private field read
// per organisation (contact, budget) splits no further; a rule read per user (User.email) makes one class per token.
// A subscription whose stream gives each subscriber its own values (notificationAdded: "self") makes a group instead
// of a class per user: its members' own values are executed together, per facet of what the values' rules read.
import { getNamedType, isAbstractType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { LRUCache } from "lru-cache";
import type { Context } from "../context/context";
import type { Viewer } from "../infra/auth/viewer";
import type { ClassOf } from "../infra/pubsub/multiplex";
import {
  FIELD_RULE_READS,
  OPERATIONS,
  OWNERSHIP_RULE_READS,
  PRIVATE_FIELDS,
  PUBLIC,
  ROW_RULE_OF_TYPE,
  ROW_RULE_READS,
  SIGNED_IN,
  type ViewerReads,
} from "../modules/access/policy.table";

const ORDER: ViewerReads[] = ["signedIn", "role", "organisation", "user"];
const most = (a: ViewerReads, b: ViewerReads): ViewerReads => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/**
 * Subscription fields whose stream gives each subscriber only its own values (context/deliver.ts `deliverOwn`):
 * their ownership rule is kept by the stream, member by member, so it does not split the class. `perValue`: fields
 * of the value whose node's type is known only per value (a notification's subject), whose rule the stream's
 * `facetOf` applies to each value at event time (nodeFacet) instead of the rule of every type the field may hold.
 */
const PER_MEMBER: Record<string, { perValue: string[] }> = {
  "Subscription.notificationAdded": { perValue: ["Notification.subject"] },
};

/** What of the viewer the rules a document touches read: every field of every operation and fragment in it. */
export function viewerReadsOf(schema: GraphQLSchema, document: DocumentNode): ViewerReads {
  return readsOf(schema, document, null).reads;
}

/**
 * As viewerReadsOf, and whether the operation that runs (`operationName`; the only one when null) is a subscription
 * that gives each subscriber its own values (PER_MEMBER). Only that operation decides it: a document of several
 * operations (the pages' web.graphql holds both matchFound and notificationAdded) must not make a group of matchFound.
 */
function readsOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): { reads: ViewerReads; perMember: boolean } {
  let reads: ViewerReads = "signedIn";
  let perMember: { perValue: string[] } | undefined;
  // The fields enclosing the one visited, in an operation (a fragment's fields are taken as the rules say, everywhere).
  let depth = 0;
  let runs = false; // the operation being visited is the one that runs
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        depth = 1;
        runs = operationName === null || node.name?.value === operationName;
      },
      FragmentDefinition() {
        depth = 0;
      },
      Field: {
        enter() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          const at = depth;
          if (depth) depth++;
          if (!parent || !field) return;
          const key = `${parent.name}.${field.name}`;
          const own = at === 1 && parent === schema.getSubscriptionType() ? PER_MEMBER[key] : undefined;
          if (own && runs) perMember = own;
          const operation = OPERATIONS[key];
          if (operation) {
            if (operation.who !== PUBLIC) reads = most(reads, operation.who === SIGNED_IN ? "signedIn" : "role");
            if (operation.rows) reads = most(reads, ROW_RULE_READS[operation.rows]);
            if (operation.owner && !own) reads = most(reads, OWNERSHIP_RULE_READS[operation.owner]);
          }
          const privateField = PRIVATE_FIELDS[key];
          if (privateField) reads = most(reads, FIELD_RULE_READS[privateField.rule]);
          // The node a per-member value's field holds: its rule is applied per value (the stream's facetOf).
          if (at === 2 && perMember?.perValue.includes(key)) return;
          // Rows reached through a relation are read under their type's row rule (an interface or union: any of its types').
          const type = getNamedType(field.type);
          for (const each of isAbstractType(type) ? schema.getPossibleTypes(type) : [type]) {
            const rule = ROW_RULE_OF_TYPE[each.name];
            if (rule) reads = most(reads, ROW_RULE_READS[rule]);
          }
        },
        leave() {
          if (depth) depth--;
        },
      },
    }),
  );
  return { reads, perMember: perMember !== undefined };
}

// A subscriber's viewer is fixed for its connection, and a group asks its facet for each member's value of every event
// (deliverOwn's facetOf, loadVisibleNode): made once per viewer and reads, not a new string per member and event.
const facets = new WeakMap<Viewer, Partial<Record<ViewerReads, string>>>();

/** The part of the viewer those rules read, as a string: equal for two viewers exactly when the rules answer alike. */
export function viewerFacet(viewer: Viewer, reads: ViewerReads): string {
  let known = facets.get(viewer);
  if (!known) facets.set(viewer, (known = {}));
  return (known[reads] ??= facetOf(viewer, reads));
}

function facetOf(viewer: Viewer, reads: ViewerReads): string {
  if (viewer.kind === "anonymous") return viewer.display ? "display" : "anonymous";
  const organisation = () => `${viewer.role}:e${viewer.enterpriseId}:s${viewer.societyId}:x${viewer.expertId}:p${viewer.platformId}`;
  switch (reads) {
    case "signedIn":
      return "user";
    case "role":
      return viewer.role;
    case "organisation":
      return organisation();
    case "user":
      // The token too: a class's stream checks the token it was opened with (saved-query results stop when it lapses).
      return `${organisation()}:u${viewer.userId}:v${viewer.tokenVersion}:t${viewer.expiresAt}`;
  }
}

/**
 * The part of the viewer that decides which node of a type it sees: what the type's row rule reads, or the whole
 * user for a type without one (decided per user: node.resolver.ts). Equal for two viewers that see the same node.
 */
export function nodeFacet(viewer: Viewer, type: string): string {
  const rule = ROW_RULE_OF_TYPE[type];
  return viewerFacet(viewer, rule ? ROW_RULE_READS[rule] : "user");
}

/**
 * The class key of a subscription operation: its text, operation name, variables and the viewer's facet; null when
 * the document has no source text to compare (it then runs per subscriber). `perMember`: a group (PER_MEMBER).
 */
export function subscriptionClasses(schema: GraphQLSchema): (args: ExecutionArgs) => ClassOf | null {
  // Documents are parsed per subscriber: remember what the rules read per text, not per parsed document.
  const readsByText = new LRUCache<string, { reads: ViewerReads; perMember: boolean }>({ max: 1000 });
  return (args) => {
    const text = args.document.loc?.source.body;
    if (text === undefined) return null;
    const operation = args.operationName ?? null;
    const cacheKey = JSON.stringify([text, operation]);
    let of = readsByText.get(cacheKey);
    if (of === undefined) readsByText.set(cacheKey, (of = readsOf(schema, args.document, operation)));
    const viewer = (args.contextValue as Context).viewer;
    const key = JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null, viewerFacet(viewer, of.reads), of.perMember]);
    return { key, perMember: of.perMember };
  };
}
