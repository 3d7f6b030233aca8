-- CreateTable
CREATE TABLE "SupplierTermStat" (
    "term" TEXT NOT NULL,
    "df" INTEGER NOT NULL,

    CONSTRAINT "SupplierTermStat_pkey" PRIMARY KEY ("term")
);

-- CreateTable
CREATE TABLE "SupplierCorpusStat" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "documents" INTEGER NOT NULL,
    "totalLength" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "SupplierCorpusStat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupplierTerm_term_supplierKind_weight_supplierId_idx" ON "SupplierTerm"("term", "supplierKind", "weight" DESC, "supplierId");

-- The statistics are kept by the database itself (statement-level triggers over transition tables: one aggregate
-- per statement, however many rows), so that every writer of the index keeps them exact: the hub, a bulk load,
-- a repair by hand. Every change to the index first locks the corpus row, so writers of the index run one after
-- another and their updates of shared term rows cannot deadlock.

INSERT INTO "SupplierCorpusStat" ("id", "documents", "totalLength")
SELECT 1, count(*), coalesce(sum("length"::numeric), 0) FROM "SupplierProfile";

INSERT INTO "SupplierTermStat" ("term", "df")
SELECT "term", count(*) FROM "SupplierTerm" GROUP BY "term";

CREATE FUNCTION supplier_index_lock() RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SupplierCorpusStat" ("id", "documents", "totalLength") VALUES (1, 0, 0) ON CONFLICT ("id") DO NOTHING;
  SELECT 1 FROM "SupplierCorpusStat" WHERE "id" = 1 FOR UPDATE;
$$;

CREATE FUNCTION supplier_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  INSERT INTO "SupplierTermStat" ("term", "df")
  SELECT "term", count(*) FROM added_terms GROUP BY "term" ORDER BY "term"
  ON CONFLICT ("term") DO UPDATE SET "df" = "SupplierTermStat"."df" + EXCLUDED."df";
  RETURN NULL;
END $$;

CREATE FUNCTION supplier_terms_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  UPDATE "SupplierTermStat" s SET "df" = s."df" - r.n
  FROM (SELECT "term", count(*) AS n FROM removed_terms GROUP BY "term") r WHERE s."term" = r."term";
  DELETE FROM "SupplierTermStat" WHERE "df" <= 0;
  RETURN NULL;
END $$;

-- An update may change a posting's term: it counts as the old one removed and the new one added.
CREATE FUNCTION supplier_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  INSERT INTO "SupplierTermStat" ("term", "df")
  SELECT "term", sum(n) FROM (
    SELECT "term", 1 AS n FROM added_terms UNION ALL SELECT "term", -1 FROM removed_terms
  ) d GROUP BY "term" HAVING sum(n) <> 0 ORDER BY "term"
  ON CONFLICT ("term") DO UPDATE SET "df" = "SupplierTermStat"."df" + EXCLUDED."df";
  DELETE FROM "SupplierTermStat" WHERE "df" <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION supplier_terms_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  DELETE FROM "SupplierTermStat";
  RETURN NULL;
END $$;

CREATE TRIGGER supplier_terms_added AFTER INSERT ON "SupplierTerm"
  REFERENCING NEW TABLE AS added_terms FOR EACH STATEMENT EXECUTE FUNCTION supplier_terms_added();
CREATE TRIGGER supplier_terms_removed AFTER DELETE ON "SupplierTerm"
  REFERENCING OLD TABLE AS removed_terms FOR EACH STATEMENT EXECUTE FUNCTION supplier_terms_removed();
CREATE TRIGGER supplier_terms_changed AFTER UPDATE ON "SupplierTerm"
  REFERENCING OLD TABLE AS removed_terms NEW TABLE AS added_terms FOR EACH STATEMENT EXECUTE FUNCTION supplier_terms_changed();
CREATE TRIGGER supplier_terms_truncated AFTER TRUNCATE ON "SupplierTerm"
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_terms_truncated();

-- PostgreSQL allows transition tables on single-event triggers only: one function per event.
CREATE FUNCTION supplier_profiles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  UPDATE "SupplierCorpusStat" SET
    "documents" = "documents" + (SELECT count(*) FROM added_profiles) - (SELECT count(*) FROM removed_profiles),
    "totalLength" = "totalLength" + (SELECT coalesce(sum("length"::numeric), 0) FROM added_profiles)
                                  - (SELECT coalesce(sum("length"::numeric), 0) FROM removed_profiles)
  WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE FUNCTION supplier_profiles_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  UPDATE "SupplierCorpusStat" SET
    "documents" = "documents" + (SELECT count(*) FROM added_profiles),
    "totalLength" = "totalLength" + (SELECT coalesce(sum("length"::numeric), 0) FROM added_profiles)
  WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE FUNCTION supplier_profiles_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  UPDATE "SupplierCorpusStat" SET
    "documents" = "documents" - (SELECT count(*) FROM removed_profiles),
    "totalLength" = "totalLength" - (SELECT coalesce(sum("length"::numeric), 0) FROM removed_profiles)
  WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE FUNCTION supplier_profiles_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_index_lock();
  UPDATE "SupplierCorpusStat" SET "documents" = 0, "totalLength" = 0 WHERE "id" = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER supplier_profiles_added AFTER INSERT ON "SupplierProfile"
  REFERENCING NEW TABLE AS added_profiles FOR EACH STATEMENT EXECUTE FUNCTION supplier_profiles_added();
CREATE TRIGGER supplier_profiles_removed AFTER DELETE ON "SupplierProfile"
  REFERENCING OLD TABLE AS removed_profiles FOR EACH STATEMENT EXECUTE FUNCTION supplier_profiles_removed();
CREATE TRIGGER supplier_profiles_changed AFTER UPDATE ON "SupplierProfile"
  REFERENCING OLD TABLE AS removed_profiles NEW TABLE AS added_profiles FOR EACH STATEMENT EXECUTE FUNCTION supplier_profiles_changed();
CREATE TRIGGER supplier_profiles_truncated AFTER TRUNCATE ON "SupplierProfile"
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_profiles_truncated();
