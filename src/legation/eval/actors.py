"""Actor-level evaluation: PLOVER GSR gold actors (`actorText`, `code`, `sector`) + the resolver's mentions
→ EvalReport.

For each gold actor: is a mention found over its text, with the right country, and the right sector where the
gold has one. Figures are given over the found actors and over all gold actors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legation.errors import InputError
from legation.eval.plover import read_gsr_records
from legation.eval.report import EvalReport, Table, format_figure, ratio
from legation.model import ActorRef

if TYPE_CHECKING:
    from legation.settings import Settings

# PLOVER codes the UN and the EU as IGO; legation keeps their own codes (UNO, EUR), which are
# inter-governmental.
IGO_CODES = frozenset({"IGO", "UNO", "EUR"})
# GSR sector spellings → legation's: JRN is MED here (lexicons/world.py), CIV a variant of CVL, MOS (Muslim)
# is REL.
SECTOR_ALIASES: Mapping[str, str] = {"JRN": "MED", "CIV": "CVL", "MOS": "REL"}
# The GSR marks elided text inside an actor ("U.S. ... negotiators"); the first part locates it.
ELISION = "..."


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One gold source or target actor of a GSR record, its code normalised to ISO3 and sector to a PLOVER
    code."""

    gold_id: str
    role: str  # "source" | "target"
    text: str
    code: str
    sector: str | None


@dataclass(frozen=True, slots=True)
class ActorOutcome:
    """How one gold actor fared: the mention found over its text (or None), and whether it agrees."""

    gold: GoldActor
    mention: ActorRef | None
    country_correct: bool
    sector_correct: bool | None  # None when the gold has no sector


def read_actor_gold(path: str | Path, *, country_codes: Mapping[str, str]) -> tuple[GoldActor, ...]:
    """Every source/target actor of the GSR JSON list (DOCUMENT records skipped); InputError lists every
    problem."""
    source = Path(path)
    records = read_gsr_records(source)
    golds: list[GoldActor] = []
    problems: list[str] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        golds.extend(_record_actors(record, f"{source}:[{index}]", country_codes, problems))
    if problems:
        raise InputError(f"{len(problems)} problem(s) in PLOVER gold:\n" + "\n".join(problems))
    return tuple(golds)


def _record_actors(
    record: dict[str, Any], where: str, country_codes: Mapping[str, str], problems: list[str]
) -> Iterable[GoldActor]:
    gold_id = str(record.get("id", ""))
    for role in ("source", "target"):
        actors = record.get(role)
        if not isinstance(actors, list):
            continue  # no target: a reciprocal record
        for position, actor in enumerate(actors):
            text = actor.get("actorText") if isinstance(actor, dict) else None
            code = actor.get("code") if isinstance(actor, dict) else None
            if not isinstance(text, str) or not text.strip() or not isinstance(code, str) or not code:
                problems.append(f"{where}: {role}[{position}]: expected actorText and code, found {actor!r}")
                continue
            sector = actor.get("sector")
            yield GoldActor(
                gold_id,
                role,
                " ".join(text.split()),
                country_codes.get(code, code),
                normalise_sector(sector if isinstance(sector, str) else None),
            )


def normalise_sector(sector: str | None) -> str | None:
    """ "CVLalb" → CVL, "JRN" → MED, "***" or nothing → None: the first three letters are the sector."""
    if not sector or not sector[:3].isalpha():
        return None
    head = sector[:3].upper()
    return SECTOR_ALIASES.get(head, head)


def locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Character span of a gold actor text in its sentence (spaces collapsed, case ignored), or None."""
    wanted = actor_text.split(ELISION)[0].strip().lower()
    if not wanted:
        return None
    lowered = text.lower()
    start = lowered.find(wanted)
    if start < 0:
        squeezed = " ".join(wanted.split("  "))
        start = lowered.find(squeezed)
        wanted = squeezed
    return (start, start + len(wanted)) if start >= 0 else None


def same_country(coded: str | None, gold: str) -> bool:
    """Equal codes, or both inter-governmental (IGO, UNO, EUR)."""
    return coded == gold or (coded in IGO_CODES and gold in IGO_CODES)


def judge_actors(text: str, golds: Sequence[GoldActor], mentions: Sequence[ActorRef]) -> list[ActorOutcome]:
    """Match each gold actor to the mention that overlaps its text most (then the nearest start, the
    shorter)."""
    outcomes = []
    for gold in golds:
        span = locate(text, gold.text)
        mention = _best_overlap(span, mentions) if span is not None else None
        country_correct = mention is not None and same_country(mention.country, gold.code)
        sector_correct = (
            None if gold.sector is None else mention is not None and mention.sector == gold.sector
        )
        outcomes.append(ActorOutcome(gold, mention, country_correct, sector_correct))
    return outcomes


def _best_overlap(span: tuple[int, int], mentions: Sequence[ActorRef]) -> ActorRef | None:
    best: tuple[int, int, int] | None = None
    chosen: ActorRef | None = None
    for mention in mentions:
        if mention.start is None or mention.end is None:
            continue
        overlap = min(span[1], mention.end) - max(span[0], mention.start)
        # The mention that starts where the gold text starts: "rebels in Darfur" is the rebels, not Darfur.
        key = (overlap, -abs(mention.start - span[0]), -(mention.end - mention.start))
        if overlap > 0 and (best is None or key > best):
            best, chosen = key, mention
    return chosen


def actor_report(outcomes: Sequence[ActorOutcome], *, errors: bool = False) -> EvalReport:
    """Found, country and sector accuracy (over found and over all), a per-role table, and misses on
    request."""
    found = [outcome for outcome in outcomes if outcome.mention is not None]
    sectored = [outcome for outcome in outcomes if outcome.sector_correct is not None]
    sectored_found = [outcome for outcome in sectored if outcome.mention is not None]
    countries = sum(outcome.country_correct for outcome in outcomes)
    sectors = sum(bool(outcome.sector_correct) for outcome in sectored)
    figures: dict[str, float | int] = {
        "actors": len(outcomes),
        "found": len(found),
        "found_rate": ratio(len(found), len(outcomes)),
        "country_accuracy_found": ratio(countries, len(found)),
        "country_accuracy_all": ratio(countries, len(outcomes)),
        "actors_with_sector": len(sectored),
        "sector_accuracy_found": ratio(sectors, len(sectored_found)),
        "sector_accuracy_all": ratio(sectors, len(sectored)),
    }
    lines = tuple(line for line in map(describe_outcome, outcomes) if line) if errors else ()
    return EvalReport(kind="actors", figures=figures, errors=lines, tables=(_per_role_table(outcomes),))


def describe_outcome(outcome: ActorOutcome) -> str:
    """One error line for an actor not found, or found with a wrong country or sector ("" when right)."""
    gold, mention = outcome.gold, outcome.mention
    expected = f"{gold.code}/{gold.sector or '-'}"
    if mention is None:
        return f"not found {gold.gold_id} {gold.role} {gold.text!r}: gold {expected}"
    if outcome.country_correct and outcome.sector_correct is not False:
        return ""
    coded = f"{mention.country or '-'}/{mention.sector or '-'} by {mention.resolved_by or '-'}"
    what = "wrong country" if not outcome.country_correct else "wrong sector"
    return (
        f"{what} {gold.gold_id} {gold.role} {gold.text!r} as {mention.text!r}: gold {expected}, coded {coded}"
    )


def _per_role_table(outcomes: Sequence[ActorOutcome]) -> Table:
    rows = []
    for role in ("source", "target"):
        chosen = [outcome for outcome in outcomes if outcome.gold.role == role]
        found = sum(outcome.mention is not None for outcome in chosen)
        countries = sum(outcome.country_correct for outcome in chosen)
        sectored = [outcome for outcome in chosen if outcome.sector_correct is not None]
        sectors = sum(bool(outcome.sector_correct) for outcome in sectored)
        rows.append(
            (
                role,
                str(len(chosen)),
                str(found),
                format_figure(ratio(countries, len(chosen))),
                str(len(sectored)),
                format_figure(ratio(sectors, len(sectored))),
            )
        )
    header = ("role", "actors", "found", "country acc", "with sector", "sector acc")
    return Table(title="accuracy per role (over all)", header=header, rows=tuple(rows))


def evaluate_actors(
    inputs_path: str | Path, gold_path: str | Path, *, settings: Settings | None = None, errors: bool = False
) -> EvalReport:
    """Parse the input articles, list the resolver's mentions in each, and score them against the gold
    actors."""
    from legation.eval.plover import read_country_codes
    from legation.model import Article
    from legation.pipeline import build_pipeline
    from legation.readers import read_articles
    from legation.settings import load_settings

    golds = read_actor_gold(gold_path, country_codes=read_country_codes())
    by_article: dict[str, list[GoldActor]] = {}
    for gold in golds:
        by_article.setdefault(gold.gold_id, []).append(gold)
    pipeline = build_pipeline(settings or load_settings(env={}))
    articles = [item for item in read_articles(inputs_path) if isinstance(item, Article)]
    outcomes: list[ActorOutcome] = []
    seen: set[str] = set()
    for parsed in pipeline.parser(article for article in articles if article.article_id in by_article):
        seen.add(parsed.article.article_id)
        mentions = pipeline.coder.resolver.mentions(parsed)
        outcomes.extend(judge_actors(parsed.article.text, by_article[parsed.article.article_id], mentions))
    outcomes.extend(
        ActorOutcome(gold, None, False, None if gold.sector is None else False)
        for gold in golds
        if gold.gold_id not in seen
    )
    return actor_report(outcomes, errors=errors)
