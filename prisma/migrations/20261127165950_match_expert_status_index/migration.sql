-- DropIndex
DROP INDEX "Match_expertId_idx";

-- CreateIndex
CREATE INDEX "Match_expertId_status_idx" ON "Match"("expertId", "status");
