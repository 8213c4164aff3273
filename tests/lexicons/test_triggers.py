"""Trigger lexicon: the loader's validation and the packaged lexicon's coverage."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from legation.errors import LexiconError
from legation.lexicons.triggers import DEFAULT_PATH, PLOVER_TYPES, load_triggers, parse_triggers

GOOD = {
    "id": "consult.hold_talks",
    "kind": "verb",
    "lemma": "hold",
    "object": ["talk"],
    "cameo": "040",
    "plover": "CONSULT",
    "contexts": [],
    "symmetric": True,
    "example": "Arnor held talks with Gondor.",
}


def _line(**changes: object) -> str:
    record = {**GOOD, **changes}
    return json.dumps({key: value for key, value in record.items() if value is not None})


def test_triggers_parse_valid_entry() -> None:
    (entry,) = parse_triggers([_line()])
    assert entry.object == ("talk",)
    assert entry.root == "04"
    assert entry.recipient_preps == ("with", "to", "for", "against", "on")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"triggers.jsonl:1: json: expected a JSON object, found invalid JSON"),
        ("[1, 2]", r"triggers.jsonl:1: json: expected a JSON object, found list"),
        (_line(colour="red"), r"triggers.jsonl:1: colour: expected one of the fields .*, found unknown"),
        (_line(plover="DISCUSS"), r"triggers.jsonl:1: plover: expected .*'CONSULT'.*, found 'DISCUSS'"),
        (_line(cameo="21"), r"cameo: expected a CAMEO code of 2-4 digits with root 01-20, found '21'"),
        (_line(cameo="04a"), r"triggers.jsonl:1: cameo: expected a CAMEO code .*, found '04a'"),
        (_line(cameo="00"), r"triggers.jsonl:1: cameo: expected a CAMEO code .*, found '00'"),
        (_line(example=""), r"triggers.jsonl:1: example: expected .*"),
        (_line(example="   "), r"triggers.jsonl:1: example: expected a non-empty example sentence"),
        (_line(kind="adjective"), r"triggers.jsonl:1: kind: expected 'verb' or 'noun', found 'adjective'"),
        (_line(id="NoDots"), r"triggers.jsonl:1: id: expected a dotted lowercase id"),
        (_line(object=[]), r"triggers.jsonl:1: object: expected a non-empty list of lemmas"),
        (_line(object=None, object_mod=["phone"]), r"object_mod: expected `object` to be set as well"),
        (_line(symmetric="yes"), r"triggers.jsonl:1: symmetric: expected a valid boolean, found 'yes'"),
        (_line(lemma=None), r"triggers.jsonl:1: lemma: expected a value, found nothing"),
    ],
)
def test_triggers_parse_reports_problem(line: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_triggers([line])


def test_triggers_parse_reports_duplicate_id_with_first_line() -> None:
    message = r"triggers.jsonl:3: id: expected a unique id, found .* \(first on line 1\)"
    with pytest.raises(LexiconError, match=message):
        parse_triggers([_line(), "", _line()])


def test_triggers_parse_lists_every_problem() -> None:
    lines = [_line(plover="DISCUSS"), _line(id="consult.other", cameo="99"), "{"]
    with pytest.raises(LexiconError, match=r"3 problem\(s\)") as caught:
        parse_triggers(lines)
    assert [f"triggers.jsonl:{n}:" in str(caught.value) for n in (1, 2, 3)] == [True, True, True]


def test_triggers_noun_may_constrain_its_own_modifier() -> None:
    line = _line(kind="noun", lemma="call", object=None, object_mod=["phone"], cameo="041")
    (entry,) = parse_triggers([line])
    assert entry.object_mod == ("phone",)


def test_triggers_load_names_file_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(_line() + "\n" + _line(id="consult.x", plover="TALK") + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"mine.jsonl:2: plover:"):
        load_triggers(path)


def test_triggers_load_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"cannot read trigger lexicon"):
        load_triggers(tmp_path / "absent.jsonl")


def test_triggers_packaged_lexicon_loads_with_unique_ids_and_examples() -> None:
    entries = load_triggers()
    assert len(entries) >= 350
    assert len({entry.id for entry in entries}) == len(entries)
    assert all(entry.example.strip() for entry in entries)


@pytest.mark.parametrize("root", [f"{number:02d}" for number in range(1, 21)])
def test_triggers_packaged_lexicon_reaches_every_cameo_root(root: str) -> None:
    assert sum(entry.root == root for entry in load_triggers()) >= 3


@pytest.mark.parametrize("plover", PLOVER_TYPES)
def test_triggers_packaged_lexicon_reaches_every_plover_type(plover: str) -> None:
    assert any(entry.plover == plover for entry in load_triggers())


def test_triggers_packaged_codes_agree_with_cameo_plover_table() -> None:
    table_path = DEFAULT_PATH.parent / "cameo_plover.csv"
    if not table_path.is_file():
        pytest.skip("cameo_plover.csv is not in the data folder")
    with table_path.open(encoding="utf-8", newline="") as handle:
        table = {row["cameo"]: row["plover_event"] for row in csv.DictReader(handle)}
    entries = load_triggers()
    wrong = [(entry.id, entry.cameo) for entry in entries if table.get(entry.cameo) != entry.plover]
    assert wrong == []


def test_triggers_packaged_codes_exist_in_cameo_codebook() -> None:
    codebook = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "cameo-codebook.csv"
    if not codebook.is_file():
        pytest.skip("../shared is absent")
    with codebook.open(encoding="utf-8", newline="") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert sorted({entry.cameo for entry in load_triggers()} - codes) == []
