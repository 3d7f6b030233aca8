import { Field, ID, InterfaceType } from "type-graphql";

/** Rows handed to an interface or union carry their GraphQL type name (see `typed`). */
export type Typed<T> = T & { __typename: string };

export function typed<T extends object>(typename: string, row: T): Typed<T> {
  return { ...row, __typename: typename };
}

export const resolveTypename = (value: unknown) => (value as { __typename?: string }).__typename;

@InterfaceType({ description: "An object with an opaque global ID, fetchable with node(id:).", resolveType: resolveTypename })
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
