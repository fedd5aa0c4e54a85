-- Whether a listing's owner can be matched now: ACTIVE, with an enabled account or none (as the
-- helper lanes and the matching statements decide it). A suspended participant, an erased one, or
-- one whose account is disabled keeps their listings, but neighbours no longer see them in browsing
-- or by id (only the owner and staff do), and they come back when the participant is reinstated or
-- the account enabled. Browsing filters on it during its nearest-first walk, so the page is still
-- full. Kept by the database:
-- - after an insert (or a change of owner), one statement takes the owners' rows FOR SHARE, which
--   waits for a suspension or disabling under way to commit, and then, in a statement of its own,
--   hides the new rows of owners who cannot be matched (the default is true, so nothing is written
--   for everyone else; one statement per insert keeps bulk loads as fast as without it);
-- - when a participant's status or account changes, or an account is disabled or enabled, their
--   listings are refreshed. Disabling locks the participant first, as the helper lanes' refresh
--   does, so it waits for an insert holding that lock and then sees its rows.
ALTER TABLE listing ADD COLUMN owner_matchable boolean NOT NULL DEFAULT true;

CREATE FUNCTION participant_matchable(p_status text, p_account_id bigint) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT p_status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = p_account_id AND NOT a.enabled)
$$;

UPDATE listing l SET owner_matchable = false
  FROM participant p
 WHERE p.id = l.participant_id AND NOT participant_matchable(p.status, p.account_id);

CREATE FUNCTION refresh_listing_owner_matchable(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE listing l SET owner_matchable = participant_matchable(p.status, p.account_id)
      FROM participant p
     WHERE p.id = ANY (ids) AND l.participant_id = p.id
       AND l.owner_matchable IS DISTINCT FROM participant_matchable(p.status, p.account_id)
$$;

CREATE FUNCTION listing_owner_matchable_new() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owners bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        owners := ARRAY(SELECT DISTINCT n.participant_id FROM new_rows n);
    ELSE
        owners := ARRAY(SELECT DISTINCT n.participant_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                         WHERE n.participant_id IS DISTINCT FROM o.participant_id);
    END IF;
    IF cardinality(owners) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM participant p WHERE p.id = ANY (owners) ORDER BY p.id FOR SHARE;
    IF EXISTS (SELECT 1 FROM participant p WHERE p.id = ANY (owners) AND NOT participant_matchable(p.status, p.account_id))
       OR TG_OP = 'UPDATE' THEN
        UPDATE listing l SET owner_matchable = participant_matchable(p.status, p.account_id)
          FROM new_rows n JOIN participant p ON p.id = n.participant_id
         WHERE l.id = n.id AND p.id = ANY (owners)
           AND l.owner_matchable IS DISTINCT FROM participant_matchable(p.status, p.account_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER listing_owner_matchable_insert AFTER INSERT ON listing
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_owner_matchable_new();
-- (Transition tables allow no column list: every update comes here, and only a change of owner
-- does anything, so the update this function itself makes ends at once.)
CREATE TRIGGER listing_owner_matchable_update AFTER UPDATE ON listing
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_owner_matchable_new();

CREATE FUNCTION participant_listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE (n.status, n.account_id) IS DISTINCT FROM (o.status, o.account_id));
    IF cardinality(ids) > 0 THEN
        PERFORM refresh_listing_owner_matchable(ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER participant_listing_owner_matchable AFTER UPDATE ON participant
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION participant_listing_owner_matchable();

CREATE FUNCTION account_listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    ids := ARRAY(SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN participant p ON p.account_id = n.id
                  WHERE n.enabled IS DISTINCT FROM o.enabled ORDER BY p.id);
    IF cardinality(ids) > 0 THEN
        -- The participants first: a listing being inserted for one of them holds their row FOR
        -- SHARE until it commits, and the refresh below then sees it.
        PERFORM 1 FROM participant p WHERE p.id = ANY (ids) ORDER BY p.id FOR NO KEY UPDATE;
        PERFORM refresh_listing_owner_matchable(ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER account_listing_owner_matchable AFTER UPDATE ON account
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION account_listing_owner_matchable();
