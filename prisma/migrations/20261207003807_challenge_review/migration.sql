-- CreateEnum
CREATE TYPE "ChallengeObjectionStatus" AS ENUM ('OPEN', 'UPHELD', 'DISMISSED');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'CHALLENGE_PROGRESS';

-- CreateTable
CREATE TABLE "ChallengeCriterion" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,

    CONSTRAINT "ChallengeCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengePanelist" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "expertId" INTEGER NOT NULL,
    "appointedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChallengePanelist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SolutionScore" (
    "id" SERIAL NOT NULL,
    "responseId" INTEGER NOT NULL,
    "expertId" INTEGER NOT NULL,
    "criterionId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SolutionScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeNotice" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "responseId" INTEGER NOT NULL,
    "weightedTotal" DECIMAL(6,2) NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "withdrawnAt" TIMESTAMP(3),
    "publishedById" INTEGER,

    CONSTRAINT "ChallengeNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeObjection" (
    "id" SERIAL NOT NULL,
    "noticeId" INTEGER NOT NULL,
    "lodgedById" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "status" "ChallengeObjectionStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolvedById" INTEGER,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChallengeObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeMilestone" (
    "id" SERIAL NOT NULL,
    "dealId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneNote" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChallengeMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChallengeAcceptance" (
    "id" SERIAL NOT NULL,
    "dealId" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,
    "decidedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChallengeAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChallengeCriterion_needId_position_key" ON "ChallengeCriterion"("needId", "position");

-- CreateIndex
CREATE INDEX "ChallengePanelist_expertId_idx" ON "ChallengePanelist"("expertId");

-- CreateIndex
CREATE UNIQUE INDEX "ChallengePanelist_needId_expertId_key" ON "ChallengePanelist"("needId", "expertId");

-- CreateIndex
CREATE INDEX "SolutionScore_expertId_idx" ON "SolutionScore"("expertId");

-- CreateIndex
CREATE INDEX "SolutionScore_criterionId_idx" ON "SolutionScore"("criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "SolutionScore_responseId_expertId_criterionId_key" ON "SolutionScore"("responseId", "expertId", "criterionId");

-- CreateIndex
CREATE INDEX "ChallengeNotice_needId_idx" ON "ChallengeNotice"("needId");

-- CreateIndex
CREATE INDEX "ChallengeNotice_responseId_idx" ON "ChallengeNotice"("responseId");

-- CreateIndex
CREATE INDEX "ChallengeObjection_noticeId_status_idx" ON "ChallengeObjection"("noticeId", "status");

-- CreateIndex
CREATE INDEX "ChallengeObjection_lodgedById_idx" ON "ChallengeObjection"("lodgedById");

-- CreateIndex
CREATE INDEX "ChallengeMilestone_dealId_idx" ON "ChallengeMilestone"("dealId");

-- CreateIndex
CREATE INDEX "ChallengeAcceptance_dealId_idx" ON "ChallengeAcceptance"("dealId");

-- AddForeignKey
ALTER TABLE "ChallengeCriterion" ADD CONSTRAINT "ChallengeCriterion_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengePanelist" ADD CONSTRAINT "ChallengePanelist_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengePanelist" ADD CONSTRAINT "ChallengePanelist_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SolutionScore" ADD CONSTRAINT "SolutionScore_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SolutionScore" ADD CONSTRAINT "SolutionScore_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SolutionScore" ADD CONSTRAINT "SolutionScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "ChallengeCriterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeNotice" ADD CONSTRAINT "ChallengeNotice_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeNotice" ADD CONSTRAINT "ChallengeNotice_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeObjection" ADD CONSTRAINT "ChallengeObjection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "ChallengeNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeMilestone" ADD CONSTRAINT "ChallengeMilestone_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChallengeAcceptance" ADD CONSTRAINT "ChallengeAcceptance_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
