-- 001: articles and their events. One row per event (CONTRACT.md "Output: events"); the countries of the actors
-- and recipients are kept as lists beside the full actor JSON so that country and dyad queries need no JSON parsing.
-- No foreign key from events to articles: DuckDB checks keys eagerly, and an article and its events are always
-- replaced together in one transaction by EventStore.write().

CREATE TABLE articles (
    article_id      VARCHAR PRIMARY KEY,
    content_hash    VARCHAR NOT NULL,
    text            VARCHAR NOT NULL,
    title           VARCHAR,
    published       DATE,
    published_basis VARCHAR,
    url             VARCHAR,
    source          VARCHAR,
    language        VARCHAR,
    location        VARCHAR,
    origin          VARCHAR,
    ingested_at     TIMESTAMP NOT NULL
);

CREATE TABLE events (
    event_id            VARCHAR PRIMARY KEY,
    article_id          VARCHAR NOT NULL,
    sentence_index      INTEGER NOT NULL,
    date                VARCHAR,
    date_precision      VARCHAR,
    date_basis          VARCHAR,
    -- first day of `date` (YYYY-MM -> YYYY-MM-01, YYYY -> YYYY-01-01), for range queries
    date_start          DATE,
    plover_event        VARCHAR NOT NULL,
    plover_mode         VARCHAR,
    plover_contexts     VARCHAR[] NOT NULL,
    plover_intensity    DOUBLE,
    cameo_code          VARCHAR NOT NULL,
    cameo_root          VARCHAR NOT NULL,
    goldstein           DOUBLE,
    quad_class          INTEGER,
    actor_countries     VARCHAR[] NOT NULL,
    recipient_countries VARCHAR[] NOT NULL,
    actors              JSON NOT NULL,
    recipients          JSON NOT NULL,
    is_symmetric        BOOLEAN NOT NULL,
    negated             BOOLEAN NOT NULL,
    future              BOOLEAN NOT NULL,
    hypothetical        BOOLEAN NOT NULL,
    quantities          JSON NOT NULL,
    evidence_text       VARCHAR NOT NULL,
    evidence_start      INTEGER NOT NULL,
    evidence_end        INTEGER NOT NULL,
    confidence          DOUBLE NOT NULL,
    trigger             VARCHAR,
    coder_version       VARCHAR
);
