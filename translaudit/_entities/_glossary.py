"""A user's term list: how names must be translated (CSV ``source,target`` or TBX).

CSV: one term per row, the source term first and one or more accepted target terms after it;
an optional header row (``source,target``), blank rows and rows starting with ``#`` are skipped.
TBX (2 or 3): every ``termEntry``/``conceptEntry`` with terms in the source and target
languages (``langSet``/``langSec`` with ``xml:lang``) is an entry; the audit's languages pick
the sides.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .._errors import DecodeError, InputError

__all__ = ["Glossary", "GlossaryEntry", "load_glossary", "term_pattern"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_HEADERS = ({"source", "target"}, {"src", "tgt"}, {"term", "translation"})


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """Terms of one concept by language; ``""`` keys the CSV columns (source, then target)."""

    terms: tuple[tuple[str, tuple[str, ...]], ...]

    def side(self, lang: str | None, position: int) -> tuple[str, ...]:
        by_lang = dict(self.terms)
        if "" in by_lang:  # CSV: position 0 is the source column, 1 the target columns
            return (by_lang[""][0],) if position == 0 else by_lang[""][1:]
        return by_lang.get((lang or "").split("-")[0].lower(), ())


@dataclass(frozen=True, slots=True)
class Glossary:
    path: str
    entries: tuple[GlossaryEntry, ...]

    def pairs(
        self, source_lang: str | None, target_lang: str | None
    ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(source terms, accepted target terms) of every entry with both sides."""
        out = []
        for entry in self.entries:
            src, tgt = entry.side(source_lang, 0), entry.side(target_lang, 1)
            if src and tgt:
                out.append((src, tgt))
        return out


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> regex.Pattern[str]:
    """A case-insensitive pattern for ``term`` as whole words, each allowed a short inflected
    ending ("Unii Europejskiej" for "Unia Europejska" is not, "Moskwie" for "Moskwa" is)."""
    parts = [regex.escape(w[:-1] if len(w) > 4 else w) for w in term.split()]
    body = r"\s+".join(p + r"\p{L}{0,3}" for p in parts)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


def load_glossary(path: str) -> Glossary:
    """Read a CSV or TBX glossary; raises :class:`InputError` with the file and line at fault."""
    file = Path(path)
    try:
        stamp = file.stat()
    except OSError as exc:
        raise InputError(f"glossary {path!r} cannot be read: {exc.strerror or exc}") from None
    if not file.is_file():
        raise InputError(f"glossary {path!r} is not a file")
    return _load(str(file), stamp.st_mtime_ns, stamp.st_size)


@lru_cache(maxsize=8)
def _load(path: str, _mtime: int, _size: int) -> Glossary:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"glossary {path!r} is not UTF-8 (byte {exc.start}); save it as UTF-8"
        ) from None
    entries = _tbx(path, text) if text.lstrip().startswith("<") else _csv(path, text)
    if not entries:
        raise InputError(f"glossary {path!r} has no entries")
    return Glossary(path, tuple(entries))


def _csv(path: str, text: str) -> list[GlossaryEntry]:
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    entries = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and {c.lower() for c in cells[:2]} in _HEADERS:
            continue
        terms = [c for c in cells if c]
        if len(terms) < 2 or not cells[0]:
            raise InputError(
                f"glossary {path!r} line {number}: expected 'source,target', got {row!r}"
            )
        entries.append(GlossaryEntry((("", tuple(terms)),)))
    return entries


def _tbx(path: str, text: str) -> list[GlossaryEntry]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"glossary {path!r} is not well-formed TBX/XML: {exc}") from None
    entries = []
    for element in root.iter():
        if _local(element.tag) not in ("termEntry", "conceptEntry"):
            continue
        terms: dict[str, list[str]] = {}
        for lang_set in element.iter():
            if _local(lang_set.tag) not in ("langSet", "langSec"):  # TBX 2, TBX 3
                continue
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
            for term in lang_set.iter():
                if _local(term.tag) == "term" and (term.text or "").strip() and lang:
                    terms.setdefault(lang, []).append((term.text or "").strip())
        if len(terms) >= 2:
            entries.append(GlossaryEntry(tuple((k, tuple(v)) for k, v in sorted(terms.items()))))
    if not entries and _local(root.tag).lower() not in ("tbx", "martif"):
        raise InputError(f"glossary {path!r} is neither CSV nor TBX (root element {root.tag!r})")
    return entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
