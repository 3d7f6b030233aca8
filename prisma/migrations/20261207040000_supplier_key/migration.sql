-- Match, Invitation and Docking refer to a supplier by one key, (supplierKind, supplierId), with a real foreign key
-- to "Supplier": one row per supplier of every kind, kept by the kind tables' triggers below. Before, each had one
-- nullable column per kind (expertId, platformId, societyId, universityId), one set; Invitation's had no foreign key.

-- CreateTable
CREATE TABLE "Supplier" (
    "kind" "SupplierKind" NOT NULL,
    "id" INTEGER NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("kind","id")
);

-- Every kind table writes and removes its suppliers' rows itself (statement-level, over transition tables: a bulk
-- insert of the demo's thousands of experts is one INSERT here). Removing a supplier's row removes, in cascade, its
-- matches, invitations and dockings, as the per-kind foreign keys did. A new kind: its three triggers in its migration.
CREATE FUNCTION supplier_rows_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Supplier" ("kind", "id") SELECT TG_ARGV[0]::"SupplierKind", id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION supplier_rows_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Supplier" WHERE "kind" = TG_ARGV[0]::"SupplierKind" AND id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $$;
CREATE FUNCTION supplier_rows_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Supplier" WHERE "kind" = TG_ARGV[0]::"SupplierKind";
  RETURN NULL;
END $$;

CREATE TRIGGER supplier_rows_added AFTER INSERT ON "Expert" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_added('EXPERT');
CREATE TRIGGER supplier_rows_removed AFTER DELETE ON "Expert" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_removed('EXPERT');
CREATE TRIGGER supplier_rows_truncated AFTER TRUNCATE ON "Expert" FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_truncated('EXPERT');
CREATE TRIGGER supplier_rows_added AFTER INSERT ON "InnovationPlatform" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_added('PLATFORM');
CREATE TRIGGER supplier_rows_removed AFTER DELETE ON "InnovationPlatform" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_removed('PLATFORM');
CREATE TRIGGER supplier_rows_truncated AFTER TRUNCATE ON "InnovationPlatform" FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_truncated('PLATFORM');
CREATE TRIGGER supplier_rows_added AFTER INSERT ON "Society" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_added('SOCIETY');
CREATE TRIGGER supplier_rows_removed AFTER DELETE ON "Society" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_removed('SOCIETY');
CREATE TRIGGER supplier_rows_truncated AFTER TRUNCATE ON "Society" FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_truncated('SOCIETY');
CREATE TRIGGER supplier_rows_added AFTER INSERT ON "University" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_added('UNIVERSITY');
CREATE TRIGGER supplier_rows_removed AFTER DELETE ON "University" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_removed('UNIVERSITY');
CREATE TRIGGER supplier_rows_truncated AFTER TRUNCATE ON "University" FOR EACH STATEMENT EXECUTE FUNCTION supplier_rows_truncated('UNIVERSITY');

-- The suppliers there already.
INSERT INTO "Supplier" ("kind", "id")
  SELECT 'EXPERT'::"SupplierKind", id FROM "Expert" UNION ALL SELECT 'PLATFORM'::"SupplierKind", id FROM "InnovationPlatform"
  UNION ALL SELECT 'SOCIETY'::"SupplierKind", id FROM "Society" UNION ALL SELECT 'UNIVERSITY'::"SupplierKind", id FROM "University";

-- The one key, from the one link column set (the one supplierKind names).
ALTER TABLE "Match" ADD COLUMN "supplierId" INTEGER;
ALTER TABLE "Invitation" ADD COLUMN "supplierId" INTEGER;
ALTER TABLE "Docking" ADD COLUMN "supplierId" INTEGER;
UPDATE "Match" SET "supplierId" = CASE "supplierKind" WHEN 'EXPERT' THEN "expertId" WHEN 'PLATFORM' THEN "platformId" WHEN 'SOCIETY' THEN "societyId" WHEN 'UNIVERSITY' THEN "universityId" END;
UPDATE "Invitation" SET "supplierId" = CASE "supplierKind" WHEN 'EXPERT' THEN "expertId" WHEN 'PLATFORM' THEN "platformId" WHEN 'SOCIETY' THEN "societyId" WHEN 'UNIVERSITY' THEN "universityId" END;
UPDATE "Docking" SET "supplierId" = CASE "supplierKind" WHEN 'EXPERT' THEN "expertId" WHEN 'PLATFORM' THEN "platformId" WHEN 'SOCIETY' THEN "societyId" WHEN 'UNIVERSITY' THEN "universityId" END;
-- Invitation's links had no foreign key: a row naming no supplier that exists (none should: it goes with its match)
-- could not be kept under the new one.
DELETE FROM "Invitation" i WHERE NOT EXISTS (SELECT 1 FROM "Supplier" s WHERE s."kind" = i."supplierKind" AND s.id = i."supplierId");
ALTER TABLE "Match" ALTER COLUMN "supplierId" SET NOT NULL;
ALTER TABLE "Invitation" ALTER COLUMN "supplierId" SET NOT NULL;
ALTER TABLE "Docking" ALTER COLUMN "supplierId" SET NOT NULL;

-- The per-kind columns go, with their foreign keys and indexes, and the engagement triggers that read expertId
-- (migration 20261207010109_engagement_epoch; made again below on the key).
DROP TRIGGER engagement_mark_match_insert ON "Match";
DROP TRIGGER engagement_bump_match_insert ON "Match";
DROP TRIGGER engagement_mark_match_update ON "Match";
DROP TRIGGER engagement_bump_match_update ON "Match";
DROP TRIGGER engagement_mark_match_delete ON "Match";
DROP TRIGGER engagement_bump_match_delete ON "Match";
DROP TRIGGER engagement_mark_invitation_insert ON "Invitation";
DROP TRIGGER engagement_bump_invitation_insert ON "Invitation";
DROP TRIGGER engagement_mark_invitation_update ON "Invitation";
DROP TRIGGER engagement_bump_invitation_update ON "Invitation";
DROP TRIGGER engagement_mark_invitation_delete ON "Invitation";
DROP TRIGGER engagement_bump_invitation_delete ON "Invitation";
ALTER TABLE "Docking" DROP CONSTRAINT "Docking_expertId_fkey";
ALTER TABLE "Docking" DROP CONSTRAINT "Docking_platformId_fkey";
ALTER TABLE "Docking" DROP CONSTRAINT "Docking_societyId_fkey";
ALTER TABLE "Docking" DROP CONSTRAINT "Docking_universityId_fkey";
ALTER TABLE "Match" DROP CONSTRAINT "Match_expertId_fkey";
ALTER TABLE "Match" DROP CONSTRAINT "Match_platformId_fkey";
ALTER TABLE "Match" DROP CONSTRAINT "Match_societyId_fkey";
ALTER TABLE "Match" DROP CONSTRAINT "Match_universityId_fkey";
DROP INDEX "Docking_expertId_idx";
DROP INDEX "Docking_platformId_idx";
DROP INDEX "Docking_societyId_idx";
DROP INDEX "Docking_universityId_idx";
DROP INDEX "Invitation_expertId_status_idx";
DROP INDEX "Invitation_platformId_status_idx";
DROP INDEX "Invitation_societyId_status_idx";
DROP INDEX "Invitation_universityId_status_idx";
DROP INDEX "Match_expertId_status_idx";
DROP INDEX "Match_needId_supplierKind_expertId_platformId_societyId_uni_key";
DROP INDEX "Match_platformId_idx";
DROP INDEX "Match_societyId_idx";
DROP INDEX "Match_universityId_idx";
ALTER TABLE "Docking" DROP COLUMN "expertId", DROP COLUMN "platformId", DROP COLUMN "societyId", DROP COLUMN "universityId";
ALTER TABLE "Invitation" DROP COLUMN "expertId", DROP COLUMN "platformId", DROP COLUMN "societyId", DROP COLUMN "universityId";
ALTER TABLE "Match" DROP COLUMN "expertId", DROP COLUMN "platformId", DROP COLUMN "societyId", DROP COLUMN "universityId";

-- CreateIndex
CREATE INDEX "Docking_supplierKind_supplierId_idx" ON "Docking"("supplierKind", "supplierId");

-- CreateIndex
CREATE INDEX "Invitation_supplierKind_supplierId_status_idx" ON "Invitation"("supplierKind", "supplierId", "status");

-- CreateIndex: status too, as before for experts: an expert's engaged matches (its capacity) are found in the index.
CREATE INDEX "Match_supplierKind_supplierId_status_idx" ON "Match"("supplierKind", "supplierId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Match_needId_supplierKind_supplierId_key" ON "Match"("needId", "supplierKind", "supplierId");

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_supplierKind_supplierId_fkey" FOREIGN KEY ("supplierKind", "supplierId") REFERENCES "Supplier"("kind", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_supplierKind_supplierId_fkey" FOREIGN KEY ("supplierKind", "supplierId") REFERENCES "Supplier"("kind", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_supplierKind_supplierId_fkey" FOREIGN KEY ("supplierKind", "supplierId") REFERENCES "Supplier"("kind", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A society's member experts as suppliers: the membership names its expert by the supplier key too (kind always
-- EXPERT), so that "the matches, invitations, dockings of a society's member experts" is a relation filter.
ALTER TABLE "SocietyMembership" ADD COLUMN "supplierKind" "SupplierKind" NOT NULL DEFAULT 'EXPERT';
ALTER TABLE "SocietyMembership" ADD CONSTRAINT "SocietyMembership_supplierKind_expertId_fkey" FOREIGN KEY ("supplierKind", "expertId") REFERENCES "Supplier"("kind", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An expert's engagements through its matches and invitations, watched as before (engagement_epoch), on the key.
CREATE PROCEDURE engagement_watch(tbl text, event text, cond text) LANGUAGE plpgsql AS $$
DECLARE
  name text := lower(tbl || '_' || event);
  whenClause text := CASE WHEN cond IS NULL THEN '' ELSE ' WHEN (' || cond || ')' END;
BEGIN
  EXECUTE format('CREATE TRIGGER engagement_mark_%s AFTER %s ON %I FOR EACH ROW%s EXECUTE FUNCTION engagement_mark()', name, event, tbl, whenClause);
  EXECUTE format('CREATE CONSTRAINT TRIGGER engagement_bump_%s AFTER %s ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW%s EXECUTE FUNCTION engagement_bump()', name, event, tbl, whenClause);
END $$;

CALL engagement_watch('Match', 'INSERT', $c$NEW."supplierKind" = 'EXPERT' AND NEW.status IN ('ACCEPTED', 'DOCKED')$c$);
CALL engagement_watch('Match', 'UPDATE', $c$(OLD."supplierKind" = 'EXPERT' OR NEW."supplierKind" = 'EXPERT') AND ((OLD.status IN ('ACCEPTED', 'DOCKED')) IS DISTINCT FROM (NEW.status IN ('ACCEPTED', 'DOCKED')) OR (NEW.status IN ('ACCEPTED', 'DOCKED') AND (OLD."supplierKind", OLD."supplierId", OLD."needId") IS DISTINCT FROM (NEW."supplierKind", NEW."supplierId", NEW."needId")))$c$);
CALL engagement_watch('Match', 'DELETE', $c$OLD."supplierKind" = 'EXPERT' AND OLD.status IN ('ACCEPTED', 'DOCKED')$c$);
CALL engagement_watch('Invitation', 'INSERT', $c$NEW."supplierKind" = 'EXPERT' AND NEW.status = 'ACCEPTED'$c$);
CALL engagement_watch('Invitation', 'UPDATE', $c$(OLD."supplierKind" = 'EXPERT' OR NEW."supplierKind" = 'EXPERT') AND ((OLD.status = 'ACCEPTED') IS DISTINCT FROM (NEW.status = 'ACCEPTED') OR (NEW.status = 'ACCEPTED' AND (OLD."supplierKind", OLD."supplierId", OLD."needId") IS DISTINCT FROM (NEW."supplierKind", NEW."supplierId", NEW."needId")))$c$);
CALL engagement_watch('Invitation', 'DELETE', $c$OLD."supplierKind" = 'EXPERT' AND OLD.status = 'ACCEPTED'$c$);

DROP PROCEDURE engagement_watch(text, text, text);

-- An expert's engaged matches occupy its slots (migration 20261128033000_supplier_scoring_version): read on the key.
CREATE OR REPLACE FUNCTION supplier_scoring_match() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "supplierId" FROM new_rows WHERE "supplierKind" = 'EXPERT' AND status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "supplierId" FROM old_rows WHERE "supplierKind" = 'EXPERT' AND status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')));
  ELSE
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(
      SELECT unnest(ARRAY[CASE WHEN o."supplierKind" = 'EXPERT' THEN o."supplierId" END, CASE WHEN n."supplierKind" = 'EXPERT' THEN n."supplierId" END])
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status, o."supplierKind", o."supplierId") IS DISTINCT FROM (n.status, n."supplierKind", n."supplierId")
        AND (o.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED') OR n.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED'))));
  END IF;
  RETURN NULL;
END $$;
