-- CreateTable
CREATE TABLE "SupplierScoringVersion" (
    "supplierKind" "SupplierKind" NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "version" BIGSERIAL NOT NULL,

    CONSTRAINT "SupplierScoringVersion_pkey" PRIMARY KEY ("supplierKind","supplierId")
);

-- What scoring reads about a supplier beyond its text (supplier-scoring-docs.ts) comes from the tables below. Every
-- write to them gives the suppliers it touches a new version, from one sequence (statement-level triggers over
-- transition tables: one statement per write, however many rows), so that every writer is covered: the hub, a bulk
-- load, a repair by hand. A bump is never undone by reuse: a rolled-back transaction's values are never handed out
-- again. TRUNCATE is not covered (nothing in the hub truncates these tables; restart the hubs after one).

CREATE FUNCTION supplier_scoring_bump(kind "SupplierKind", ids int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SupplierScoringVersion" ("supplierKind", "supplierId")
  SELECT kind, id FROM (SELECT DISTINCT unnest(ids) AS id) u WHERE id IS NOT NULL ORDER BY id
  ON CONFLICT ("supplierKind", "supplierId") DO UPDATE SET "version" = EXCLUDED."version";
$$;

-- An expert's own profile, and the societies it belongs to (their chains come from their active members' chains).
CREATE FUNCTION supplier_scoring_experts_changed(ids int[]) RETURNS void LANGUAGE sql AS $$
  SELECT supplier_scoring_bump('EXPERT', ids);
  SELECT supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM "SocietyMembership" WHERE "expertId" = ANY(ids)));
$$;

CREATE FUNCTION supplier_scoring_expert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_experts_changed(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_experts_changed(ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM supplier_scoring_experts_changed(ARRAY(SELECT id FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_expert_insert AFTER INSERT ON "Expert" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_expert();
CREATE TRIGGER supplier_scoring_expert_update AFTER UPDATE ON "Expert" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_expert();
CREATE TRIGGER supplier_scoring_expert_delete AFTER DELETE ON "Expert" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_expert();

CREATE FUNCTION supplier_scoring_expert_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_experts_changed(ARRAY(SELECT "expertId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_experts_changed(ARRAY(SELECT "expertId" FROM old_rows));
  ELSE
    PERFORM supplier_scoring_experts_changed(ARRAY(SELECT "expertId" FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_expert_chain_insert AFTER INSERT ON "ExpertChain" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_expert_chain();
CREATE TRIGGER supplier_scoring_expert_chain_update AFTER UPDATE ON "ExpertChain" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_expert_chain();
CREATE TRIGGER supplier_scoring_expert_chain_delete AFTER DELETE ON "ExpertChain" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_expert_chain();

CREATE FUNCTION supplier_scoring_society_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM old_rows));
  ELSE
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_society_membership_insert AFTER INSERT ON "SocietyMembership" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_society_membership();
CREATE TRIGGER supplier_scoring_society_membership_update AFTER UPDATE ON "SocietyMembership" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_society_membership();
CREATE TRIGGER supplier_scoring_society_membership_delete AFTER DELETE ON "SocietyMembership" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_society_membership();

CREATE FUNCTION supplier_scoring_society() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT id FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_society_insert AFTER INSERT ON "Society" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_society();
CREATE TRIGGER supplier_scoring_society_update AFTER UPDATE ON "Society" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_society();
CREATE TRIGGER supplier_scoring_society_delete AFTER DELETE ON "Society" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_society();

CREATE FUNCTION supplier_scoring_innovation_platform() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('PLATFORM', ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('PLATFORM', ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM supplier_scoring_bump('PLATFORM', ARRAY(SELECT id FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_innovation_platform_insert AFTER INSERT ON "InnovationPlatform" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_innovation_platform();
CREATE TRIGGER supplier_scoring_innovation_platform_update AFTER UPDATE ON "InnovationPlatform" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_innovation_platform();
CREATE TRIGGER supplier_scoring_innovation_platform_delete AFTER DELETE ON "InnovationPlatform" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_innovation_platform();

CREATE FUNCTION supplier_scoring_platform_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('PLATFORM', ARRAY(SELECT "platformId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('PLATFORM', ARRAY(SELECT "platformId" FROM old_rows));
  ELSE
    PERFORM supplier_scoring_bump('PLATFORM', ARRAY(SELECT "platformId" FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_platform_chain_insert AFTER INSERT ON "PlatformChain" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_platform_chain();
CREATE TRIGGER supplier_scoring_platform_chain_update AFTER UPDATE ON "PlatformChain" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_platform_chain();
CREATE TRIGGER supplier_scoring_platform_chain_delete AFTER DELETE ON "PlatformChain" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_platform_chain();

CREATE FUNCTION supplier_scoring_response_expert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "expertId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "expertId" FROM old_rows));
  ELSE
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "expertId" FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_response_expert_insert AFTER INSERT ON "ResponseExpert" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_response_expert();
CREATE TRIGGER supplier_scoring_response_expert_update AFTER UPDATE ON "ResponseExpert" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_response_expert();
CREATE TRIGGER supplier_scoring_response_expert_delete AFTER DELETE ON "ResponseExpert" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_response_expert();

CREATE FUNCTION supplier_scoring_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM new_rows));
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT re."expertId" FROM "ResponseExpert" re WHERE re."responseId" IN (SELECT id FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM old_rows));
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT re."expertId" FROM "ResponseExpert" re WHERE re."responseId" IN (SELECT id FROM old_rows)));
  ELSE
    PERFORM supplier_scoring_bump('SOCIETY', ARRAY(SELECT "societyId" FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r));
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT re."expertId" FROM "ResponseExpert" re WHERE re."responseId" IN (SELECT id FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) r)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_response_insert AFTER INSERT ON "Response" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_response();
CREATE TRIGGER supplier_scoring_response_update AFTER UPDATE ON "Response" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_response();
CREATE TRIGGER supplier_scoring_response_delete AFTER DELETE ON "Response" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_response();

-- An expert's engaged matches (CONTACTED, ACCEPTED, DOCKED) occupy its slots. A new need's suggestions, re-ranks and
-- re-scores change none of them and bump nothing.
CREATE FUNCTION supplier_scoring_match() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "expertId" FROM new_rows WHERE status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(SELECT "expertId" FROM old_rows WHERE status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')));
  ELSE
    PERFORM supplier_scoring_bump('EXPERT', ARRAY(
      SELECT unnest(ARRAY[o."expertId", n."expertId"]) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status, o."expertId") IS DISTINCT FROM (n.status, n."expertId")
        AND (o.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED') OR n.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED'))));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_match_insert AFTER INSERT ON "Match" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_match();
CREATE TRIGGER supplier_scoring_match_update AFTER UPDATE ON "Match" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_match();
CREATE TRIGGER supplier_scoring_match_delete AFTER DELETE ON "Match" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_match();
