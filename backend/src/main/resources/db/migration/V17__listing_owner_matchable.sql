-- Whether a listing's owner can be matched now: ACTIVE, with an enabled account or none (as the
-- helper lanes and the matching statements decide it). A suspended participant, an erased one, or
-- one whose account is disabled keeps their listings, but neighbours no longer see them in browsing
-- or by id (only the owner and staff do), and they come back when the participant is reinstated or
-- the account enabled. Kept by the database: set on insert, and refreshed when a participant's
-- status or account changes or an account is disabled or enabled. Browsing filters on it during
-- its nearest-first walk, so the page is still full.
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

CREATE FUNCTION listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT participant_matchable(p.status, p.account_id) INTO NEW.owner_matchable
      FROM participant p WHERE p.id = NEW.participant_id;
    NEW.owner_matchable := coalesce(NEW.owner_matchable, true);
    RETURN NEW;
END $$;
CREATE TRIGGER listing_owner_matchable BEFORE INSERT OR UPDATE OF participant_id ON listing
    FOR EACH ROW EXECUTE FUNCTION listing_owner_matchable();

CREATE FUNCTION participant_listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_listing_owner_matchable(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.status, n.account_id) IS DISTINCT FROM (o.status, o.account_id)));
    RETURN NULL;
END $$;
CREATE TRIGGER participant_listing_owner_matchable AFTER UPDATE ON participant
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION participant_listing_owner_matchable();

CREATE FUNCTION account_listing_owner_matchable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_listing_owner_matchable(ARRAY(
        SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN participant p ON p.account_id = n.id
         WHERE n.enabled IS DISTINCT FROM o.enabled));
    RETURN NULL;
END $$;
CREATE TRIGGER account_listing_owner_matchable AFTER UPDATE ON account
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION account_listing_owner_matchable();
