"""Value-based, locale-aware number extraction and comparison."""

from ._compare import compare_numbers, match_numbers
from ._extract import extract_numbers
from ._model import NumberDiff, NumberMention

__all__ = ["NumberDiff", "NumberMention", "compare_numbers", "extract_numbers", "match_numbers"]
