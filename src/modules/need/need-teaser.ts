import { Field, ObjectType } from "type-graphql";
import type { Loaders } from "../../context/context";
import type { NeedRow } from "../../infra/db/rows";
import { NeedKind } from "../../schema/enums";
import { IndustryChain, Region } from "../reference";

@ObjectType({ simpleResolvers: true, description: "What a CONFIDENTIAL need seeks, without names: what its matched suppliers see before they are let in." })
export class NeedTeaser {
  @Field({ description: "written by the enterprise (PostNeedInput.teaser, required for CONFIDENTIAL needs): what is sought, without names" })
  summary!: string;

  @Field(() => IndustryChain)
  industryChain!: IndustryChain;

  @Field(() => NeedKind)
  kind!: NeedKind;

  @Field(() => Region)
  region!: Region;
}

/** A CONFIDENTIAL need's teaser (null for PUBLIC and MEMBERS needs): the summary, chain, kind and region only. */
export async function teaserOf(need: Pick<NeedRow, "visibility" | "teaser" | "chainCode" | "kind" | "enterpriseId">, loaders: Loaders): Promise<NeedTeaser | null> {
  if (need.visibility !== "CONFIDENTIAL") return null;
  const [chain, enterprise] = await Promise.all([loaders.chain.load(need.chainCode), loaders.enterprise.load(need.enterpriseId)]);
  const region = enterprise ? await loaders.region.load(enterprise.regionCode) : null;
  if (!chain || !region) return null;
  return { summary: need.teaser ?? "", industryChain: chain, kind: need.kind, region };
}
