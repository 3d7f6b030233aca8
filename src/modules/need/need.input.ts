import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType, Int } from "type-graphql";
import { NeedKind, NeedStatus, Visibility } from "../../schema/enums";

@InputType()
export class PostNeedInput {
  @Field(() => ID)
  enterpriseId!: string;

  @Field()
  @TrimmedLength(4, 100)
  title!: string;

  @Field()
  @TrimmedLength(10, 5000)
  description!: string;

  @Field()
  @MaxLength(32)
  industryChainCode!: string;

  @Field(() => NeedKind)
  kind!: NeedKind;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(1, 30, { each: true })
  keywords?: string[] | null;

  @Field(() => Int, { nullable: true, description: "yuan" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  budgetMin?: number | null;

  @Field(() => Int, { nullable: true, description: "yuan" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
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

  @Field(() => String, { nullable: true, description: "required when visibility is CONFIDENTIAL: what is sought, without names (see NeedTeaser)" })
  @IsOptional()
  @MaxLength(500)
  teaser?: string | null;

  @Field(() => Int, { nullable: true, description: "揭榜挂帅 award in yuan (challenges only)" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
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

  @Field({ nullable: true, description: "Chinese full-text search over title, description and keywords" })
  @IsOptional()
  @MaxLength(100)
  text?: string;
}

@InputType({ description: "Only the fields given change. Only an OPEN or DRAFT need can be corrected; its deadline can only move later." })
export class UpdateNeedInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(4, 100)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(10, 5000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(32)
  industryChainCode?: string | null;

  @Field(() => NeedKind, { nullable: true })
  kind?: NeedKind | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(1, 30, { each: true })
  keywords?: string[] | null;

  @Field(() => Int, { nullable: true, description: "yuan" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  budgetMin?: number | null;

  @Field(() => Int, { nullable: true, description: "yuan" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  budgetMax?: number | null;

  @Field(() => Date, { nullable: true, description: "later than the current deadline, and in the future" })
  deadline?: Date | null;

  @Field(() => Visibility, { nullable: true })
  visibility?: Visibility | null;

  @Field(() => String, { nullable: true, description: "what is sought, without names (see NeedTeaser); a CONFIDENTIAL need keeps one" })
  @IsOptional()
  @MaxLength(500)
  teaser?: string | null;
}
