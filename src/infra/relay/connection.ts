import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { encodeCursor, type Page } from "./pagination";

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** Declares `<name>Edge` and `<name>Connection` (Relay) for a node type. */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int, { description: "All items that match, across pages (only those the caller may see)." })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return Connection;
}

/** Builds a connection value from a page of rows (the rows are the nodes' parents). */
export function toConnection<T extends { id: number }>(page: Page<T>): ConnectionShape<T> {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(row.id), node: row }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}
