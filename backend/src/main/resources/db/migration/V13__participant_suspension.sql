-- A makelaar or coordinator suspends a participant (after a report, for example) and may reinstate
-- them: who did it, when and why, for the next makelaar who looks. A suspended participant is never
-- matched (V5's status; their lanes go, V9), and their proposed and running matches end.
ALTER TABLE participant
    ADD COLUMN status_changed_at timestamptz,
    ADD COLUMN status_changed_by bigint REFERENCES account (id),
    ADD COLUMN status_reason     text CHECK (length(status_reason) <= 500);
