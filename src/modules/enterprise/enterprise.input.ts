import { Field, InputType } from "type-graphql";
import { EnterpriseDesignation } from "../../schema/enums";
import { IndustryChainCodesField, OrganizationNameField, RegionCodeField, SearchTextField } from "../../schema/input-fields";
import { ContactField, ContactInput } from "../contact";
import { CreditCodeField } from "./enterprise.fields";

@InputType()
export class CreateEnterpriseInput {
  @OrganizationNameField()
  name!: string;

  @CreditCodeField()
  creditCode!: string;

  @RegionCodeField()
  regionCode!: string;

  @IndustryChainCodesField({ atLeastOne: true })
  industryChainCodes!: string[];

  @Field(() => [EnterpriseDesignation], { nullable: true })
  designations?: EnterpriseDesignation[];

  @Field({ nullable: true })
  hasRdAccount?: boolean;

  @Field({ nullable: true })
  onKczg?: boolean;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateEnterpriseInput {
  @OrganizationNameField({ optional: true })
  name?: string | null;

  @RegionCodeField({ optional: true })
  regionCode?: string | null;

  @IndustryChainCodesField({ optional: true, atLeastOne: true })
  industryChainCodes?: string[] | null;

  @Field(() => [EnterpriseDesignation], { nullable: true })
  designations?: EnterpriseDesignation[] | null;

  @Field(() => Boolean, { nullable: true })
  hasRdAccount?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "set: registered on 科创中国 from now (the date is kept); unset: not registered" })
  onKczg?: boolean | null;

  @ContactField()
  contact?: ContactInput | null;
}

@InputType()
export class EnterpriseFilter {
  @Field({ nullable: true })
  regionCode?: string;

  @Field({ nullable: true })
  industryChainCode?: string;

  @SearchTextField()
  text?: string;
}
