"""ConfliBERT CAMEO-class evaluation: gold rows (`sentence<TAB>label`, ids cb0…) + coded events → EvalReport.

The CAMEO root of each sentence's first coded event is mapped to the gold's five root groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from legation.errors import InputError
from legation.eval.coded import CodedEvent, events_by_article
from legation.eval.report import EvalReport, Table, ratio

GROUPS = 5
# The label of the gold file: CAMEO roots per group (shared/gold/README.md).
ROOT_GROUPS: tuple[frozenset[int], ...] = (
    frozenset({1, 2}),
    frozenset({3, 4, 5}),
    frozenset({6, 7, 8}),
    frozenset({9, 10, 11, 12, 13, 16}),
    frozenset({14, 15, 17, 18, 19, 20}),
)
ID_PREFIX = "cb"


@dataclass(frozen=True, slots=True)
class ConfliBertGold:
    """One gold sentence: its id (`cb` + 0-based row number) and its root-group label (0-4)."""

    gold_id: str
    sentence: str
    label: int


def root_group(root: str) -> int | None:
    """The group (0-4) of a two-digit CAMEO root, or None for a root outside 01-20."""
    if not (len(root) == 2 and root.isdigit()):
        return None
    number = int(root)
    return next((group for group, roots in enumerate(ROOT_GROUPS) if number in roots), None)


def read_conflibert_gold(path: str | Path) -> tuple[ConfliBertGold, ...]:
    """Read `sentence<TAB>label` rows (no header); raise InputError listing every problem."""
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{source}: cannot read ConfliBERT gold: {error}") from error
    while lines and not lines[-1].strip():
        lines.pop()
    golds: list[ConfliBertGold] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        # Sentences may hold quotes, so split on the last tab instead of parsing CSV.
        sentence, tab, label = line.rpartition("\t")
        where = f"{source}:{number}"
        if not tab or not sentence.strip():
            problems.append(f"{where}: row: expected 'sentence<TAB>label', found {line[:60]!r}")
        elif label.strip() not in {str(group) for group in range(GROUPS)}:
            problems.append(f"{where}: label: expected 0-{GROUPS - 1}, found {label!r}")
        else:
            golds.append(ConfliBertGold(f"{ID_PREFIX}{number - 1}", sentence, int(label)))
    if problems:
        raise InputError(f"{len(problems)} problem(s) in ConfliBERT gold:\n" + "\n".join(problems))
    return tuple(golds)


def evaluate_conflibert(
    events: Sequence[CodedEvent], golds: Sequence[ConfliBertGold], *, errors: bool = False
) -> EvalReport:
    """Accuracy of the first event's root group; no event or an unknown root counts as wrong."""
    grouped = events_by_article(events)
    known = {gold.gold_id for gold in golds}
    confusion = [[0] * (GROUPS + 1) for _ in range(GROUPS)]  # last column: no event
    problems: list[str] = []
    for gold in golds:
        article_events = grouped.get(gold.gold_id, [])
        first = article_events[0] if article_events else None
        predicted = root_group(first.cameo_root) if first else None
        confusion[gold.label][GROUPS if predicted is None else predicted] += 1
        if predicted != gold.label:
            coded = f"{first.cameo_code} (group {predicted}): {first.evidence_text}" if first else "no event"
            problems.append(f"wrong {gold.gold_id}: gold group {gold.label}, coded {coded}")
    correct = sum(confusion[group][group] for group in range(GROUPS))
    with_event = sum(len(grouped.get(gold.gold_id, [])) > 0 for gold in golds)
    figures: dict[str, float | int] = {
        "accuracy": ratio(correct, len(golds)),
        "accuracy_with_event": ratio(correct, with_event),
        "coverage": ratio(with_event, len(golds)),
        "sentences": len(golds),
        "with_event": with_event,
        "correct": correct,
        "events_ignored": sum(len(group) for article_id, group in grouped.items() if article_id not in known),
    }
    return EvalReport(
        kind="conflibert",
        figures=figures,
        errors=tuple(problems) if errors else (),
        tables=(_confusion_table(confusion),),
    )


def _confusion_table(confusion: list[list[int]]) -> Table:
    header = ("gold \\ coded", *(str(group) for group in range(GROUPS)), "none")
    rows = tuple((str(group), *(str(count) for count in confusion[group])) for group in range(GROUPS))
    return Table(
        title="confusion (rows gold group, columns coded group; none = no event or unknown root)",
        header=header,
        rows=rows,
    )
