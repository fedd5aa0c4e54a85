-- A helper's lane also holds how many proposals wait for an answer with them as helper
-- (docs/matching.md, "The score": fairness). Accepting any of them takes one of their running
-- matches, so the ranking lets such a helper sink as a busy one does, and says why; the city-wide
-- plan counted them already, with a statement of its own that this column replaces.
--
-- Until now a new proposal changed nothing in the lane ("a new proposal changes no history", V9),
-- so adding or removing one did not recompute it: now it does. R__helper_lanes.sql counts the
-- column and, having changed, recomputes every lane after this migration.
ALTER TABLE helper_lane ADD COLUMN proposed smallint NOT NULL DEFAULT 0;

-- The lane index carries everything the candidate statement reads (V9), this column too.
DROP INDEX helper_lane_idx;
CREATE INDEX helper_lane_idx ON helper_lane USING spgist (lane_point)
    INCLUDE (participant_id, category_code, home_place, home_lat, home_lon, travel_radius_m, has_skill, offer_id, kind,
             display_name, languages, availability, capacity, running, completed_at, declined_at, cancelled_at, proposed);

-- Matches: their helpers, when a match is added or removed (a proposal too, now) or changes status,
-- times, side or helper.
CREATE OR REPLACE FUNCTION match_helper_lanes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_helper_lanes(ARRAY(SELECT DISTINCT n.helper_id FROM new_rows n));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM refresh_helper_lanes(ARRAY(SELECT DISTINCT o.helper_id FROM old_rows o));
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

-- Emptying the matches (an evaluation's replay starting over) empties every history, and every
-- count of proposals.
CREATE OR REPLACE FUNCTION match_helper_lanes_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE helper_lane SET running = 0, completed_at = '{}', declined_at = '{}', cancelled_at = '{}', proposed = 0
     WHERE running <> 0 OR proposed <> 0
        OR cardinality(completed_at) + cardinality(declined_at) + cardinality(cancelled_at) > 0;
    RETURN NULL;
END $$;
