-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "awardValue" DECIMAL(16,2),
ADD COLUMN     "value" DECIMAL(16,2);

-- Deals recorded before keep their value: the Int columns become the Decimal ones.
UPDATE "Deal" SET "value" = "amount", "awardValue" = "awardAmount" WHERE "amount" IS NOT NULL OR "awardAmount" IS NOT NULL;
