import { Field, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "../../infra/library-patches/validators";
import { UniversityKind } from "../../schema/enums";
import { DisciplinesField, IndustryChainCodesField, inputField, OrganizationNameField, RegionCodeField, type InputFieldOptions } from "../../schema/input-fields";
import { ContactField, ContactInput } from "../contact";

const StrengthsField = (options: InputFieldOptions = {}) => inputField(() => String, options, MaxLength(4000));

@InputType()
export class CreateUniversityInput {
  @OrganizationNameField()
  name!: string;

  @Field(() => UniversityKind, { nullable: true, defaultValue: UniversityKind.UNIVERSITY })
  @IsOptional()
  kind?: UniversityKind;

  @DisciplinesField()
  disciplines!: string[];

  @StrengthsField({ description: "优势领域与可转化成果" })
  strengths!: string;

  @IndustryChainCodesField({ optional: true })
  industryChainCodes?: string[] | null;

  @RegionCodeField({ optional: true })
  regionCode?: string | null;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateUniversityInput {
  @OrganizationNameField({ optional: true })
  name?: string | null;

  @DisciplinesField({ optional: true })
  disciplines?: string[] | null;

  @StrengthsField({ optional: true })
  strengths?: string | null;

  @IndustryChainCodesField({ optional: true })
  industryChainCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "false: no longer matched (its suggestions go)" })
  @IsOptional()
  active?: boolean | null;

  @ContactField()
  contact?: ContactInput | null;
}
