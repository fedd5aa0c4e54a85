-- Browsing walks a planar index. The public place stays geography (distances shown to people
-- are measured on the sphere); beside it a Web Mercator copy is kept by the database itself.
-- Mercator is conformal: within the radius of a search its scale is the same in every direction
-- (it changes by about 0.1% over 5 km), so "nearest first" by Mercator distance is nearest first
-- on the ground, and a 2D GiST index answers the KNN scan in a third of the page reads of a
-- geography index (docs/benchmarks.md).
ALTER TABLE listing
    ADD COLUMN public_point geometry(Point, 3857)
        GENERATED ALWAYS AS (ST_Transform(CAST(public_place AS geometry), 3857)) STORED;

DROP INDEX listing_open_request_place_idx;
DROP INDEX listing_open_offer_place_idx;
DROP INDEX listing_open_request_category_place_idx;
DROP INDEX listing_open_offer_category_place_idx;

CREATE INDEX listing_open_request_point_idx ON listing USING gist (public_point)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
CREATE INDEX listing_open_offer_point_idx ON listing USING gist (public_point)
    WHERE status = 'OPEN' AND kind = 'OFFER';
CREATE INDEX listing_open_request_category_point_idx ON listing USING gist (category_code, public_point)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
CREATE INDEX listing_open_offer_category_point_idx ON listing USING gist (category_code, public_point)
    WHERE status = 'OPEN' AND kind = 'OFFER';
