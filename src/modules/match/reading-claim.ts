import type { Prisma } from "../../infra/db/database";

// The fingerprint of the reading the stored vectors are to be made with: the reading of the instance that started last
// with a reading other than the one claimed (match/reanalysis.ts). A Setting row, shared by every instance.
const CLAIM_KEY = "analysis-reading";

export async function claimedReading(prisma: Prisma): Promise<string | null> {
  return (await prisma.setting.findUnique({ where: { key: CLAIM_KEY } }))?.value ?? null;
}

/**
 * Makes `reading` the claimed one, returning the reading it replaces (null: none was claimed). An instance starting
 * with the claimed reading writes nothing.
 */
export async function claimReading(prisma: Prisma, reading: string): Promise<string | null> {
  const claimed = await claimedReading(prisma);
  if (claimed !== reading) await prisma.setting.upsert({ where: { key: CLAIM_KEY }, create: { key: CLAIM_KEY, value: reading }, update: { value: reading } });
  return claimed;
}
