"""Seeds evaluation: article-level dyadic gold events (seeds-gold.jsonl) + coded events → EvalReport.

Recall over required gold events, precision over dyadic coded events of gold articles, F1, and date accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import InputError
from legation.eval.coded import CodedEvent, events_by_article, read_json_lines
from legation.eval.report import EvalReport, f1_score, ratio

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ROOT = re.compile(r"^\d{2}$")


@dataclass(frozen=True, slots=True)
class SeedGold:
    """One gold event: `sources`/`targets` country codes, acceptable CAMEO roots, an optional date."""

    gold_id: str
    article_id: str
    required: bool
    symmetric: bool
    sources: frozenset[str]
    targets: frozenset[str]
    cameo_roots: tuple[str, ...]
    date: str | None = None
    note: str = ""


def read_seeds_gold(path: str | Path) -> tuple[SeedGold, ...]:
    """Read seeds-gold.jsonl (`doc` is the article file name); raise InputError listing every problem."""
    source = Path(path)
    golds: list[SeedGold] = []
    problems: list[str] = []
    seen: set[str] = set()
    for where, record in read_json_lines(source, "seeds gold", problems):
        gold = _parse_gold(record, where, problems)
        if gold is not None and gold.gold_id in seen:
            problems.append(f"{where}: id: expected a unique id, found {gold.gold_id!r} again")
        elif gold is not None:
            seen.add(gold.gold_id)
            golds.append(gold)
    if problems:
        raise InputError(f"{len(problems)} problem(s) in seeds gold:\n" + "\n".join(problems))
    return tuple(golds)


def _parse_gold(record: Any, where: str, problems: list[str]) -> SeedGold | None:
    if not isinstance(record, dict):
        problems.append(f"{where}: line: expected a JSON object, found {type(record).__name__}")
        return None
    before = len(problems)
    for name in ("doc", "id"):
        if not isinstance(record.get(name), str) or not record[name]:
            problems.append(f"{where}: {name}: expected a non-empty string, found {record.get(name)!r}")
    for name in ("req", "sym"):
        if not isinstance(record.get(name), bool):
            problems.append(f"{where}: {name}: expected true or false, found {record.get(name)!r}")
    for name in ("src", "tgt", "cameo"):
        value = record.get(name)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and item for item in value)
        ):
            problems.append(f"{where}: {name}: expected a non-empty list of codes, found {value!r}")
    roots = record.get("cameo")
    if isinstance(roots, list) and not all(isinstance(root, str) and _ROOT.match(root) for root in roots):
        problems.append(f"{where}: cameo: expected two-digit CAMEO roots, found {roots!r}")
    date = record.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        problems.append(f"{where}: date: expected YYYY, YYYY-MM, YYYY-MM-DD or null, found {date!r}")
    if len(problems) > before:
        return None
    return SeedGold(
        gold_id=record["id"],
        article_id=record["doc"].removesuffix(".txt"),
        required=record["req"],
        symmetric=record["sym"],
        sources=frozenset(record["src"]),
        targets=frozenset(record["tgt"]),
        cameo_roots=tuple(record["cameo"]),
        date=date,
        note=str(record.get("note") or ""),
    )


def match_rank(event: CodedEvent, gold: SeedGold) -> tuple[int, int, int, int] | None:
    """How well `event` matches `gold` (lower is better), or None when it does not match.

    Prefers the gold direction over the reverse, then the gold's first-listed root, then the earliest event.
    """
    if event.cameo_root not in gold.cameo_roots:
        return None
    forward = _links(event.actor_countries, gold.sources) and _links(event.recipient_countries, gold.targets)
    reverse = _links(event.actor_countries, gold.targets) and _links(event.recipient_countries, gold.sources)
    if not forward and not (reverse and (gold.symmetric or event.symmetric)):
        return None
    return (0 if forward else 1, gold.cameo_roots.index(event.cameo_root), *event.position)


def _links(countries: Sequence[str], codes: frozenset[str]) -> bool:
    return any(country in codes for country in countries)


def date_is_correct(coded: str | None, gold: str) -> bool:
    """The coded date cut to the gold's precision (day, month, year) equals it; less precise is wrong."""
    return coded is not None and len(coded) >= len(gold) and coded[: len(gold)] == gold


def evaluate_seeds(
    events: Sequence[CodedEvent], golds: Sequence[SeedGold], *, errors: bool = False
) -> EvalReport:
    """Score coded events against the seeds gold (conventions in shared/gold/README.md)."""
    golds_by_article: dict[str, list[SeedGold]] = {}
    for gold in golds:
        golds_by_article.setdefault(gold.article_id, []).append(gold)
    grouped = events_by_article(events)
    recall_figures, recall_errors = _score_required(golds, grouped)
    precision_figures, precision_errors = _score_coded(grouped, golds_by_article)
    precision = ratio(int(precision_figures["coded_matched"]), int(precision_figures["coded_dyadic"]))
    recall = float(recall_figures["recall"])
    figures: dict[str, float | int] = {
        "recall": recall,
        "precision": precision,
        "f1": f1_score(precision, recall),
        **recall_figures,
        **precision_figures,
    }
    return EvalReport(
        kind="seeds", figures=figures, errors=tuple(recall_errors + precision_errors) if errors else ()
    )


def _score_required(
    golds: Sequence[SeedGold], grouped: dict[str, list[CodedEvent]]
) -> tuple[dict[str, float | int], list[str]]:
    """Recall over required gold events, and the date of each found one checked at the gold's precision."""
    required = [gold for gold in golds if gold.required]
    found = date_correct = date_total = 0
    missed: list[str] = []
    wrong_dates: list[str] = []
    for gold in required:
        ranked = [
            (rank, event)
            for event in grouped.get(gold.article_id, [])
            if (rank := match_rank(event, gold)) is not None
        ]
        if not ranked:
            missed.append(f"missed {gold.gold_id} ({gold.article_id}): {gold.note}")
            continue
        found += 1
        if gold.date is None:
            continue
        # One dyad and root twice in an article (seeds 001-b/001-e: signings in 2020 and 2016): only the date
        # tells which coded event is which, so one with the gold's date is the best match; then match_rank.
        gold_date = gold.date
        best = min(ranked, key=lambda pair: (not date_is_correct(pair[1].date, gold_date), pair[0]))[1]
        date_total += 1
        if date_is_correct(best.date, gold_date):
            date_correct += 1
        else:
            wrong_dates.append(
                f"wrong date {gold.gold_id}: gold {gold.date}, coded {best.date or 'null'} ({best.event_id})"
            )
    return {
        "recall": ratio(found, len(required)),
        "gold_required": len(required),
        "found": found,
        "date_correct": date_correct,
        "date_total": date_total,
        "date_accuracy": ratio(date_correct, date_total),
    }, missed + wrong_dates


def _score_coded(
    grouped: dict[str, list[CodedEvent]], golds_by_article: dict[str, list[SeedGold]]
) -> tuple[dict[str, float | int], list[str]]:
    """Precision: dyadic coded events of gold articles that match any gold event (required or not)."""
    dyadic = matched = ignored = 0
    problems: list[str] = []
    for article_id, article_events in grouped.items():
        article_golds = golds_by_article.get(article_id)
        if article_golds is None:
            ignored += len(article_events)
            continue
        for event in article_events:
            if not event.is_dyadic:
                continue
            dyadic += 1
            if any(match_rank(event, gold) is not None for gold in article_golds):
                matched += 1
            else:
                problems.append(
                    f"false positive {article_id} sentence {event.sentence_index} cameo {event.cameo_code} "
                    f"{event.dyad_text()}: {event.evidence_text}"
                )
    return {
        "coded_dyadic": dyadic,
        "coded_matched": matched,
        "false_positives": dyadic - matched,
        "events_ignored": ignored,
    }, problems
