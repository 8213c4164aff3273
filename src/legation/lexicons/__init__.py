"""Every data file of legation, loaded and validated in one place: `Lexicons.load(dir)`, `check(dir)`.

The files live in lexicons/data/ (ours: facts and rules written for legation). Each loader reports every bad
row as `file:line: field: expected X, found Y`; nothing bad is skipped silently.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from legation.errors import LexiconError
from legation.events.dates import DateRules
from legation.events.modality import ModalityCues
from legation.lexicons.offices import OFFICE_HOLDERS, OfficeTerm, load_office_terms
from legation.lexicons.ontology import Ontology
from legation.lexicons.triggers import TriggerEntry, load_triggers
from legation.lexicons.world import World
from legation.nlp.boilerplate import BoilerplateRules, load_rules

DATA_DIR = Path(__file__).parent / "data"
T = TypeVar("T")


def data_version(data_dir: Path) -> str:
    """A short digest of every data file: it changes whenever a lexicon changes (recorded on each event)."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _attempt(problems: list[str], loader: Callable[[], T]) -> T | None:
    """Run one loader, collecting its problems instead of stopping at the first bad file."""
    try:
        return loader()
    except LexiconError as error:
        problems.extend(error.problems)
        return None


def _load_future_agree(path: Path, ontology: Ontology) -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            event, context, code = row["plover_event"].strip(), row["context"].strip(), row["cameo"].strip()
            if not ontology.is_plover_event(event):
                problems.append(f"{path.name}:{line}: plover_event: expected a PLOVER type, found {event!r}")
            elif not ontology.has_cameo(code):
                problems.append(f"{path.name}:{line}: cameo: expected a CAMEO code, found {code!r}")
            else:
                table[(event, context)] = code
    if problems:
        raise LexiconError("\n".join(problems))
    return table


ImplicitRecipients = dict[str, tuple[tuple[frozenset[str], str], ...]]


def _load_implicit_recipients(path: Path, ontology: Ontology, sectors: frozenset[str]) -> ImplicitRecipients:
    """plover_event → ((actor sectors, recipient sector), ...): who an event of a domestic actor naming no one
    is aimed at. The rows of one type must not share an actor sector."""
    table: dict[str, tuple[tuple[frozenset[str], str], ...]] = {}
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            event, recipient = row["plover_event"].strip(), row["recipient_sector"].strip()
            actors = frozenset(part.strip() for part in row["actor_sectors"].split("|") if part.strip())
            unknown = sorted((actors | {recipient}) - sectors)
            if not ontology.is_plover_event(event):
                problems.append(f"{path.name}:{line}: plover_event: expected a PLOVER type, found {event!r}")
            elif any(actors & earlier for earlier, _ in table.get(event, ())):
                problems.append(
                    f"{path.name}:{line}: actor_sectors: expected sectors not listed for {event} above"
                )
            elif not actors or unknown:
                problems.append(
                    f"{path.name}:{line}: sectors: expected sector codes, found {unknown or 'none'}"
                )
            else:
                table[event] = (*table.get(event, ()), (actors, recipient))
    if problems:
        raise LexiconError("\n".join(problems))
    return table


@dataclass(frozen=True)
class Lexicons:
    """All validated data the coder needs; immutable once loaded."""

    ontology: Ontology
    world: World
    triggers: tuple[TriggerEntry, ...]
    modality: ModalityCues
    boilerplate: BoilerplateRules
    dates: DateRules
    future_agree_table: dict[tuple[str, str], str]
    future_threaten_table: dict[tuple[str, str], str]
    negated_reject_table: dict[tuple[str, str], str]
    implicit_recipients: ImplicitRecipients
    version: str
    office_terms: tuple[OfficeTerm, ...] = ()

    @classmethod
    def load(cls, data_dir: str | Path | None = None) -> Lexicons:
        """Load and validate every file; a LexiconError lists the problems of all files at once."""
        folder = Path(data_dir) if data_dir is not None else DATA_DIR
        problems: list[str] = []
        ontology = _attempt(problems, lambda: Ontology.load(folder))
        world = _attempt(problems, lambda: World.load(folder))
        triggers = _attempt(problems, lambda: load_triggers(folder / "triggers.jsonl"))
        modality = _attempt(problems, lambda: ModalityCues.load(folder / "modality.csv"))
        boilerplate = _attempt(problems, lambda: load_rules(folder / "boilerplate.csv"))
        dates = _attempt(problems, lambda: DateRules.load(folder / "date_words.csv"))
        if (
            ontology is None
            or world is None
            or triggers is None
            or modality is None
            or boilerplate is None
            or dates is None
        ):
            raise LexiconError("\n".join(problems))
        future_agree = _attempt(problems, lambda: _load_future_agree(folder / "future_agree.csv", ontology))
        future_threaten = _attempt(
            problems, lambda: _load_future_agree(folder / "future_threaten.csv", ontology)
        )
        negated_reject = _attempt(
            problems, lambda: _load_future_agree(folder / "negated_reject.csv", ontology)
        )
        known = frozenset(country.iso3 for country in world.countries) | {"EUR"}
        office_terms = _attempt(problems, lambda: load_office_terms(folder / OFFICE_HOLDERS, countries=known))
        sector_codes = frozenset(term.sector for term in world.sector_terms)
        implicit = _attempt(
            problems,
            lambda: _load_implicit_recipients(folder / "implicit_recipients.csv", ontology, sector_codes),
        )
        problems.extend(_cross_check(ontology, triggers))
        if (
            problems
            or future_agree is None
            or future_threaten is None
            or negated_reject is None
            or implicit is None
        ) or office_terms is None:
            raise LexiconError("\n".join(problems))
        return cls(
            ontology=ontology,
            world=world,
            triggers=triggers,
            modality=modality,
            boilerplate=boilerplate,
            dates=dates,
            future_agree_table=future_agree,
            future_threaten_table=future_threaten,
            negated_reject_table=negated_reject,
            implicit_recipients=implicit,
            version=data_version(folder),
            office_terms=office_terms,
        )

    @property
    def future_agree(self) -> frozenset[str]:
        """PLOVER types that become AGREE when only intended or announced for the future."""
        return frozenset(event for event, _ in self.future_agree_table)

    def future_agree_code(self, plover_event: str, contexts: tuple[str, ...]) -> str:
        """The CAMEO 03x code of an intent to do `plover_event` (the most specific for the contexts)."""
        return _most_specific(self.future_agree_table, plover_event, contexts)

    @property
    def future_threaten(self) -> frozenset[str]:
        """PLOVER types that become THREATEN when only intended or announced: a coercion not yet done."""
        return frozenset(event for event, _ in self.future_threaten_table)

    def future_threaten_code(self, plover_event: str, contexts: tuple[str, ...]) -> str:
        """The CAMEO 13x code of a threat to do `plover_event` (the most specific for the contexts)."""
        return _most_specific(self.future_threaten_table, plover_event, contexts)

    @property
    def negated_reject(self) -> frozenset[str]:
        """PLOVER types whose negation is a refusal ("would not meet the demands": CAMEO 124, refuse to
        yield)."""
        return frozenset(event for event, _ in self.negated_reject_table)

    def negated_reject_code(self, plover_event: str, contexts: tuple[str, ...]) -> str:
        """The CAMEO 124x code of refusing to do `plover_event` (the most specific for the contexts)."""
        return _most_specific(self.negated_reject_table, plover_event, contexts)


def _most_specific(table: dict[tuple[str, str], str], plover_event: str, contexts: tuple[str, ...]) -> str:
    for context in contexts:
        code = table.get((plover_event, context))
        if code:
            return code
    return table[(plover_event, "")]


def _cross_check(ontology: Ontology, triggers: tuple[TriggerEntry, ...]) -> list[str]:
    """Trigger entries must name CAMEO codes, PLOVER modes and contexts the ontology knows."""
    problems: list[str] = []
    for entry in triggers:
        where = f"triggers.jsonl: {entry.id}"
        if not ontology.has_cameo(entry.cameo):
            problems.append(f"{where}: cameo: expected a known CAMEO code, found {entry.cameo!r}")
        if entry.mode and not ontology.is_mode(entry.plover, entry.mode):
            problems.append(f"{where}: mode: expected a mode of {entry.plover}, found {entry.mode!r}")
        for context in entry.contexts:
            if not ontology.is_context(context):
                problems.append(f"{where}: contexts: expected a PLOVER context, found {context!r}")
    return problems


def check(data_dir: str | Path | None = None) -> list[str]:
    """Every problem in the data files (empty when all is well): what `legation lexicon check` prints."""
    try:
        Lexicons.load(data_dir)
    except LexiconError as error:
        return list(error.problems)
    return []
