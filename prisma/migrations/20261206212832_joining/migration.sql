-- CreateEnum
CREATE TYPE "RegistrationKind" AS ENUM ('ENTERPRISE', 'SOCIETY', 'EXPERT');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Enterprise" ADD COLUMN     "contact" JSONB;

-- AlterTable
ALTER TABLE "Expert" ADD COLUMN     "contact" JSONB;

-- AlterTable
ALTER TABLE "InnovationPlatform" ADD COLUMN     "contact" JSONB;

-- AlterTable
ALTER TABLE "Society" ADD COLUMN     "contact" JSONB;

-- CreateTable
CREATE TABLE "Registration" (
    "id" SERIAL NOT NULL,
    "kind" "RegistrationKind" NOT NULL,
    "status" "RegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "userId" INTEGER NOT NULL,
    "enterpriseId" INTEGER,
    "societyId" INTEGER,
    "expertId" INTEGER,
    "reason" TEXT,
    "clientAddress" TEXT,
    "reviewedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Registration_userId_key" ON "Registration"("userId");

-- CreateIndex
CREATE INDEX "Registration_status_id_idx" ON "Registration"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Emails are unique whatever their case. The hub has always stored them lower-cased, but rows written by hand or
-- by an older tool may differ only in case: then the index is not created and a warning lists them (fix them by
-- hand, then create the index as below), rather than the migration failing and the hub not starting.
DO $$
DECLARE
  dupes text;
BEGIN
  SELECT string_agg(emails, '; ') INTO dupes FROM (
    SELECT string_agg(email, ', ' ORDER BY id) AS emails FROM "User" GROUP BY lower(email) HAVING count(*) > 1
  ) d;
  IF dupes IS NULL THEN
    CREATE UNIQUE INDEX "User_email_lower_key" ON "User" (lower(email));
  ELSE
    RAISE WARNING 'User emails that differ only in case, so "User_email_lower_key" was not created: %', dupes;
  END IF;
END $$;
