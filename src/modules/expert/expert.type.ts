import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "An expert of the talent pool (专家人才库)." })
export class Expert implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  affiliation!: string | null;

  @Field({ description: "free Chinese text" })
  expertise!: string;

  @Field(() => [String])
  keywords!: string[];

  @Field(() => Int, { description: "active engagements the expert can take at once" })
  capacity!: number;

  @Field({ description: "青年科技人才" })
  isYoungTalent!: boolean;

  @Field(() => Date, { nullable: true, description: "not offered new matches before this time" })
  availableFrom!: Date | null;

  @Field(() => Date, { nullable: true, description: "not offered new matches after this time" })
  availableTo!: Date | null;
}

export const ExpertConnection = connectionType(Expert, "Expert");
