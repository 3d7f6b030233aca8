-- Each profile records the fingerprint of the reading that made it (match/reanalysis.ts re-reads the rows of another
-- reading), replacing the one fingerprint per half of the index kept in "Setting". Rows written before: that recorded
-- fingerprint, given as the new column's default so that no row is rewritten (a constant default is stored once, not
-- per row), then the default goes; a half with none recorded gets null, and its rows are read again.
DO $$
BEGIN
  EXECUTE format('ALTER TABLE "SupplierProfile" ADD COLUMN "reading" TEXT DEFAULT %L',
    (SELECT value FROM "Setting" WHERE key = 'supplier-analysis-fingerprint'));
  EXECUTE format('ALTER TABLE "NeedProfile" ADD COLUMN "reading" TEXT DEFAULT %L',
    (SELECT value FROM "Setting" WHERE key = 'need-analysis-fingerprint'));
END $$;

-- AlterTable
ALTER TABLE "SupplierProfile" ALTER COLUMN "reading" DROP DEFAULT;

-- AlterTable
ALTER TABLE "NeedProfile" ALTER COLUMN "reading" DROP DEFAULT;

DELETE FROM "Setting" WHERE key IN ('supplier-analysis-fingerprint', 'need-analysis-fingerprint');

-- CreateIndex
CREATE INDEX "SupplierProfile_reading_idx" ON "SupplierProfile"("reading");
