"""`legation actors list|show|add|remove|export|import` over a real DuckDB store (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from legation.actors.registry import ActorRegistry
from legation.cli import main
from legation.store.events import EventStore

PHOENIX = (
    "ARAGORN_ELESSAR_\n+STRIDER_\n\t[ARNELI 900101-001231]\n\t[ARNGOV >010101]\nBAD_\n\t[ARNGOV 9913-]\n"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.duckdb")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_actors_add_then_list_and_show(db: str) -> None:
    added = run(
        "actors",
        "add",
        "Zorana Petrov",
        "--country",
        "arn",
        "--sector",
        "GOV",
        "--title",
        "Foreign Minister",
        "--db",
        db,
    )
    assert added.exit_code == 0, added.output
    listed = run("actors", "list", "--db", db, "--source", "user", "--country", "ARN")
    assert "Zorana Petrov" in listed.output and "ARN" in listed.output
    shown = run("actors", "show", "zorana petrov", "--db", db)
    record = json.loads(shown.output.splitlines()[0])
    assert (record["name"], record["country"], record["source"], record["title"]) == (
        "Zorana Petrov",
        "ARN",
        "user",
        "Foreign Minister",
    )


def test_actors_list_filters_by_source(db: str) -> None:
    run("actors", "add", "Zorana Petrov", "--country", "ARN", "--sector", "GOV", "--db", db)
    assert run("actors", "list", "--db", db, "--source", "learned").output == ""


def test_actors_add_rejects_an_unknown_sector(db: str) -> None:
    result = CliRunner().invoke(
        main, ["actors", "add", "X Y", "--country", "ARN", "--sector", "KNG", "--db", db]
    )
    assert result.exit_code == 2 and "KNG" in result.output


def test_actors_show_and_remove_unknown_name_fail_cleanly(db: str) -> None:
    run("actors", "add", "Zorana Petrov", "--country", "ARN", "--sector", "GOV", "--db", db)
    for command in ("show", "remove"):
        result = CliRunner().invoke(main, ["actors", command, "Nobody Here", "--db", db])
        assert result.exit_code == 1 and "'Nobody Here': not in the registry" in result.output


def test_actors_remove_deletes_the_entry(db: str) -> None:
    run("actors", "add", "Zorana Petrov", "--country", "ARN", "--sector", "GOV", "--db", db)
    assert "removed 1 entry" in run("actors", "remove", "Zorana Petrov", "--db", db).output
    with EventStore(db, read_only=True) as store:
        assert len(ActorRegistry().load(store)) == 0


def test_actors_export_then_import_round_trips(db: str, tmp_path: Path) -> None:
    run("actors", "add", "Zorana Petrov", "--country", "ARN", "--sector", "GOV", "--db", db)
    exported = tmp_path / "actors.jsonl"
    run("actors", "export", "--output", str(exported), "--db", db)
    other = str(tmp_path / "other.duckdb")
    result = run("actors", "import", str(exported), "--db", other)
    assert "imported 1 entries" in result.output
    assert (
        run("actors", "export", "--db", other).output.strip() == exported.read_text(encoding="utf-8").strip()
    )


def test_actors_import_phoenix_reports_left_out_codes(db: str, tmp_path: Path) -> None:
    path = tmp_path / "tiny.actors.txt"
    path.write_text(PHOENIX, encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", "import", str(path), "--format", "phoenix", "--db", db])
    assert result.exit_code == 0
    assert "imported 4 entries" in result.output and "1 codes left out" in result.output
    assert "tiny.actors.txt:6: code" in result.output
    with EventStore(db, read_only=True) as store:
        known = ActorRegistry().load(store).lookup("Strider", None)
    assert known is not None and (known.name, known.country) == ("Aragorn Elessar", "ARN")


def test_actors_import_bad_jsonl_fails_with_the_line(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", "import", str(path), "--db", db])
    assert result.exit_code == 1 and "bad.jsonl:1: expected a registry entry" in result.output
