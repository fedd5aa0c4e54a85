-- A proposal that waits too long for an answer: the side that answers it is reminded once
-- (noaber.notifications.proposal-reminder-after, FollowUps), by mail or through their makelaar.
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
    CHECK (kind IN ('MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_DECLINED', 'MATCH_CANCELLED', 'MATCH_COMPLETED',
                    'FOLLOW_UP', 'PROPOSAL_REMINDER', 'NEARBY_REQUESTS', 'MAKELAAR_DIGEST'));
-- Once per proposal and recipient, whichever instances look at the same time.
CREATE UNIQUE INDEX notification_proposal_reminder_once_idx ON notification (match_id, participant_id)
    WHERE kind = 'PROPOSAL_REMINDER';
-- The hourly look for proposals waiting since before a moment.
CREATE INDEX match_proposed_at_idx ON match (proposed_at) WHERE status = 'PROPOSED';
