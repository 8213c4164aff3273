"""Export columns as data: each a (name, SQL type, SQL expression over `export_events`, meaning) record.

One list per table format feeds the export query, the typed readers and docs/data-dictionary.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    """One output column: `sql` is evaluated over export_events and cast to `type`."""

    name: str
    type: str
    sql: str
    meaning: str


def _joined(items: str, field: str) -> str:
    """The `field` of each actor in `items`, joined with ';' (NULL when none has one)."""
    return f"nullif(array_to_string([x.{field} for x in {items} if x.{field} IS NOT NULL], ';'), '')"


ACTOR_NAMES = "nullif(array_to_string([coalesce(x.name, x.text) for x in {side}], ';'), '')"

FLAT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "VARCHAR", "event_id",
           "Id of the event: the representative mention's id (article:sentence:n)."),
    Column("article_id", "VARCHAR", "article_id", "Article of the representative mention."),
    Column("sentence_index", "INTEGER", "sentence_index",
           "Sentence of the representative mention (0 = first)."),
    Column("date", "VARCHAR", "date",
           "Event date as coded: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown."),
    Column("date_start", "DATE", "date_start", "First day of `date` (2020-03 gives 2020-03-01)."),
    Column("date_precision", "VARCHAR", "date_precision", "day, month or year."),
    Column("date_basis", "VARCHAR", "date_basis", "text, publication or inferred: where the date came from."),
    Column("plover_event", "VARCHAR", "plover_event", "PLOVER event type (AGREE ... ASSAULT)."),
    Column("plover_mode", "VARCHAR", "plover_mode", "PLOVER mode of the event, when known."),
    Column("plover_contexts", "VARCHAR", "nullif(array_to_string(plover_contexts, ';'), '')",
           "PLOVER contexts, joined with ';'."),
    Column("plover_intensity", "DOUBLE", "plover_intensity", "PLOVER intensity score (-10 to 10)."),
    Column("cameo_code", "VARCHAR", "cameo_code", "CAMEO event code (2-4 digits, leading zeros kept)."),
    Column("cameo_root", "VARCHAR", "cameo_root", "First two digits of the CAMEO code."),
    Column("goldstein", "DOUBLE", "goldstein", "Goldstein score of the CAMEO code (-10 to 10)."),
    Column("quad_class", "INTEGER", "quad_class",
           "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."),
    Column("actor_countries", "VARCHAR", "nullif(array_to_string(actor_countries, ';'), '')",
           "Actor country codes (ISO3 or PLOVER non-state), joined with ';'."),
    Column("actor_sectors", "VARCHAR", _joined("actor_list", "sector"),
           "Actor sector codes, joined with ';'."),
    Column("actor_names", "VARCHAR", ACTOR_NAMES.format(side="actor_list"),
           "Actor names (or their text), joined with ';'."),
    Column("recipient_countries", "VARCHAR", "nullif(array_to_string(recipient_countries, ';'), '')",
           "Recipient country codes, joined with ';'."),
    Column("recipient_sectors", "VARCHAR", _joined("recipient_list", "sector"),
           "Recipient sector codes, joined with ';'."),
    Column("recipient_names", "VARCHAR", ACTOR_NAMES.format(side="recipient_list"),
           "Recipient names (or their text), joined with ';'."),
    Column("symmetric", "BOOLEAN", "is_symmetric", "Both sides perform the event alike (a call, a meeting)."),
    Column("negated", "BOOLEAN", "negated", "The text says the event did not happen."),
    Column("future", "BOOLEAN", "future", "The event is announced for the future."),
    Column("hypothetical", "BOOLEAN", "hypothetical", "The event is conditional or hypothetical."),
    Column("confidence", "DOUBLE", "confidence", "Coder confidence in the event (0-1)."),
    Column("num_mentions", "BIGINT", "num_mentions",
           "Mentions (sentences) reporting this event, across all articles."),
    Column("num_articles", "BIGINT", "num_articles", "Articles reporting this event."),
    Column("num_sources", "BIGINT", "num_sources",
           "Distinct sources reporting it (source, else URL host, else the article)."),
    Column("published", "DATE", "published", "Publication date of the representative mention's article."),
    Column("source", "VARCHAR", "source", "Source (outlet) of that article."),
    Column("url", "VARCHAR", "url", "URL of that article."),
    Column("coder_version", "VARCHAR", "coder_version", "legation version that coded the event."),
    Column("evidence_text", "VARCHAR", "evidence_text", "The sentence text the event was coded from."),
)  # fmt: skip

POLECAT_COLUMNS: tuple[Column, ...] = (
    Column("Event ID", "VARCHAR", "event_id", "Id of the event (legation's representative mention id)."),
    Column("Event Date", "DATE", "date_start", "First day of the event date."),
    Column("Event Type", "VARCHAR", "plover_event", "PLOVER event type (AGREE ... ASSAULT)."),
    Column("Event Mode", "VARCHAR", "plover_mode", "PLOVER mode, when known."),
    Column("Event Intensity", "DOUBLE", "plover_intensity", "PLOVER intensity score."),
    Column("Quad Code", "INTEGER", "quad_class", "QuadClass of the CAMEO code (1-4)."),
    Column("Contexts", "VARCHAR", "nullif(array_to_string(plover_contexts, ';'), '')",
           "PLOVER contexts, joined with ';'."),
    Column("Actor Name", "VARCHAR", ACTOR_NAMES.format(side="actor_list"),
           "Actor names (or their text), joined with ';'."),
    Column("Actor Country", "VARCHAR", "nullif(array_to_string(actor_countries, ';'), '')",
           "Actor country codes (ISO3), joined with ';'."),
    Column("Actor COW", "INTEGER", "NULL", "Correlates of War code: not known to legation (empty)."),
    Column("Primary Actor Sector", "VARCHAR", "actor_list[1].sector", "Sector of the first actor."),
    Column("Actor Sectors", "VARCHAR", _joined("actor_list", "sector"),
           "Sectors of all actors, joined with ';'."),
    Column("Actor Title", "VARCHAR", _joined("actor_list", "title"),
           "Titles of the actors, joined with ';'."),
    Column("Actor Name Raw", "VARCHAR", _joined("actor_list", "text"),
           "Actor text as written, joined with ';'."),
    Column("Wikipedia Actor ID", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Recipient Name", "VARCHAR", ACTOR_NAMES.format(side="recipient_list"),
           "Recipient names, joined with ';'."),
    Column("Recipient Country", "VARCHAR", "nullif(array_to_string(recipient_countries, ';'), '')",
           "Recipient country codes, joined with ';'."),
    Column("Recipient COW", "INTEGER", "NULL", "Correlates of War code: not known to legation (empty)."),
    Column("Primary Recipient Sector", "VARCHAR", "recipient_list[1].sector",
           "Sector of the first recipient."),
    Column("Recipient Sectors", "VARCHAR", _joined("recipient_list", "sector"),
           "Sectors of all recipients, joined with ';'."),
    Column("Recipient Title", "VARCHAR", _joined("recipient_list", "title"),
           "Titles of the recipients, joined with ';'."),
    Column("Recipient Name Raw", "VARCHAR", _joined("recipient_list", "text"),
           "Recipient text as written, joined with ';'."),
    Column("Wikipedia Recipient ID", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Placename", "VARCHAR", "location", "Place of the article's dateline, when it has one."),
    Column("City", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("State", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Country", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Latitude", "DOUBLE", "NULL", "Not known to legation (empty)."),
    Column("Longitude", "DOUBLE", "NULL", "Not known to legation (empty)."),
    Column("GeoNames ID", "BIGINT", "NULL", "Not known to legation (empty)."),
    Column("Raw Placename", "VARCHAR", "location", "The dateline place as written."),
    Column("Feature Type", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Source", "VARCHAR", "source", "Source (outlet) of the representative mention's article."),
    Column("Publication Date", "DATE", "published", "Publication date of that article."),
    Column("Story People", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Story Organizations", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Story Locations", "VARCHAR", "NULL", "Not known to legation (empty)."),
    Column("Language", "VARCHAR", "language", "Language of the article (ISO 639-1)."),
    Column("Version", "VARCHAR", "coder_version", "legation version that coded the event."),
    Column("Story ID", "VARCHAR", "article_id", "Article id of the representative mention."),
    Column("Accept", "INTEGER", "CASE WHEN negated OR hypothetical THEN 0 ELSE 1 END",
           "1 for an event that happened or is announced; 0 when negated or hypothetical."),
    Column("Num Mentions", "BIGINT", "num_mentions", "legation addition: mentions reporting this event."),
    Column("Num Articles", "BIGINT", "num_articles", "legation addition: articles reporting this event."),
    Column("Num Sources", "BIGINT", "num_sources",
           "legation addition: distinct sources reporting this event."),
)  # fmt: skip


def _gdelt_actor(number: int, side: str) -> tuple[Column, ...]:
    """GDELT's 10 actor columns for Actor1 (the actor side) or Actor2 (the recipient side)."""
    prefix, known = f"Actor{number}", "Not known to legation (empty)."
    return (
        Column(f"{prefix}Code", "VARCHAR",
               f"nullif(coalesce({side}.country, '') || coalesce({side}.sector, ''), '')",
               "CAMEO-style actor code: country code then sector code (KORGOV)."),
        Column(f"{prefix}Name", "VARCHAR", f"upper(coalesce({side}.name, {side}.text))",
               "Actor name, upper case as in GDELT."),
        Column(f"{prefix}CountryCode", "VARCHAR", f"{side}.country",
               "Country code (ISO3, or PLOVER non-state code)."),
        Column(f"{prefix}KnownGroupCode", "VARCHAR", "NULL", known),
        Column(f"{prefix}EthnicCode", "VARCHAR", "NULL", known),
        Column(f"{prefix}Religion1Code", "VARCHAR", "NULL", known),
        Column(f"{prefix}Religion2Code", "VARCHAR", "NULL", known),
        Column(f"{prefix}Type1Code", "VARCHAR", f"{side}.sector", "Sector code (GOV, MIL, BUS, ...)."),
        Column(f"{prefix}Type2Code", "VARCHAR", "NULL", known),
        Column(f"{prefix}Type3Code", "VARCHAR", "NULL", known),
    )  # fmt: skip


def _gdelt_geo(prefix: str, place: str) -> tuple[Column, ...]:
    """GDELT's 8 geography columns; legation knows at most the dateline place name."""
    known = "Not known to legation (empty)."
    full_name = "Place of the article's dateline, when it has one." if place != "NULL" else known
    return (
        Column(f"{prefix}_Type", "INTEGER", "NULL", known),
        Column(f"{prefix}_FullName", "VARCHAR", place, full_name),
        Column(f"{prefix}_CountryCode", "VARCHAR", "NULL", known),
        Column(f"{prefix}_ADM1Code", "VARCHAR", "NULL", known),
        Column(f"{prefix}_ADM2Code", "VARCHAR", "NULL", known),
        Column(f"{prefix}_Lat", "DOUBLE", "NULL", known),
        Column(f"{prefix}_Long", "DOUBLE", "NULL", known),
        Column(f"{prefix}_FeatureID", "VARCHAR", "NULL", known),
    )


GDELT_COLUMNS: tuple[Column, ...] = (
    Column("GLOBALEVENTID", "BIGINT", "('0x' || left(md5(event_id), 15))::BIGINT",
           "Stable integer id: the first 60 bits of the MD5 of legation's event_id."),
    Column("SQLDATE", "INTEGER", "strftime(date_start, '%Y%m%d')::INTEGER",
           "Event date as the integer YYYYMMDD (GDELT's form)."),
    Column("MonthYear", "INTEGER", "strftime(date_start, '%Y%m')::INTEGER",
           "Event month as the integer YYYYMM."),
    Column("Year", "INTEGER", "year(date_start)", "Event year."),
    Column("FractionDate", "DOUBLE", "round(year(date_start) + dayofyear(date_start) / 365.0, 4)",
           "Year plus the fraction of the year elapsed (YYYY.FFFF)."),
    *_gdelt_actor(1, "actor1"),
    *_gdelt_actor(2, "actor2"),
    Column("IsRootEvent", "INTEGER", "CASE WHEN sentence_index = 0 THEN 1 ELSE 0 END",
           "1 when the event comes from the article's first sentence."),
    Column("EventCode", "VARCHAR", "cameo_code", "CAMEO event code (leading zeros kept)."),
    Column("EventBaseCode", "VARCHAR", "left(cameo_code, 3)", "First three digits of the CAMEO code."),
    Column("EventRootCode", "VARCHAR", "cameo_root", "First two digits of the CAMEO code."),
    Column("QuadClass", "INTEGER", "quad_class",
           "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."),
    Column("GoldsteinScale", "DOUBLE", "goldstein", "Goldstein score of the CAMEO code (-10 to 10)."),
    Column("NumMentions", "INTEGER", "num_mentions", "Mentions (sentences) reporting this event."),
    Column("NumSources", "INTEGER", "num_sources",
           "Distinct sources reporting it (source, else URL host, else the article)."),
    Column("NumArticles", "INTEGER", "num_articles", "Articles reporting this event."),
    Column("AvgTone", "DOUBLE", "NULL", "Not computed by legation (empty)."),
    *_gdelt_geo("Actor1Geo", "NULL"),
    *_gdelt_geo("Actor2Geo", "NULL"),
    *_gdelt_geo("ActionGeo", "location"),
    Column("DATEADDED", "BIGINT", "strftime(ingested_at, '%Y%m%d%H%M%S')::BIGINT",
           "When the article was stored, as the integer YYYYMMDDHHMMSS (UTC)."),
    Column("SOURCEURL", "VARCHAR", "url", "URL of the representative mention's article."),
)  # fmt: skip
