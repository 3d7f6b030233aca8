import fs from "node:fs";
import path from "node:path";
import type { Prisma } from "../../infra/db/database";
import type { IndustryChainRow, RegionRow } from "../../infra/db/rows";
import { badInput } from "../../infra/errors";
import { PROJECT_ROOT } from "../../infra/paths";

const REFERENCE_DIR = path.join(PROJECT_ROOT, "prisma", "reference");

interface ReferenceFiles {
  regions: Array<{ code: string; name: string }>;
  industryChains: Array<{ code: string; name: string; namedInPlan: boolean }>;
}

function readReferenceFiles(): ReferenceFiles {
  const regions = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "regions.json"), "utf8"));
  const chains = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "industry-chains.json"), "utf8"));
  return { regions: regions.regions, industryChains: chains.industryChains };
}

/** Regions and industry chains: reference data, seeded idempotently at start (upsert by code). */
export class ReferenceService {
  constructor(private readonly prisma: Prisma) {}

  async seed(): Promise<void> {
    const files = readReferenceFiles();
    // Special zones have no GB/T 2260 code: the file gives them codes of the project's own (NY-…).
    const regions = files.regions.map((r, i) => ({ code: r.code, name: r.name, isSpecial: !/^\d{6}$/.test(r.code), sortOrder: i }));
    const chains = files.industryChains.map((c, i) => ({ code: c.code, name: c.name, namedInPlan: c.namedInPlan, sortOrder: i }));
    await this.prisma.$transaction([
      ...regions.map((r) => this.prisma.region.upsert({ where: { code: r.code }, create: r, update: r })),
      ...chains.map((c) => this.prisma.industryChain.upsert({ where: { code: c.code }, create: c, update: c })),
    ]);
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
