"""Gold evaluation: an events JSONL file + a gold file of one kind (seeds, plover, conflibert) → EvalReport.

`evaluate` is what `legation eval KIND EVENTS GOLD [--errors]` calls; `format_report` renders the result.
"""

from __future__ import annotations

from pathlib import Path

from legation.errors import ConfigError
from legation.eval.coded import read_events
from legation.eval.conflibert import evaluate_conflibert, read_conflibert_gold
from legation.eval.plover import evaluate_plover, read_country_codes, read_plover_gold
from legation.eval.report import EvalReport, Table, format_report
from legation.eval.seeds import evaluate_seeds, read_seeds_gold

EVAL_KINDS: tuple[str, ...] = ("seeds", "plover", "conflibert", "actors")

__all__ = ["EVAL_KINDS", "EvalReport", "Table", "evaluate", "format_report"]


def evaluate(
    kind: str, events_path: str | Path, gold_path: str | Path, *, errors: bool = False
) -> EvalReport:
    """Score the coded events in `events_path` against the `kind` gold file; `errors` lists each miss."""
    if kind not in EVAL_KINDS:
        raise ConfigError(f"eval: kind: expected one of {', '.join(EVAL_KINDS)}, found {kind!r}")
    if kind == "actors":
        # EVENTS_PATH is the input articles here: the resolver runs on them (legation.eval.actors).
        from legation.eval.actors import evaluate_actors

        return evaluate_actors(events_path, gold_path, errors=errors)
    events = read_events(events_path)
    if kind == "seeds":
        return evaluate_seeds(events, read_seeds_gold(gold_path), errors=errors)
    if kind == "plover":
        golds = read_plover_gold(gold_path, country_codes=read_country_codes())
        return evaluate_plover(events, golds, errors=errors)
    return evaluate_conflibert(events, read_conflibert_gold(gold_path), errors=errors)
