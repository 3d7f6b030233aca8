// A notification's subject is asked once per event for viewers alike (src/modules/node/visible-node.ts); once it is
// loaded, later asks get the node itself, not a promise: a group's members after the first slice then resolve their
// subject without a promise and a callback each, with the same node and without a second read.
import type { Context } from "../../src/context/context";
import { loadVisibleNode } from "../../src/modules/node/visible-node";

function contextReading(rows: Record<number, object>) {
  const reads: number[] = [];
  const ctx = {
    viewer: { kind: "anonymous" },
    loaders: { visibleNodes: new Map(), need: { load: async (id: number) => (reads.push(id), rows[id] ?? null) } },
  } as unknown as Context;
  return { ctx, reads };
}

test("a node is read once; while loading every ask gets the same promise, once loaded the node itself", async () => {
  const { ctx, reads } = contextReading({ 7: { id: 7, title: "储能电池热管理需求" } });
  const first = loadVisibleNode(ctx, "TechNeed", 7);
  expect(first).toBeInstanceOf(Promise);
  expect(loadVisibleNode(ctx, "TechNeed", 7)).toBe(first);
  const node = await first;
  expect(node).toEqual({ id: 7, title: "储能电池热管理需求", __typename: "TechNeed" });
  expect(loadVisibleNode(ctx, "TechNeed", 7)).toBe(node);
  expect(reads).toEqual([7]);
});

test("a node the viewer may not see (or that is missing) is null, also once known; an unknown type is null at once", async () => {
  const { ctx, reads } = contextReading({});
  expect(await loadVisibleNode(ctx, "TechNeed", 8)).toBeNull();
  expect(loadVisibleNode(ctx, "TechNeed", 8)).toBeNull();
  expect(loadVisibleNode(ctx, "NoSuchType", 1)).toBeNull();
  expect(reads).toEqual([8]);
});
