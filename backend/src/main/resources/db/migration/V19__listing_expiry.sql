-- Listings expire: an open request or offer whose time has gone by (a one-off window that ended, a
-- recurrence past its last day) by noaber.listings.expire-after (7 days), with nothing hanging on it
-- (no running match, no proposal waiting for an answer), becomes EXPIRED and its owner hears so
-- (LISTING_EXPIRED), by mail or through their makelaar. See ListingExpiry.
ALTER TABLE listing DROP CONSTRAINT listing_status_check;
ALTER TABLE listing ADD CONSTRAINT listing_status_check
    CHECK (status IN ('OPEN', 'MATCHED', 'CLOSED', 'WITHDRAWN', 'EXPIRED'));
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
    CHECK (kind IN ('MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_DECLINED', 'MATCH_CANCELLED', 'MATCH_COMPLETED',
                    'FOLLOW_UP', 'PROPOSAL_REMINDER', 'NEARBY_REQUESTS', 'MAKELAAR_DIGEST', 'LISTING_EXPIRED'));
-- The hourly look for open listings whose time ended before a moment: one-off windows by their end,
-- recurrences by their last day.
CREATE INDEX listing_open_one_off_end_idx ON listing (ends_at) WHERE status = 'OPEN' AND schedule_type = 'ONE_OFF';
CREATE INDEX listing_open_recurrence_end_idx ON listing (recurrence_ends_on)
    WHERE status = 'OPEN' AND schedule_type = 'RECURRING' AND recurrence_ends_on IS NOT NULL;
