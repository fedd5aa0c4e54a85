-- A request's own search radius: how far from it matching looks for helpers (each helper's own travel
-- radius still applies). NULL: the city's default, noaber.matching.search-radius-metres. The requester
-- sets it with the request; a makelaar can widen it for a request nobody nearby can take.
ALTER TABLE listing
    ADD COLUMN search_radius_m integer CHECK (search_radius_m BETWEEN 100 AND 50000),
    ADD CONSTRAINT listing_search_radius_requests_only CHECK (search_radius_m IS NULL OR kind = 'REQUEST');
