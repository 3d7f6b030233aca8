-- CreateTable
CREATE TABLE "EngagementEpoch" (
    "id" INTEGER NOT NULL,
    "epoch" BIGSERIAL NOT NULL,

    CONSTRAINT "EngagementEpoch_pkey" PRIMARY KEY ("id")
);

INSERT INTO "EngagementEpoch" ("id") VALUES (1);

-- What an expert's open engagements count (engagement.ts: accepted responses and their experts, accepted or docked
-- matches, accepted invitations, on needs OPEN or IN_DOCKING; the expert's capacity) changes only through the rows
-- below. Two triggers per change:
-- - at once, a transaction-local mark (hub.engagement_changed), so that the transaction's own later reads count
--   engagements afresh instead of trusting a set made before its change;
-- - at commit (a deferred constraint trigger), one new epoch value per transaction: taken last, so the row lock it
--   takes is held only while committing and cannot close a lock cycle with the rows the transaction wrote earlier.
-- A value from the sequence is never handed out twice (a rolled-back transaction's is lost), so a reader that saw an
-- epoch knows exactly which state it describes. TRUNCATE is not covered (nothing in the hub truncates these tables).

CREATE FUNCTION engagement_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('hub.engagement_changed', 'on', true);
  RETURN NULL;
END $$;

CREATE FUNCTION engagement_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hub.engagement_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE "EngagementEpoch" SET "epoch" = nextval(pg_get_serial_sequence('"EngagementEpoch"', 'epoch')) WHERE "id" = 1;
    PERFORM set_config('hub.engagement_bumped', 'on', true);
  END IF;
  RETURN NULL;
END $$;

-- One pair of triggers per table, event and condition.
CREATE PROCEDURE engagement_watch(tbl text, event text, cond text) LANGUAGE plpgsql AS $$
DECLARE
  name text := lower(tbl || '_' || event);
  whenClause text := CASE WHEN cond IS NULL THEN '' ELSE ' WHEN (' || cond || ')' END;
BEGIN
  EXECUTE format('CREATE TRIGGER engagement_mark_%s AFTER %s ON %I FOR EACH ROW%s EXECUTE FUNCTION engagement_mark()', name, event, tbl, whenClause);
  EXECUTE format('CREATE CONSTRAINT TRIGGER engagement_bump_%s AFTER %s ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW%s EXECUTE FUNCTION engagement_bump()', name, event, tbl, whenClause);
END $$;

CALL engagement_watch('Response', 'INSERT', $c$NEW.status = 'ACCEPTED'$c$);
CALL engagement_watch('Response', 'UPDATE', $c$(OLD.status = 'ACCEPTED') IS DISTINCT FROM (NEW.status = 'ACCEPTED') OR (NEW.status = 'ACCEPTED' AND OLD."needId" IS DISTINCT FROM NEW."needId")$c$);
CALL engagement_watch('Response', 'DELETE', $c$OLD.status = 'ACCEPTED'$c$);
-- A response's experts: the response's status is not at hand here, so every change counts (they are rare).
CALL engagement_watch('ResponseExpert', 'INSERT', NULL);
CALL engagement_watch('ResponseExpert', 'UPDATE', NULL);
CALL engagement_watch('ResponseExpert', 'DELETE', NULL);
CALL engagement_watch('Match', 'INSERT', $c$NEW."expertId" IS NOT NULL AND NEW.status IN ('ACCEPTED', 'DOCKED')$c$);
CALL engagement_watch('Match', 'UPDATE', $c$(OLD."expertId" IS NOT NULL OR NEW."expertId" IS NOT NULL) AND ((OLD.status IN ('ACCEPTED', 'DOCKED')) IS DISTINCT FROM (NEW.status IN ('ACCEPTED', 'DOCKED')) OR (NEW.status IN ('ACCEPTED', 'DOCKED') AND (OLD."expertId", OLD."needId") IS DISTINCT FROM (NEW."expertId", NEW."needId")))$c$);
CALL engagement_watch('Match', 'DELETE', $c$OLD."expertId" IS NOT NULL AND OLD.status IN ('ACCEPTED', 'DOCKED')$c$);
CALL engagement_watch('Invitation', 'INSERT', $c$NEW."expertId" IS NOT NULL AND NEW.status = 'ACCEPTED'$c$);
CALL engagement_watch('Invitation', 'UPDATE', $c$(OLD."expertId" IS NOT NULL OR NEW."expertId" IS NOT NULL) AND ((OLD.status = 'ACCEPTED') IS DISTINCT FROM (NEW.status = 'ACCEPTED') OR (NEW.status = 'ACCEPTED' AND (OLD."expertId", OLD."needId") IS DISTINCT FROM (NEW."expertId", NEW."needId")))$c$);
CALL engagement_watch('Invitation', 'DELETE', $c$OLD."expertId" IS NOT NULL AND OLD.status = 'ACCEPTED'$c$);
CALL engagement_watch('TechNeed', 'UPDATE', $c$(OLD.status IN ('OPEN', 'IN_DOCKING')) IS DISTINCT FROM (NEW.status IN ('OPEN', 'IN_DOCKING'))$c$);
CALL engagement_watch('TechNeed', 'DELETE', $c$OLD.status IN ('OPEN', 'IN_DOCKING')$c$);
CALL engagement_watch('Expert', 'UPDATE', $c$OLD.capacity IS DISTINCT FROM NEW.capacity$c$);

DROP PROCEDURE engagement_watch(text, text, text);
