import { Field, InputType } from "type-graphql";
import { SocietyLevel } from "../../schema/enums";
import { DisciplinesField, IndustryChainCodesField, KeywordsField, OrganizationNameField, RegionCodeField } from "../../schema/input-fields";
import { ContactField, ContactInput } from "../contact";
import { CreditCodeField } from "../enterprise";
import { AffiliationField, ExpertiseField, ExpertNameField, SocietyIdsField } from "../expert";
import { PasswordField, SignInEmailField } from "../user";

// The fields of the create inputs, declared by the same decorators (enterprise.input.ts, society.input.ts,
// expert.input.ts), and the applicant's sign-in.

@InputType()
export class RegisterEnterpriseInput {
  @OrganizationNameField()
  name!: string;

  @CreditCodeField()
  creditCode!: string;

  @RegionCodeField()
  regionCode!: string;

  @IndustryChainCodesField({ atLeastOne: true })
  industryChainCodes!: string[];

  @ContactField({ required: true })
  contact!: ContactInput;

  @SignInEmailField()
  email!: string;

  @PasswordField()
  password!: string;
}

@InputType()
export class RegisterSocietyInput {
  @OrganizationNameField()
  name!: string;

  @Field(() => SocietyLevel)
  level!: SocietyLevel;

  @DisciplinesField()
  disciplines!: string[];

  @ContactField({ required: true })
  contact!: ContactInput;

  @SignInEmailField()
  email!: string;

  @PasswordField()
  password!: string;
}

@InputType()
export class RegisterExpertInput {
  @ExpertNameField()
  name!: string;

  @AffiliationField()
  affiliation?: string | null;

  @ExpertiseField()
  expertise!: string;

  @KeywordsField(30)
  keywords?: string[] | null;

  @IndustryChainCodesField()
  industryChainCodes!: string[];

  @SocietyIdsField("the societies the expert asks to join; the registration is reviewed by ADMIN")
  societyIds?: string[] | null;

  @ContactField()
  contact?: ContactInput | null;

  @SignInEmailField()
  email!: string;

  @PasswordField()
  password!: string;
}
