import { Field, InputType } from "type-graphql";
import { IsOptional } from "../../infra/library-patches/validators";
import { SocietyKind, SocietyLevel } from "../../schema/enums";
import { DisciplinesField, OrganizationNameField, SearchTextField } from "../../schema/input-fields";
import { ContactField, ContactInput } from "../contact";

@InputType()
export class CreateSocietyInput {
  @OrganizationNameField()
  name!: string;

  @Field(() => SocietyLevel)
  level!: SocietyLevel;

  @DisciplinesField()
  disciplines!: string[];

  @Field(() => SocietyKind, { nullable: true, defaultValue: SocietyKind.ACADEMIC_SOCIETY })
  @IsOptional()
  kind?: SocietyKind;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateSocietyInput {
  @OrganizationNameField({ optional: true })
  name?: string | null;

  @DisciplinesField({ optional: true })
  disciplines?: string[] | null;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType()
export class SocietyFilter {
  @Field(() => SocietyLevel, { nullable: true })
  level?: SocietyLevel;

  @SearchTextField()
  text?: string;
}
