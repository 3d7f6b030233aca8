import { createUnionType, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { MatchStatus, SupplierKind } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node, resolveTypename } from "../node";
import { SUPPLIER_KINDS } from "../supplier";

export const Supplier = createUnionType({
  name: "Supplier",
  description: "Who can solve a need: an expert, an innovation platform, a society or a university / research institute (supplier/kinds.ts).",
  types: () => SUPPLIER_KINDS.map((k) => k.graphqlType()) as Array<new () => object>,
  resolveType: resolveTypename,
});

@ObjectType({ simpleResolvers: true, description: "One feature's part of a match score." })
export class ScoreComponent {
  @Field({ description: 'e.g. "text", "industryChain", "region", "capacity", "outcome" (decisions recorded on the chain: for the need\'s side, ADMIN and ANALYST only)' })
  feature!: string;

  @Field(() => Float, { description: "the feature's raw similarity, 0..1; outcome: -0.5..0.5, 0 without recorded decisions" })
  value!: number;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float, { description: "value * weight; the contributions of a match add up to its score" })
  contribution!: number;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: "A need × supplier pairing proposed by the matching engine, with its reasons." })
export class Match implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => SupplierKind)
  supplierKind!: SupplierKind;

  @Field(() => Float, { description: "0..1" })
  score!: number;

  @Field(() => Int, { description: "1 = the best supplier for this need" })
  rank!: number;

  @Field(() => MatchStatus)
  status!: MatchStatus;

  @Field(() => String, { nullable: true, description: "Why the match was rejected or closed, when it was: for the need's enterprise, the supplier's side, ADMIN and ANALYST (null for others)." })
  statusReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const MatchConnection = connectionType(Match, "Match");
