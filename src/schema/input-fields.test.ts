import "reflect-metadata";
import { Field, getMetadataStorage, InputType } from "type-graphql";
import { ArrayMaxSize, IsOptional, Length, validate } from "../infra/library-patches/validators";
import { KeywordsField, OrganizationNameField } from "./input-fields";

// A composed field must record what the decorators it replaced recorded, in the same order: the first constraint of
// a value breaking two rules is the message the caller gets (validate-input.ts), so the order is part of the API.

@InputType("InputFieldsTestStacked")
class Stacked {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 30, { each: true })
  keywords?: string[] | null;
}

@InputType("InputFieldsTestComposed")
class Composed {
  @KeywordsField(30)
  keywords?: string[] | null;

  @OrganizationNameField()
  name!: string;

  @OrganizationNameField({ optional: true })
  formerName?: string | null;
}

const constraints = async (value: object) => (await validate(value)).map((e) => [e.property, Object.entries(e.constraints ?? {})]);

test("a composed field reports the rules the stacked decorators did, first message first", async () => {
  const keywords = [...Array.from({ length: 30 }, (_, i) => `k${i}`), ""];
  const stacked = await constraints(Object.assign(new Stacked(), { keywords }));
  const composed = await constraints(Object.assign(new Composed(), { keywords, name: "Nanyang" }));
  expect(composed).toEqual(stacked);
  expect(composed[0]?.[1]).toHaveLength(2);
});

test("optional: nullable in the schema and skipped when left out; required: not nullable and checked", async () => {
  const fields = new Map(getMetadataStorage().fields.filter((f) => f.target === Composed).map((f) => [f.name, f.typeOptions.nullable]));
  expect(fields).toEqual(new Map([["keywords", true], ["name", undefined], ["formerName", true]]));
  expect(await constraints(Object.assign(new Composed(), { name: "Nanyang" }))).toEqual([]);
  expect((await constraints(new Composed())).map(([property]) => property)).toEqual(["name"]);
  expect((await constraints(Object.assign(new Composed(), { name: "Nanyang", formerName: " x " }))).map(([property]) => property)).toEqual(["formerName"]);
});
