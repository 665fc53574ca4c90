"""Value-based, locale-aware number extraction and comparison.

The extractor compiles large patterns (~0.3 s), so it is loaded on first use: the entity
check imports the lexicon alone, and ``import translaudit`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._model import NumberDiff, NumberMention

if TYPE_CHECKING:
    from ._compare import compare_numbers, match_numbers
    from ._extract import extract_numbers

__all__ = ["NumberDiff", "NumberMention", "compare_numbers", "extract_numbers", "match_numbers"]


def __getattr__(name: str) -> Any:
    if name in ("compare_numbers", "match_numbers"):
        from . import _compare

        return getattr(_compare, name)
    if name == "extract_numbers":
        from ._extract import extract_numbers

        return extract_numbers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
