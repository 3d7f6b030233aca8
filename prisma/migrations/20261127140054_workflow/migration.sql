-- CreateEnum
CREATE TYPE "DeclineReason" AS ENUM ('TOO_EARLY_STAGE', 'OUT_OF_SCOPE', 'BUDGET', 'ALREADY_SOLVED', 'OTHER');

-- CreateEnum
CREATE TYPE "StatusSubject" AS ENUM ('NEED', 'RESPONSE', 'MATCH');

-- CreateEnum
CREATE TYPE "CooperationMode" AS ENUM ('TECH_TRANSFER', 'LICENSING', 'COMMISSIONED_RD', 'JOINT_RD', 'CONSULTING', 'TALENT', 'PILOT_TEST', 'CHALLENGE_AWARD', 'OTHER');

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "statusChangedAt" TIMESTAMP(3),
ADD COLUMN     "statusReasonCode" "DeclineReason";

-- AlterTable
ALTER TABLE "Response" ADD COLUMN     "declineCode" "DeclineReason",
ADD COLUMN     "statusChangedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ServiceRecord" ADD COLUMN     "recordedById" INTEGER,
ADD COLUMN     "workstationId" INTEGER;

-- AlterTable
ALTER TABLE "TechNeed" ADD COLUMN     "expiredAt" TIMESTAMP(3),
ADD COLUMN     "firstDecisionAt" TIMESTAMP(3),
ADD COLUMN     "submissionDeadline" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" SERIAL NOT NULL,
    "subject" "StatusSubject" NOT NULL,
    "needId" INTEGER NOT NULL,
    "responseId" INTEGER,
    "matchId" INTEGER,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reasonCode" "DeclineReason",
    "reason" TEXT,
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deal" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "responseId" INTEGER,
    "matchId" INTEGER,
    "mode" "CooperationMode" NOT NULL,
    "contractSigned" BOOLEAN NOT NULL DEFAULT false,
    "signedOn" TIMESTAMP(3),
    "amount" INTEGER,
    "awardAmount" INTEGER,
    "summary" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpertWorkstation" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "societyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExpertWorkstation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkstationExpert" (
    "workstationId" INTEGER NOT NULL,
    "expertId" INTEGER NOT NULL,

    CONSTRAINT "WorkstationExpert_pkey" PRIMARY KEY ("workstationId","expertId")
);

-- CreateIndex
CREATE INDEX "StatusChange_needId_at_idx" ON "StatusChange"("needId", "at");

-- CreateIndex
CREATE INDEX "StatusChange_responseId_idx" ON "StatusChange"("responseId");

-- CreateIndex
CREATE INDEX "StatusChange_matchId_idx" ON "StatusChange"("matchId");

-- CreateIndex
CREATE INDEX "Deal_needId_idx" ON "Deal"("needId");

-- CreateIndex
CREATE INDEX "Deal_responseId_idx" ON "Deal"("responseId");

-- CreateIndex
CREATE INDEX "Deal_matchId_idx" ON "Deal"("matchId");

-- CreateIndex
CREATE INDEX "ExpertWorkstation_societyId_idx" ON "ExpertWorkstation"("societyId");

-- CreateIndex
CREATE INDEX "ExpertWorkstation_enterpriseId_idx" ON "ExpertWorkstation"("enterpriseId");

-- CreateIndex
CREATE INDEX "WorkstationExpert_expertId_idx" ON "WorkstationExpert"("expertId");

-- CreateIndex
CREATE INDEX "ServiceRecord_needId_idx" ON "ServiceRecord"("needId");

-- CreateIndex
CREATE INDEX "ServiceRecord_workstationId_idx" ON "ServiceRecord"("workstationId");

-- CreateIndex
CREATE INDEX "TechNeed_status_deadline_idx" ON "TechNeed"("status", "deadline");

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_workstationId_fkey" FOREIGN KEY ("workstationId") REFERENCES "ExpertWorkstation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpertWorkstation" ADD CONSTRAINT "ExpertWorkstation_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpertWorkstation" ADD CONSTRAINT "ExpertWorkstation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkstationExpert" ADD CONSTRAINT "WorkstationExpert_workstationId_fkey" FOREIGN KEY ("workstationId") REFERENCES "ExpertWorkstation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkstationExpert" ADD CONSTRAINT "WorkstationExpert_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
