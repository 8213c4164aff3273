"""Benchmark: both paths timed on the same articles in alternating blocks, with a memory table."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.bench import BenchReport, run_bench
from legation.settings import load_settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_bench_report_lines_show_ratio_and_memory_table() -> None:
    report = BenchReport(
        articles=2000,
        words=1_000_000,
        bare_seconds=100.0,
        full_seconds=125.0,
        events=7,
        peak_rss_mb=700.0,
        model="m",
        memory=((1000, 650.0), (2000, 652.5)),
    )
    lines = list(report.lines())
    assert report.ratio == pytest.approx(0.8)
    assert "ratio full/bare throughput: 0.80" in lines
    assert f"{'bare nlp.pipe':<28} {100.0:>8.1f} {20.0:>11.1f} {10_000:>9,}" in lines
    assert lines[-2:] == [f"{1000:>9} {650:>8}", f"{2000:>9} {652:>8}"]


@pytest.mark.model
def test_run_bench_times_both_paths_on_the_same_articles(tmp_path: Path) -> None:
    report = run_bench(
        [EXAMPLES], settings=load_settings(env={}), limit=4, db=str(tmp_path / "bench.duckdb"), block=3
    )
    assert report.articles == 4 and report.words > 100
    assert report.bare_seconds > 0 and report.full_seconds > 0
    assert report.events > 0 and report.peak_rss_mb > 50
    assert report.memory == ()  # fewer than MEMORY_EVERY articles
