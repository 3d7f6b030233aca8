import { currentDeadline, Deadline, underDeadline } from "./db/deadline";
import { currentRequestId, withRequestId } from "./http/request-id";
import { currentScope } from "./request-scope";

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("a request's id and its deadline travel together through awaits, whichever was set first", async () => {
  const deadline = new Deadline();
  const seen = await withRequestId("req-1", () =>
    underDeadline(deadline, async () => {
      await tick();
      return { id: currentRequestId(), deadline: currentDeadline() };
    }),
  );
  expect(seen).toEqual({ id: "req-1", deadline });
  const inner = await underDeadline(deadline, () => withRequestId("req-2", async () => (await tick(), [currentRequestId(), currentDeadline()])));
  expect(inner).toEqual(["req-2", deadline]);
});

test("an inner scope leaves the outer one as it was, and nothing is in scope outside", async () => {
  const outer = new Deadline();
  const after = await underDeadline(outer, async () => {
    await withRequestId("inner", async () => tick());
    return [currentRequestId(), currentDeadline()];
  });
  expect(after).toEqual([undefined, outer]);
  expect(currentScope()).toEqual({});
});
