-- A makelaar who ends a running match after a call says for whom (docs/api.md, cancel): the helper or
-- the requester asked for it. Counted like the party's own cancellation, so that a helper without an
-- account, whose every act goes through a makelaar, is held to the same record as anyone else
-- (R__helper_lanes.sql). NULL: the party acted themselves, or the makelaar ended it for reasons of
-- their own (a report, a suspension).
ALTER TABLE match
    ADD COLUMN ended_for_side text CHECK (ended_for_side IN ('REQUESTER', 'HELPER')),
    ADD CONSTRAINT match_ended_for_by_makelaar CHECK (ended_for_side IS NULL OR ended_by_side = 'MAKELAAR');
