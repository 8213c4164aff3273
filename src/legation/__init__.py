"""legation: political event data from news about international relations (who did what to whom, when).

Public API: `code_text`, `code_articles`, `read_articles`, `build_pipeline`, `load_settings`, `EventStore`.
Heavy modules (spaCy, DuckDB) are imported on first use, not at `import legation`.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

__version__ = "0.2.0"
__all__ = [
    "EventStore", "build_pipeline", "code_articles", "code_text", "countries", "dyad_series", "load_settings",
    "network", "open_source", "partners", "read_articles",
]  # fmt: skip

_PUBLIC = {
    "code_text": "legation.api",
    "code_articles": "legation.api",
    "read_articles": "legation.readers",
    "build_pipeline": "legation.pipeline",
    "load_settings": "legation.settings",
    "EventStore": "legation.store.events",
    "open_source": "legation.analytics",
    "dyad_series": "legation.analytics",
    "partners": "legation.analytics",
    "network": "legation.analytics",
    "countries": "legation.analytics",
}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'legation' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
