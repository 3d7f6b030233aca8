-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL DEFAULT '',
    "target" INTEGER NOT NULL,
    "targetDate" TIMESTAMP(3) NOT NULL,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorTarget_key_regionCode_key" ON "IndicatorTarget"("key", "regionCode");

-- The three targets the code held until now: by the end of 2025 in Nanyang (UTC+8).
INSERT INTO "IndicatorTarget" ("key", "regionCode", "target", "targetDate", "updatedAt") VALUES
  ('KCZG_ENTITIES', '', 100, '2025-12-31 15:59:59', now()),
  ('SOCIETIES_ENGAGED', '', 100, '2025-12-31 15:59:59', now()),
  ('ENTERPRISES_LINKED', '', 1000, '2025-12-31 15:59:59', now());
