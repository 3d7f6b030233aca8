import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import { badInput } from "../../infra/errors";
import { recordAudit } from "../audit";
import { INDICATORS, isIndicatorKey, type IndicatorQueries } from "./indicators";
import type { Indicator } from "./stats.type";
import { unitOfWork } from "../../infra/db/unit-of-work";

export interface SetIndicatorTarget {
  key: string;
  target: number;
  targetDate: Date;
  regionCode?: string | null;
}

/** ADMIN sets the plan's targets: the programme's (no regionCode) or a county's own. Audited with before and after. */
export class IndicatorTargetService {
  constructor(
    private readonly prisma: Prisma,
    private readonly indicators: IndicatorQueries,
  ) {}

  async set(ctx: Context, input: SetIndicatorTarget): Promise<Indicator> {
    const key = input.key.trim();
    if (!isIndicatorKey(key)) throw badInput("key", `key must be one of ${INDICATORS.map((i) => i.key).join(", ")}`);
    if (!Number.isInteger(input.target) || input.target < 1 || input.target > 1_000_000_000) throw badInput("target", "target must be a whole number from 1");
    const regionCode = input.regionCode?.trim() || "";
    if (regionCode && !(await this.prisma.region.count({ where: { code: regionCode } }))) throw badInput("regionCode", `No region ${regionCode}`);
    await unitOfWork(this.prisma, null, async (tx) => {
      const before = await tx.indicatorTarget.findUnique({ where: { key_regionCode: { key, regionCode } } });
      const data = { target: input.target, targetDate: input.targetDate, updatedById: ctx.viewer.kind === "user" ? ctx.viewer.userId : null };
      const row = await tx.indicatorTarget.upsert({ where: { key_regionCode: { key, regionCode } }, create: { key, regionCode, ...data }, update: data });
      await recordAudit(tx, ctx, "indicator.target", { type: "IndicatorTarget", id: row.id }, {
        key,
        regionCode: regionCode || null,
        before: before ? { target: before.target, targetDate: before.targetDate } : null,
        after: { target: row.target, targetDate: row.targetDate },
      });
    });
    const [indicator] = await this.indicators.indicators({ from: null, to: new Date() }, regionCode || null, key);
    return indicator!;
  }
}
