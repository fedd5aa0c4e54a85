-- Notifications (issue 11): a transactional outbox for mail, the makelaar's work queue for people
-- without email, and the kinds of mail each participant no longer wants.

-- The makelaar responsible for a participant. Offline participants exist only through one; news for
-- anyone without email goes on this makelaar's work queue (the shared queue while there is none).
ALTER TABLE participant ADD COLUMN makelaar_id bigint REFERENCES account (id);
CREATE INDEX participant_makelaar_idx ON participant (makelaar_id) WHERE makelaar_id IS NOT NULL;

-- The outbox. A row is written in the transaction of the event that causes it, already rendered in
-- the recipient's language, and is either mail (PENDING -> SENDING -> SENT, or back to PENDING to be
-- retried, or DEAD after too many attempts) or, for someone without email, an item on the makelaar's
-- queue (QUEUED_FOR_MAKELAAR). SUPPRESSED: the recipient unsubscribed from the kind before it was sent.
--
-- A dispatcher claims due rows with FOR UPDATE SKIP LOCKED and sets a lease: `lease_until`, and
-- `next_attempt_at` to the same moment, so that a row whose lease ran out is simply due again.
-- `claim_id` is unique per claim: only the claim that sent a mail may mark it SENT or failed.
-- The address is not stored: it is read from the recipient's account when the mail is sent.
CREATE TABLE notification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The recipient: a participant, or (for a makelaar's digest) a staff account.
    participant_id  bigint      REFERENCES participant (id),
    account_id      bigint      REFERENCES account (id),
    kind            text        NOT NULL CHECK (kind IN ('MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_DECLINED',
                                    'MATCH_CANCELLED', 'MATCH_COMPLETED', 'FOLLOW_UP', 'NEARBY_REQUESTS', 'MAKELAAR_DIGEST')),
    language        text        NOT NULL CHECK (language IN ('nl', 'en')),
    match_id        bigint      REFERENCES match (id),
    subject         text,
    body_text       text,
    body_html       text,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD',
                                    'QUEUED_FOR_MAKELAAR', 'SUPPRESSED')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- Times a claim's lease ran out before the claim said how the send went: each may have been delivered.
    lease_expiries  integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    claimed_by      text,
    claim_id        uuid,
    last_error      text,
    -- <outbox-{id}@{domain}>, fixed at the first send so that every attempt carries the same one.
    message_id      text UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    -- Set when the participant was erased: subject and bodies are gone.
    erased_at       timestamptz,
    -- The day a digest is for (one a day).
    digest_on       date,
    CHECK ((participant_id IS NULL) <> (account_id IS NULL))
);
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_dead_idx ON notification (updated_at) WHERE status = 'DEAD';
CREATE INDEX notification_participant_idx ON notification (participant_id);
CREATE INDEX notification_account_idx ON notification (account_id) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX notification_digest_once_idx ON notification (account_id, digest_on) WHERE kind = 'MAKELAAR_DIGEST';
CREATE INDEX notification_match_idx ON notification (match_id) WHERE match_id IS NOT NULL;
-- One follow-up reminder per running match and party, whichever instance writes it.
CREATE UNIQUE INDEX notification_follow_up_once_idx ON notification (match_id, participant_id) WHERE kind = 'FOLLOW_UP';

-- The makelaar's work queue: news for a participant without email, to pass on by phone, letter or
-- visit. `makelaar_id` is the responsible makelaar at the time; NULL is the shared queue.
CREATE TABLE makelaar_task (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id bigint      NOT NULL UNIQUE REFERENCES notification (id),
    participant_id  bigint      NOT NULL REFERENCES participant (id),
    makelaar_id     bigint      REFERENCES account (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    done_at         timestamptz,
    done_by         bigint      REFERENCES account (id)
);
CREATE INDEX makelaar_task_open_idx ON makelaar_task (makelaar_id, created_at) WHERE done_at IS NULL;
CREATE INDEX makelaar_task_participant_idx ON makelaar_task (participant_id);

-- Kinds of mail a participant, or a staff account, unsubscribed from (one click in the mail, RFC 8058).
CREATE TABLE notification_opt_out (
    participant_id bigint      NOT NULL REFERENCES participant (id),
    kind           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (participant_id, kind)
);
CREATE TABLE account_notification_opt_out (
    account_id bigint      NOT NULL REFERENCES account (id),
    kind       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, kind)
);

-- Kinds a participant asked for (the volunteer's digest of new requests nearby is opt-in).
CREATE TABLE notification_opt_in (
    participant_id bigint      NOT NULL REFERENCES participant (id),
    kind           text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (participant_id, kind)
);
-- At most one digest of new requests nearby a day per volunteer.
CREATE UNIQUE INDEX notification_nearby_once_idx ON notification (participant_id, digest_on) WHERE kind = 'NEARBY_REQUESTS';
