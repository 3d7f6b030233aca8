import { BREAK, GraphQLError, getOperationAST, parse, specifiedRules, validate, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { type Viewer } from "../../infra/auth/viewer";
import { actingUser } from "../../infra/auth/guards";
import { badInput, DomainError, forbidden, notFound } from "../../infra/errors";
import { operationCost, QUERY_LIMITS, shapeRules } from "../../infra/http/query-limits";
import { sha256 } from "../../infra/http/trusted-documents";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit";
import type { SaveQueryInput } from "./saved-query.input";
import { unitOfWork } from "../../infra/db/unit-of-work";

export type SavedQueryRow = PrismaTypes.SavedQueryGetPayload<object>;

/** Saved queries a viewer may see and run: their own, shared ones, and (ADMIN) all. */
export function readableSavedQueries(viewer: Viewer): PrismaTypes.SavedQueryWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (viewer.role === "ADMIN") return {};
  return { OR: [{ ownerId: viewer.userId }, { shared: true }] };
}

export class SavedQueryService {
  constructor(private readonly prisma: Prisma) {}

  /** ANALYST and ADMIN (policy.table.ts) save (or replace, by name) their own queries; the document must be one valid query. */
  async save(ctx: Context, schema: GraphQLSchema, input: SaveQueryInput): Promise<SavedQueryRow> {
    const viewer = actingUser(ctx.viewer);
    const operation = checkedOperation(schema, input.document, input.operationName ?? null);
    const data = {
      document: input.document,
      documentHash: sha256(input.document),
      operationName: operation.name?.value ?? null,
      description: input.description ?? "",
      shared: input.shared ?? false,
    };
    return unitOfWork(this.prisma, null, async (tx) => {
      const row = await tx.savedQuery.upsert({
        where: { ownerId_name: { ownerId: viewer.userId, name: input.name } },
        create: { ...data, ownerId: viewer.userId, name: input.name },
        update: data,
      });
      await recordAudit(tx, ctx, "savedQuery.save", { type: "SavedQuery", id: row.id }, { name: row.name, shared: row.shared, documentId: `sha256:${row.documentHash}` });
      return row;
    });
  }

  /** The owner (or ADMIN) deletes; others get NOT_FOUND or FORBIDDEN as for any other thing they cannot change. */
  async remove(ctx: Context, id: number): Promise<void> {
    const row = await this.visible(ctx.viewer, id);
    if (!row) throw notFound("Saved query");
    const viewer = ctx.viewer;
    if (viewer.kind !== "user" || (viewer.role !== "ADMIN" && viewer.userId !== row.ownerId)) throw forbidden("Only its owner may delete a saved query");
    await unitOfWork(this.prisma, null, async (tx) => {
      await tx.savedQuery.delete({ where: { id } });
      await recordAudit(tx, ctx, "savedQuery.delete", { type: "SavedQuery", id }, { name: row.name });
    });
  }

  list(ctx: Context, args: PageArgs, filter: { mine?: boolean | null; name?: string | null }): Promise<Page<SavedQueryRow>> {
    const viewer = actingUser(ctx.viewer);
    const where: PrismaTypes.SavedQueryWhereInput = {
      AND: [readableSavedQueries(ctx.viewer), filter.mine ? { ownerId: viewer.userId } : {}, filter.name ? { name: filter.name } : {}],
    };
    return keysetPage(
      pageRequest(args),
      "asc",
      ({ take, idAfter, orderBy }) => this.prisma.savedQuery.findMany({ where: { AND: [where, { id: idAfter }] }, take, orderBy }),
      () => this.prisma.savedQuery.count({ where }),
    );
  }

  visible(viewer: Viewer, id: number): Promise<SavedQueryRow | null> {
    return this.prisma.savedQuery.findFirst({ where: { id, AND: [readableSavedQueries(viewer)] } });
  }

  /**
   * The saved query a name means to this viewer: its own by that name, else the one shared query by that name
   * (or the named owner's, when given). Several shared ones by one name need `owner`.
   */
  async byName(viewer: Viewer, name: string, ownerId?: number | null): Promise<SavedQueryRow> {
    const user = actingUser(viewer);
    const readable = readableSavedQueries(user);
    if (ownerId !== undefined && ownerId !== null) {
      const row = await this.prisma.savedQuery.findFirst({ where: { name, ownerId, AND: [readable] } });
      if (!row) throw notFound(`Saved query "${name}"`);
      return row;
    }
    const own = await this.prisma.savedQuery.findUnique({ where: { ownerId_name: { ownerId: user.userId, name } } });
    if (own) return own;
    const shared = await this.prisma.savedQuery.findMany({ where: { name, AND: [readable] }, take: 2, orderBy: { id: "asc" } });
    if (shared.length > 1) throw badInput("owner", `Several shared queries are named "${name}": say whose (owner)`);
    if (!shared[0]) throw notFound(`Saved query "${name}"`);
    return shared[0];
  }

  /** For trusted documents: the text of a saved query with this hash that the viewer may run. */
  async documentByHash(hash: string, viewer: Viewer): Promise<string | null> {
    const row = await this.prisma.savedQuery.findFirst({ where: { documentHash: hash, AND: [readableSavedQueries(viewer)] }, select: { document: true } });
    return row?.document ?? null;
  }
}

/** Parses and validates a document to save: one query operation, within every declared limit. */
export function checkedOperation(schema: GraphQLSchema, text: string, operationName: string | null): OperationDefinitionNode {
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (err) {
    throw badInput("input.document", `The document does not parse: ${(err as Error).message}`);
  }
  const problems = validate(schema, document, [...specifiedRules, ...shapeRules()]);
  if (problems.length) {
    throw new DomainError("BAD_USER_INPUT", `The document is not valid against the schema: ${problems[0]!.message}`, "input.document", {
      problems: problems.slice(0, 10).map((p: GraphQLError) => p.message),
    });
  }
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) {
    throw operationName
      ? badInput("input.operationName", `The document has no operation named "${operationName}"`)
      : badInput("input.operationName", "The document holds several operations: name the one to save (operationName)");
  }
  if (operation.operation !== "query") throw badInput("input.document", "Only queries can be saved, not mutations or subscriptions");
  const nested = savedQueryRuns(document);
  if (nested) throw badInput("input.document", nested);
  const cost = operationCost(schema, document, {}, operationName);
  if (cost !== null && cost > QUERY_LIMITS.maxCost) {
    throw new DomainError("BAD_USER_INPUT", `The query would cost ${cost}, above the limit of ${QUERY_LIMITS.maxCost}`, "input.document", { cost });
  }
  return operation;
}

/** Fields that run saved queries: a saved query calling one (itself, or two calling each other) would never end. */
const RUNS_SAVED_QUERIES = new Set(["runSavedQuery", "savedQueryResult"]);

/** Why a document may not be saved or run as a saved query (it runs saved queries), or null. Looks into fragments too. */
export function savedQueryRuns(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    Field(node) {
      if (RUNS_SAVED_QUERIES.has(node.name.value)) {
        found = node.name.value;
        return BREAK;
      }
      return undefined;
    },
  });
  return found ? `A saved query may not run saved queries (${found}): save the query it would run instead` : null;
}
