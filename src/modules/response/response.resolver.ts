import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { ResponseRow } from "../../infra/db/rows";
import { toGlobalId } from "../../infra/relay/global-id";
import { Expert } from "../expert/expert.type";
import { TechNeed } from "../need/need.type";
import { Society } from "../society/society.type";
import { RespondInput } from "./response.input";
import { Response } from "./response.type";

@Resolver(() => Response)
export class ResponseResolver {
  @Mutation(() => Response, { description: "ADMIN, or SOCIETY for its own society." })
  respondToNeed(@Arg("input", () => RespondInput) input: RespondInput, @Ctx() ctx: Context) {
    return ctx.services.responses.respond(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() response: ResponseRow) {
    return toGlobalId("Response", response.id);
  }

  @FieldResolver(() => TechNeed)
  need(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(response.needId);
  }

  @FieldResolver(() => Society)
  society(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.loaders.society.load(response.societyId);
  }

  @FieldResolver(() => [Expert])
  experts(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.loaders.expertsOfResponse.load(response.id);
  }
}
