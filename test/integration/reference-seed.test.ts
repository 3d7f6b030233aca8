import { startTestHub, type TestHub } from "../support/hub";

// Start-up skips the reference upserts when the files have not changed since they were last written
// (a checksum in the Setting table); a changed or missing checksum writes them again.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.stop());

test("the reference data is written once per version of the files", async () => {
  const { prisma, reference } = t.hub.services;
  const checksum = await prisma.setting.findUnique({ where: { key: "reference-checksum" } });
  expect(checksum?.value).toMatch(/^[0-9a-f]{64}$/);
  const chain = await prisma.industryChain.findFirstOrThrow({ orderBy: { sortOrder: "asc" } });

  // Same files, same checksum: a second seed leaves the rows alone (an edit made meanwhile survives).
  await prisma.industryChain.update({ where: { code: chain.code }, data: { name: "改过的名字" } });
  await reference.seed();
  expect((await prisma.industryChain.findUniqueOrThrow({ where: { code: chain.code } })).name).toBe("改过的名字");

  // Another checksum (the files changed): the rows are written again from the files.
  await prisma.setting.update({ where: { key: "reference-checksum" }, data: { value: "stale" } });
  await reference.seed();
  expect((await prisma.industryChain.findUniqueOrThrow({ where: { code: chain.code } })).name).toBe(chain.name);
  expect((await prisma.setting.findUniqueOrThrow({ where: { key: "reference-checksum" } })).value).toBe(checksum!.value);
});
