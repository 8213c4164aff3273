"""implicit_recipients.csv: who a domestic actor's event that names no one is aimed at; validated on load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from legation.errors import LexiconError
from legation.lexicons import DATA_DIR, Lexicons

HEADER = "plover_event,actor_sectors,recipient_sector,note\n"


def load_with(tmp_path: Path, rows: str) -> Lexicons:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "implicit_recipients.csv").write_text(HEADER + rows, encoding="utf-8")
    return Lexicons.load(folder)


def test_implicit_recipients_rows_of_one_type_accumulate(tmp_path: Path) -> None:
    lexicons = load_with(tmp_path, "COERCE,COP,CVL,repression\nCOERCE,REB,GOV,insurgents\n")
    assert lexicons.implicit_recipients["COERCE"] == (
        (frozenset({"COP"}), "CVL"),
        (frozenset({"REB"}), "GOV"),
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "COERCE,COP,CVL,a\nCOERCE,COP|REB,GOV,b\n",
            r"implicit_recipients.csv:3: actor_sectors: expected sectors",
        ),
        ("PARADE,CVL,GOV,a\n", r"implicit_recipients.csv:2: plover_event: expected a PLOVER type"),
        (
            "PROTEST,CVL|XYZ,GOV,a\n",
            r"implicit_recipients.csv:2: sectors: expected sector codes, found \['XYZ'\]",
        ),
    ],
)
def test_implicit_recipients_bad_rows_say_where(tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load_with(tmp_path, rows)
