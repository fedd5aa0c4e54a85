-- V17 set a new listing's owner_matchable from the owner's row as a per-row trigger read it,
-- without a lock: a listing inserted while a makelaar suspended its owner (or a coordinator
-- disabled the account) read the owner as they were, while the suspension's own refresh could not
-- see the uncommitted listing, and the listing stayed visible for good. Now one statement-level
-- trigger after the insert takes the owners' rows FOR SHARE, which waits for such a change to
-- commit, and then, in a statement of its own, hides the new rows of owners who cannot be matched
-- (the column's default is true, so nothing is written for everyone else). Disabling an account
-- locks its participant before refreshing (as the helper lanes' refresh does), so it waits for an
-- insert holding that lock and then sees its rows. One statement per insert instead of a look-up
-- per row also keeps bulk loads fast. Refreshes run only when some owner's state changed.
DROP TRIGGER listing_owner_matchable ON listing;
DROP FUNCTION listing_owner_matchable();

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

CREATE OR REPLACE FUNCTION participant_listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION account_listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
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
