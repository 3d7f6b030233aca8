// Which subscribers may share one execution per event (infra/pubsub/multiplex.ts): those of one document and
// variables whose viewers agree on everything the access rules the document touches read, as the declared policy
// (modules/access/policy.table.ts) says. A document that reads only public fields of rows under a row rule is
// shared by an organisation's users (all ADMIN, all ANALYST, all anonymous subscribers alike); a private field read
// per organisation (contact, budget) splits no further; a rule read per user (User.email, notificationAdded's
// "self") makes one class per token.
import { getNamedType, isAbstractType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { LRUCache } from "lru-cache";
import type { Context } from "../context/context";
import type { Viewer } from "../infra/auth/viewer";
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

/** What of the viewer the rules a document touches read: every field of every operation and fragment in it. */
export function viewerReadsOf(schema: GraphQLSchema, document: DocumentNode): ViewerReads {
  let reads: ViewerReads = "signedIn";
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const key = `${parent.name}.${field.name}`;
        const operation = OPERATIONS[key];
        if (operation) {
          if (operation.who !== PUBLIC) reads = most(reads, operation.who === SIGNED_IN ? "signedIn" : "role");
          if (operation.rows) reads = most(reads, ROW_RULE_READS[operation.rows]);
          if (operation.owner) reads = most(reads, OWNERSHIP_RULE_READS[operation.owner]);
        }
        const privateField = PRIVATE_FIELDS[key];
        if (privateField) reads = most(reads, FIELD_RULE_READS[privateField.rule]);
        // Rows reached through a relation are read under their type's row rule (an interface or union: any of its types').
        const type = getNamedType(field.type);
        for (const each of isAbstractType(type) ? schema.getPossibleTypes(type) : [type]) {
          const rule = ROW_RULE_OF_TYPE[each.name];
          if (rule) reads = most(reads, ROW_RULE_READS[rule]);
        }
      },
    }),
  );
  return reads;
}

/** The part of the viewer those rules read, as a string: equal for two viewers exactly when the rules answer alike. */
export function viewerFacet(viewer: Viewer, reads: ViewerReads): string {
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
 * The class key of a subscription operation: its text, operation name, variables and the viewer's facet; null when
 * the document has no source text to compare (it then runs per subscriber).
 */
export function subscriptionClasses(schema: GraphQLSchema): (args: ExecutionArgs) => string | null {
  // Documents are parsed per subscriber: remember what the rules read per text, not per parsed document.
  const readsByText = new LRUCache<string, ViewerReads>({ max: 1000 });
  return (args) => {
    const text = args.document.loc?.source.body;
    if (text === undefined) return null;
    let reads = readsByText.get(text);
    if (reads === undefined) readsByText.set(text, (reads = viewerReadsOf(schema, args.document)));
    const viewer = (args.contextValue as Context).viewer;
    return JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null, viewerFacet(viewer, reads)]);
  };
}
