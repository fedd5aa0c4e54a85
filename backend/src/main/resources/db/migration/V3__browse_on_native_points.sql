-- Browsing walks PostgreSQL's own point type under SP-GiST instead of a PostGIS geometry under
-- GiST. The public place stays geography; beside it the database keeps its Web Mercator copy as a
-- plain `point` (metres, the same spherical formula as EPSG:3857 and as Places.webMercator in Java).
-- A KNN scan of an SP-GiST quad tree over float8 points costs less than half of the GiST scan over
-- PostGIS boxes for the same 20 nearest (docs/benchmarks.md: 0.17 against 0.41 ms at 1M rows),
-- because each step compares two doubles instead of unpacking serialized geometries.
--
-- Filtering by category uses lanes: every category has a lane number, and `browse_lane_point` is the
-- Mercator point moved east by lane × 10^8 m. Mercator coordinates stay within ±2.1 × 10^7 m, so
-- two lanes are at least 5.8 × 10^7 m apart, far beyond any search radius: the nearest neighbours
-- of a point moved into a category's lane are that category's listings, nearest first, and one
-- index serves every category however the categories mix in a dense cell. (The previous GiST on
-- (category_code, public_point) mixed categories in its pages, and slowed down with density.)

ALTER TABLE category ADD COLUMN lane smallint;
UPDATE category c SET lane = o.n FROM (SELECT code, row_number() OVER (ORDER BY sort_order, code) AS n FROM category) o
 WHERE o.code = c.code;
ALTER TABLE category ALTER COLUMN lane SET NOT NULL;
ALTER TABLE category ADD CONSTRAINT category_lane_key UNIQUE (lane);
ALTER TABLE category ADD CONSTRAINT category_lane_range CHECK (lane BETWEEN 1 AND 10000);

-- A listing's lane follows its category (set by the database, so no writer can get it wrong).
ALTER TABLE listing ADD COLUMN category_lane smallint;
CREATE FUNCTION listing_category_lane() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT c.lane INTO NEW.category_lane FROM category c WHERE c.code = NEW.category_code;
    RETURN NEW;
END $$;
CREATE TRIGGER listing_category_lane BEFORE INSERT OR UPDATE OF category_code ON listing
    FOR EACH ROW EXECUTE FUNCTION listing_category_lane();
UPDATE listing l SET category_lane = c.lane FROM category c WHERE c.code = l.category_code;
ALTER TABLE listing ALTER COLUMN category_lane SET NOT NULL;

DROP INDEX listing_open_request_point_idx;
DROP INDEX listing_open_offer_point_idx;
DROP INDEX listing_open_request_category_point_idx;
DROP INDEX listing_open_offer_category_point_idx;
ALTER TABLE listing DROP COLUMN public_point;

-- Latitudes are clamped to Web Mercator's ±85.0511°, as EPSG:3857 does.
ALTER TABLE listing
    ADD COLUMN browse_point point GENERATED ALWAYS AS (point(
        6378137.0 * radians(ST_X(CAST(public_place AS geometry))),
        6378137.0 * ln(tan(pi() / 4 + radians(greatest(-85.0511287798, least(85.0511287798, ST_Y(CAST(public_place AS geometry))))) / 2))
    )) STORED,
    ADD COLUMN browse_lane_point point GENERATED ALWAYS AS (point(
        6378137.0 * radians(ST_X(CAST(public_place AS geometry))) + category_lane * 1.0e8,
        6378137.0 * ln(tan(pi() / 4 + radians(greatest(-85.0511287798, least(85.0511287798, ST_Y(CAST(public_place AS geometry))))) / 2))
    )) STORED;

CREATE INDEX listing_open_request_browse_idx ON listing USING spgist (browse_point)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
CREATE INDEX listing_open_offer_browse_idx ON listing USING spgist (browse_point)
    WHERE status = 'OPEN' AND kind = 'OFFER';
CREATE INDEX listing_open_request_lane_idx ON listing USING spgist (browse_lane_point)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
CREATE INDEX listing_open_offer_lane_idx ON listing USING spgist (browse_lane_point)
    WHERE status = 'OPEN' AND kind = 'OFFER';
