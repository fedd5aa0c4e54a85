-- Matching reads its candidates from indexes alone (docs/benchmarks.md, "Matching"). A ranking
-- walks 200 nearest rows in a skill lane and 200 in an offer lane, then, for every candidate, their
-- running matches and recent declines and their open offers in the category. Before this migration
-- each of those steps fetched heap rows (about 3,700 buffer hits per ranking, 1,000 of them in
-- the two lane walks); with the columns it reads in the index, the lane walks and the per-helper
-- lookups are index-only scans (about 2,500 hits, 150 of them in the lane walks).

-- The lane walks: SP-GiST (PostgreSQL 14+) takes INCLUDE columns, and a KNN scan over them stays a
-- KNN scan (`<->` remains the whole ORDER BY). Same key, so browsing keeps its plans.
DROP INDEX helper_skill_lane_idx;
CREATE INDEX helper_skill_lane_idx ON helper_skill USING spgist (lane_point) INCLUDE (participant_id, category_code);
DROP INDEX listing_open_offer_lane_idx;
CREATE INDEX listing_open_offer_lane_idx ON listing USING spgist (browse_lane_point) INCLUDE (participant_id, category_code)
    WHERE status = 'OPEN' AND kind = 'OFFER';

-- A helper's match history (running, declined, cancelled): the same key as before, plus the
-- columns the counts read.
DROP INDEX match_helper_idx;
CREATE INDEX match_helper_idx ON match (helper_id, status) INCLUDE (ended_by_side, decided_at, ended_at);

-- A helper's first open offer in the request's category.
CREATE INDEX listing_open_offer_owner_idx ON listing (participant_id, category_code, id)
    WHERE status = 'OPEN' AND kind = 'OFFER';

-- The city-wide plan's waiting requests in a circle are found by their exact place (the browsing
-- indexes hold the public place): without this index the plan read every open request in the
-- country first (0.8 s of a 3 s plan at 1M listings).
CREATE INDEX listing_open_request_exact_place_idx ON listing USING gist (place)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
