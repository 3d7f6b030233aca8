import { Field, InputType } from "type-graphql";
import { TrimmedLength } from "../../infra/http/validate-input";
import { IsOptional } from "../../infra/library-patches/validators";
import { PlatformKind } from "../../schema/enums";
import { IndustryChainCodesField, inputField, OrganizationNameField, RegionCodeField, SearchTextField, type InputFieldOptions } from "../../schema/input-fields";
import { ContactField, ContactInput } from "../contact";

const CapabilitiesField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(10, 2000));

@InputType()
export class CreatePlatformInput {
  @OrganizationNameField()
  name!: string;

  @Field(() => PlatformKind)
  kind!: PlatformKind;

  @CapabilitiesField()
  capabilities!: string;

  @IndustryChainCodesField()
  industryChainCodes!: string[];

  @RegionCodeField({ optional: true })
  regionCode?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  onKczg?: boolean;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdatePlatformInput {
  @OrganizationNameField({ optional: true })
  name?: string | null;

  @CapabilitiesField({ optional: true })
  capabilities?: string | null;

  @IndustryChainCodesField({ optional: true })
  industryChainCodes?: string[] | null;

  @RegionCodeField({ optional: true })
  regionCode?: string | null;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType()
export class PlatformFilter {
  @Field(() => PlatformKind, { nullable: true })
  kind?: PlatformKind;

  @Field({ nullable: true })
  industryChainCode?: string;

  @Field({ nullable: true })
  regionCode?: string;

  @SearchTextField()
  text?: string;
}
