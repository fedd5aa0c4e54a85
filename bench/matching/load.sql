-- Helpers and match history for the matching benchmark (psql -v helpers=N), on top of the
-- listings of bench/nearby/load.sql. Helpers are spread like the listings: 30% over Haarlem's
-- built-up area, 70% over the Netherlands; 1 to 4 skills each, languages, availability, a travel
-- radius of 1–5 km and a capacity of 1–3; one in 200 is an organisation; a third of the open
-- offers are theirs. The helper lanes are filled by the database's own triggers. Then a history of
-- matches (completed, running, declined, cancelled) so that fairness, reliability and "earlier
-- matches together" have facts to read.
-- Finally an area outside the Netherlands (around 50.0 N, 10.0 E) with exactly 600 waiting
-- requests and 2,400 helpers for the city-wide plan.
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';

DELETE FROM match;
DELETE FROM participant p WHERE p.display_name LIKE 'Bench helper %' OR p.display_name LIKE 'Bench plan %';

INSERT INTO account (email, email_normalized, password_hash, role)
VALUES ('bench-history@bench.noaber.nl', 'bench-history@bench.noaber.nl', 'x', 'RESIDENT')
ON CONFLICT DO NOTHING;
SELECT id AS history_account FROM account WHERE email_normalized = 'bench-history@bench.noaber.nl' \gset

CREATE TEMP TABLE cats AS SELECT array_agg(code ORDER BY lane) AS codes FROM category;

INSERT INTO participant (display_name, kind, home_place, skills, languages, availability, travel_radius_m, capacity)
SELECT 'Bench helper ' || g,
       CASE WHEN g % 200 = 0 THEN 'ORGANISATION' ELSE 'PERSON' END,
       CAST(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS geography),
       ARRAY(SELECT DISTINCT c.codes[1 + floor(random() * array_length(c.codes, 1) + g * 0)::int]
               FROM cats c, generate_series(1, 1 + (g % 4))),
       CASE WHEN g % 3 = 0 THEN '{nl,en}'::text[] WHEN g % 7 = 0 THEN '{nl,ar}'::text[] WHEN g % 11 = 0 THEN '{tr,nl}'::text[]
            WHEN g % 5 = 0 THEN '{}'::text[] ELSE '{nl}'::text[] END,
       CASE WHEN g % 4 = 0 THEN '{}'::text[]
            ELSE ARRAY[(ARRAY['MON','TUE','WED','THU','FRI','SAT','SUN'])[1 + g % 7] || '_' || (ARRAY['MORNING','AFTERNOON','EVENING'])[1 + g % 3],
                       (ARRAY['MON','TUE','WED','THU','FRI','SAT','SUN'])[1 + (g / 7) % 7] || '_MORNING'] END,
       1000 + (g % 5) * 1000,
       CASE WHEN g % 200 = 0 THEN 20 ELSE 1 + g % 3 END
  FROM generate_series(1, :helpers) g
  CROSS JOIN LATERAL (SELECT random() AS h, g AS gg) r
  CROSS JOIN LATERAL (
        SELECT CASE WHEN r.h < 0.3 THEN 52.345 + random() * 0.070 ELSE 50.75 + random() * 2.80 END AS lat,
               CASE WHEN r.h < 0.3 THEN 4.600 + random() * 0.090 ELSE 3.36 + random() * 3.87 END AS lon,
               r.gg AS ggg) p;

-- A third of the open offers belong to helpers: each to the helper who lives nearest to it (the
-- others stay with the listings' owners, who have no home place and so never help).
UPDATE listing l SET participant_id = (
       SELECT p.id FROM participant p WHERE p.status = 'ACTIVE' AND p.home_place IS NOT NULL
        ORDER BY p.home_place <-> l.place LIMIT 1)
 WHERE l.kind = 'OFFER' AND l.status = 'OPEN' AND l.id % 3 = 0;

-- History: two matches per helper on average, with requests and requesters drawn at random.
CREATE TEMP TABLE helper_ids AS SELECT row_number() OVER () AS n, id FROM participant WHERE display_name LIKE 'Bench helper %';
CREATE TEMP TABLE request_ids AS
SELECT row_number() OVER () AS n, id, participant_id FROM listing WHERE kind = 'REQUEST' AND status <> 'OPEN' LIMIT 200000;
SELECT count(*) AS nh FROM helper_ids \gset
SELECT count(*) AS nr FROM request_ids \gset
INSERT INTO match (request_id, requester_id, helper_id, channel, one_off, status, proposed_by, proposed_at,
                   decided_at, decided_by, ended_at, ended_by_side)
SELECT r.id, r.participant_id, h.id, (ARRAY['REQUESTER','HELPER','MAKELAAR'])[1 + g % 3], false,
       (ARRAY['COMPLETED','COMPLETED','COMPLETED','ACTIVE','DECLINED','CANCELLED'])[1 + g % 6],
       :history_account, now() - make_interval(days => g % 300),
       now() - make_interval(days => g % 300), :history_account,
       CASE WHEN g % 6 IN (0, 1, 2, 5) THEN now() - make_interval(days => g % 200) END,
       CASE WHEN g % 6 = 4 THEN 'HELPER' WHEN g % 6 = 5 THEN (ARRAY['REQUESTER','HELPER'])[1 + g % 2] END
  FROM generate_series(1, 2 * :nh) g
  JOIN helper_ids h ON h.n = 1 + (g::bigint * 7919) % :nh
  JOIN request_ids r ON r.n = 1 + (g::bigint * 104729) % :nr
 WHERE r.participant_id <> h.id
ON CONFLICT DO NOTHING;

-- The plan's area: 600 waiting requests and 2,400 helpers within 5 km of 50.0 N, 10.0 E, in five
-- categories, so that helpers compete for requests.
INSERT INTO participant (display_name, home_place, skills, travel_radius_m, capacity)
SELECT 'Bench plan helper ' || g,
       CAST(ST_SetSRID(ST_MakePoint(10.0 + (random() * 2 - 1) * 0.06, 50.0 + (random() * 2 - 1) * 0.04), 4326) AS geography),
       ARRAY(SELECT DISTINCT (ARRAY['SHOPPING','GARDEN','COMPANY','LIFT','ODD_JOBS'])[1 + floor(random() * 5 + g * 0)::int]
               FROM generate_series(1, 1 + g % 3)),
       2000 + (g % 5) * 1000, 1 + g % 2
  FROM generate_series(1, 2400) g;
INSERT INTO participant (display_name, home_place)
SELECT 'Bench plan requester ' || g,
       CAST(ST_SetSRID(ST_MakePoint(10.0 + (random() * 2 - 1) * 0.06, 50.0 + (random() * 2 - 1) * 0.04), 4326) AS geography)
  FROM generate_series(1, 600) g;
INSERT INTO listing (kind, participant_id, category_code, title, place, public_place, schedule_type, starts_at, ends_at, status)
SELECT 'REQUEST', p.id, (ARRAY['SHOPPING','GARDEN','COMPANY','LIFT','ODD_JOBS'])[1 + p.id % 5], 'Plan ' || p.id,
       p.home_place, p.home_place, 'ONE_OFF', now() + interval '2 days', now() + interval '2 days 2 hours', 'OPEN'
  FROM participant p WHERE p.display_name LIKE 'Bench plan requester %';

VACUUM ANALYZE participant;
VACUUM ANALYZE helper_lane;
VACUUM ANALYZE match;
VACUUM ANALYZE listing;
SELECT (SELECT count(*) FROM participant WHERE display_name LIKE 'Bench helper %') AS helpers,
       (SELECT count(*) FROM helper_lane) AS helper_lanes,
       (SELECT count(*) FROM match) AS matches,
       (SELECT count(*) FROM listing) AS listings;
