"""Value types shared by extraction and comparison."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number found in a text.

    ``values`` holds every plausible reading, best first (the reading implied by the
    language's separators comes first). Dates are split into one mention per component:
    the day (``kind="date"``), the month (``kind="month"``, value 1..12, only compared
    with other months) and the year (``kind="year"``), each with its own tight span, so
    "February 10, 2025", "10 lutego 2025" and "10.02.2025" all give {10, month 2, 2025}.
    Times are one mention whose value is ``hour + minute/100`` ("10:30" -> 10.3).

    ``weak`` marks readings that are too uncertain to be reported on their own
    (a number word meaning 1, "double", CJK numerals): they may match or be paired,
    but an unmatched weak mention never produces a finding.
    """

    start: int
    end: int
    text: str
    values: tuple[Decimal, ...]
    kind: str
    ambiguous: bool
    currency: str | None = None
    from_words: bool = False
    weak: bool = False


@dataclass(frozen=True, slots=True)
class NumberDiff:
    """One difference between the numbers of a source and a target.

    ``op`` is ``"changed"`` (a source number paired with a different target number),
    ``"dropped"`` (source only), ``"added"`` (target only), or, only when notes are
    requested, ``"note"`` (the values match but the kind or currency differs, e.g.
    31 % vs 31).
    """

    op: str
    source: NumberMention | None
    target: NumberMention | None
