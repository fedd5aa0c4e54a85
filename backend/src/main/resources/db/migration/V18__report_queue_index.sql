-- The makelaars' report queue comes in pages, oldest first (GET /api/match-reports, by created_at
-- then id). The open queue has its own partial index (V5); handled reports and the whole queue grow
-- for good, so they get one too: a page walks it in order and stops at its limit, instead of
-- sorting every report ever made.
CREATE INDEX match_note_report_idx ON match_note (created_at, id) WHERE kind = 'REPORT';
