"""Tests of legation.lexicons.ontology: the shipped CAMEO/PLOVER tables, the lookups, and the validator."""

from __future__ import annotations

import csv
import dataclasses
import re
from decimal import ROUND_HALF_DOWN, Decimal
from pathlib import Path
from statistics import mean

import pytest

from legation.errors import LexiconError
from legation.lexicons.ontology import Ontology, check_ontology, default_data_dir

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
REFERENCE = SHARED / "reference"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
# PLOVER renamed some types after the 2021 CAMEO table's draft: reconcile through this.
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the shipped tables ---------------------------------------------------------------------------------


def test_ontology_shipped_data_has_no_problems() -> None:
    assert check_ontology(default_data_dir()) == []


def test_ontology_plover_events_are_the_sixteen_types(ontology: Ontology) -> None:
    assert ontology.plover_events == PLOVER_TYPES


def test_cameo_every_code_has_goldstein_and_quad_class(ontology: Ontology) -> None:
    assert len(ontology.cameo_codes) > 250
    for code in ontology.cameo_codes:
        coding = ontology.cameo(code)
        assert -10.0 <= coding.goldstein <= 10.0
        assert coding.quad_class in {1, 2, 3, 4}
        assert ontology.cameo_name(code)


@pytest.mark.parametrize(
    ("code", "quad_class"),
    [
        ("010", 1),
        ("0214", 1),
        ("057", 1),
        ("064", 2),
        ("0874", 2),
        ("094", 3),
        ("1385", 3),
        ("145", 4),
        ("2042", 4),
    ],
)
def test_cameo_quad_class_follows_root(ontology: Ontology, code: str, quad_class: int) -> None:
    assert ontology.cameo(code).quad_class == quad_class


def test_cameo_codes_keep_leading_zeros(ontology: Ontology) -> None:
    assert ontology.has_cameo("041")
    assert not ontology.has_cameo("41")
    assert ontology.cameo("041").root == "04"


def test_cameo_unknown_code_raises_naming_it(ontology: Ontology) -> None:
    with pytest.raises(LexiconError, match="unknown CAMEO code '999'"):
        ontology.cameo("999")


def test_plover_every_cameo_code_maps_to_a_valid_coding(ontology: Ontology) -> None:
    for code in ontology.cameo_codes:
        plover = ontology.plover_for_cameo(code)
        assert ontology.is_plover_event(plover.event)
        assert plover.mode is None or ontology.is_mode(plover.event, plover.mode)
        assert all(ontology.is_context(context) for context in plover.contexts)
        assert plover.intensity == ontology.intensity(plover.event, plover.mode)


def test_plover_every_type_is_reachable_from_some_cameo_code(ontology: Ontology) -> None:
    reached = {ontology.plover_for_cameo(code).event for code in ontology.cameo_codes}
    assert reached == set(PLOVER_TYPES)


def test_plover_contract_example_consult_by_phone(ontology: Ontology) -> None:
    """CONTRACT.md's example: CAMEO 041 is CONSULT/phone, intensity 1.5, Goldstein 1.0, quad class 1."""
    assert ontology.plover_for_cameo("041").to_dict() == {
        "event": "CONSULT", "mode": "phone", "contexts": [], "intensity": 1.5,
    }  # fmt: skip
    assert ontology.cameo("041").to_dict() == {"code": "041", "root": "04", "goldstein": 1.0, "quad_class": 1}


@pytest.mark.parametrize("code", ["01", "010", "011", "016", "019", "02", "020", "0256", "028"])
def test_plover_dropped_codes_map_to_closest_type_with_a_note(ontology: Ontology, code: str) -> None:
    mapping = ontology.mapping(code)
    assert mapping.basis == "closest"
    assert mapping.note


@pytest.mark.parametrize(("code", "event"), [("02", "REQUEST"), ("0211", "REQUEST"), ("016", "REJECT")])
def test_plover_closest_type_examples(ontology: Ontology, code: str, event: str) -> None:
    assert ontology.plover_for_cameo(code).event == event


def test_intensity_of_modes_has_the_sign_of_its_event(ontology: Ontology) -> None:
    for event in ontology.plover_events:
        for mode in ontology.modes(event):
            assert (ontology.intensity(event, mode) > 0) == (ontology.intensity(event) > 0), (event, mode)


def test_intensity_of_modes_follows_documented_derivation(ontology: Ontology) -> None:
    """Mode score = mean of the event score and the mean Goldstein of the 3-4 digit codes PLOVER maps to
    that event and mode, rounded to 0.1, halves toward zero; the event's score when no code has the mode."""
    for event in ontology.plover_events:
        for mode in ontology.modes(event):
            scores = [
                ontology.cameo(code).goldstein
                for code in ontology.cameo_codes
                if len(code) > 2
                and ontology.mapping(code).basis == "plover"
                and (ontology.mapping(code).event, ontology.mapping(code).mode) == (event, mode)
            ]
            base = Decimal(str(ontology.intensity(event)))
            value = (base + Decimal(str(mean(scores)))) / 2 if scores else base
            expected = float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_DOWN))
            assert ontology.intensity(event, mode) == expected, (event, mode)


@pytest.mark.parametrize(
    ("event", "mode", "message"),
    [
        ("FIGHT", None, "unknown PLOVER event 'FIGHT'"),
        ("CONSULT", "aerial", "unknown mode 'aerial' of PLOVER event"),
    ],
)
def test_intensity_unknown_event_or_mode_raises(
    ontology: Ontology, event: str, mode: str | None, message: str
) -> None:
    with pytest.raises(LexiconError, match=message):
        ontology.intensity(event, mode)


def test_ontology_is_immutable(ontology: Ontology) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ontology.cameo_codes = ()  # type: ignore[misc]


# --- the validator, on tiny hand-written tables -------------------------------------------------------------

TINY = {
    "cameo_codes.csv": "code,name,goldstein,quad_class\n04,talk\n041,call\n19,fight\n190,war\n",
    "plover_events.csv": "event,quad_class,intensity,description\nCONSULT,1,2.1,talk\nASSAULT,4,-9.3,harm\n",
    "plover_modes.csv": "event,mode,intensity,description\nCONSULT,phone,1.5,by phone\n",
    "plover_contexts.csv": "context,description\nmilitary,armed forces\n",
    "cameo_plover.csv": (
        "cameo,plover_event,plover_mode,contexts,basis,note\n"
        "04,CONSULT,,,plover,\n041,CONSULT,phone,,plover,\n19,ASSAULT,,,plover,\n190,ASSAULT,,military,plover,\n"
    ),
}
# Goldstein and quad class columns of the tiny CAMEO table, kept apart so cases can break one value.
TINY_SCORES = {"04": "1.0,1", "041": "1.0,1", "19": "-10,4", "190": "-10,4"}


def _write_tiny(folder: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    texts = dict(TINY)
    lines = texts["cameo_codes.csv"].splitlines()
    texts["cameo_codes.csv"] = "\n".join(
        [lines[0]] + [f"{line},{TINY_SCORES[line.split(',')[0]]}" for line in lines[1:]]
    ) + "\n"  # fmt: skip
    for file, (old, new) in (edits or {}).items():
        assert old in texts[file], (file, old)
        texts[file] = texts[file].replace(old, new, 1)
    for file, text in texts.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def test_check_ontology_tiny_tables_are_valid(tmp_path: Path) -> None:
    folder = _write_tiny(tmp_path)
    assert check_ontology(folder) == []
    assert Ontology.load(folder).plover_for_cameo("190").contexts == ("military",)


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        (
            "cameo_codes.csv",
            "190,war",
            "19x,war",
            r"cameo_codes\.csv:5: code: expected 2-4 digits .* found '19x'",
        ),
        (
            "cameo_codes.csv",
            "190,war,-10,4",
            "210,war,-10,4",
            r"cameo_codes\.csv:5: code: .*root from 01 to 20",
        ),
        ("cameo_codes.csv", "190,war", "041,war", r"cameo_codes\.csv:5: code: .* found duplicate '041'"),
        (
            "cameo_codes.csv",
            "041,call,1.0",
            "041,call,11",
            r"cameo_codes\.csv:3: goldstein: expected a number from -10 to 10, found 11",
        ),
        (
            "cameo_codes.csv",
            "041,call,1.0",
            "041,call,high",
            r"cameo_codes\.csv:3: goldstein: .* found 'high'",
        ),
        (
            "cameo_codes.csv",
            "041,call,1.0,1",
            "041,call,1.0,2",
            r"cameo_codes\.csv:3: quad_class: expected 1 for root 04, found '2'",
        ),
        (
            "cameo_codes.csv",
            "190,war",
            "1901,war",
            r"cameo_codes\.csv:5: code: expected its parent code '190'",
        ),
        (
            "cameo_codes.csv",
            "code,name",
            "code,title",
            r"cameo_codes\.csv:1: header: expected code,name,goldstein,quad_class",
        ),
        (
            "cameo_codes.csv",
            "041,call,1.0,1",
            "041,call,1.0",
            r"cameo_codes\.csv:3: row: expected 4 fields, found 3",
        ),
        (
            "plover_events.csv",
            "ASSAULT,4",
            "ASSAULT,5",
            r"plover_events\.csv:3: quad_class: expected 1, 2, 3 or 4, found '5'",
        ),
        (
            "plover_events.csv",
            "-9.3",
            "-19.3",
            r"plover_events\.csv:3: intensity: expected a number from -10 to 10",
        ),
        (
            "plover_modes.csv",
            "CONSULT,phone",
            "PARLEY,phone",
            r"plover_modes\.csv:2: event: expected a PLOVER event .* found 'PARLEY'",
        ),
        (
            "plover_contexts.csv",
            "military",
            "Military",
            r"plover_contexts\.csv:2: context: expected a lower-case name",
        ),
        (
            "cameo_plover.csv",
            "19,ASSAULT",
            "19,FIGHT",
            r"cameo_plover\.csv:4: plover_event: expected a PLOVER event .* found 'FIGHT'",
        ),
        (
            "cameo_plover.csv",
            "190,ASSAULT,",
            "190,ASSAULT,phone",
            r"cameo_plover\.csv:5: plover_mode: expected a mode of ASSAULT .* found 'phone'",
        ),
        (
            "cameo_plover.csv",
            "military,plover",
            "health,plover",
            r"cameo_plover\.csv:5: contexts: .* found 'health'",
        ),
        (
            "cameo_plover.csv",
            "04,CONSULT,,,plover,",
            "04,CONSULT,,,closest,",
            r"cameo_plover\.csv:2: note: expected a note",
        ),
        (
            "cameo_plover.csv",
            "04,CONSULT,,,plover,",
            "04,CONSULT,,,guess,",
            r"cameo_plover\.csv:2: basis: .* found 'guess'",
        ),
        (
            "cameo_plover.csv",
            "041,CONSULT,phone,,plover,\n",
            "",
            r"cameo_codes\.csv:3: code: expected a row in cameo_plover\.csv, found none for '041'",
        ),
        (
            "cameo_plover.csv",
            "19,ASSAULT,,,plover,\n190,ASSAULT",
            "19,CONSULT,,,plover,\n190,CONSULT",
            r"plover_events\.csv:3: event: expected a CAMEO code mapped to it",
        ),
    ],
)
def test_check_ontology_reports_bad_row(tmp_path: Path, file: str, old: str, new: str, problem: str) -> None:
    folder = _write_tiny(tmp_path, {file: (old, new)})
    assert any(re.search(problem, found) for found in check_ontology(folder)), check_ontology(folder)
    with pytest.raises(LexiconError, match=problem):
        Ontology.load(folder)


def test_check_ontology_lists_every_problem_at_once(tmp_path: Path) -> None:
    folder = _write_tiny(
        tmp_path,
        {"cameo_codes.csv": ("041,call,1.0", "041,call,12"), "plover_contexts.csv": ("military", "Military")},
    )
    problems = check_ontology(folder)
    assert any(problem.startswith("cameo_codes.csv:3: goldstein:") for problem in problems)
    assert any(problem.startswith("plover_contexts.csv:2: context:") for problem in problems)


def test_check_ontology_missing_file_is_a_problem(tmp_path: Path) -> None:
    folder = _write_tiny(tmp_path)
    (folder / "plover_modes.csv").unlink()
    assert any(
        problem.startswith("plover_modes.csv:0: file: expected a readable")
        for problem in check_ontology(folder)
    )


# --- agreement with the third-party reference (../shared), skipped when absent -----------------------------


def _codebook() -> list[dict[str, str]]:
    path = REFERENCE / "cameo-codebook.csv"
    if not path.is_file():
        pytest.skip(f"reference codebook not found at {path}")
    return _read(path)


def _reference_types() -> dict[str, set[str]]:
    """CAMEO code → PLOVER types in the 2021 CAMEO-to-PLOVER table (a few codes are listed twice)."""
    path = REFERENCE / "CAMEO2PLOVER-2021.txt"
    if not path.is_file():
        pytest.skip(f"reference CAMEO-to-PLOVER table not found at {path}")
    types: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            types.setdefault(match.group(1), set()).add(RENAMED.get(match.group(2), match.group(2)))
    return types


@pytest.mark.shared
def test_reference_codes_equal_codebook(ontology: Ontology) -> None:
    assert set(ontology.cameo_codes) == {row["code"] for row in _codebook()}


@pytest.mark.shared
def test_reference_goldstein_equals_codebook(ontology: Ontology) -> None:
    mismatches = {
        row["code"]: (row["goldstein"], ontology.cameo(row["code"]).goldstein)
        for row in _codebook()
        if float(row["goldstein"]) != ontology.cameo(row["code"]).goldstein
    }
    assert mismatches == {}


@pytest.mark.shared
def test_reference_plover_types_match_table(ontology: Ontology) -> None:
    reference = _reference_types()
    compared = [code for code in ontology.cameo_codes if code in reference]
    assert len(compared) > 250
    mismatches = {
        code: (sorted(reference[code]), ontology.plover_for_cameo(code).event)
        for code in compared
        if ontology.plover_for_cameo(code).event not in reference[code]
    }
    assert mismatches == {}


@pytest.mark.shared
def test_reference_unmapped_codes_are_closest_type(ontology: Ontology) -> None:
    reference = _reference_types()
    unmapped = [code for code in ontology.cameo_codes if code not in reference]
    assert unmapped, "the 2021 table leaves CAMEO 01 and 02 unmapped"
    assert all(ontology.mapping(code).basis == "closest" for code in unmapped)
