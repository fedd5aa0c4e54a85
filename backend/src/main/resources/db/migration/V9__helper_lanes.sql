-- Matching decides who can help from one lane walk (docs/matching.md, "Who can help").
--
-- Before: a ranking walked two lanes (helpers with the skill in helper_skill, open offers in the
-- listings' offer lane), then looked every candidate up in participant (status, home, travel
-- radius, languages, ...), in account (enabled) and in the offer index (their first open offer in
-- the category): about 2,500 buffer hits per ranking, most of them in those look-ups.
--
-- Now: one row per helper and category in which they can help (the skill in their profile, or an
-- open offer in it, or both), for helpers who can be matched at all (ACTIVE, with a home place, and
-- an enabled account or none), holding everything the candidate statement reads about them,
-- their match history included (running matches, and when they completed, declined or cancelled
-- matches as helper). The lane index carries those columns, so a ranking is one KNN walk that reads
-- nothing else. The lane point is the helper's home (Web Mercator, moved into the category's lane
-- as V3 does for listings), so the walk finds the helpers who live nearest, whether they offer the
-- help or have the skill.
--
-- The database keeps the lanes itself: statement-level triggers on participant, listing (offers),
-- account and match recompute the rows of the participants a statement touched. The recomputation
-- locks those participants' rows first, so two transactions that change one participant (their
-- profile and an offer, or a match of theirs) recompute one after the other, the second from what
-- the first committed.
CREATE TABLE helper_lane (
    participant_id  bigint                 NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    category_code   text                   NOT NULL REFERENCES category (code),
    lane_point      point                  NOT NULL,
    home_place      geography(Point, 4326) NOT NULL,
    home_lat        float8                 NOT NULL,
    home_lon        float8                 NOT NULL,
    travel_radius_m integer                NOT NULL,
    has_skill       boolean                NOT NULL,
    -- Their first open offer in the category, if any (the one a match would link).
    offer_id        bigint,
    kind            text                   NOT NULL,
    display_name    text                   NOT NULL,
    languages       text[]                 NOT NULL,
    availability    text[]                 NOT NULL,
    capacity        smallint               NOT NULL,
    -- Their match history as helper: running matches, and the moments (Unix seconds) they completed
    -- a match (ended_at), declined one (decided_at) or cancelled one after accepting (ended_at).
    -- Matching counts those within its windows (at most 400 days, MatchingProperties); a moment more
    -- than 400 days before the helper's latest one is dropped.
    running         smallint               NOT NULL,
    completed_at    bigint[]               NOT NULL,
    declined_at     bigint[]               NOT NULL,
    cancelled_at    bigint[]               NOT NULL,
    PRIMARY KEY (participant_id, category_code)
);
-- Every match transition rewrites the helper's rows (their history changed): vacuum the table
-- sooner than the default 20% of it.
ALTER TABLE helper_lane SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
CREATE INDEX helper_lane_idx ON helper_lane USING spgist (lane_point)
    INCLUDE (participant_id, category_code, home_place, home_lat, home_lon, travel_radius_m, has_skill, offer_id, kind,
             display_name, languages, availability, capacity, running, completed_at, declined_at, cancelled_at);

CREATE FUNCTION refresh_helper_lanes(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    -- One recomputation per participant at a time (see above). FOR NO KEY UPDATE: foreign-key
    -- checks (a new offer of theirs) do not wait for it.
    PERFORM 1 FROM participant WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    -- Rows that are no longer right go, new ones come, and only rows whose content changed are
    -- written again (each write leaves a dead row and index entries behind until vacuum).
    WITH fresh AS MATERIALIZED (
    SELECT p.id AS participant_id, c.code AS category_code,
           point(6378137.0 * radians(ST_X(CAST(p.home_place AS geometry))) + c.lane * 1.0e8,
                 6378137.0 * ln(tan(pi() / 4 + radians(greatest(-85.0511287798, least(85.0511287798,
                     ST_Y(CAST(p.home_place AS geometry))))) / 2))),
           p.home_place, ST_Y(CAST(p.home_place AS geometry)), ST_X(CAST(p.home_place AS geometry)), p.travel_radius_m,
           c.code = ANY (p.skills),
           (SELECT min(o.id) FROM listing o
             WHERE o.participant_id = p.id AND o.kind = 'OFFER' AND o.status = 'OPEN' AND o.category_code = c.code),
           p.kind, p.display_name, p.languages, p.availability, p.capacity,
           h.running, h.completed_at, h.declined_at, h.cancelled_at
      FROM participant p
      LEFT JOIN account a ON a.id = p.account_id
      CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE m.status = 'ACTIVE') AS running,
                 coalesce(array_agg(CAST(extract(epoch FROM m.ended_at) AS bigint) ORDER BY m.ended_at)
                              FILTER (WHERE m.status = 'COMPLETED' AND m.ended_at IS NOT NULL), '{}') AS completed_at,
                 coalesce(array_agg(CAST(extract(epoch FROM m.decided_at) AS bigint) ORDER BY m.decided_at)
                              FILTER (WHERE m.status = 'DECLINED' AND m.ended_by_side = 'HELPER'
                                        AND m.decided_at IS NOT NULL), '{}') AS declined_at,
                 coalesce(array_agg(CAST(extract(epoch FROM m.ended_at) AS bigint) ORDER BY m.ended_at)
                              FILTER (WHERE m.status = 'CANCELLED' AND m.ended_by_side = 'HELPER'
                                        AND m.decided_at IS NOT NULL AND m.ended_at IS NOT NULL), '{}') AS cancelled_at
            FROM (SELECT m.*, max(greatest(m.decided_at, m.ended_at)) OVER () AS latest
                    FROM match m
                   WHERE m.helper_id = p.id AND m.status IN ('ACTIVE', 'COMPLETED', 'DECLINED', 'CANCELLED')) m
           WHERE m.status = 'ACTIVE' OR greatest(m.decided_at, m.ended_at) > m.latest - interval '400 days') h
      JOIN category c ON c.code = ANY (p.skills)
                      OR EXISTS (SELECT 1 FROM listing o
                                  WHERE o.participant_id = p.id AND o.kind = 'OFFER' AND o.status = 'OPEN'
                                    AND o.category_code = c.code)
     WHERE p.id = ANY (ids) AND p.status = 'ACTIVE' AND p.home_place IS NOT NULL AND (a.id IS NULL OR a.enabled)),
    gone AS (
        DELETE FROM helper_lane h
         WHERE h.participant_id = ANY (ids)
           AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.participant_id = h.participant_id AND f.category_code = h.category_code))
    INSERT INTO helper_lane SELECT * FROM fresh
    ON CONFLICT (participant_id, category_code) DO UPDATE
       SET lane_point = EXCLUDED.lane_point, home_place = EXCLUDED.home_place, home_lat = EXCLUDED.home_lat,
           home_lon = EXCLUDED.home_lon, travel_radius_m = EXCLUDED.travel_radius_m, has_skill = EXCLUDED.has_skill,
           offer_id = EXCLUDED.offer_id, kind = EXCLUDED.kind, display_name = EXCLUDED.display_name,
           languages = EXCLUDED.languages, availability = EXCLUDED.availability, capacity = EXCLUDED.capacity,
           running = EXCLUDED.running, completed_at = EXCLUDED.completed_at, declined_at = EXCLUDED.declined_at,
           cancelled_at = EXCLUDED.cancelled_at
     WHERE (helper_lane.home_lat, helper_lane.home_lon, helper_lane.travel_radius_m, helper_lane.has_skill,
            helper_lane.offer_id, helper_lane.kind, helper_lane.display_name, helper_lane.languages,
            helper_lane.availability, helper_lane.capacity, helper_lane.running, helper_lane.completed_at,
            helper_lane.declined_at, helper_lane.cancelled_at)
           IS DISTINCT FROM
           (EXCLUDED.home_lat, EXCLUDED.home_lon, EXCLUDED.travel_radius_m, EXCLUDED.has_skill, EXCLUDED.offer_id,
            EXCLUDED.kind, EXCLUDED.display_name, EXCLUDED.languages, EXCLUDED.availability, EXCLUDED.capacity,
            EXCLUDED.running, EXCLUDED.completed_at, EXCLUDED.declined_at, EXCLUDED.cancelled_at);
END $$;

-- Participants: any column the rows hold or depend on.
CREATE FUNCTION participant_helper_lanes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_helper_lanes(ARRAY(SELECT n.id FROM new_rows n));
    ELSE
        PERFORM refresh_helper_lanes(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.status, n.home_place, n.skills, n.travel_radius_m, n.kind, n.display_name, n.languages,
                    n.availability, n.capacity, n.account_id)
                   IS DISTINCT FROM
                   (o.status, o.home_place, o.skills, o.travel_radius_m, o.kind, o.display_name, o.languages,
                    o.availability, o.capacity, o.account_id)));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER participant_helper_lanes_insert AFTER INSERT ON participant
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_helper_lanes();
CREATE TRIGGER participant_helper_lanes_update AFTER UPDATE ON participant
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_helper_lanes();

-- Offers: their owners, when an offer is added, removed, opened or closed, or changes category or owner.
CREATE FUNCTION listing_helper_lanes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_helper_lanes(ARRAY(
            SELECT DISTINCT n.participant_id FROM new_rows n WHERE n.kind = 'OFFER' AND n.status = 'OPEN'));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_helper_lanes(ARRAY(
            SELECT DISTINCT o.participant_id FROM old_rows o WHERE o.kind = 'OFFER' AND o.status = 'OPEN'));
    ELSE
        PERFORM refresh_helper_lanes(ARRAY(
            SELECT x.participant_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             CROSS JOIN LATERAL (VALUES (n.participant_id), (o.participant_id)) x(participant_id)
             WHERE (n.kind = 'OFFER' OR o.kind = 'OFFER')
               AND (n.kind, n.status, n.category_code, n.participant_id) IS DISTINCT FROM
                   (o.kind, o.status, o.category_code, o.participant_id)
             GROUP BY x.participant_id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER listing_helper_lanes_insert AFTER INSERT ON listing
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_helper_lanes();
CREATE TRIGGER listing_helper_lanes_update AFTER UPDATE ON listing
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_helper_lanes();
CREATE TRIGGER listing_helper_lanes_delete AFTER DELETE ON listing
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION listing_helper_lanes();
-- Emptying the listings (a benchmark's reload) leaves only the skills.
CREATE FUNCTION listing_helper_lanes_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM helper_lane WHERE NOT has_skill;
    UPDATE helper_lane SET offer_id = NULL WHERE offer_id IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER listing_helper_lanes_truncate AFTER TRUNCATE ON listing
    FOR EACH STATEMENT EXECUTE FUNCTION listing_helper_lanes_truncate();

-- Accounts: a disabled account's participant is out, an enabled one's back in.
CREATE FUNCTION account_helper_lanes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_helper_lanes(ARRAY(
        SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN participant p ON p.account_id = n.id
         WHERE n.enabled IS DISTINCT FROM o.enabled));
    RETURN NULL;
END $$;
CREATE TRIGGER account_helper_lanes_update AFTER UPDATE ON account
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_helper_lanes();

-- Matches: their helpers, when a match is added, removed or changes status, times, side or helper
-- (a new proposal changes no history).
CREATE FUNCTION match_helper_lanes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_helper_lanes(ARRAY(SELECT DISTINCT n.helper_id FROM new_rows n WHERE n.status <> 'PROPOSED'));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_helper_lanes(ARRAY(SELECT DISTINCT o.helper_id FROM old_rows o WHERE o.status <> 'PROPOSED'));
    ELSE
        PERFORM refresh_helper_lanes(ARRAY(
            SELECT x.helper_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             CROSS JOIN LATERAL (VALUES (n.helper_id), (o.helper_id)) x(helper_id)
             WHERE (n.status, n.decided_at, n.ended_at, n.ended_by_side, n.helper_id) IS DISTINCT FROM
                   (o.status, o.decided_at, o.ended_at, o.ended_by_side, o.helper_id)
             GROUP BY x.helper_id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER match_helper_lanes_insert AFTER INSERT ON match
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_helper_lanes();
CREATE TRIGGER match_helper_lanes_update AFTER UPDATE ON match
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_helper_lanes();
CREATE TRIGGER match_helper_lanes_delete AFTER DELETE ON match
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_helper_lanes();
-- Emptying the matches (an evaluation's replay starting over) empties every history.
CREATE FUNCTION match_helper_lanes_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE helper_lane SET running = 0, completed_at = '{}', declined_at = '{}', cancelled_at = '{}'
     WHERE running <> 0 OR cardinality(completed_at) + cardinality(declined_at) + cardinality(cancelled_at) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER match_helper_lanes_truncate AFTER TRUNCATE ON match
    FOR EACH STATEMENT EXECUTE FUNCTION match_helper_lanes_truncate();

-- The old lanes go; helper_lane replaces them.
DROP TRIGGER participant_helper_skill ON participant;
DROP FUNCTION refresh_helper_skill();
DROP TABLE helper_skill;

-- Everyone there is.
SELECT refresh_helper_lanes(ARRAY(SELECT id FROM participant WHERE status = 'ACTIVE' AND home_place IS NOT NULL));
ANALYZE helper_lane;
