-- 004: one row per event group (store/groups.py): the group's id (= events.group_id of its members, the smallest
-- member event_id), its block (PLOVER type + countries involved + year, as the grouping computes it), its date (the
-- finest member date) and GDELT-style counts: num_mentions (events), num_articles and num_sources (distinct
-- articles.source, else the URL's host, else the article itself). Rewritten whole, per block, with the events.
CREATE TABLE event_groups (
    group_id       VARCHAR PRIMARY KEY,
    block          VARCHAR NOT NULL,
    plover_event   VARCHAR NOT NULL,
    countries      VARCHAR[] NOT NULL,
    date           VARCHAR,
    date_precision VARCHAR,
    date_start     DATE,
    num_mentions   INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL
);
