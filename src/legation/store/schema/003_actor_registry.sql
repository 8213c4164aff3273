-- 003: the actor registry (legation.actors.registry): named people and organisations that legation knows beyond
-- the article. One row per name form and source: `user` entries (legation actors add) override `learned` ones
-- (recorded from confidently resolved actors, with the article, its date and the evidence sentence) and `phoenix`
-- ones (imported from PETRARCH/Phoenix dictionaries, with their dated codes in valid_from/valid_until).

CREATE TABLE actor_registry (
    name_key     VARCHAR NOT NULL,   -- the folded name form a mention is matched on
    name         VARCHAR NOT NULL,   -- canonical name
    country      VARCHAR,            -- ISO3 or a PLOVER non-state code
    sector       VARCHAR,            -- PLOVER sector
    title        VARCHAR,
    source       VARCHAR NOT NULL,   -- user | learned | phoenix
    article_id   VARCHAR,
    article_date DATE,
    evidence     VARCHAR,
    confidence   DOUBLE NOT NULL,
    valid_from   DATE,
    valid_until  DATE,
    created_at   TIMESTAMP NOT NULL
);

CREATE INDEX actor_registry_name_key ON actor_registry (name_key);
