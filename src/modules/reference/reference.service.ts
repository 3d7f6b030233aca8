import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Prisma } from "../../infra/db/database";
import { forgetReferenceRows } from "./reference-cache";
import type { IndustryChainRow, RegionRow } from "../../infra/db/rows";
import { badInput } from "../../infra/errors";
import { PROJECT_ROOT } from "../../infra/paths";
import { unitOfWork } from "../../infra/db/unit-of-work";

const REFERENCE_DIR = path.join(PROJECT_ROOT, "prisma", "reference");

interface ReferenceFiles {
  regions: Array<{ code: string; name: string }>;
  industryChains: Array<{ code: string; name: string; namedInPlan: boolean }>;
}

// The checksum of the reference files last written to this database (Setting row).
const CHECKSUM_KEY = "reference-checksum";

function readReferenceFiles(): ReferenceFiles & { checksum: string } {
  const regionsText = fs.readFileSync(path.join(REFERENCE_DIR, "regions.json"), "utf8");
  const chainsText = fs.readFileSync(path.join(REFERENCE_DIR, "industry-chains.json"), "utf8");
  const checksum = createHash("sha256").update(regionsText).update("\0").update(chainsText).digest("hex");
  return { regions: JSON.parse(regionsText).regions, industryChains: JSON.parse(chainsText).industryChains, checksum };
}

/**
 * Regions and industry chains: reference data, seeded idempotently at start (upsert by code). A start whose
 * files are unchanged since the last seed skips the upserts (one read instead of ~30 writes on every start).
 */
export class ReferenceService {
  constructor(private readonly prisma: Prisma) {}

  async seed(): Promise<void> {
    const files = readReferenceFiles();
    const seeded = await this.prisma.setting.findUnique({ where: { key: CHECKSUM_KEY } });
    if (seeded?.value === files.checksum) return;
    // Special zones have no GB/T 2260 code: the file gives them codes of the project's own (NY-…).
    const regions = files.regions.map((r, i) => ({ code: r.code, name: r.name, isSpecial: !/^\d{6}$/.test(r.code), sortOrder: i }));
    const chains = files.industryChains.map((c, i) => ({ code: c.code, name: c.name, namedInPlan: c.namedInPlan, sortOrder: i }));
    await unitOfWork(this.prisma, null, async (tx) => {
      for (const r of regions) await tx.region.upsert({ where: { code: r.code }, create: r, update: r });
      for (const c of chains) await tx.industryChain.upsert({ where: { code: c.code }, create: c, update: c });
      await tx.setting.upsert({ where: { key: CHECKSUM_KEY }, create: { key: CHECKSUM_KEY, value: files.checksum }, update: { value: files.checksum } });
    });
    forgetReferenceRows(this.prisma);
  }

  regions(): Promise<RegionRow[]> {
    return this.prisma.region.findMany({ orderBy: { sortOrder: "asc" } });
  }

  industryChains(): Promise<IndustryChainRow[]> {
    return this.prisma.industryChain.findMany({ orderBy: { sortOrder: "asc" } });
  }

  /** Checks that codes exist; throws BAD_USER_INPUT naming `field` otherwise. */
  async assertChainCodes(codes: string[], field: string): Promise<void> {
    const unique = [...new Set(codes)];
    const found = await this.prisma.industryChain.count({ where: { code: { in: unique } } });
    if (found !== unique.length) throw badInput(field, `${field} names an industry chain that does not exist`);
  }

  async assertRegionCode(code: string, field: string): Promise<void> {
    if (!(await this.prisma.region.count({ where: { code } }))) throw badInput(field, `${field} is not a known region code`);
  }
}
