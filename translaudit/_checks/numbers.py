"""Numbers dropped, added or changed, compared by value (see :mod:`translaudit._numbers`).

The source is read in the source locale and the target in the target locale, so ``1,5 Mio.``
and ``1.5 million`` agree, while ``1900`` and ``190`` do not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .._model import Document, Finding, Side, Span
from ._base import AlignedPair, finding

__all__ = ["check_numbers"]

_CRITICAL_KINDS = frozenset({"percent", "currency"})


def _mentions(
    doc: Document, side: Side, sentences: Sequence[int]
) -> tuple[list[Any], dict[int, Span]]:
    from .._numbers import extract_numbers

    mentions: list[Any] = []
    spans: dict[int, Span] = {}
    for i in sentences:
        sent = doc.sentences[i]
        for m in extract_numbers(sent.text, doc.language):
            mentions.append(m)
            spans[id(m)] = Span(side, i, sent.start + m.start, sent.start + m.end, m.text)
    return mentions, spans


def check_numbers(pair: AlignedPair) -> Iterator[Finding]:
    """``number.changed`` / ``number.dropped`` / ``number.added`` per aligned link."""
    from .._numbers import compare_numbers

    for link in pair.aligned_links:
        src, src_spans = _mentions(pair.source, "source", link.source)
        tgt, tgt_spans = _mentions(pair.target, "target", link.target)
        if not src and not tgt:
            continue
        for diff in compare_numbers(
            src, tgt, source_lang=pair.source.language, target_lang=pair.target.language
        ):
            s_span = src_spans[id(diff.source)] if diff.source is not None else None
            t_span = tgt_spans[id(diff.target)] if diff.target is not None else None
            kinds = {m.kind for m in (diff.source, diff.target) if m is not None}
            critical = bool(kinds & _CRITICAL_KINDS)
            details: dict[str, Any] = {
                "source_values": [str(v) for v in diff.source.values] if diff.source else [],
                "target_values": [str(v) for v in diff.target.values] if diff.target else [],
            }
            if diff.op == "changed":
                assert s_span is not None and t_span is not None
                yield finding(
                    pair,
                    "number.changed",
                    "critical" if critical else "major",
                    f"number {s_span.text!r} became {t_span.text!r}",
                    source=s_span,
                    target=t_span,
                    mqm="Accuracy/Mistranslation",
                    details=details,
                )
            elif diff.op == "dropped":
                assert s_span is not None
                yield finding(
                    pair,
                    "number.dropped",
                    "critical" if critical else "major",
                    f"number {s_span.text!r} is missing from the translation",
                    source=s_span,
                    mqm="Accuracy/Omission",
                    details=details,
                )
            else:
                assert t_span is not None
                yield finding(
                    pair,
                    "number.added",
                    "minor",
                    f"number {t_span.text!r} is not in the source",
                    target=t_span,
                    mqm="Accuracy/Addition",
                    details=details,
                )
