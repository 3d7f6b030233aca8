import { registerEnumType } from "type-graphql";
import { CooperationMode, DeclineReason } from "../../generated/prisma/enums";

// Database enums are the API enums (as in schema/enums.ts), registered where the workflow declares them.
registerEnumType(DeclineReason, {
  name: "DeclineReason",
  description: "Why a response was declined or a match rejected; OTHER needs a text.",
});
registerEnumType(CooperationMode, { name: "CooperationMode", description: "How the parties of a deal cooperate." });

export { CooperationMode, DeclineReason };
