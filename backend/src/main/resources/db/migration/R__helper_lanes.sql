-- The one definition of refresh_helper_lanes(ids): the recomputation of the helper lanes of the
-- given participants (V9 explains the lanes and the triggers that call this). V9 created it and
-- V10 changed it; from here on it changes in this file only. Flyway runs a repeatable migration
-- after the versioned ones whenever its text changes, so a versioned migration that adds a lane
-- column adds it to the table (and index), and this file then reads and writes it. A versioned
-- migration that needs the new function itself (to fill a new column at once) runs before this
-- file does; this file then recomputes every lane (at its end).
--
-- Changes since V10: a running match the helper ended by blocking the other person is no
-- cancellation against their reliability (blocking is for safety, and must not cost anything);
-- the proposals waiting for an answer with the participant as helper are counted (V14); a no that a
-- makelaar records for the helper (on a proposal the helper was to answer: not one they made
-- themselves) is the helper's decline, as when they record it themselves, so that helpers without an
-- account are held to the same record as everyone else; so is a running match a makelaar ends for
-- the helper (V15: ended_for_side). An end by a block is known by its cause (V16: end_cause), not by
-- the words "blocked", which anyone can type as their reason.
-- Whose no a declined match is: the helper's when they declined themselves, or when a makelaar
-- recorded the no on a proposal the helper was to answer (not one the helper made: that no is the
-- requester's). The one rule for the reliability record (below) and for "why not this neighbour"
-- (CandidateRepository.standing); a plain SQL expression, which PostgreSQL inlines.
CREATE OR REPLACE FUNCTION declined_by_helper(ended_by_side text, channel text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ended_by_side = 'HELPER' OR ended_by_side = 'MAKELAAR' AND channel <> 'HELPER'
$$;

CREATE OR REPLACE FUNCTION refresh_helper_lanes(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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
           h.running, h.completed_at, h.declined_at, h.cancelled_at, h.proposed
      FROM participant p
      LEFT JOIN account a ON a.id = p.account_id
      CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE m.status = 'ACTIVE') AS running,
                 count(*) FILTER (WHERE m.status = 'PROPOSED') AS proposed,
                 coalesce(array_agg(CAST(extract(epoch FROM m.ended_at) AS bigint) ORDER BY m.ended_at)
                              FILTER (WHERE m.status = 'COMPLETED' AND m.ended_at IS NOT NULL), '{}') AS completed_at,
                 coalesce(array_agg(CAST(extract(epoch FROM m.decided_at) AS bigint) ORDER BY m.decided_at)
                              FILTER (WHERE m.status = 'DECLINED'
                                        AND declined_by_helper(m.ended_by_side, m.channel)
                                        AND m.decided_at IS NOT NULL AND m.helper_free IS NOT FALSE), '{}') AS declined_at,
                 coalesce(array_agg(CAST(extract(epoch FROM m.ended_at) AS bigint) ORDER BY m.ended_at)
                              FILTER (WHERE m.status = 'CANCELLED'
                                        AND (m.ended_by_side = 'HELPER' OR m.ended_for_side = 'HELPER')
                                        AND m.decided_at IS NOT NULL AND m.ended_at IS NOT NULL
                                        AND m.end_cause IS DISTINCT FROM 'BLOCKED'), '{}') AS cancelled_at
            FROM (SELECT m.*, max(greatest(m.decided_at, m.ended_at)) OVER () AS latest
                    FROM match m
                   WHERE m.helper_id = p.id AND m.status IN ('PROPOSED', 'ACTIVE', 'COMPLETED', 'DECLINED', 'CANCELLED')) m
           WHERE m.status IN ('PROPOSED', 'ACTIVE') OR greatest(m.decided_at, m.ended_at) > m.latest - interval '400 days') h
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
           cancelled_at = EXCLUDED.cancelled_at, proposed = EXCLUDED.proposed
     WHERE (helper_lane.home_lat, helper_lane.home_lon, helper_lane.travel_radius_m, helper_lane.has_skill,
            helper_lane.offer_id, helper_lane.kind, helper_lane.display_name, helper_lane.languages,
            helper_lane.availability, helper_lane.capacity, helper_lane.running, helper_lane.completed_at,
            helper_lane.declined_at, helper_lane.cancelled_at, helper_lane.proposed)
           IS DISTINCT FROM
           (EXCLUDED.home_lat, EXCLUDED.home_lon, EXCLUDED.travel_radius_m, EXCLUDED.has_skill, EXCLUDED.offer_id,
            EXCLUDED.kind, EXCLUDED.display_name, EXCLUDED.languages, EXCLUDED.availability, EXCLUDED.capacity,
            EXCLUDED.running, EXCLUDED.completed_at, EXCLUDED.declined_at, EXCLUDED.cancelled_at, EXCLUDED.proposed);
END $$;

-- Whenever this function changes, every lane is recomputed with it, so that no lane keeps what an
-- earlier version wrote (a few seconds for a city; the lanes are written only where they differ).
SELECT refresh_helper_lanes(ARRAY(SELECT id FROM participant ORDER BY id));
