-- CreateEnum
CREATE TYPE "DockingStatus" AS ENUM ('SCHEDULED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DockingOutcome" AS ENUM ('DEAL_LIKELY', 'FOLLOW_UP', 'NO_FIT');

-- CreateTable
CREATE TABLE "Docking" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "supplierKind" "SupplierKind" NOT NULL,
    "expertId" INTEGER,
    "platformId" INTEGER,
    "societyId" INTEGER,
    "responseId" INTEGER,
    "invitationId" INTEGER,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT,
    "onlineUrl" TEXT,
    "note" TEXT,
    "status" "DockingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "minutes" TEXT,
    "outcome" "DockingOutcome",
    "cancelReason" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Docking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Docking_needId_idx" ON "Docking"("needId");

-- CreateIndex
CREATE INDEX "Docking_status_startsAt_idx" ON "Docking"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Docking_expertId_idx" ON "Docking"("expertId");

-- CreateIndex
CREATE INDEX "Docking_platformId_idx" ON "Docking"("platformId");

-- CreateIndex
CREATE INDEX "Docking_societyId_idx" ON "Docking"("societyId");

-- CreateIndex
CREATE INDEX "Docking_responseId_idx" ON "Docking"("responseId");

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "InnovationPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE SET NULL ON UPDATE CASCADE;
