import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "A county or district of Nanyang (GB/T 2260), or a special zone of the plan." })
export class Region {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType({ simpleResolvers: true, description: "One of the key industry chains of the plan." })
export class IndustryChain {
  @Field()
  code!: string;

  @Field()
  name!: string;
}
