import sample from "../../../../../test/fixtures/matching-sample.json";
import { evaluate, formatEval } from "./evaluate";
test("quick", () => {
  const r = evaluate(sample as any);
  console.log(formatEval(r));
});
