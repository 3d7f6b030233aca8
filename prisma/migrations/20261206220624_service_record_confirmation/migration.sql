-- AlterTable
ALTER TABLE "ServiceRecord" ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedById" INTEGER,
ADD COLUMN     "hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "servedDay" TEXT;

-- CreateTable
CREATE TABLE "ServiceRecordExpert" (
    "serviceRecordId" INTEGER NOT NULL,
    "expertId" INTEGER NOT NULL,

    CONSTRAINT "ServiceRecordExpert_pkey" PRIMARY KEY ("serviceRecordId","expertId")
);

-- CreateIndex
CREATE INDEX "ServiceRecordExpert_expertId_idx" ON "ServiceRecordExpert"("expertId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRecord_societyId_enterpriseId_servedDay_kind_key" ON "ServiceRecord"("societyId", "enterpriseId", "servedDay", "kind");

-- AddForeignKey
ALTER TABLE "ServiceRecordExpert" ADD CONSTRAINT "ServiceRecordExpert_serviceRecordId_fkey" FOREIGN KEY ("serviceRecordId") REFERENCES "ServiceRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRecordExpert" ADD CONSTRAINT "ServiceRecordExpert_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
