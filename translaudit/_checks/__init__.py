"""The checks, registered by short name (as sacrebleu registers tokenizers).

A check is a function ``(AlignedPair) -> Iterable[Finding]``; the table's order is the order
they run in, and the report's signature lists which ran.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._model import Finding
from ._base import AlignedPair, finding
from .coverage import check_coverage
from .entities import check_entities
from .numbers import check_numbers
from .repetition import check_repetition
from .untranslated import check_untranslated

__all__ = ["REGISTRY", "AlignedPair", "Check", "finding"]

Check = Callable[[AlignedPair], Iterable[Finding]]

REGISTRY: dict[str, Check] = {
    "coverage": check_coverage,
    "number": check_numbers,
    "entity": check_entities,
    "repetition": check_repetition,
    "untranslated": check_untranslated,
}
