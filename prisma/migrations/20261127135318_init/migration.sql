-- CreateEnum
CREATE TYPE "EnterpriseDesignation" AS ENUM ('INNOVATION_LEADER', 'GAZELLE', 'TECH_SME', 'HIGH_TECH', 'ABOVE_SCALE', 'SPECIALIZED_NEW');

-- CreateEnum
CREATE TYPE "SocietyLevel" AS ENUM ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL');

-- CreateEnum
CREATE TYPE "SocietyKind" AS ENUM ('ACADEMIC_SOCIETY', 'ENTERPRISE_ASSOCIATION', 'INDUSTRY_ASSOCIATION');

-- CreateEnum
CREATE TYPE "PlatformKind" AS ENUM ('NATIONAL_KEY_LAB', 'PROVINCIAL_LAB', 'TECH_INNOVATION_CENTER', 'INDUSTRY_RESEARCH_INSTITUTE', 'PILOT_BASE', 'INCUBATOR', 'EXPERT_WORKSTATION', 'OTHER');

-- CreateEnum
CREATE TYPE "NeedKind" AS ENUM ('TECH_BREAKTHROUGH', 'TECH_TRANSFER', 'CONSULTING', 'TALENT', 'JOINT_RD', 'PILOT_TEST');

-- CreateEnum
CREATE TYPE "NeedStatus" AS ENUM ('DRAFT', 'OPEN', 'IN_DOCKING', 'RESOLVED', 'CLOSED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('PUBLIC', 'MEMBERS', 'CONFIDENTIAL');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('SUBMITTED', 'SHORTLISTED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "SupplierKind" AS ENUM ('EXPERT', 'PLATFORM', 'SOCIETY');

-- CreateEnum
CREATE TYPE "MatchStatus" AS ENUM ('SUGGESTED', 'VIEWED', 'CONTACTED', 'ACCEPTED', 'REJECTED', 'DOCKED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ServiceKind" AS ENUM ('CONSULTING', 'GUIDANCE', 'POLICY_BRIEFING', 'RESEARCH_VISIT', 'WORKSTATION');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'ENTERPRISE', 'SOCIETY', 'EXPERT', 'ANALYST');

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isSpecial" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "IndustryChain" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "namedInPlan" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IndustryChain_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "designations" "EnterpriseDesignation"[],
    "hasRdAccount" BOOLEAN NOT NULL DEFAULT false,
    "onKczg" BOOLEAN NOT NULL DEFAULT false,
    "kczgSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseChain" (
    "enterpriseId" INTEGER NOT NULL,
    "chainCode" TEXT NOT NULL,

    CONSTRAINT "EnterpriseChain_pkey" PRIMARY KEY ("enterpriseId","chainCode")
);

-- CreateTable
CREATE TABLE "Society" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "level" "SocietyLevel" NOT NULL,
    "kind" "SocietyKind" NOT NULL DEFAULT 'ACADEMIC_SOCIETY',
    "disciplines" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Society_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Expert" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "affiliation" TEXT,
    "expertise" TEXT NOT NULL,
    "keywords" TEXT[],
    "isYoungTalent" BOOLEAN NOT NULL DEFAULT false,
    "capacity" INTEGER NOT NULL DEFAULT 3,
    "email" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Expert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SocietyMembership" (
    "societyId" INTEGER NOT NULL,
    "expertId" INTEGER NOT NULL,

    CONSTRAINT "SocietyMembership_pkey" PRIMARY KEY ("societyId","expertId")
);

-- CreateTable
CREATE TABLE "ExpertChain" (
    "expertId" INTEGER NOT NULL,
    "chainCode" TEXT NOT NULL,

    CONSTRAINT "ExpertChain_pkey" PRIMARY KEY ("expertId","chainCode")
);

-- CreateTable
CREATE TABLE "InnovationPlatform" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PlatformKind" NOT NULL,
    "capabilities" TEXT NOT NULL,
    "regionCode" TEXT,
    "onKczg" BOOLEAN NOT NULL DEFAULT false,
    "kczgSince" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InnovationPlatform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformChain" (
    "platformId" INTEGER NOT NULL,
    "chainCode" TEXT NOT NULL,

    CONSTRAINT "PlatformChain_pkey" PRIMARY KEY ("platformId","chainCode")
);

-- CreateTable
CREATE TABLE "TechNeed" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "chainCode" TEXT NOT NULL,
    "kind" "NeedKind" NOT NULL,
    "status" "NeedStatus" NOT NULL DEFAULT 'OPEN',
    "visibility" "Visibility" NOT NULL DEFAULT 'PUBLIC',
    "keywords" TEXT[],
    "budgetMin" INTEGER,
    "budgetMax" INTEGER,
    "deadline" TIMESTAMP(3),
    "isChallenge" BOOLEAN NOT NULL DEFAULT false,
    "challengeAward" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "firstResponseAt" TIMESTAMP(3),
    "dockedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "TechNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "societyId" INTEGER NOT NULL,
    "proposal" TEXT NOT NULL,
    "status" "ResponseStatus" NOT NULL DEFAULT 'SUBMITTED',
    "declineReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseExpert" (
    "responseId" INTEGER NOT NULL,
    "expertId" INTEGER NOT NULL,

    CONSTRAINT "ResponseExpert_pkey" PRIMARY KEY ("responseId","expertId")
);

-- CreateTable
CREATE TABLE "Match" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "supplierKind" "SupplierKind" NOT NULL,
    "expertId" INTEGER,
    "platformId" INTEGER,
    "societyId" INTEGER,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "breakdown" JSONB NOT NULL,
    "matchedTerms" TEXT[],
    "reason" TEXT NOT NULL DEFAULT '',
    "status" "MatchStatus" NOT NULL DEFAULT 'SUGGESTED',
    "statusReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceRecord" (
    "id" SERIAL NOT NULL,
    "societyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "needId" INTEGER,
    "kind" "ServiceKind" NOT NULL,
    "servedOn" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "enterpriseId" INTEGER,
    "societyId" INTEGER,
    "expertId" INTEGER,
    "platformId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "summary" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SupplierProfile" (
    "supplierKind" "SupplierKind" NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "terms" JSONB NOT NULL,
    "length" DOUBLE PRECISION NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplierProfile_pkey" PRIMARY KEY ("supplierKind","supplierId")
);

-- CreateTable
CREATE TABLE "SupplierTerm" (
    "term" TEXT NOT NULL,
    "supplierKind" "SupplierKind" NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SupplierTerm_pkey" PRIMARY KEY ("term","supplierKind","supplierId")
);

-- CreateTable
CREATE TABLE "NeedProfile" (
    "needId" INTEGER NOT NULL,
    "terms" JSONB NOT NULL,
    "focus" JSONB,
    "length" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "NeedProfile_pkey" PRIMARY KEY ("needId")
);

-- CreateTable
CREATE TABLE "NeedTerm" (
    "term" TEXT NOT NULL,
    "needId" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "NeedTerm_pkey" PRIMARY KEY ("term","needId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_creditCode_key" ON "Enterprise"("creditCode");

-- CreateIndex
CREATE INDEX "Enterprise_regionCode_idx" ON "Enterprise"("regionCode");

-- CreateIndex
CREATE INDEX "EnterpriseChain_chainCode_idx" ON "EnterpriseChain"("chainCode");

-- CreateIndex
CREATE UNIQUE INDEX "Society_name_key" ON "Society"("name");

-- CreateIndex
CREATE INDEX "SocietyMembership_expertId_idx" ON "SocietyMembership"("expertId");

-- CreateIndex
CREATE INDEX "ExpertChain_chainCode_idx" ON "ExpertChain"("chainCode");

-- CreateIndex
CREATE INDEX "PlatformChain_chainCode_idx" ON "PlatformChain"("chainCode");

-- CreateIndex
CREATE INDEX "TechNeed_status_chainCode_idx" ON "TechNeed"("status", "chainCode");

-- CreateIndex
CREATE INDEX "TechNeed_enterpriseId_idx" ON "TechNeed"("enterpriseId");

-- CreateIndex
CREATE INDEX "TechNeed_visibility_idx" ON "TechNeed"("visibility");

-- CreateIndex
CREATE INDEX "Response_needId_idx" ON "Response"("needId");

-- CreateIndex
CREATE INDEX "Response_societyId_idx" ON "Response"("societyId");

-- CreateIndex
CREATE INDEX "ResponseExpert_expertId_idx" ON "ResponseExpert"("expertId");

-- CreateIndex
CREATE INDEX "Match_needId_rank_idx" ON "Match"("needId", "rank");

-- CreateIndex
CREATE INDEX "Match_expertId_idx" ON "Match"("expertId");

-- CreateIndex
CREATE INDEX "Match_platformId_idx" ON "Match"("platformId");

-- CreateIndex
CREATE INDEX "Match_societyId_idx" ON "Match"("societyId");

-- CreateIndex
CREATE UNIQUE INDEX "Match_needId_supplierKind_expertId_platformId_societyId_key" ON "Match"("needId", "supplierKind", "expertId", "platformId", "societyId");

-- CreateIndex
CREATE INDEX "ServiceRecord_societyId_idx" ON "ServiceRecord"("societyId");

-- CreateIndex
CREATE INDEX "ServiceRecord_enterpriseId_idx" ON "ServiceRecord"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "SupplierTerm_supplierKind_supplierId_idx" ON "SupplierTerm"("supplierKind", "supplierId");

-- CreateIndex
CREATE INDEX "NeedTerm_needId_idx" ON "NeedTerm"("needId");

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseChain" ADD CONSTRAINT "EnterpriseChain_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseChain" ADD CONSTRAINT "EnterpriseChain_chainCode_fkey" FOREIGN KEY ("chainCode") REFERENCES "IndustryChain"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SocietyMembership" ADD CONSTRAINT "SocietyMembership_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SocietyMembership" ADD CONSTRAINT "SocietyMembership_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpertChain" ADD CONSTRAINT "ExpertChain_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpertChain" ADD CONSTRAINT "ExpertChain_chainCode_fkey" FOREIGN KEY ("chainCode") REFERENCES "IndustryChain"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InnovationPlatform" ADD CONSTRAINT "InnovationPlatform_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformChain" ADD CONSTRAINT "PlatformChain_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "InnovationPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformChain" ADD CONSTRAINT "PlatformChain_chainCode_fkey" FOREIGN KEY ("chainCode") REFERENCES "IndustryChain"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TechNeed" ADD CONSTRAINT "TechNeed_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TechNeed" ADD CONSTRAINT "TechNeed_chainCode_fkey" FOREIGN KEY ("chainCode") REFERENCES "IndustryChain"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseExpert" ADD CONSTRAINT "ResponseExpert_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseExpert" ADD CONSTRAINT "ResponseExpert_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "InnovationPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceRecord" ADD CONSTRAINT "ServiceRecord_needId_fkey" FOREIGN KEY ("needId") REFERENCES "TechNeed"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_societyId_fkey" FOREIGN KEY ("societyId") REFERENCES "Society"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "InnovationPlatform"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
