-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "InvitationDeclineCode" AS ENUM ('NO_CAPACITY', 'OUT_OF_SCOPE', 'CONFLICT_OF_INTEREST', 'TERMS', 'OTHER');

-- CreateEnum
CREATE TYPE "ConflictParty" AS ENUM ('EXPERT', 'PLATFORM', 'SOCIETY');

-- CreateEnum
CREATE TYPE "ConflictSource" AS ENUM ('DECLARED', 'EXCLUDED');

-- AlterTable
ALTER TABLE "Expert" ADD COLUMN     "employerId" INTEGER;

-- AlterTable
ALTER TABLE "TechNeed" ADD COLUMN     "teaser" TEXT;

-- CreateTable
CREATE TABLE "Invitation" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "matchId" INTEGER NOT NULL,
    "supplierKind" "SupplierKind" NOT NULL,
    "expertId" INTEGER,
    "platformId" INTEGER,
    "societyId" INTEGER,
    "message" TEXT,
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "declineCode" "InvitationDeclineCode",
    "declineText" TEXT,
    "invitedById" INTEGER,
    "answeredById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conflict" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "partyKind" "ConflictParty" NOT NULL,
    "partyId" INTEGER NOT NULL,
    "source" "ConflictSource" NOT NULL,
    "reason" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Invitation_needId_status_idx" ON "Invitation"("needId", "status");

-- CreateIndex
CREATE INDEX "Invitation_matchId_idx" ON "Invitation"("matchId");

-- CreateIndex
CREATE INDEX "Invitation_expertId_status_idx" ON "Invitation"("expertId", "status");

-- CreateIndex
CREATE INDEX "Invitation_platformId_status_idx" ON "Invitation"("platformId", "status");

-- CreateIndex
CREATE INDEX "Invitation_societyId_status_idx" ON "Invitation"("societyId", "status");

-- CreateIndex
CREATE INDEX "Conflict_partyKind_partyId_idx" ON "Conflict"("partyKind", "partyId");

-- CreateIndex
CREATE UNIQUE INDEX "Conflict_enterpriseId_partyKind_partyId_source_key" ON "Conflict"("enterpriseId", "partyKind", "partyId", "source");

-- CreateIndex
CREATE INDEX "Expert_employerId_idx" ON "Expert"("employerId");

-- AddForeignKey
ALTER TABLE "Expert" ADD CONSTRAINT "Expert_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conflict" ADD CONSTRAINT "Conflict_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;
