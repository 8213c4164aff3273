"""Trigger lexicon: the schema of one `triggers.jsonl` entry and its validating loader.

path → tuple[TriggerEntry, ...]; every problem reads `triggers.jsonl:LINE: field: expected X, found Y`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from legation.errors import LexiconError
from legation.model import PLOVER_EVENT_TYPES

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "triggers.jsonl"

PLOVER_TYPES: tuple[str, ...] = PLOVER_EVENT_TYPES
DEFAULT_RECIPIENT_PREPS: tuple[str, ...] = ("with", "to", "for", "against", "on")

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip

_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
_CAMEO = re.compile(r"^\d{2,4}$")
_WORD = re.compile(r"^[a-z][a-z'-]*$")
_NAME = re.compile(r"^[a-z][a-z_-]*$")

Words = tuple[str, ...]


def _check_words(values: Words | None, what: str) -> Words | None:
    if values is None:
        return None
    if not values:
        raise ValueError(f"expected a non-empty list of {what}, found []")
    for value in values:
        if not _WORD.match(value):
            raise ValueError(f"expected lowercase {what}, found {value!r}")
    return values


class TriggerEntry(BaseModel):
    """One trigger: a verb (optional particle, object, object modifier) or an event noun, and its codes.

    For a verb, `object` lists lemmas of its direct object (or passive subject) and `object_mod` the
    compound or adjective that object must carry. For a noun, `object` is the complement of its "of"
    ("release of prisoners") and `object_mod`, without `object`, a modifier of the noun itself ("phone call").
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: str
    kind: Literal["verb", "noun"]
    lemma: str
    prep: str | None = None
    object: Words | None = None
    object_mod: Words | None = None
    not_object: Words | None = None
    cameo: str
    plover: PloverType
    mode: str | None = None
    contexts: Words = ()
    symmetric: bool = False
    recipient_preps: Words = DEFAULT_RECIPIENT_PREPS
    example: str = Field(min_length=1)

    @field_validator("object", "object_mod", "not_object", "contexts", "recipient_preps", mode="before")
    @classmethod
    def _lists_to_tuples(cls, value: Any) -> Any:
        return tuple(value) if isinstance(value, list) else value

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"expected a dotted lowercase id like 'consult.hold_talks', found {value!r}")
        return value

    @field_validator("lemma", "prep")
    @classmethod
    def _check_word(cls, value: str | None) -> str | None:
        if value is not None and not _WORD.match(value):
            raise ValueError(f"expected one lowercase word, found {value!r}")
        return value

    @field_validator("object", "object_mod", "not_object", "recipient_preps")
    @classmethod
    def _check_lemmas(cls, value: Words | None) -> Words | None:
        return _check_words(value, "lemmas")

    @field_validator("contexts")
    @classmethod
    def _check_contexts(cls, value: Words) -> Words:
        for name in value:
            if not _NAME.match(name):
                raise ValueError(f"expected PLOVER context names like 'health', found {name!r}")
        return value

    @field_validator("mode")
    @classmethod
    def _check_mode(cls, value: str | None) -> str | None:
        if value is not None and not _NAME.match(value):
            raise ValueError(f"expected a PLOVER mode name like 'phone', found {value!r}")
        return value

    @field_validator("cameo")
    @classmethod
    def _check_cameo(cls, value: str) -> str:
        if not _CAMEO.match(value) or not 1 <= int(value[:2]) <= 20:
            raise ValueError(f"expected a CAMEO code of 2-4 digits with root 01-20, found {value!r}")
        return value

    @field_validator("example")
    @classmethod
    def _check_example(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(f"expected a non-empty example sentence, found {value!r}")
        return value

    @model_validator(mode="after")
    def _check_constraints(self) -> TriggerEntry:
        if self.object_mod is not None and self.object is None and self.kind == "verb":
            raise ValueError("object_mod: expected `object` to be set as well for a verb, found no object")
        return self

    @property
    def root(self) -> str:
        """The CAMEO root (first two digits)."""
        return self.cameo[:2]


def _describe(error: dict[str, Any]) -> str:
    """One pydantic error as `field: expected X, found Y`."""
    field = ".".join(str(part) for part in error["loc"]) or "entry"
    found = error.get("input")
    if error["type"] == "extra_forbidden":
        known = ", ".join(TriggerEntry.model_fields)
        return f"{field}: expected one of the fields {known}, found unknown field {field!r}"
    if error["type"] == "missing":
        return f"{field}: expected a value, found nothing"
    if error["type"] == "literal_error":
        return f"{field}: expected {error['ctx']['expected']}, found {found!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if message.startswith("expected") or ": expected" in message:
        return message if message.startswith("object_mod:") else f"{field}: {message}"
    return f"{field}: expected {message.removeprefix('Input should be ')}, found {found!r}"


def _parse_line(text: str, where: str) -> tuple[TriggerEntry | None, list[str]]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [f"{where}: json: expected a JSON object, found invalid JSON ({error.msg})"]
    if not isinstance(record, dict):
        return None, [f"{where}: json: expected a JSON object, found {type(record).__name__}"]
    try:
        return TriggerEntry.model_validate(record), []
    except ValidationError as error:
        return None, [f"{where}: {_describe(dict(item))}" for item in error.errors()]


def parse_triggers(lines: list[str], *, name: str = "triggers.jsonl") -> tuple[TriggerEntry, ...]:
    """Validate JSONL `lines` (blank lines skipped); raise LexiconError listing every problem."""
    entries: list[TriggerEntry] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        where = f"{name}:{number}"
        entry, found = _parse_line(text, where)
        problems.extend(found)
        if entry is None:
            continue
        if entry.id in first_line:
            first = first_line[entry.id]
            problems.append(f"{where}: id: expected a unique id, found {entry.id!r} (first on line {first})")
            continue
        first_line[entry.id] = number
        entries.append(entry)
    if problems:
        raise LexiconError(f"{len(problems)} problem(s) in {name}:\n" + "\n".join(problems), problems)
    return tuple(entries)


def load_triggers(path: Path | None = None) -> tuple[TriggerEntry, ...]:
    """Load and validate the trigger lexicon (the packaged `data/triggers.jsonl` by default)."""
    source = DEFAULT_PATH if path is None else Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{source}: cannot read trigger lexicon: {error}") from error
    return parse_triggers(text.splitlines(), name=source.name)
