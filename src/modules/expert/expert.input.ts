import { Field, ID, InputType, Int } from "type-graphql";
import { IsEmail, IsOptional, Matches, Max, MaxLength, Min } from "../../infra/library-patches/validators";
import { IndustryChainCodesField, inputField, KeywordsField, SearchTextField } from "../../schema/input-fields";
import { ContactField, ContactInput } from "../contact";
import { AffiliationField, ExpertiseField, ExpertNameField, SocietyIdsField } from "./expert.fields";

const TitleField = () => inputField(() => String, { optional: true }, MaxLength(50));

/** How many needs the expert works on at once. */
const CapacityField = () => inputField(() => Int, { optional: true }, Min(1), Max(50));

const YoungTalentField = () => inputField(() => Boolean, { optional: true });

const AvailableFromField = () => inputField(() => Date, { optional: true, description: "not offered new matches before this time" });

const AvailableToField = () =>
  inputField(() => Date, { optional: true, description: "not offered new matches after this time (not before availableFrom)" });

@InputType()
export class CreateExpertInput {
  @ExpertNameField()
  name!: string;

  @TitleField()
  title?: string | null;

  @AffiliationField()
  affiliation?: string | null;

  @SocietyIdsField()
  societyIds?: string[] | null;

  @ExpertiseField()
  expertise!: string;

  @KeywordsField(30)
  keywords?: string[] | null;

  @IndustryChainCodesField()
  industryChainCodes!: string[];

  @CapacityField()
  capacity?: number | null;

  @YoungTalentField()
  isYoungTalent?: boolean;

  @AvailableFromField()
  availableFrom?: Date | null;

  @AvailableToField()
  availableTo?: Date | null;

  @Field(() => String, { nullable: true, description: "Private: the expert, their societies, ADMIN and ANALYST." })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Private, like email." })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "phone must be digits, spaces, + or -" })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: "The enterprise employing the expert: never matched to, invited to or shown its MEMBERS / CONFIDENTIAL needs" })
  employerId?: string | null;

  @ContactField({ description: "Private: the expert, their societies' users and ADMIN." })
  contact?: ContactInput | null;
}

@InputType()
export class ExpertFilter {
  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field({ nullable: true })
  industryChainCode?: string;

  @SearchTextField()
  text?: string;
}

/** Only the fields given change; the expert is matched again against the open needs. */
@InputType()
export class UpdateExpertInput {
  @ExpertNameField({ optional: true })
  name?: string | null;

  @TitleField()
  title?: string | null;

  @AffiliationField()
  affiliation?: string | null;

  @ExpertiseField({ optional: true })
  expertise?: string | null;

  @KeywordsField(30)
  keywords?: string[] | null;

  @IndustryChainCodesField({ optional: true })
  industryChainCodes?: string[] | null;

  @CapacityField()
  capacity?: number | null;

  @YoungTalentField()
  isYoungTalent?: boolean;

  @AvailableFromField()
  availableFrom?: Date | null;

  @AvailableToField()
  availableTo?: Date | null;
}
