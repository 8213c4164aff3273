-- 002: mentions of the same real event share a group. group_id is the event_id of the group's representative
-- mention (the smallest event_id among its members, so it does not depend on ingest order); NULL means the
-- event has not been grouped yet and counts as a group of its own.
ALTER TABLE events ADD COLUMN group_id VARCHAR;
