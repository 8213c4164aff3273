"""Language screen: Article → None (English, code it) or the reason it is not coded.

A declared `language` field wins; otherwise the share of English function words decides, which is cheap and
reliable on news prose (English text has 35-55% stop words, other languages using the Latin script under 10%).
"""

from __future__ import annotations

import re

from legation.model import Article

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20
MIN_ENGLISH_SHARE = 0.15
SAMPLE_CHARS = 5_000


class LanguageScreen:
    """Says which articles are not English."""

    def __init__(self, stop_words: frozenset[str]) -> None:
        self.stop_words = stop_words

    def __call__(self, article: Article) -> str | None:
        """None for English (or too short to tell), else a description of what it looks like."""
        declared = (article.language or "").strip().lower()
        if declared and not declared.startswith("en"):
            return f"language {declared!r} (declared)"
        words = WORD.findall(article.text[:SAMPLE_CHARS])
        if len(words) < MIN_WORDS:
            return None
        latin = [word for word in words if word.isascii()]
        if len(latin) < len(words) / 2:
            return "a non-Latin script"
        share = sum(word.lower() in self.stop_words for word in words) / len(words)
        if share < MIN_ENGLISH_SHARE:
            return f"another language ({share:.0%} English function words)"
        return None
