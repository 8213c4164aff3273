"""Contract tests: every event `legation code --format jsonl` prints has CONTRACT.md's output shape.

`contract_problems(event, text, tables)` checks every field; it runs over our fixtures and the seeds.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from legation.cli import main
from legation.lexicons import DATA_DIR
from legation.pipeline import Pipeline, build_pipeline
from legation.settings import Settings, load_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "seeds"

PLOVER_EVENTS = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})  # fmt: skip
TOP_KEYS = frozenset({
    "event_id", "article_id", "sentence_index", "date", "date_precision", "date_basis", "plover", "cameo",
    "actor", "recipient", "symmetric", "modality", "quantities", "evidence",
})  # fmt: skip
DATE_SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
DATE_BASES = frozenset({"text", "publication", "inferred"})
HEADER = re.compile(r" date \d{4}-\d{2}-\d{2}(?: |(?=\n)|$)")
CODE = re.compile(r"[A-Z]{3}")
CAMEO_CODE = re.compile(r"\d{2,4}")
Problems = list[str]


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Tables:
    """The code tables the contract refers to (CAMEO, PLOVER, countries, sectors), from the package data."""

    def __init__(self) -> None:
        self.cameo = {row["code"]: row for row in _rows("cameo_codes.csv")}
        self.event_intensity = {row["event"]: float(row["intensity"]) for row in _rows("plover_events.csv")}
        self.mode_intensity = {
            (row["event"], row["mode"]): float(row["intensity"]) for row in _rows("plover_modes.csv")
        }
        self.contexts = frozenset(row["context"] for row in _rows("plover_contexts.csv"))
        organizations = _rows("organizations.csv")
        self.countries = frozenset(row["iso3"] for row in _rows("countries.csv")) | {
            row["code"] for row in organizations
        }
        self.sectors = frozenset(row["sector"] for row in _rows("sectors.csv")) | {
            row["sector"] for row in organizations if row["sector"]
        }


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_date(event: dict[str, Any]) -> Problems:
    value, precision, basis = event["date"], event["date_precision"], event["date_basis"]
    if value is None:
        ok = precision is None and basis is None
        return [] if ok else [f"date: null date with precision {precision!r} and basis {basis!r}"]
    problems: Problems = []
    if precision not in DATE_SHAPES:
        return [f"date_precision: expected day|month|year, found {precision!r}"]
    if not isinstance(value, str) or not re.fullmatch(DATE_SHAPES[precision], value):
        problems.append(f"date: expected the {precision} shape, found {value!r}")
    elif precision == "day":
        try:
            date.fromisoformat(value)
        except ValueError:
            problems.append(f"date: expected a calendar day, found {value!r}")
    elif precision == "month" and not 1 <= int(value[5:7]) <= 12:
        problems.append(f"date: expected a month 01-12, found {value!r}")
    if basis not in DATE_BASES:
        problems.append(f"date_basis: expected text|publication|inferred, found {basis!r}")
    return problems


def _check_plover(plover: Any, tables: Tables) -> Problems:
    if not isinstance(plover, dict) or set(plover) != {"event", "mode", "contexts", "intensity"}:
        return [f"plover: expected event, mode, contexts, intensity, found {plover!r}"]
    event, mode = plover["event"], plover["mode"]
    if event not in PLOVER_EVENTS:
        return [f"plover.event: expected one of the 16 PLOVER types, found {event!r}"]
    problems: Problems = []
    if mode is not None and (event, mode) not in tables.mode_intensity:
        problems.append(f"plover.mode: expected a PLOVER mode of {event}, found {mode!r}")
    contexts = plover["contexts"]
    if not isinstance(contexts, list) or not all(context in tables.contexts for context in contexts):
        problems.append(f"plover.contexts: expected a list of PLOVER contexts, found {contexts!r}")
    expected = tables.mode_intensity.get((event, mode), tables.event_intensity[event])
    if not _is_number(plover["intensity"]) or plover["intensity"] != expected:
        found = plover["intensity"]
        problems.append(f"plover.intensity: expected {expected} for {event}/{mode}, found {found!r}")
    return problems


def _quad_class(root: str) -> int:
    """CAMEO's QuadClass of a root: 01-05 verbal and 06-08 material cooperation, 09-13 and 14-20 conflict."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def _check_cameo(cameo: Any, tables: Tables) -> Problems:
    if not isinstance(cameo, dict) or set(cameo) != {"code", "root", "goldstein", "quad_class"}:
        return [f"cameo: expected code, root, goldstein, quad_class, found {cameo!r}"]
    code = cameo["code"]
    if not isinstance(code, str) or not CAMEO_CODE.fullmatch(code) or code not in tables.cameo:
        return [f"cameo.code: expected a CAMEO code of 2-4 digits, found {code!r}"]
    problems: Problems = []
    if cameo["root"] != code[:2]:
        problems.append(f"cameo.root: expected {code[:2]!r}, found {cameo['root']!r}")
    if cameo["quad_class"] not in (1, 2, 3, 4) or cameo["quad_class"] != _quad_class(code[:2]):
        problems.append(f"cameo.quad_class: expected {_quad_class(code[:2])}, found {cameo['quad_class']!r}")
    goldstein = float(tables.cameo[code]["goldstein"])
    if not _is_number(cameo["goldstein"]) or cameo["goldstein"] != goldstein:
        problems.append(f"cameo.goldstein: expected {goldstein} for {code}, found {cameo['goldstein']!r}")
    return problems


def _check_actors(role: str, actors: Any, tables: Tables) -> Problems:
    if not isinstance(actors, list):
        return [f"{role}: expected a list, found {actors!r}"]
    problems: Problems = []
    for number, actor in enumerate(actors):
        where = f"{role}[{number}]"
        if not isinstance(actor, dict) or not {"text", "name", "title", "country", "sector"} <= set(actor):
            problems.append(f"{where}: expected text, name, title, country, sector, found {actor!r}")
            continue
        if not isinstance(actor["text"], str) or not actor["text"].strip():
            problems.append(f"{where}.text: expected a non-empty string, found {actor['text']!r}")
        for name in ("name", "title"):
            if actor[name] is not None and not isinstance(actor[name], str):
                problems.append(f"{where}.{name}: expected a string or null, found {actor[name]!r}")
        country, sector = actor["country"], actor["sector"]
        if country is not None and not (
            isinstance(country, str) and CODE.fullmatch(country) and country in tables.countries
        ):
            problems.append(f"{where}.country: expected ISO3 or a PLOVER non-state code, found {country!r}")
        if sector is not None and sector not in tables.sectors:
            problems.append(f"{where}.sector: expected a PLOVER sector code, found {sector!r}")
    return problems


def _check_flags(event: dict[str, Any]) -> Problems:
    problems: Problems = []
    if not isinstance(event["symmetric"], bool):
        problems.append(f"symmetric: expected true or false, found {event['symmetric']!r}")
    modality = event["modality"]
    keys = {"negated", "future", "hypothetical"}
    if (
        not isinstance(modality, dict)
        or set(modality) != keys
        or not all(isinstance(modality[key], bool) for key in keys)
    ):
        problems.append(f"modality: expected negated, future, hypothetical booleans, found {modality!r}")
    quantities = event["quantities"]
    if not isinstance(quantities, list) or not all(
        isinstance(item, dict) and isinstance(item.get("text"), str) for item in quantities
    ):
        problems.append(f"quantities: expected a list of objects with text, found {quantities!r}")
    return problems


def _check_evidence(evidence: Any, text: str) -> Problems:
    if not isinstance(evidence, dict) or set(evidence) != {"text", "start", "end"}:
        return [f"evidence: expected text, start, end, found {evidence!r}"]
    start, end = evidence["start"], evidence["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"evidence: expected 0 <= start < end <= {len(text)}, found {start!r}, {end!r}"]
    if text[start:end] != evidence["text"]:
        return [f"evidence: text[{start}:{end}] is {text[start:end]!r}, not {evidence['text']!r}"]
    return []


def _check_identity(event: dict[str, Any]) -> Problems:
    article_id, index = event["article_id"], event["sentence_index"]
    problems: Problems = []
    if not isinstance(article_id, str) or not article_id:
        problems.append(f"article_id: expected a non-empty string, found {article_id!r}")
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        problems.append(f"sentence_index: expected an integer >= 0, found {index!r}")
    if not re.fullmatch(rf"{re.escape(str(article_id))}:{index}:\d+", str(event["event_id"])):
        problems.append(f"event_id: expected {article_id}:{index}:N, found {event['event_id']!r}")
    return problems


def contract_problems(event: dict[str, Any], text: str, tables: Tables) -> Problems:
    """Every way `event` departs from CONTRACT.md's output shape; `text` is its article's text as stored."""
    missing = TOP_KEYS - set(event)
    if missing:
        return [f"missing fields: {sorted(missing)}"]
    return [
        *_check_identity(event),
        *_check_date(event),
        *_check_plover(event["plover"], tables),
        *_check_cameo(event["cameo"], tables),
        *_check_actors("actor", event["actor"], tables),
        *_check_actors("recipient", event["recipient"], tables),
        *_check_flags(event),
        *_check_evidence(event["evidence"], text),
    ]


def article_texts(folder: Path) -> dict[str, str]:
    """Article id → text as stored: a .txt file without its date header, a .jsonl line's `text`."""
    texts: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".txt":
            raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
            header = HEADER.match(raw)
            texts[path.stem] = raw[header.end() :].lstrip() if header else raw
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            records = (json.loads(line) for line in lines if line.strip())
            texts.update({record["id"]: record["text"] for record in records})
    return texts


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(load_settings(env={}))


@pytest.fixture(scope="module")
def invoke(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Result]]:
    """Run the CLI in an empty folder with no LEGATION_* variables; pipelines are built once per settings."""
    built: dict[Settings, Pipeline] = {pipeline.settings: pipeline}

    def cached(settings: Settings) -> Pipeline:
        if settings not in built:
            built[settings] = build_pipeline(settings)
        return built[settings]

    with pytest.MonkeyPatch.context() as patch:
        for key in [key for key in os.environ if key.startswith("LEGATION_")]:
            patch.delenv(key)
        patch.chdir(tmp_path_factory.mktemp("cwd"))
        patch.setattr("legation.api.build_pipeline", cached)
        yield lambda *args: CliRunner().invoke(main, [str(arg) for arg in args])


def _events(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _all_problems(events: list[dict[str, Any]], texts: dict[str, str], tables: Tables) -> list[str]:
    return [
        f"{event['event_id']}: {problem}"
        for event in events
        for problem in contract_problems(event, texts[event["article_id"]], tables)
    ]


@pytest.mark.model
@pytest.mark.parametrize("flags", [(), ("--all-events",)], ids=["default", "all-events"])
def test_contract_code_jsonl_events_validate(
    invoke: Callable[..., Result], tables: Tables, flags: tuple[str, ...]
) -> None:
    events = _events(invoke("code", FIXTURES, "--format", "jsonl", *flags))
    assert len(events) >= 6
    assert _all_problems(events, article_texts(FIXTURES), tables) == []


@pytest.mark.model
def test_contract_code_jsonl_event_ids_unique(invoke: Callable[..., Result]) -> None:
    events = _events(invoke("code", FIXTURES, "--format", "jsonl", "--all-events"))
    ids = [event["event_id"] for event in events]
    assert len(ids) == len(set(ids))


@pytest.mark.model
def test_contract_phone_call_fixture_fields(invoke: Callable[..., Result]) -> None:
    events = _events(invoke("code", FIXTURES / "101_indonesia_australia_call.txt", "--format", "jsonl"))
    call = events[0]
    coding = (call["plover"]["event"], call["plover"]["mode"], call["cameo"]["code"])
    assert coding == ("CONSULT", "phone", "041")
    assert (call["date"], call["date_precision"], call["date_basis"]) == ("2022-09-05", "day", "text")
    assert [actor["country"] for actor in call["actor"] + call["recipient"]] == ["IDN", "AUS"]
    assert call["symmetric"] is True


@pytest.mark.model
@pytest.mark.shared
def test_contract_seed_events_validate(invoke: Callable[..., Result], tables: Tables) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    events = _events(invoke("code", SEEDS, "--format", "jsonl", "--all-events"))
    assert events
    assert _all_problems(events, article_texts(SEEDS), tables) == []


def _link_list(text: str) -> tuple[int, int]:
    """The span from a "Latest News" heading to the end of the "- ..." lines right after it."""
    start = text.index("Latest News")
    end = start + len("Latest News")
    while (item := re.match(r"\n+- [^\n]*", text[end:])) is not None:
        end += item.end()
    return start, end


@pytest.mark.model
@pytest.mark.shared
def test_contract_seed_events_avoid_latest_news_list(invoke: Callable[..., Result]) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    texts = {article_id: text for article_id, text in article_texts(SEEDS).items() if "Latest News" in text}
    assert texts, "no seed has a Latest News list"
    events = _events(invoke("code", SEEDS, "--format", "jsonl", "--all-events"))
    for article_id, text in texts.items():
        start, end = _link_list(text)
        assert text[start:end].count("\n- ") >= 3
        inside = [
            event["event_id"]
            for event in events
            if event["article_id"] == article_id
            and event["evidence"]["start"] < end
            and event["evidence"]["end"] > start
        ]
        assert inside == []


VALID_EVENT: dict[str, Any] = {
    "event_id": "a:0:0",
    "article_id": "a",
    "sentence_index": 0,
    "date": "2020-03-30",
    "date_precision": "day",
    "date_basis": "text",
    "plover": {"event": "CONSULT", "mode": "phone", "contexts": ["diplomatic"], "intensity": 1.5},
    "cameo": {"code": "041", "root": "04", "goldstein": 1.0, "quad_class": 1},
    "actor": [
        {"text": "Kenya's president", "name": None, "title": "President", "country": "KEN", "sector": "GOV"}
    ],
    "recipient": [{"text": "Ghana", "name": None, "title": None, "country": "GHA", "sector": None}],
    "symmetric": True,
    "modality": {"negated": False, "future": False, "hypothetical": False},
    "quantities": [],
    "evidence": {"text": "Kenya's president called Ghana.", "start": 5, "end": 36},
}
VALID_TEXT = "Yes. Kenya's president called Ghana. More."


def _mutated(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    event = copy.deepcopy(VALID_EVENT)
    parent: Any = event
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return event


def test_contract_validator_accepts_valid_event(tables: Tables) -> None:
    assert contract_problems(VALID_EVENT, VALID_TEXT, tables) == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("plover", "event"), "CHAT", "plover.event"),
        (("plover", "mode"), "visit-by-boat", "plover.mode"),
        (("plover", "contexts"), ["gossip"], "plover.contexts"),
        (("plover", "intensity"), 9.9, "plover.intensity"),
        (("cameo", "code"), "042", "cameo.goldstein"),
        (("cameo", "code"), "41", "cameo.code"),
        (("cameo", "code"), "04a", "cameo.code"),
        (("cameo", "root"), "05", "cameo.root"),
        (("cameo", "quad_class"), 3, "cameo.quad_class"),
        (("cameo", "goldstein"), "1.0", "cameo.goldstein"),
        (("date",), "2020-03", "date: expected the day shape"),
        (("date",), "2020-02-30", "calendar day"),
        (("date_precision",), "week", "date_precision"),
        (("date_basis",), "guess", "date_basis"),
        (("actor", 0, "country"), "Kenya", "actor[0].country"),
        (("recipient", 0, "sector"), "ARMY", "recipient[0].sector"),
        (("symmetric",), "yes", "symmetric"),
        (("modality", "future"), None, "modality"),
        (("evidence", "start"), 6, "evidence: text[6:36]"),
        (("event_id",), "b:0:0", "event_id"),
        (("sentence_index",), -1, "sentence_index"),
    ],
)
def test_contract_validator_rejects_broken_field(
    tables: Tables, path: tuple[str | int, ...], value: Any, message: str
) -> None:
    problems = contract_problems(_mutated(path, value), VALID_TEXT, tables)
    assert any(message in problem for problem in problems), problems


def test_contract_validator_rejects_missing_field(tables: Tables) -> None:
    event = {key: value for key, value in VALID_EVENT.items() if key != "date_basis"}
    assert contract_problems(event, VALID_TEXT, tables) == ["missing fields: ['date_basis']"]
