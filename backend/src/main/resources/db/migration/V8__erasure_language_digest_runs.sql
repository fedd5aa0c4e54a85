-- Erasure (issue 11): a participant can be erased, by themself or by a coordinator. The row stays,
-- anonymous, so that figures still count the matches it was in; who erased it and when is kept.
ALTER TABLE participant
    ADD COLUMN erased_at timestamptz,
    ADD COLUMN erased_by bigint REFERENCES account (id);

-- The language of a staff member's own mail (the makelaar's digest). Residents choose theirs in
-- their profile (participant.preferred_language).
ALTER TABLE account
    ADD COLUMN language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en'));

-- Each day's run of a daily digest, made by whichever instance got there first. A run that was
-- missed at its hour (every instance down, say) is caught up later that day; the volunteers' digest
-- then covers everything since the run before.
CREATE TABLE digest_run (
    kind   text        NOT NULL,
    day    date        NOT NULL,
    run_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, day)
);

-- Withdrawing an offer cancels the proposals made with it: find them without reading every match.
CREATE INDEX match_offer_idx ON match (offer_id) WHERE offer_id IS NOT NULL;
