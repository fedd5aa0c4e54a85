-- Loads :rows listings for the nearby benchmark into the current database (psql -v rows=N).
-- 30% lie in a dense cluster over Haarlem, 70% are spread over the Netherlands; half are
-- requests, half offers; 70% are open. Public places are computed exactly as PlaceGrid does
-- (400 m cells, the centre moved by a random offset of up to 30 m each way). The table's indexes
-- are dropped for the load and rebuilt from their own definitions (pg_indexes) afterwards.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;

-- The indexes the migrations made, saved to be rebuilt after the load exactly as they were.
CREATE TEMP TABLE saved_index AS
SELECT indexname, indexdef FROM pg_indexes
 WHERE schemaname = current_schema() AND tablename = 'listing' AND indexname <> 'listing_pkey';
DO $$
DECLARE i record;
BEGIN
    FOR i IN SELECT indexname FROM saved_index LOOP
        EXECUTE format('DROP INDEX %I', i.indexname);
    END LOOP;
END $$;
TRUNCATE listing RESTART IDENTITY CASCADE;

INSERT INTO participant (display_name)
SELECT 'Bench ' || g FROM generate_series(1, 10000) g
 WHERE NOT EXISTS (SELECT 1 FROM participant WHERE display_name = 'Bench 1');
SELECT min(id) AS pmin FROM participant WHERE display_name LIKE 'Bench %' \gset
SELECT min(id) AS nmin, count(*) AS ncount FROM neighbourhood \gset

INSERT INTO listing (kind, participant_id, category_code, title, description, place, public_place,
                     neighbourhood_id, schedule_type, recurrence_frequency, recurrence_days, recurrence_parts, status)
SELECT CASE WHEN r.k < 0.5 THEN 'REQUEST' ELSE 'OFFER' END,
       :pmin + (g % 10000),
       (ARRAY['ODD_JOBS','SMALL_REPAIRS','GARDEN','SHOPPING','SHOPPING_TOGETHER','LIFT','LIFT_MEDICAL','COMPANY',
              'DOG_WALKING','PET_MINDING','CHILD_MINDING','COMPUTER_HELP','PAPERWORK','LANGUAGE_PRACTICE',
              'LANGUAGE_LESSONS','COOKING','MEAL_PREPARATION','LAUNDRY','MOVING_THINGS','CARER_RESPITE','BUDDY',
              'HOUSEKEEPING','OTHER'])[1 + floor(r.c * 23)::int],
       'Hulp gezocht ' || g,
       'Een korte beschrijving van wat er nodig is, zoals buren die opschrijven.',
       CAST(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS geography),
       CAST(ST_SetSRID(ST_MakePoint(cell.clon + (random() * 2 - 1) * (30 / 111320.0) / cos(radians(cell.clat)),
                                    cell.clat + (random() * 2 - 1) * (30 / 111320.0)), 4326) AS geography),
       CASE WHEN r.h < 0.3 AND :ncount > 0 THEN :nmin + floor(random() * :ncount)::bigint END,
       'RECURRING', 'WEEKLY', '{TUE}', '{MORNING}',
       CASE WHEN r.s < 0.7 THEN 'OPEN' WHEN r.s < 0.8 THEN 'MATCHED' WHEN r.s < 0.9 THEN 'CLOSED' ELSE 'WITHDRAWN' END
  FROM generate_series(1, :rows) g
  CROSS JOIN LATERAL (SELECT random() AS k, random() AS c, random() AS h, random() AS s, g AS gg) r
  CROSS JOIN LATERAL (
        SELECT CASE WHEN r.h < 0.3 THEN 52.345 + random() * 0.070 ELSE 50.75 + random() * 2.80 END AS lat,
               CASE WHEN r.h < 0.3 THEN 4.600 + random() * 0.090 ELSE 3.36 + random() * 3.87 END AS lon,
               r.gg AS ggg) p
  CROSS JOIN LATERAL (
        SELECT (floor(p.lat / (400 / 111320.0)) + 0.5) * (400 / 111320.0) AS clat, p.ggg AS gggg) rowc
  CROSS JOIN LATERAL (
        SELECT round(360.0 / ((400 / 111320.0) / cos(radians(rowc.clat)))) AS columns, rowc.clat) colc
  CROSS JOIN LATERAL (
        SELECT colc.clat,
               -180.0 + (floor((p.lon + 180.0) / (360.0 / colc.columns)) + 0.5) * (360.0 / colc.columns) AS clon) cell;

DO $$
DECLARE i record;
BEGIN
    FOR i IN SELECT indexdef FROM saved_index LOOP
        EXECUTE i.indexdef;
    END LOOP;
END $$;
VACUUM ANALYZE listing;
SELECT count(*) AS listings, count(*) FILTER (WHERE status = 'OPEN' AND kind = 'REQUEST') AS open_requests FROM listing;
