"""Event groups: stored mentions (events rows) of one real event → one group with GDELT-style counts.

Mentions fall into blocks (PLOVER type + the countries involved + the year of the date); a touched block is
clustered again whole, so the groups are a function of the stored mentions alone, whatever order the articles
arrived in. Blocks are per year so that a new batch recomputes only its own years; a group never spans two.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import duckdb

# How far apart (in days) two day-precise mentions of one event may be dated: a report from the next day, or a
# relative date ("on Monday") resolved against a publication date a day off, still names the same event.
DAY_WINDOW = 2
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
UNDATED_RANK = len(PRECISION_RANK)
WORD = re.compile(r"[a-z]{4,}")
# The block of an events row, in SQL; GroupMention.block computes the same string in Python (a test checks).
BLOCK_SQL = (
    "(plover_event || '|' || array_to_string("
    "list_sort(list_distinct(list_concat(actor_countries, recipient_countries))), ',')"
    " || '|' || coalesce(CAST(year(date_start) AS VARCHAR), ''))"
)
IN_LIST = "IN (SELECT unnest(?::VARCHAR[]))"
MENTION_SELECT = (
    "SELECT events.event_id, events.article_id, events.plover_event, events.actor_countries,"
    " events.recipient_countries, events.date, events.date_precision, events.date_start, events.is_symmetric,"
    " events.negated, events.evidence_text, events.quantities, articles.source, articles.url, events.group_id"
    " FROM events LEFT JOIN articles ON articles.article_id = events.article_id"
)
GROUP_COLUMNS = (
    "group_id", "block", "plover_event", "countries", "date", "date_precision", "date_start",
    "num_mentions", "num_articles", "num_sources",
)  # fmt: skip
GROUP_TYPES = (
    "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR[]", "VARCHAR", "VARCHAR", "DATE",
    "INTEGER", "INTEGER", "INTEGER",
)  # fmt: skip
# The summary of the group an event belongs to; an event not grouped yet is a group of its own.
GROUP_OF = (
    "SELECT coalesce(events.group_id, events.event_id), coalesce(g.plover_event, events.plover_event),"
    " coalesce(g.countries,"
    " list_sort(list_distinct(list_concat(events.actor_countries, events.recipient_countries)))),"
    " CASE WHEN g.group_id IS NULL THEN events.date ELSE g.date END,"
    " CASE WHEN g.group_id IS NULL THEN events.date_precision ELSE g.date_precision END,"
    " coalesce(g.num_mentions, 1), coalesce(g.num_articles, 1), coalesce(g.num_sources, 1)"
    " FROM events LEFT JOIN event_groups AS g ON g.group_id = events.group_id WHERE events.event_id = ?"
)
GROUP_RECORD_KEYS = (
    "group_id", "plover_event", "countries", "date", "date_precision",
    "num_mentions", "num_articles", "num_sources",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GroupMention:
    """What grouping reads of one stored event: its dyad, type, date, polarity and evidence."""

    event_id: str
    article_id: str
    plover_event: str
    actor_countries: frozenset[str]
    recipient_countries: frozenset[str]
    date: str | None = None
    date_precision: str | None = None
    date_start: dt.date | None = None
    symmetric: bool = False
    negated: bool = False
    evidence: str = ""
    quantities: frozenset[float] = frozenset()
    # Who published it (articles.source, else the URL's host, else the article itself): for num_sources.
    source: str = ""
    # The group_id stored now (None: not grouped yet); only changed ones are written back.
    stored_group: str | None = field(default=None, compare=False)

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(self.actor_countries | self.recipient_countries))

    @property
    def block(self) -> str:
        year = "" if self.date_start is None else str(self.date_start.year)
        return f"{self.plover_event}|{','.join(self.countries)}|{year}"

    @property
    def rank(self) -> int:
        """0 day, 1 month, 2 year, 3 undated: finer dates are clustered first and anchor their groups."""
        if self.date_start is None or self.date_precision not in PRECISION_RANK:
            return UNDATED_RANK
        return PRECISION_RANK[self.date_precision]


@dataclass(frozen=True, slots=True)
class Group:
    """One real event: its members (event ids, smallest first) and GDELT-style report counts."""

    group_id: str
    block: str
    plover_event: str
    countries: tuple[str, ...]
    date: str | None
    date_precision: str | None
    date_start: dt.date | None
    event_ids: tuple[str, ...]
    num_mentions: int
    num_articles: int
    num_sources: int


def source_key(article_id: str, source: str | None, url: str | None) -> str:
    """The publisher of an article: its `source`, else its URL's host (no www.), else the article alone."""
    if source and source.strip():
        return source.strip().lower()
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL names no host
        host = None
    return host.removeprefix("www.") if host else f"article:{article_id}"


def dates_compatible(first: GroupMention, second: GroupMention, *, day_window: int = DAY_WINDOW) -> bool:
    """Whether two dates can be one event's: the coarser precision decides (day ±window, month, year).

    An undated mention can only be the same event as another mention of its own article.
    """
    coarser = max(first.rank, second.rank)
    if coarser == UNDATED_RANK or first.date_start is None or second.date_start is None:
        return first.article_id == second.article_id
    one, two = first.date_start, second.date_start
    if coarser == PRECISION_RANK["day"]:
        return abs((one - two).days) <= day_window
    if coarser == PRECISION_RANK["month"]:
        return (one.year, one.month) == (two.year, two.month)
    return one.year == two.year


def compatible(first: GroupMention, second: GroupMention, *, day_window: int = DAY_WINDOW) -> bool:
    """Whether two mentions may report the same event: same block, polarity, direction (unless one is
    symmetric) and compatible dates; mentions with no country at all only within one article."""
    return first.block == second.block and _fits(first, second, day_window)


def _fits(first: GroupMention, second: GroupMention, day_window: int) -> bool:
    """compatible() for two mentions already known to share a block."""
    if first.negated != second.negated:
        return False
    same_direction = (first.actor_countries, first.recipient_countries) == (
        second.actor_countries,
        second.recipient_countries,
    )
    if not (first.symmetric or second.symmetric or same_direction):
        return False
    if not (first.actor_countries or first.recipient_countries) and first.article_id != second.article_id:
        return False
    return dates_compatible(first, second, day_window=day_window)


def similarity(first: GroupMention, second: GroupMention) -> float:
    """Evidence overlap (Jaccard of words of 4+ letters), plus 0.5 when both name the same quantity."""
    words_one = set(WORD.findall(first.evidence.lower()))
    words_two = set(WORD.findall(second.evidence.lower()))
    union = words_one | words_two
    overlap = len(words_one & words_two) / len(union) if union else 0.0
    return overlap + (0.5 if first.quantities & second.quantities else 0.0)


def cluster(
    mentions: Iterable[GroupMention], *, day_window: int = DAY_WINDOW
) -> list[tuple[GroupMention, ...]]:
    """Partition mentions into groups, each mention compatible with every other of its group.

    Within a block, mentions are taken in a canonical order (finest date first, then date, then event id), so
    the result depends on the set alone. Each joins the fitting group whose evidence is most similar (ties:
    the older group), or starts a new one. Groups come back sorted by their smallest event id, members
    likewise.
    """
    blocks: dict[str, list[GroupMention]] = defaultdict(list)
    for mention in set(mentions):
        blocks[mention.block].append(mention)
    groups = [members for block in blocks.values() for members in _cluster_block(block, day_window)]
    return sorted(
        (tuple(sorted(members, key=lambda item: item.event_id)) for members in groups),
        key=lambda members: members[0].event_id,
    )


def _cluster_block(mentions: list[GroupMention], day_window: int) -> list[list[GroupMention]]:
    groups: list[list[GroupMention]] = []
    index: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for mention in sorted(mentions, key=_canonical):
        numbers = sorted(
            {number for key in _lookup_keys(mention, day_window) for number in index.get(key, ())}
        )
        fitting = [
            groups[number]
            for number in numbers
            if all(_fits(mention, other, day_window) for other in groups[number])
        ]
        if fitting:
            best = max(fitting, key=lambda members: max(similarity(mention, other) for other in members))
            best.append(mention)
            continue
        groups.append([mention])
        for key in _index_keys(mention):
            index[key].append(len(groups) - 1)
    return groups


def _canonical(mention: GroupMention) -> tuple[int, dt.date, str]:
    return mention.rank, mention.date_start or dt.date.max, mention.event_id


def _index_keys(founder: GroupMention) -> list[tuple[object, ...]]:
    """Where a new group is filed: its founder's article, and its founder's day, month and year, as known.

    Mentions come finest date first, so a group founded by a day-precise mention holds only day-precise ones
    until every day-precise mention of the block has been placed (and likewise for months).
    """
    keys: list[tuple[object, ...]] = [("article", founder.article_id)]
    start = founder.date_start
    if start is None or founder.rank == UNDATED_RANK:
        return keys
    keys.append(("year", start.year))
    if founder.rank <= PRECISION_RANK["month"]:
        keys.append(("month", start.year, start.month))
    if founder.rank == PRECISION_RANK["day"]:
        keys.append(("day", start.toordinal()))
    return keys


def _lookup_keys(mention: GroupMention, day_window: int) -> list[tuple[object, ...]]:
    """Where every group it may fit is filed: a fitting group's founder must be compatible with it too."""
    start = mention.date_start
    if start is None or mention.rank == UNDATED_RANK:
        return [("article", mention.article_id)]
    if mention.rank == PRECISION_RANK["day"]:
        return [("day", start.toordinal() + step) for step in range(-day_window, day_window + 1)]
    if mention.rank == PRECISION_RANK["month"]:
        return [("month", start.year, start.month)]
    return [("year", start.year)]


def summarize(members: Sequence[GroupMention]) -> Group:
    """The group of `members`: id = the smallest event id; date = the finest (then earliest) member date."""
    ordered = sorted(members, key=lambda item: item.event_id)
    dated = min(ordered, key=_canonical)
    first = ordered[0]
    return Group(
        group_id=first.event_id,
        block=first.block,
        plover_event=first.plover_event,
        countries=first.countries,
        date=dated.date,
        date_precision=dated.date_precision if dated.rank < UNDATED_RANK else None,
        date_start=dated.date_start if dated.rank < UNDATED_RANK else None,
        event_ids=tuple(item.event_id for item in ordered),
        num_mentions=len(ordered),
        num_articles=len({item.article_id for item in ordered}),
        num_sources=len({item.source for item in ordered}),
    )


def mention_from_row(row: Sequence[Any]) -> GroupMention:
    """One MENTION_SELECT row → GroupMention."""
    (event_id, article_id, plover_event, actors, recipients, date_value, precision, start, symmetric, negated,
     evidence, quantities, source, url, stored_group) = row  # fmt: skip
    parsed = json.loads(quantities) if quantities and quantities != "[]" else []
    values = {item.get("value") for item in parsed if isinstance(item, dict)}
    return GroupMention(
        event_id=event_id,
        article_id=article_id,
        plover_event=plover_event,
        actor_countries=frozenset(actors or ()),
        recipient_countries=frozenset(recipients or ()),
        date=date_value,
        date_precision=precision,
        date_start=start,
        symmetric=bool(symmetric),
        negated=bool(negated),
        evidence=evidence or "",
        quantities=frozenset(value for value in values if isinstance(value, int | float)),
        source=source_key(article_id, source, url),
        stored_group=stored_group,
    )


def touched_blocks(connection: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> set[str]:
    """The blocks the stored events of these articles fall in (read before deleting, or after inserting)."""
    if not article_ids:
        return set()
    sql = f"SELECT DISTINCT {BLOCK_SQL} FROM events WHERE article_id {IN_LIST}"
    return {str(row[0]) for row in connection.execute(sql, [list(article_ids)]).fetchall()}


def pending_blocks(connection: duckdb.DuckDBPyConnection, *, everything: bool = False) -> set[str]:
    """The blocks holding events not grouped yet (group_id NULL), or every block."""
    where = "" if everything else " WHERE group_id IS NULL"
    rows = connection.execute(f"SELECT DISTINCT {BLOCK_SQL} FROM events{where}").fetchall()
    return {str(row[0]) for row in rows}


def regroup(
    connection: duckdb.DuckDBPyConnection, blocks: Iterable[str], *, day_window: int = DAY_WINDOW
) -> list[Group]:
    """Cluster every stored mention of `blocks` again; write events.group_id and the event_groups rows.

    Run it inside the caller's transaction (EventStore.write does), so groups and events change together.
    """
    keys = sorted(set(blocks))
    if not keys:
        return []
    rows = connection.execute(f"{MENTION_SELECT} WHERE {BLOCK_SQL} {IN_LIST}", [keys]).fetchall()
    mentions = [mention_from_row(row) for row in rows]
    groups = [summarize(members) for members in cluster(mentions, day_window=day_window)]
    stored = {mention.event_id: mention.stored_group for mention in mentions}
    connection.execute(f"DELETE FROM event_groups WHERE block {IN_LIST}", [keys])
    if groups:
        _store(connection, groups, stored)
    return groups


def _store(
    connection: duckdb.DuckDBPyConnection, groups: Sequence[Group], stored: dict[str, str | None]
) -> None:
    """Set-based statements (values as list parameters), never a round trip per row."""
    members = [
        (event_id, group.group_id)
        for group in groups
        for event_id in group.event_ids
        if stored.get(event_id) != group.group_id
    ]
    connection.execute(
        "UPDATE events SET group_id = assigned.group_id FROM (SELECT unnest(?::VARCHAR[]) AS event_id,"
        " unnest(?::VARCHAR[]) AS group_id) AS assigned WHERE events.event_id = assigned.event_id",
        [[event_id for event_id, _ in members], [group_id for _, group_id in members]],
    )
    columns = [[getattr(group, name) for group in groups] for name in GROUP_COLUMNS]
    columns[GROUP_COLUMNS.index("countries")] = [list(group.countries) for group in groups]
    selects = ", ".join(f"unnest(?::{kind}[])" for kind in GROUP_TYPES)
    connection.execute(f"INSERT INTO event_groups ({', '.join(GROUP_COLUMNS)}) SELECT {selects}", columns)


def group_record(row: Sequence[Any]) -> dict[str, Any]:
    """One GROUP_OF row → the JSON-ready summary of a group (without its mentions)."""
    record = dict(zip(GROUP_RECORD_KEYS, row, strict=True))
    record["countries"] = list(record["countries"] or [])
    return record
