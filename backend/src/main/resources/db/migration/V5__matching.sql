-- Matching: helpers (people and organisations) for requests, and one lifecycle for every match.

-- A participant can be a person or an organisation (a volunteer organisation or a neighbourhood
-- service, seed 000); both help in the same way. Only ACTIVE participants are matched. Capacity is
-- how many running matches a participant is willing to carry as a helper (their own choice).
ALTER TABLE participant
    ADD COLUMN kind     text     NOT NULL DEFAULT 'PERSON' CHECK (kind IN ('PERSON', 'ORGANISATION')),
    ADD COLUMN status   text     NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE', 'SUSPENDED')),
    ADD COLUMN capacity smallint NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 0 AND 100);
-- Helpers are found nearest first among active participants with a home place.
CREATE INDEX participant_active_home_idx ON participant USING gist (home_place)
    WHERE status = 'ACTIVE' AND home_place IS NOT NULL;

-- A match links a request with a helper (and the offer, if one was used). `channel` records who
-- proposed it: the requester inviting a helper, the helper responding, or a makelaar brokering.
--   PROPOSED -> ACTIVE (the other side accepted) | DECLINED (the other side said no)
--            -> CANCELLED (withdrawn before an answer)
--   ACTIVE   -> COMPLETED | CANCELLED (either side, with a reason)
-- A recurring request between the same two people is one match; each time help is given is an
-- occurrence under it (match_occurrence), so figures count matches once and help given separately.
CREATE TABLE match (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id    bigint      NOT NULL REFERENCES listing (id),
    offer_id      bigint      REFERENCES listing (id),
    requester_id  bigint      NOT NULL REFERENCES participant (id),
    helper_id     bigint      NOT NULL REFERENCES participant (id),
    channel       text        NOT NULL CHECK (channel IN ('REQUESTER', 'HELPER', 'MAKELAAR')),
    one_off       boolean     NOT NULL,
    status        text        NOT NULL DEFAULT 'PROPOSED'
                  CHECK (status IN ('PROPOSED', 'DECLINED', 'ACTIVE', 'COMPLETED', 'CANCELLED')),
    proposed_at   timestamptz NOT NULL DEFAULT now(),
    proposed_by   bigint      NOT NULL REFERENCES account (id),
    decided_at    timestamptz,
    decided_by    bigint      REFERENCES account (id),
    ended_at      timestamptz,
    ended_by      bigint      REFERENCES account (id),
    -- Which side ended or declined it (for reliability: a helper's own declines and cancellations).
    ended_by_side text        CHECK (ended_by_side IN ('REQUESTER', 'HELPER', 'MAKELAAR')),
    end_reason    text        CHECK (length(end_reason) <= 500),
    -- Why a makelaar or the system proposed it: the explanation shown at the time.
    explanation   text        CHECK (length(explanation) <= 2000),
    CHECK (requester_id <> helper_id)
);
-- A one-off request has at most one accepted match: of two helpers accepting at the same moment,
-- this index lets exactly one commit.
CREATE UNIQUE INDEX match_one_off_accepted_idx ON match (request_id)
    WHERE one_off AND status IN ('ACTIVE', 'COMPLETED');
-- One open match per pair per request: proposing again while one is pending or running is a conflict.
CREATE UNIQUE INDEX match_pending_pair_idx ON match (request_id, helper_id)
    WHERE status IN ('PROPOSED', 'ACTIVE');
CREATE INDEX match_helper_idx ON match (helper_id, status);
CREATE INDEX match_requester_idx ON match (requester_id, status);
CREATE INDEX match_request_idx ON match (request_id);

-- Every transition, timestamped, with who made it (and on whose behalf, for makelaars).
CREATE TABLE match_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    match_id    bigint      NOT NULL REFERENCES match (id),
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint      NOT NULL REFERENCES account (id),
    actor_side  text        NOT NULL CHECK (actor_side IN ('REQUESTER', 'HELPER', 'MAKELAAR')),
    from_status text,
    to_status   text        NOT NULL,
    reason      text        CHECK (length(reason) <= 500)
);
CREATE INDEX match_event_match_idx ON match_event (match_id, at);

-- Each time help was given under a (recurring) match.
CREATE TABLE match_occurrence (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    match_id    bigint      NOT NULL REFERENCES match (id),
    occurred_on date        NOT NULL,
    note        text        CHECK (length(note) <= 500),
    logged_by   bigint      NOT NULL REFERENCES account (id),
    logged_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (match_id, occurred_on)
);

-- After a match: thanks from the requester (seen by the helper), private feedback and problem
-- reports (seen by makelaars only; there is no public rating).
CREATE TABLE match_note (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    match_id    bigint      NOT NULL REFERENCES match (id),
    kind        text        NOT NULL CHECK (kind IN ('THANKS', 'FEEDBACK', 'REPORT')),
    author_id   bigint      NOT NULL REFERENCES participant (id),
    text        text        NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    handled_at  timestamptz,
    handled_by  bigint      REFERENCES account (id)
);
CREATE INDEX match_note_match_idx ON match_note (match_id);
CREATE INDEX match_note_open_report_idx ON match_note (created_at) WHERE kind = 'REPORT' AND handled_at IS NULL;

-- A block keeps two people apart in every ranking and proposal, whichever of them made it.
CREATE TABLE participant_block (
    blocker_id  bigint      NOT NULL REFERENCES participant (id),
    blocked_id  bigint      NOT NULL REFERENCES participant (id),
    match_id    bigint      REFERENCES match (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX participant_block_blocked_idx ON participant_block (blocked_id, blocker_id);

-- Helpers by skill, nearest first: one row per active participant with a home place and per skill
-- in their profile, at the Web Mercator point of their home moved into the skill's category lane
-- (as V3 does for listings). A KNN scan in a lane finds the nearest helpers with that skill without
-- passing anyone without it, however rare the skill. Kept by the database itself.
CREATE TABLE helper_skill (
    participant_id bigint  NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    category_code  text    NOT NULL REFERENCES category (code),
    lane_point     point   NOT NULL,
    PRIMARY KEY (participant_id, category_code)
);
CREATE INDEX helper_skill_lane_idx ON helper_skill USING spgist (lane_point);

CREATE FUNCTION refresh_helper_skill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM helper_skill WHERE participant_id = NEW.id;
    IF NEW.status = 'ACTIVE' AND NEW.home_place IS NOT NULL THEN
        INSERT INTO helper_skill (participant_id, category_code, lane_point)
        SELECT NEW.id, c.code, point(
                   6378137.0 * radians(ST_X(CAST(NEW.home_place AS geometry))) + c.lane * 1.0e8,
                   6378137.0 * ln(tan(pi() / 4 + radians(greatest(-85.0511287798, least(85.0511287798,
                       ST_Y(CAST(NEW.home_place AS geometry))))) / 2)))
          FROM category c WHERE c.code = ANY (NEW.skills);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER participant_helper_skill AFTER INSERT OR UPDATE OF skills, home_place, status ON participant
    FOR EACH ROW EXECUTE FUNCTION refresh_helper_skill();
-- Existing participants.
UPDATE participant SET skills = skills;
