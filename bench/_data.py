"""Readers for the labelled benchmark sets in ``../shared/bench/detect`` (read in place).

Every reader returns a list of frozen :class:`Item` values, one per line of the JSONL file,
with the labels as a tuple (DEMETR and BBH have one label per item, Guerreiro and MQM several).
Used by the ``bench_*.py`` scripts; nothing here is part of translaudit.

    from _data import demetr, shared_root
    items = demetr(shared_root(), "xx-en")
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Item",
    "bbh",
    "demetr",
    "detect_root",
    "guerreiro",
    "is_dev",
    "mqm",
    "pofilter",
    "rate",
    "shared_root",
]


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled (source, translation) pair."""

    id: str
    src: str
    tgt: str
    src_lang: str
    tgt_lang: str
    labels: tuple[str, ...]
    #: The whole upstream record, for set-specific fields (``sentence_id``, ``errors``…).
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False)

    @property
    def label(self) -> str:
        """The first label (the only one in DEMETR and BBH)."""
        return self.labels[0]

    def has(self, label: str) -> bool:
        return label in self.labels


def shared_root() -> Path:
    """``../shared`` seen from the repository root (the worktree's sibling)."""
    return Path(__file__).resolve().parents[2] / "shared"


def detect_root(shared: Path | str | None = None) -> Path:
    return Path(shared or shared_root()) / "bench" / "detect"


def is_dev(item_id: str) -> bool:
    """The fixed dev half of any set: items whose id hashes even (tune here, report the rest)."""
    return hashlib.sha1(item_id.encode("utf-8")).digest()[0] % 2 == 0


def _read(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            label = rec["label"]
            labels = (label,) if isinstance(label, str) else tuple(label)
            yield Item(
                rec["id"],
                rec["source"],
                rec["translation"],
                rec["src_lang"],
                rec["tgt_lang"],
                labels,
                rec,
            )


def demetr(shared: Path | str | None = None, mode: str = "xx-en") -> list[Item]:
    """DEMETR, ``mode`` ``"xx-en"`` (original source) or ``"en-en"`` (human reference)."""
    return list(_read(detect_root(shared) / "demetr" / f"demetr_{mode}.jsonl"))


def guerreiro(shared: Path | str | None = None) -> list[Item]:
    """Guerreiro et al. 2023 de→en natural hallucinations (multi-label)."""
    path = detect_root(shared) / "guerreiro2023_hallucinations_deen" / "guerreiro2023_deen.jsonl"
    return list(_read(path))


def mqm(shared: Path | str | None = None, pair: str = "zhen") -> list[Item]:
    """WMT21 TED MQM annotations, ``pair`` ``"zhen"`` or ``"ende"`` (multi-label)."""
    return list(_read(detect_root(shared) / "wmt_mqm_ted" / f"mqm_ted_{pair}.jsonl"))


def bbh(shared: Path | str | None = None) -> list[Item]:
    """BIG-Bench Hard salient translation errors, de→en (no controls)."""
    path = (
        detect_root(shared)
        / "bbh_salient_translation_errors"
        / "bbh_salient_translation_errors_deen.jsonl"
    )
    return list(_read(path))


#: The cross-lingual sets the omission probes read (probe_xling_roc.py, probe_xling_fit.py).
XLING_SETS: dict[str, Callable[[], list[Item]]] = {
    "demetr": lambda: demetr(None, "xx-en"),
    "guerreiro": lambda: guerreiro(None),
    "mqm-zhen": lambda: mqm(None, "zhen"),
    "mqm-ende": lambda: mqm(None, "ende"),
}


def rate(hits: int, n: int) -> str:
    """``" 12.3% (45/366)"``, the benchmarks' cell format."""
    return f"{100 * hits / n:5.1f}% ({hits}/{n})" if n else "n/a"


def pofilter(check: str) -> Callable[[str, str], bool] | None:
    """translate-toolkit's pofilter ``check`` (``numbers``, ``acronyms``) as a peer: True when it
    fails the pair. None when translate-toolkit (GPL, benchmark environment only) is absent."""
    try:
        from translate.filters import checks  # type: ignore[import-not-found]
    except ImportError:
        return None
    method = getattr(checks.StandardChecker(), check)

    def run(src: str, tgt: str) -> bool:
        try:
            method(src, tgt)
        except checks.FilterFailure:
            return True
        return False

    return run


def length_z(item: Item) -> float:
    """The coverage check's length z for a one-sentence pair (no document ratio)."""
    from translaudit._checks._signals import expected_log_ratio

    s, t = len(item.src.strip()), len(item.tgt.strip())
    mean, spread = expected_log_ratio(item.src_lang, item.tgt_lang)
    spread *= math.sqrt(120.0 / max(60.0, min(s, t * math.exp(-mean))))
    return (math.log(t / s) - mean) / spread
