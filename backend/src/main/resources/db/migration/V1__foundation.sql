-- Noaber foundation: places, neighbourhoods, accounts, participants, requests and offers.
-- Places are geography(Point, 4326): longitude/latitude on WGS84, distances in metres.

CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

-- One deployment can serve several municipalities (CBS code, e.g. GM0392 for Haarlem).
CREATE TABLE municipality (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text        NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,16}$'),
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Neighbourhoods (wijken) are imported polygons. They group people for makelaars and figures;
-- they never limit who can help whom.
CREATE TABLE neighbourhood (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint      NOT NULL REFERENCES municipality (id),
    code            text        NOT NULL UNIQUE,
    name            text        NOT NULL,
    area            geometry(MultiPolygon, 4326) NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX neighbourhood_area_idx ON neighbourhood USING gist (area);
CREATE INDEX neighbourhood_municipality_idx ON neighbourhood (municipality_id);

-- Four-digit postcode areas with their centroid: the geocoder's fallback.
CREATE TABLE postcode_area (
    pc4        text PRIMARY KEY CHECK (pc4 ~ '^[1-9][0-9]{3}$'),
    place_name text NOT NULL,
    centroid   geography(Point, 4326) NOT NULL
);

-- The finer table (postcode + house number), filled when an address register extract is imported.
CREATE TABLE address_point (
    postcode     text    NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
    house_number integer NOT NULL CHECK (house_number > 0),
    addition     text    NOT NULL DEFAULT '',
    place        geography(Point, 4326) NOT NULL,
    PRIMARY KEY (postcode, house_number, addition)
);

CREATE TABLE category (
    code       text    PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
    label_nl   text    NOT NULL,
    label_en   text    NOT NULL,
    sort_order integer NOT NULL,
    -- Requests beyond neighbourly help (regular housekeeping, seed 001) go to a makelaar to refer outward.
    beyond_neighbourly_help boolean NOT NULL DEFAULT false
);

INSERT INTO category (code, label_nl, label_en, sort_order, beyond_neighbourly_help) VALUES
    ('ODD_JOBS',          'Klusjes',                              'Odd jobs',                          10, false),
    ('SMALL_REPAIRS',     'Kleine reparaties',                    'Small repairs',                     20, false),
    ('GARDEN',            'Tuin',                                 'Gardening',                         30, false),
    ('SHOPPING',          'Boodschappen doen',                    'Shopping for someone',              40, false),
    ('SHOPPING_TOGETHER', 'Samen boodschappen doen',              'Shopping together',                 50, false),
    ('LIFT',              'Vervoer en een lift',                  'Transport and a lift',              60, false),
    ('LIFT_MEDICAL',      'Vervoer naar dokter of ziekenhuis',    'A lift to the doctor or hospital',  70, false),
    ('COMPANY',           'Gezelschap en bezoek',                 'Company and visits',                80, false),
    ('DOG_WALKING',       'Hond uitlaten',                        'Walking the dog',                   90, false),
    ('PET_MINDING',       'Oppassen op huisdieren',               'Pet minding',                      100, false),
    ('CHILD_MINDING',     'Oppassen op kinderen',                 'Child minding',                    110, false),
    ('COMPUTER_HELP',     'Hulp bij computer en telefoon',        'Computer and phone help',          120, false),
    ('PAPERWORK',         'Administratie en formulieren',         'Paperwork and forms',              130, false),
    ('LANGUAGE_PRACTICE', 'Taal oefenen',                         'Language practice',                140, false),
    ('LANGUAGE_LESSONS',  'Taalles',                              'Language lessons',                 150, false),
    ('COOKING',           'Samen koken en eten',                  'Cooking and shared meals',         160, false),
    ('MEAL_PREPARATION',  'Maaltijd bereiden',                    'Meal preparation',                 170, false),
    ('LAUNDRY',           'Was doen',                             'Laundry',                          180, false),
    ('MOVING_THINGS',     'Verhuizen en sjouwen',                 'Moving things',                    190, false),
    ('CARER_RESPITE',     'Mantelzorger ontlasten',               'Respite for carers',               200, false),
    ('BUDDY',             'Maatje en coaching',                   'Buddy and coaching',               210, false),
    ('HOUSEKEEPING',      'Huishoudelijke hulp',                  'Regular housekeeping',             220, true),
    ('OTHER',             'Iets anders',                          'Something else',                   990, false);

CREATE TABLE account (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email            text        NOT NULL,
    email_normalized text        NOT NULL UNIQUE,
    password_hash    text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('RESIDENT', 'MAKELAAR', 'COORDINATOR')),
    enabled          boolean     NOT NULL DEFAULT true,
    -- TOTP (RFC 6238) for makelaars and coordinators: Base32 secret, confirmed once a code was entered.
    totp_secret      text,
    totp_confirmed   boolean     NOT NULL DEFAULT false,
    totp_last_step   bigint,
    created_by       bigint REFERENCES account (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    disabled_at      timestamptz
);

-- One login is one session; its refresh tokens rotate within it. Access tokens carry the session id,
-- so revoking a session (logout, disabling an account, refresh-token reuse) ends them at once.
CREATE TABLE auth_session (
    id             uuid PRIMARY KEY,
    account_id     bigint      NOT NULL REFERENCES account (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX auth_session_account_idx ON auth_session (account_id);

CREATE TABLE refresh_token (
    token_hash bytea PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES auth_session (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

-- Failed logins per normalised email (known or not), shared by every backend instance.
CREATE TABLE login_throttle (
    key              text PRIMARY KEY,
    failures         integer     NOT NULL,
    first_failure_at timestamptz NOT NULL,
    locked_until     timestamptz
);

-- The step between password and second factor: an opaque, short-lived, single-use token.
CREATE TABLE mfa_challenge (
    token_hash bytea PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    attempts   integer     NOT NULL DEFAULT 0
);

-- A participant is a person who asks or offers help. Offline participants (added by a makelaar later)
-- have no account.
CREATE TABLE participant (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id          bigint UNIQUE REFERENCES account (id),
    display_name        text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    home_place          geography(Point, 4326),
    home_precision      text CHECK (home_precision IN ('ADDRESS', 'POSTCODE_AREA', 'POINT')),
    home_postcode       text,
    home_house_number   text,
    neighbourhood_id    bigint REFERENCES neighbourhood (id),
    skills              text[]      NOT NULL DEFAULT '{}',
    languages           text[]      NOT NULL DEFAULT '{}',
    availability        text[]      NOT NULL DEFAULT '{}',
    travel_radius_m     integer     NOT NULL DEFAULT 2000 CHECK (travel_radius_m BETWEEN 100 AND 50000),
    phone               text,
    contact_channels    text[]      NOT NULL DEFAULT '{}',
    preferred_language  text        NOT NULL DEFAULT 'nl' CHECK (preferred_language IN ('nl', 'en')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participant_home_idx ON participant USING gist (home_place);
CREATE INDEX participant_skills_idx ON participant USING gin (skills);
CREATE INDEX participant_neighbourhood_idx ON participant (neighbourhood_id);

-- Requests (vraag) and offers (aanbod). `place` is exact and never leaves the server to browsing
-- neighbours; `public_place` is that place snapped to the privacy grid, fixed when the place is set.
CREATE TABLE listing (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('REQUEST', 'OFFER')),
    participant_id       bigint      NOT NULL REFERENCES participant (id),
    category_code        text        NOT NULL REFERENCES category (code),
    title                text        NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    description          text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    place                geography(Point, 4326) NOT NULL,
    public_place         geography(Point, 4326) NOT NULL,
    neighbourhood_id     bigint REFERENCES neighbourhood (id),
    schedule_type        text        NOT NULL CHECK (schedule_type IN ('ONE_OFF', 'RECURRING')),
    starts_at            timestamptz,
    ends_at              timestamptz,
    recurrence_frequency text CHECK (recurrence_frequency IN ('WEEKLY', 'FORTNIGHTLY', 'MONTHLY')),
    recurrence_days      text[],
    recurrence_parts     text[],
    recurrence_starts_on date,
    recurrence_ends_on   date,
    status               text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'MATCHED', 'CLOSED', 'WITHDRAWN')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((schedule_type = 'ONE_OFF' AND starts_at IS NOT NULL AND ends_at > starts_at)
        OR (schedule_type = 'RECURRING' AND recurrence_frequency IS NOT NULL))
);
CREATE INDEX listing_participant_idx ON listing (participant_id);
-- Browsing reads only open listings of one kind, nearest first: partial GiST indexes on the public
-- place serve the KNN scan; the (category, place) ones serve the category filter.
CREATE INDEX listing_open_request_place_idx ON listing USING gist (public_place)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
CREATE INDEX listing_open_offer_place_idx ON listing USING gist (public_place)
    WHERE status = 'OPEN' AND kind = 'OFFER';
CREATE INDEX listing_open_request_category_place_idx ON listing USING gist (category_code, public_place)
    WHERE status = 'OPEN' AND kind = 'REQUEST';
CREATE INDEX listing_open_offer_category_place_idx ON listing USING gist (category_code, public_place)
    WHERE status = 'OPEN' AND kind = 'OFFER';
