-- Why the service itself ended a match, as a code beside the words shown (end_reason). The words
-- alone could not tell a block from a party who typed "blocked" as their reason for cancelling, and
-- a cancellation ended by a block costs the helper nothing (R__helper_lanes.sql): typing the word
-- dodged the reliability record. Mails that say "someone else is helping" or "the request changed"
-- read the code too. NULL: a party or makelaar ended it with words of their own (decline, withdraw,
-- cancel) or completed it.
--   BLOCKED            one party blocked the other
--   MATCHED_ELSEWHERE  another proposal for the same one-off request was accepted
--   LISTING_ENDED      the request or the offer used was withdrawn or closed
--   LISTING_CHANGED    the request's category, place or time, or the offer's category, changed
--   LEFT               a party was erased
--   NOT_TAKING_PART    a party was suspended or their account disabled
ALTER TABLE match ADD COLUMN end_cause text
    CHECK (end_cause IN ('BLOCKED', 'MATCHED_ELSEWHERE', 'LISTING_ENDED', 'LISTING_CHANGED', 'LEFT', 'NOT_TAKING_PART'));

-- The past, as the words then told it (the service wrote exactly these).
UPDATE match SET end_cause = CASE
        WHEN end_reason = 'blocked' THEN 'BLOCKED'
        WHEN end_reason = 'matched with another helper' AND decided_at IS NULL THEN 'MATCHED_ELSEWHERE'
        WHEN end_reason IN ('request withdrawn', 'request closed', 'offer withdrawn', 'offer closed') THEN 'LISTING_ENDED'
        WHEN end_reason LIKE 'request changed: %' OR end_reason LIKE 'offer changed: %' THEN 'LISTING_CHANGED'
        WHEN end_reason = 'left Noaber' THEN 'LEFT'
        WHEN end_reason = 'no longer taking part' THEN 'NOT_TAKING_PART'
    END
 WHERE status = 'CANCELLED'
   AND (end_reason IN ('blocked', 'matched with another helper', 'request withdrawn', 'request closed', 'offer withdrawn',
                       'offer closed', 'left Noaber', 'no longer taking part')
        OR end_reason LIKE 'request changed: %' OR end_reason LIKE 'offer changed: %');
