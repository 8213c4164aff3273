"""EvalReport and its plain-text table."""

from __future__ import annotations

import dataclasses

import pytest

from legation.eval.report import EvalReport, Table, f1_score, format_report, ratio


def test_format_report_shows_counts_as_integers_and_ratios_with_three_decimals() -> None:
    report = EvalReport(kind="seeds", figures={"recall": 0.5, "found": 11})

    lines = format_report(report).splitlines()

    assert lines[0] == "seeds evaluation"
    assert lines[2].split() == ["recall", "0.500"]
    assert lines[3].split() == ["found", "11"]


def test_format_report_renders_tables_and_errors() -> None:
    table = Table(title="per type", header=("type", "n"), rows=(("AGREE", "3"), ("ASSAULT", "12")))
    report = EvalReport(kind="plover", figures={"records": 15}, errors=("missed x",), tables=(table,))

    text = format_report(report)

    assert "per type\ntype      n\nAGREE     3\nASSAULT  12" in text
    assert text.endswith("errors (1)\n  missed x\n")


def test_format_report_has_no_error_block_without_errors() -> None:
    assert "errors" not in format_report(EvalReport(kind="conflibert", figures={"accuracy": 1.0}))


def test_eval_report_is_frozen() -> None:
    report = EvalReport(kind="seeds", figures={})

    with pytest.raises(dataclasses.FrozenInstanceError, match="kind"):
        report.kind = "plover"  # type: ignore[misc]


@pytest.mark.parametrize(("part", "whole", "expected"), [(1, 4, 0.25), (0, 0, 0.0), (3, 3, 1.0)])
def test_ratio_divides_or_gives_zero(part: int, whole: int, expected: float) -> None:
    assert ratio(part, whole) == expected


@pytest.mark.parametrize(
    ("precision", "recall", "expected"), [(0.5, 1.0, 2 / 3), (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)]
)
def test_f1_score_is_harmonic_mean(precision: float, recall: float, expected: float) -> None:
    assert f1_score(precision, recall) == pytest.approx(expected)
