import type { Prisma } from "../../src/infra/db/database";
import { forgetReferenceRows, referenceRows } from "../../src/modules/reference/reference-cache";
import { ReferenceLoader } from "../../src/modules/reference/reference-loader";

// Regions and chains are answered at once once the process holds them (reference-loader.ts); before that, and after
// they are written again, through the loader as before.

function fakePrisma() {
  let reads = 0;
  const prisma = {
    region: { findMany: async () => (reads++, [{ code: "310000", name: "上海" }]) },
    industryChain: { findMany: async () => [{ code: "IC", name: "集成电路" }] },
  };
  return { prisma: prisma as unknown as Prisma, reads: () => reads };
}

test("a chain or region is a promise until the rows are read, then the row itself, null for an unknown code", async () => {
  const { prisma, reads } = fakePrisma();
  const chains = new ReferenceLoader(prisma, (rows) => rows.chains);
  const first = chains.find("IC");
  expect(first).toBeInstanceOf(Promise);
  expect(await first).toEqual({ code: "IC", name: "集成电路" });
  expect(chains.find("IC")).toEqual({ code: "IC", name: "集成电路" });
  expect(chains.find("nope")).toBeNull();
  // Another request's loader over the same client answers at once too, from the one read.
  expect(new ReferenceLoader(prisma, (rows) => rows.regions).find("310000")).toEqual({ code: "310000", name: "上海" });
  expect(reads()).toBe(1);
});

test("rows written again are read again before they are answered at once", async () => {
  const { prisma, reads } = fakePrisma();
  await referenceRows(prisma);
  const regions = new ReferenceLoader(prisma, (rows) => rows.regions);
  expect(regions.find("310000")).toEqual({ code: "310000", name: "上海" });
  forgetReferenceRows(prisma);
  const again = new ReferenceLoader(prisma, (rows) => rows.regions).find("310000");
  expect(again).toBeInstanceOf(Promise);
  expect(await again).toEqual({ code: "310000", name: "上海" });
  expect(reads()).toBe(2);
});
