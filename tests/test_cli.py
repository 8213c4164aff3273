"""End-to-end tests of the `legation` command (click's CliRunner) on the hand-written fixture articles.

Each test runs real commands: code, ingest, events, pairs, eval, lexicon check, settings.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from legation.cli import main
from legation.export import CSV_COLUMNS
from legation.lexicons import DATA_DIR
from legation.pipeline import Pipeline, build_pipeline
from legation.settings import Settings, load_settings
from legation.store.events import EventStore

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs de la "
    "région, qui ont subi des pertes importantes après les inondations du mois dernier. Les aides seront "
    "versées dans les prochaines semaines, selon le ministre, qui s'est rendu sur place pour rencontrer les "
    "élus locaux."
)
Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def invoke(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Invoke]:
    """Run the CLI in an empty folder with no LEGATION_* variables; one pipeline is built per settings."""
    built: dict[Settings, Pipeline] = {}

    def cached(settings: Settings, **wiring: Any) -> Pipeline:
        if wiring:  # ingest wires in the actor registry of its own database: never shared between runs
            return build_pipeline(settings, **wiring)
        # code gives each run its own db; the pipeline does not depend on it.
        key = settings.replace(db="")
        if key not in built:
            built[key] = build_pipeline(settings)
        return built[key]

    with pytest.MonkeyPatch.context() as patch:
        for key in [key for key in os.environ if key.startswith("LEGATION_")]:
            patch.delenv(key)
        patch.chdir(tmp_path_factory.mktemp("cwd"))
        patch.setattr("legation.api.build_pipeline", cached)
        patch.setattr("legation.ingest.build_pipeline", cached)
        yield lambda *args: CliRunner().invoke(main, [str(arg) for arg in args])


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def _jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _ok(result).stdout.splitlines()]


@pytest.fixture(scope="module")
def coded(invoke: Invoke) -> list[dict[str, Any]]:
    return _jsonl(invoke("code", FIXTURES, "--format", "jsonl"))


@pytest.fixture(scope="module")
def stored(invoke: Invoke, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file holding the fixture articles."""
    db = tmp_path_factory.mktemp("store") / "events.duckdb"
    _ok(invoke("ingest", FIXTURES, "--db", db))
    return db


def _countries(event: dict[str, Any], role: str) -> set[str]:
    return {actor["country"] for actor in event[role] if actor["country"]}


def _copy_fixtures(target: Path) -> Path:
    shutil.copytree(FIXTURES, target)
    return target


def _store_events(db: Path) -> list[dict[str, Any]]:
    with EventStore(db, read_only=True) as store:
        return store.events()


# code


@pytest.mark.model
def test_code_default_events_each_have_a_dyad(coded: list[dict[str, Any]]) -> None:
    assert {event["article_id"] for event in coded} == {
        "101_indonesia_australia_call", "102_japan_philippines_aid", "103_sweden_russia_condemn",
        "104_chile_peru_visit", "j-ghana-togo",
    }  # fmt: skip
    assert all(_countries(event, "actor") and _countries(event, "recipient") for event in coded)


@pytest.mark.model
@pytest.mark.parametrize(
    ("article_id", "plover", "actor", "recipient"),
    [
        ("101_indonesia_australia_call", "CONSULT", "IDN", "AUS"),
        ("102_japan_philippines_aid", "AID", "JPN", "PHL"),
        ("103_sweden_russia_condemn", "ACCUSE", "SWE", "RUS"),
        ("104_chile_peru_visit", "CONSULT", "CHL", "PER"),
        ("j-ghana-togo", "CONSULT", "GHA", "TGO"),
    ],
)
def test_code_fixture_headline_event(
    coded: list[dict[str, Any]], article_id: str, plover: str, actor: str, recipient: str
) -> None:
    found = [
        (event["plover"]["event"], _countries(event, "actor"), _countries(event, "recipient"))
        for event in coded
        if event["article_id"] == article_id
    ]
    assert (plover, {actor}, {recipient}) in found


@pytest.mark.model
def test_code_reports_non_english_article_on_stderr(invoke: Invoke, coded: list[dict[str, Any]]) -> None:
    result = _ok(invoke("code", FIXTURES / "mixed.jsonl", "--format", "jsonl"))
    assert re.search(r"skipped .*mixed\.jsonl:2: not_english: ", result.stderr)
    assert "not_english" not in result.stdout
    assert all(event["article_id"] != "j-belgique-maroc" for event in coded)


@pytest.mark.model
def test_code_csv_has_one_record_per_event(invoke: Invoke, coded: list[dict[str, Any]]) -> None:
    result = _ok(invoke("code", FIXTURES, "--format", "csv"))
    reader = csv.DictReader(io.StringIO(result.stdout))
    records = list(reader)
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert [record["event_id"] for record in records] == [event["event_id"] for event in coded]
    assert [record["cameo_code"] for record in records] == [event["cameo"]["code"] for event in coded]
    assert [record["evidence_text"] for record in records] == [event["evidence"]["text"] for event in coded]


@pytest.mark.model
def test_code_table_has_a_line_per_event(invoke: Invoke, coded: list[dict[str, Any]]) -> None:
    lines = _ok(invoke("code", FIXTURES, "--format", "table")).stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "actor", "recipient"]
    assert len(lines) == len(coded) + 1
    for line, event in zip(lines[1:], coded, strict=True):
        assert line.startswith(event["date"])
        assert event["plover"]["event"] in line and event["cameo"]["code"] in line


@pytest.mark.model
def test_code_all_events_includes_every_default_event(invoke: Invoke, coded: list[dict[str, Any]]) -> None:
    every = _jsonl(invoke("code", FIXTURES, "--format", "jsonl", "--all-events"))
    assert len(every) > len(coded)
    assert [event for event in coded if event not in every] == []
    assert any(not _countries(event, "recipient") for event in every)


def test_code_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("code", FIXTURES, "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.output


# ingest


def _summary(result: Result) -> str:
    return _ok(result).stdout.splitlines()[0]


def _count(db: Path) -> dict[str, int]:
    with EventStore(db, read_only=True) as store:
        return store.counts()


@pytest.mark.model
def test_ingest_twice_changes_nothing(invoke: Invoke, tmp_path: Path, coded: list[dict[str, Any]]) -> None:
    db = tmp_path / "events.duckdb"
    first = _summary(invoke("ingest", FIXTURES, "--db", db))
    assert first == f"articles: 5 new, 0 replaced, 0 unchanged; events written: {len(coded)}"
    counts = _count(db)
    second = _summary(invoke("ingest", FIXTURES, "--db", db))
    assert second == "articles: 0 new, 0 replaced, 5 unchanged; events written: 0"
    assert _count(db) == counts == {"articles": 5, "events": len(coded)}


@pytest.mark.model
def test_ingest_modified_article_replaces_its_events(invoke: Invoke, tmp_path: Path) -> None:
    folder = _copy_fixtures(tmp_path / "articles")
    db = tmp_path / "events.duckdb"
    _ok(invoke("ingest", folder, "--db", db))
    article = folder / "102_japan_philippines_aid.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Manila thanked Tokyo", "Manila praised Tokyo"), encoding="utf-8")
    summary = _summary(invoke("ingest", folder, "--db", db))
    assert summary.startswith("articles: 0 new, 1 replaced, 4 unchanged;")
    events = _store_events(db)
    ids = [event["event_id"] for event in events]
    assert len(ids) == len(set(ids)) == _count(db)["events"]
    texts = [e["evidence"]["text"] for e in events if e["article_id"] == "102_japan_philippines_aid"]
    assert "Manila praised Tokyo for the assistance." in texts
    assert not any("thanked" in text for text in texts)


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    """One good article beside an empty, a binary and a French one."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(FIXTURES / "103_sweden_russia_condemn.txt", folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "french.txt").write_text(f" date 2024-01-09 {FRENCH}\n", encoding="utf-8")
    return folder


@pytest.mark.model
def test_ingest_skips_bad_inputs_with_reasons(invoke: Invoke, bad_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    lines = _ok(invoke("ingest", bad_folder, "--db", db)).stdout.splitlines()
    assert lines[0].startswith("articles: 1 new, 0 replaced, 0 unchanged;")
    assert lines[1] == "skipped: 3 (binary 1, empty 1, not_english 1)"
    details = "\n".join(lines[2:])
    for name, reason in [("binary.txt", "binary"), ("empty.txt", "empty"), ("french.txt", "not_english")]:
        assert re.search(rf"{name}\S*: {reason}: ", details), details
    with EventStore(db, read_only=True) as store:
        assert store.has_article("103_sweden_russia_condemn")
        assert store.counts()["articles"] == 1


@pytest.mark.model
def test_ingest_strict_exits_3_after_storing_the_rest(
    invoke: Invoke, bad_folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    result = invoke("ingest", bad_folder, "--db", db, "--strict")
    assert result.exit_code == 3
    assert "skipped: 3" in result.stdout
    assert _count(db)["articles"] == 1


# events and pairs


@pytest.mark.model
def test_events_jsonl_matches_coded_events(invoke: Invoke, stored: Path, coded: list[dict[str, Any]]) -> None:
    listed = _jsonl(invoke("events", "--db", stored, "--format", "jsonl"))
    key = json.dumps
    assert sorted(map(key, listed)) == sorted(map(key, coded))


@pytest.mark.model
@pytest.mark.parametrize("country", ["SWE", "per"])
def test_events_country_filter(
    invoke: Invoke, stored: Path, coded: list[dict[str, Any]], country: str
) -> None:
    listed = _jsonl(invoke("events", "--db", stored, "--country", country, "--format", "jsonl"))
    code = country.upper()
    expected = {e["event_id"] for e in coded if code in _countries(e, "actor") | _countries(e, "recipient")}
    assert expected
    assert {event["event_id"] for event in listed} == expected


@pytest.mark.model
@pytest.mark.parametrize("dyad", ["PER-CHL", "chl-per"])
def test_events_dyad_filter_either_direction(
    invoke: Invoke, stored: Path, coded: list[dict[str, Any]], dyad: str
) -> None:
    listed = _jsonl(invoke("events", "--db", stored, "--dyad", dyad, "--format", "jsonl"))
    expected = {
        e["event_id"] for e in coded if {"CHL", "PER"} <= _countries(e, "actor") | _countries(e, "recipient")
    }
    assert {"104_chile_peru_visit:0:0", "104_chile_peru_visit:1:0"} <= expected
    assert {event["event_id"] for event in listed} == expected


@pytest.mark.model
def test_events_since_and_type_filters(invoke: Invoke, stored: Path, coded: list[dict[str, Any]]) -> None:
    listed = _jsonl(
        invoke("events", "--db", stored, "--since", "2021-01-01", "--type", "consult", "--format", "jsonl")
    )
    expected = {
        e["event_id"] for e in coded if e["date"] >= "2021-01-01" and e["plover"]["event"] == "CONSULT"
    }
    assert {"101_indonesia_australia_call:1:0", "j-ghana-togo:0:0"} <= expected
    assert any(e["plover"]["event"] == "CONSULT" and e["date"] < "2021-01-01" for e in coded)
    assert {event["event_id"] for event in listed} == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2020-13-45"), "expected an ISO date YYYY-MM-DD, found '2020-13-45'"),
        (("--until", "yesterday"), "expected an ISO date YYYY-MM-DD, found 'yesterday'"),
        (("--dyad", "MAR"), "expected two codes joined by '-', like MAR-KOR, found 'MAR'"),
    ],
)
def test_events_bad_option_is_a_usage_error(
    invoke: Invoke, stored: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke("events", "--db", stored, *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.model
def test_events_table_format(invoke: Invoke, stored: Path) -> None:
    lines = _ok(invoke("events", "--db", stored, "--type", "AID")).stdout.splitlines()
    assert len(lines) == 2
    assert re.match(r"2021-11-17\s+JPN\s+->\s+PHL\s+AID\s+073\b", lines[1])


@pytest.mark.model
def test_pairs_counts_events_per_country_pair(
    invoke: Invoke, stored: Path, coded: list[dict[str, Any]]
) -> None:
    lines = _ok(invoke("pairs", "--db", stored)).stdout.splitlines()
    assert lines[0].split() == ["pair", "events"]
    printed = {pair: int(count) for pair, count in (line.split() for line in lines[1:])}
    expected = Counter("-".join(sorted(_countries(e, "actor") | _countries(e, "recipient"))) for e in coded)
    assert printed == dict(expected)
    assert {"AUS-IDN", "JPN-PHL", "RUS-SWE", "CHL-PER", "GHA-TGO"} <= set(printed)


def test_events_missing_store_is_a_clean_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("events", "--db", tmp_path / "absent" / "none.duckdb")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "none.duckdb" in result.output
    assert "Traceback" not in result.output


# eval

GOLD = [
    {"doc": "101_indonesia_australia_call.txt", "id": "101-a", "req": True, "sym": True, "src": ["IDN"],
     "tgt": ["AUS"], "cameo": ["04"], "date": "2022-09-05"},
    {"doc": "102_japan_philippines_aid.txt", "id": "102-a", "req": True, "sym": False, "src": ["JPN"],
     "tgt": ["PHL"], "cameo": ["07"], "date": "2021-11-17"},
    {"doc": "103_sweden_russia_condemn.txt", "id": "103-a", "req": True, "sym": False, "src": ["SWE"],
     "tgt": ["RUS"], "cameo": ["11", "12"], "date": "2019-04-09"},
    # Nothing in the fixture says this: a required event no coder should find.
    {"doc": "102_japan_philippines_aid.txt", "id": "102-b", "req": True, "sym": False, "src": ["PHL"],
     "tgt": ["JPN"], "cameo": ["17"], "date": "2021-11-18"},
]  # fmt: skip


@pytest.mark.model
def test_eval_seeds_prints_recall(invoke: Invoke, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text(_ok(invoke("code", FIXTURES, "--format", "jsonl")).stdout, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(record) + "\n" for record in GOLD), encoding="utf-8")
    result = _ok(invoke("eval", "seeds", events, gold, "--errors"))
    assert re.search(r"^recall\s+0\.750$", result.stdout, re.MULTILINE), result.stdout
    assert re.search(r"^found\s+3$", result.stdout, re.MULTILINE)
    assert "missed 102-b" in result.stdout


def test_eval_bad_gold_names_line_and_field(invoke: Invoke, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({**GOLD[0], "req": "yes"}) + "\n", encoding="utf-8")
    result = invoke("eval", "seeds", events, gold)
    assert result.exit_code == 1
    assert f"{gold}:1: req: expected true or false, found 'yes'" in result.output


# lexicon check and settings


def test_lexicon_check_accepts_package_data(invoke: Invoke) -> None:
    result = _ok(invoke("lexicon", "check"))
    assert result.stdout.strip() == "lexicons: all data files valid"


@pytest.fixture()
def broken_data(tmp_path: Path) -> Path:
    """A copy of the package data with one bad row: line 3 of plover_events.csv gets quad_class 7."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "plover_events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    event, _quad_class, rest = lines[2].split(",", 2)
    lines[2] = f"{event},7,{rest}"
    path.write_text("".join(lines), encoding="utf-8")
    return folder


def test_lexicon_check_reports_broken_row(invoke: Invoke, broken_data: Path) -> None:
    result = invoke("lexicon", "check", "--data-dir", broken_data)
    assert result.exit_code == 1
    assert "plover_events.csv:3: quad_class: expected 1, 2, 3 or 4, found '7'" in result.stdout
    assert "all data files valid" not in result.output


def test_lexicon_check_counts_only_real_problems(invoke: Invoke, broken_data: Path) -> None:
    result = invoke("lexicon", "check", "--data-dir", broken_data)
    problems = [line for line in result.stdout.splitlines() if re.match(r"[\w.]+:\d+: ", line)]
    assert f"Error: {len(problems)} problem(s) in the data files" in result.output


def test_settings_lists_every_setting(invoke: Invoke) -> None:
    result = _ok(invoke("settings"))
    printed = re.findall(r"^(\w+) = ", result.stdout, re.MULTILINE)
    assert printed == [item.name for item in fields(Settings)]
    assert f"model = {json.dumps(load_settings(env={}).model)}" in result.stdout


def test_settings_show_environment_value(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGATION_BATCH_SIZE", "7")
    assert "batch_size = 7" in _ok(invoke("settings")).stdout
