-- CreateEnum
CREATE TYPE "UniversityKind" AS ENUM ('UNIVERSITY', 'RESEARCH_INSTITUTE');

-- AlterEnum
ALTER TYPE "SupplierKind" ADD VALUE 'UNIVERSITY';

-- DropIndex
DROP INDEX "Match_needId_supplierKind_expertId_platformId_societyId_key";

-- AlterTable
ALTER TABLE "Docking" ADD COLUMN     "universityId" INTEGER;

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "universityId" INTEGER;

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "universityId" INTEGER;

-- CreateTable
CREATE TABLE "University" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UniversityKind" NOT NULL DEFAULT 'UNIVERSITY',
    "disciplines" TEXT[],
    "strengths" TEXT NOT NULL DEFAULT '',
    "chainCodes" TEXT[],
    "regionCode" TEXT,
    "contact" JSONB,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "University_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "University_name_key" ON "University"("name");

-- CreateIndex
CREATE INDEX "Docking_universityId_idx" ON "Docking"("universityId");

-- CreateIndex
CREATE INDEX "Invitation_universityId_status_idx" ON "Invitation"("universityId", "status");

-- CreateIndex
CREATE INDEX "Match_universityId_idx" ON "Match"("universityId");

-- CreateIndex
CREATE UNIQUE INDEX "Match_needId_supplierKind_expertId_platformId_societyId_uni_key" ON "Match"("needId", "supplierKind", "expertId", "platformId", "societyId", "universityId");

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "University"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "University"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What scoring reads of an institute is its own row: bump its scoring version on every write (as for platforms,
-- migration 20261128033000_supplier_scoring_version), so that no instance serves a cached profile of an old row.
CREATE FUNCTION supplier_scoring_university() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('UNIVERSITY', ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('UNIVERSITY', ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM supplier_scoring_bump('UNIVERSITY', ARRAY(SELECT id FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_university_insert AFTER INSERT ON "University" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_university();
CREATE TRIGGER supplier_scoring_university_update AFTER UPDATE ON "University" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_university();
CREATE TRIGGER supplier_scoring_university_delete AFTER DELETE ON "University" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_university();
