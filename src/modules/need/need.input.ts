import { MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType } from "type-graphql";
import { NeedKind, NeedStatus, Visibility } from "../../schema/enums";
import { inputField, KeywordsField, SearchTextField, YuanField, type InputFieldOptions } from "../../schema/input-fields";

const TitleField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(4, 100));

const DescriptionField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(10, 5000));

const IndustryChainCodeField = (options: InputFieldOptions = {}) => inputField(() => String, options, MaxLength(32));

/** What a CONFIDENTIAL need shows instead of itself (NeedTeaser). */
const TeaserField = (description: string) => inputField(() => String, { optional: true, description }, MaxLength(500));

@InputType()
export class PostNeedInput {
  @Field(() => ID)
  enterpriseId!: string;

  @TitleField()
  title!: string;

  @DescriptionField()
  description!: string;

  @IndustryChainCodeField()
  industryChainCode!: string;

  @Field(() => NeedKind)
  kind!: NeedKind;

  @KeywordsField(20)
  keywords?: string[] | null;

  @YuanField({ description: "yuan" })
  budgetMin?: number | null;

  @YuanField({ description: "yuan" })
  budgetMax?: number | null;

  @Field(() => Date, { nullable: true, description: "must be in the future" })
  deadline?: Date | null;

  // Nullable with a default so that it prints as `Visibility = PUBLIC` (core.graphql), not `Visibility! = PUBLIC`.
  @Field(() => Visibility, { nullable: true, defaultValue: Visibility.PUBLIC })
  visibility?: Visibility | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isChallenge?: boolean | null;

  @Field(() => Date, { nullable: true, description: "揭榜挂帅: solutions are taken until then (challenges only; defaults to the deadline)" })
  submissionDeadline?: Date | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Save as DRAFT (seen by its enterprise only, not matched) instead of opening it" })
  draft?: boolean | null;

  @TeaserField("required when visibility is CONFIDENTIAL: what is sought, without names (see NeedTeaser)")
  teaser?: string | null;

  @YuanField({ description: "揭榜挂帅 award in yuan (challenges only)" })
  challengeAward?: number | null;
}

@InputType()
export class NeedFilter {
  @Field(() => [NeedStatus], { nullable: true })
  status?: NeedStatus[];

  @Field({ nullable: true })
  industryChainCode?: string;

  @Field({ nullable: true })
  regionCode?: string;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string;

  @Field({ nullable: true })
  isChallenge?: boolean;

  @Field({ nullable: true, description: "OPEN needs without any response for HUB_STALE_NEED_DAYS days (true), or all others (false)" })
  stale?: boolean;

  @SearchTextField("Chinese full-text search over title, description and keywords")
  text?: string;
}

@InputType({ description: "Only the fields given change. Only an OPEN or DRAFT need can be corrected; its deadline can only move later." })
export class UpdateNeedInput {
  @TitleField({ optional: true })
  title?: string | null;

  @DescriptionField({ optional: true })
  description?: string | null;

  @IndustryChainCodeField({ optional: true })
  industryChainCode?: string | null;

  @Field(() => NeedKind, { nullable: true })
  kind?: NeedKind | null;

  @KeywordsField(20)
  keywords?: string[] | null;

  @YuanField({ description: "yuan" })
  budgetMin?: number | null;

  @YuanField({ description: "yuan" })
  budgetMax?: number | null;

  @Field(() => Date, { nullable: true, description: "later than the current deadline, and in the future" })
  deadline?: Date | null;

  @Field(() => Visibility, { nullable: true })
  visibility?: Visibility | null;

  @TeaserField("what is sought, without names (see NeedTeaser); a CONFIDENTIAL need keeps one")
  teaser?: string | null;
}
