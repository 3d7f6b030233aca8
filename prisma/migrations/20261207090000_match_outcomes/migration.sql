-- Scoring reads the decisions recorded on a supplier's matches (the outcome feature: match/supplier-outcomes.ts), so
-- every write that can change them gives the supplier a new scoring version (migration
-- 20261128033000_supplier_scoring_version), whatever its kind: a decision changes the next ranking on every instance.

-- Suppliers of any kind, from parallel arrays of kinds and ids (nulls: nothing).
CREATE FUNCTION supplier_scoring_bump_keys(kinds "SupplierKind"[], ids int[]) RETURNS void LANGUAGE sql AS $$
  SELECT supplier_scoring_bump(k.kind, ARRAY(SELECT q.id FROM unnest(kinds, ids) AS q(kind, id) WHERE q.kind = k.kind))
  FROM (SELECT DISTINCT kind FROM unnest(coalesce(kinds, '{}')) AS u(kind) WHERE kind IS NOT NULL ORDER BY kind) k;
$$;

-- A match counts when it is CONTACTED (invited), ACCEPTED, DOCKED or REJECTED (with its reason code). The engaged
-- statuses an expert's capacity reads (CONTACTED, ACCEPTED, DOCKED) are among them, so this one trigger keeps both.
-- A new need's suggestions, re-ranks and re-scores change none of them and bump nothing.
CREATE OR REPLACE FUNCTION supplier_scoring_match() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump_keys(array_agg("supplierKind"), array_agg("supplierId"))
    FROM new_rows WHERE status IN ('CONTACTED', 'ACCEPTED', 'DOCKED', 'REJECTED');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump_keys(array_agg("supplierKind"), array_agg("supplierId"))
    FROM old_rows WHERE status IN ('CONTACTED', 'ACCEPTED', 'DOCKED', 'REJECTED');
  ELSE
    PERFORM supplier_scoring_bump_keys(array_agg(c.kind), array_agg(c.id))
    FROM (
      SELECT unnest(ARRAY[o."supplierKind", n."supplierKind"]) AS kind, unnest(ARRAY[o."supplierId", n."supplierId"]) AS id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status, o."statusReasonCode", o."supplierKind", o."supplierId", o."needId")
          IS DISTINCT FROM (n.status, n."statusReasonCode", n."supplierKind", n."supplierId", n."needId")
        AND (o.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED', 'REJECTED') OR n.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED', 'REJECTED'))
    ) c;
  END IF;
  RETURN NULL;
END $$;

-- An invitation declined as OUT_OF_SCOPE counts against its supplier: any write to a DECLINED invitation bumps it.
CREATE FUNCTION supplier_scoring_invitation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_scoring_bump_keys(array_agg("supplierKind"), array_agg("supplierId")) FROM new_rows WHERE status = 'DECLINED';
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM supplier_scoring_bump_keys(array_agg("supplierKind"), array_agg("supplierId")) FROM old_rows WHERE status = 'DECLINED';
  ELSE
    PERFORM supplier_scoring_bump_keys(array_agg(c.kind), array_agg(c.id))
    FROM (
      SELECT unnest(ARRAY[o."supplierKind", n."supplierKind"]) AS kind, unnest(ARRAY[o."supplierId", n."supplierId"]) AS id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status, o."declineCode", o."supplierKind", o."supplierId", o."matchId")
          IS DISTINCT FROM (n.status, n."declineCode", n."supplierKind", n."supplierId", n."matchId")
        AND (o.status = 'DECLINED' OR n.status = 'DECLINED')
    ) c;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_invitation_insert AFTER INSERT ON "Invitation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_invitation();
CREATE TRIGGER supplier_scoring_invitation_update AFTER UPDATE ON "Invitation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_invitation();
CREATE TRIGGER supplier_scoring_invitation_delete AFTER DELETE ON "Invitation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_invitation();

-- Decisions count by the chain of their need: a need moved to another chain moves them.
CREATE FUNCTION supplier_scoring_need_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_scoring_bump_keys(array_agg(m."supplierKind"), array_agg(m."supplierId"))
  FROM old_rows o JOIN new_rows n ON n.id = o.id AND n."chainCode" IS DISTINCT FROM o."chainCode"
    JOIN "Match" m ON m."needId" = n.id AND m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED', 'REJECTED');
  RETURN NULL;
END $$;
CREATE TRIGGER supplier_scoring_need_chain AFTER UPDATE ON "TechNeed" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_scoring_need_chain();
