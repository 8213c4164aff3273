"""The result of an evaluation (EvalReport: figures, breakdown tables, error lines) and its text rendering."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """A breakdown to show under the figures (per-type accuracy, a confusion table)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class EvalReport:
    """What one evaluation measured: headline `figures` (stable names), breakdown tables, error lines."""

    kind: str
    figures: dict[str, float | int]
    errors: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()


def format_figure(value: float | int) -> str:
    """Integers as they are; ratios with three decimals."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{value:.3f}"


def ratio(part: int, whole: int) -> float:
    """part / whole, 0.0 when there is nothing to divide."""
    return part / whole if whole else 0.0


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def format_report(report: EvalReport) -> str:
    """Plain text: the figures as a two-column table, then each breakdown table, then the errors."""
    figure_rows = tuple((name, format_figure(value)) for name, value in report.figures.items())
    blocks = [_render(f"{report.kind} evaluation", ("figure", "value"), figure_rows)]
    blocks.extend(_render(table.title, table.header, table.rows) for table in report.tables)
    if report.errors:
        blocks.append("\n".join([f"errors ({len(report.errors)})", *(f"  {line}" for line in report.errors)]))
    return "\n\n".join(blocks) + "\n"


def _render(title: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    """Left-aligned first column, right-aligned numbers, columns two spaces apart."""
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(len(header))]
    lines = [title]
    for row in (header, *rows):
        cells = [
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
