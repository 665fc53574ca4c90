"""Find numbers in text, with spans and every plausible value.

The scanner is built for speed: one regex finds digit runs, a second finds number
words on a lower-cased copy, and everything else (currency, percent, magnitude,
ordinal, month names, markers) is decided by small anchored regexes around each
hit instead of one huge alternation tried at every position.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Context, Decimal
from functools import cache
from typing import Final

import regex

from ._lexicon import (
    CJK_DIGITS,
    CJK_MAGNITUDES,
    CJK_UNITS,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX,
    DIGIT_MAGNITUDES,
    GLUED_ONLY_MAGNITUDES,
    IDIOMS,
    LONG_SCALE_LANGS,
    MONTHS,
    MONTHS_BY_LANG,
    PERCENT_WORDS,
    SPECIAL_WORDS,
    TIMES_WORDS,
    WORD_ATOMS,
    Atom,
    Special,
)
from ._model import NumberMention

_CTX: Final = Context(prec=120)
_ONE: Final = Decimal(1)
_MAX_DIGITS: Final = 60  # longer digit runs are identifiers, not quantities

# Languages writing a decimal comma; the rest (en, zh, ja, hi, ko, he, th...) use a dot.
_DECIMAL_COMMA: Final = frozenset(
    "de fr es it pl ru cs sk sl hr sr bs uk be bg ro hu pt nl da sv no nb nn fi et lv lt "
    "tr el id vi az ka kk uz".split()
)
# A plain U+0020 space is a group separator only in these languages.
_SPACE_GROUPS: Final = frozenset(
    "fr pl ru cs sk uk be bg sv no nb nn fi et lv lt hu kk pt es it de".split()
)
# Languages that write ordinals as "9." (day or rank followed by a word).
_ORDINAL_DOT: Final = frozenset("de pl cs sk sl hr sr bs da no nb nn fi et lv hu tr".split())
_SPACES: Final = " \u00a0\u202f\u2009"

_DIGIT_RE: Final = regex.compile(
    r"""
    (?P<date>(?<![\d.,/])(?P<d1>\d{1,2})(?P<ds>[./-])[ ]?(?P<d2>\d{1,2})(?P=ds)[ ]?
        (?P<d3>\d{4}|\d{2})(?!\d|[.,/-]\d))
    |(?P<iso>(?<![\d.,/-])(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d|[.,/-]\d))
    |(?P<time>(?<![\d.,:])(?P<th>\d{1,2})(?P<ts>:|[ ]?h[ ]?)(?P<tm>\d{2})(?![\d]|[.,:]\d))
    |(?P<num>(?<!\d)\d+(?:(?:[.,'’٫٬]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*)
    """,
    regex.VERBOSE,
)
_NUM_RE: Final = regex.compile(
    r"(?<!\d)\d+(?:(?:[.,'’٫٬]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*"
)
_SEP_RE: Final = regex.compile(r"\D")
_HAS_DIGIT: Final = regex.compile(r"\d")
_HAS_ROMAN: Final = regex.compile(r"[IVXLC](?:[IVXLC]|e\b|er\b|ème\b)")


def _alt(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _month_res(months: dict[str, int]) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    alt = _alt(months)
    # Day followed by a month name: "10 lutego 2025", "16. November", "16 de mayo de".
    after = regex.compile(
        r"(?:\.|st|nd|rd|th|er|e|º|-?го)?[ \u00a0\u202f]*(?:de[ ]+|of[ ]+)?"
        r"(?P<m>" + alt + r")(?!\p{L})\.?"
        r"(?:,?[ \u00a0]*(?:de[ ]+|del[ ]+)?(?P<y>\d{4})(?!\d|[.,]\d))?"
    )
    # Month name before the number: "February 10", "Sept. 16", "octubre de 2016".
    before = regex.compile(
        r"(?<!\p{L})(?P<m>" + alt + r")\.?,?[ \u00a0]+(?:the[ ]+|de[ ]+|del[ ]+)?\Z"
    )
    return after, before


_MONTH_RES: Final = {lang: _month_res(m) for lang, m in MONTHS_BY_LANG.items()}
_MONTH_AFTER_RE, _MONTH_BEFORE_RE = _month_res(MONTHS)
_YEAR_AFTER_DAY_RE: Final = regex.compile(r"(?:st|nd|rd|th)?,?[ \u00a0]+(?P<y>\d{4})(?!\d|[.,]\d)")
_CASED_MONTHS: Final = frozenset({"may", "march", "mar", "jan", "dec", "sept"})

_ORDINAL_RE: Final = regex.compile(
    r"(?:st|nd|rd|th|er|re|ère|ème|eme|e|º|ª|-?(?:го|й|я|е|ого|ему|ей|ым|м|х))(?![\p{L}\d])"
)
_ORDINAL_DOT_RE: Final = regex.compile(r"\.(?=[ \u00a0]+\p{L})")
_DECADE_RE: Final = regex.compile(r"'?s(?![\p{L}\d])|-(?:х|е|ые|ых)(?![\p{L}\d])")
_GLUED_MAG_RE: Final = regex.compile(r"(?P<g>bn|mn|Mn|tn|[kKmMbB])(?![\p{L}\d])")
_SPACED_MAG_RE: Final = regex.compile(
    r"[ \u00a0\u202f]?(?P<w>"
    + _alt({w for w in DIGIT_MAGNITUDES if w not in GLUED_ONLY_MAGNITUDES} | {"billion"})
    + r")(?!\p{L})"
)
# Magnitude words that are ordinary words or units in other languages: read only in these.
_MAGNITUDE_LANGS: Final = {
    "mil": frozenset({"es", "pt", "ca"}),
    "miles": frozenset({"es", "pt", "ca"}),
}
_CJK_MAG_RE: Final = regex.compile(r"(?P<c>[万萬亿億]|千(?![瓦克米]))")
_PERCENT_RE: Final = regex.compile(
    r"[ \u00a0\u202f]?(?:" + PERCENT_WORDS + r")(?![\p{L}])", regex.IGNORECASE
)
_CURRENCY_AFTER_RE: Final = regex.compile(
    r"[ \u00a0\u202f]?(?P<c>" + _alt(CURRENCY_SUFFIX) + r")(?![\p{L}])"
)
_CURRENCY_BEFORE_RE: Final = regex.compile(
    r"(?<![\p{L}])(?P<c>" + _alt(CURRENCY_PREFIX) + r")[ \u00a0\u202f]?\Z"
)
_TIMES_RE: Final = regex.compile(
    r"(?:[ \u00a0]?(?:" + TIMES_WORDS + r")|-(?:fold|fach\p{L}*|krotnie|krát)|[x×])(?![\p{L}\d])",
    regex.IGNORECASE,
)
_AMPM_RE: Final = regex.compile(r"[ \u00a0]?(?P<p>[ap])\.?[ ]?m\.?(?![\p{L}])", regex.IGNORECASE)
_CJK_DATE_RE: Final = regex.compile(r"[ ]?(?P<c>[年月日])")
# Japanese era names and the Gregorian year before each era's first year (明治1年 = 1868).
_JA_ERAS: Final = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_ERA_CLOSE: Final = (")年", "）年")
_JA_ERA_RE: Final = regex.compile(r"(?P<era>明治|大正|昭和|平成|令和)\s?$")
_MINUS_WORD_RE: Final = regex.compile(r"(?<!\p{L})(?:minus|минус)[ ]+\Z")
_CJK_TIME_RE: Final = regex.compile(r"[时時点點](?:(?P<m>\d{1,2})分|(?P<half>半))?")
_ROMAN_RE: Final = regex.compile(
    r"(?<![\p{L}\d])(?P<r>[IVXLC]{2,7}|[IVX](?=(?:e|er|ème)(?![\p{L}]))"
    # a lone L or C takes only "ème": French "Le" and "Ce" are words, not 50e and 100e
    r"|[LC](?=ème(?![\p{L}])))"
    r"(?:e|er|ème)?(?![\p{L}\d])"
)
_ROMAN_VALID_RE: Final = regex.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# The part of a number after its myriad ("1万1000", "3万5千", "1億2000万"): digits, perhaps
# with a smaller magnitude of their own.
_CJK_REST_RE: Final = regex.compile(r"(?P<d>\d{1,4})(?:(?P<c>[万萬千])|(?![\d.,．，]))")


def _cjk_rest(text: str, at: int, scale: int) -> tuple[int, int]:
    """The value written after a myriad and where it ends: "1万1000" is 11,000, not 10,000
    and a separate 1,000 (Chinese and Japanese write one number so); (0, at) when nothing
    smaller than the myriad follows."""
    m = _CJK_REST_RE.match(text, at)
    if m is None:
        return 0, at
    unit = CJK_MAGNITUDES.get(m.group("c"), 1000) if m.group("c") else 1
    value = int(_ascii_digits(m.group("d"))) * unit
    if value >= scale or value <= 0:
        return 0, at
    # "1億2000万5000": the rest has a myriad of its own, and its own rest
    if m.group("c") in ("万", "萬"):
        more, end = _cjk_rest(text, m.end(), unit)
        return value + more, end
    return value, m.end()


_CJK_RUN_RE: Final = regex.compile(r"[〇零一二两兩三四五六七八九十百千万萬亿億]+")

# Ambiguous single words that are often not numbers ("neuf" = new, "sei" = you are).
_WEAK_WORDS: Final = frozenset({"one", "eins", "neuf", "sei", "otto", "acht", "null", "nil"})
# Pre-filters that spare the context regexes for the common "number + ordinary word".
_SUFFIX_CHARS: Final = frozenset("%‰％$€£¥₹₽万萬亿億千年月日时時点點-–'’.x×")
_SUFFIX_WORDS: Final = frozenset(
    w.lower()
    for w in [
        *MONTHS,
        *(k.lower() for k in DIGIT_MAGNITUDES),
        *CURRENCY_SUFFIX,
        *"percent per pct prozent pour points por puntos punti proc procent "
        "процент п. punkt times fold mal fach fois veces volte razy raza раза "
        "раз krát krotnie am a. pm p. de of uhr बार".split(),
    ]
)
# Three-letter heads of those words (the whole word when shorter).
_SUFFIX_HEADS: Final = frozenset(w[:3] for w in _SUFFIX_WORDS if len(w) > 1)


def _heads(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower()[:2] for w in words)


_MONTH_HEADS: Final = _heads(
    [*MONTHS, *(w for m in MONTHS_BY_LANG.values() for w in m), "de", "of"]
)
_MAG_HEADS: Final = _heads(k for k in DIGIT_MAGNITUDES if len(k) > 1)
_PCT_HEADS: Final = _heads(
    "percent per pct prozent pour points por puntos punti proc procent процент п. punkt".split()
)
_CUR_HEADS: Final = _heads(CURRENCY_SUFFIX)
_TIMES_HEADS: Final = _heads(
    "times fold mal fach fois veces volte razy raza раза раз krát krotnie बार".split()
)
_CUR_SYMBOLS: Final = frozenset("$€£¥₽元円")
_AMPM_HEADS: Final = frozenset({"am", "a.", "pm", "p."})


def _head(low: str, pos: int) -> str:
    """The two characters after ``pos``, skipping one space."""
    if low[pos : pos + 1] in (" ", "\u00a0", "\u202f"):
        return low[pos + 1 : pos + 3]
    return low[pos : pos + 2]


def _after_maybe(low: str, pos: int) -> bool:
    """Whether a unit, month, percent, currency... word may follow ``pos``."""
    c = low[pos : pos + 1]
    if c in (" ", "\u00a0", "\u202f"):
        w = low[pos + 1 : pos + 4]
        # Short words ("de", "am", "m") are matched whole, longer ones by 3 letters.
        return w[:1] in _SUFFIX_CHARS or w in _SUFFIX_HEADS or w[:2] in _SUFFIX_HEADS
    return c != "" and (c in _SUFFIX_CHARS or c.isalpha())


_BEFORE_WORDS: Final = frozenset(
    [
        *(w + p for m in [MONTHS, *MONTHS_BY_LANG.values()] for w in m for p in ("", ".", ",")),
        "the",
        "de",
        "del",
        "minus",
        "минус",
        *(k.lower() for k in CURRENCY_PREFIX),
    ]
)
_PREFIX_CHARS: Final = frozenset("$€£¥₹₽−-")


def _before_maybe(low: str, s: int) -> bool:
    c = low[s - 1 : s] if s else ""
    if not c:
        return False
    if c in _PREFIX_CHARS or (c.isalpha() and not c.isspace()):
        return True
    if c not in " \u00a0\u202f":
        return False
    if low[s - 2 : s - 1] in _PREFIX_CHARS:
        return True
    i = max(low.rfind(" ", 0, s - 1), low.rfind("\u00a0", 0, s - 1))
    return low[i + 1 : s - 1] in _BEFORE_WORDS


_WORD_GAP_RE: Final = regex.compile(r"[ \u00a0\-‐‑]*(?:(?:and|und|et|y|e|и)[ \u00a0\-‐‑]+)?")


@dataclass(frozen=True, slots=True)
class _Lang:
    code: str | None
    atoms: dict[str, Atom]
    special: dict[str, Special]
    word_re: regex.Pattern[str] | None
    atom_re: regex.Pattern[str] | None
    # Cheap pre-filter: exact word forms, and prefixes of glued compounds.
    forms: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()


# Languages that write compounds as one word ("fünfundzwanzig", "duecentocinquanta").
_GLUED: Final = frozenset({"de", "it"})


def _build_lang(code: str | None) -> _Lang:
    atoms = WORD_ATOMS.get(code or "en", {})
    special = SPECIAL_WORDS.get(code or "en", {})
    if not atoms:
        return _Lang(code, {}, {}, None, None)
    alt = _alt(atoms)
    # Special words come first so "dritte" is an ordinal, not "drei"-something.
    word_re = regex.compile(
        r"\b(?:\L<special>|(?:" + alt + r")+(?:fold|fach(?:e[nmrs]?)?|mal|krát)?)\b",
        special=list(special),
    )
    forms = frozenset(w for w in [*atoms, *special] if " " not in w and "-" not in w)
    forms |= {p for w in [*atoms, *special] for p in regex.split(r"[ -]", w)}
    prefixes: tuple[str, ...] = ()
    if code in _GLUED:
        prefixes = tuple(
            sorted(
                {w[:3] for w, (k, _) in atoms.items() if k not in "ja"}
                | {w for w, (k, _) in atoms.items() if k == "a"}
            )
        )
    forms |= {w + "fold" for w in atoms if code in (None, "en")}
    return _Lang(code, atoms, special, word_re, regex.compile(alt), forms, prefixes)


_LANGS: Final[dict[str | None, _Lang]] = {code: _build_lang(code) for code in [None, *WORD_ATOMS]}
_NO_WORDS: Final = _Lang(None, {}, {}, None, None)
# Punctuation becomes a space (same length, so offsets survive) before splitting words.
_PUNCT_TO_SPACE: Final = str.maketrans(
    dict.fromkeys("-‐‑–—,.;:!?()[]{}\"'«»„“”‘’/\\…*+=<>|&%$€£#@_~^`", " ")
)


def _word_starts(low: str, lang: _Lang) -> list[int]:
    """Offsets of words that may start a number word (a fast filter before any regex)."""
    norm = low.translate(_PUNCT_TO_SPACE)
    toks = norm.split()
    forms, pfx = lang.forms, lang.prefixes
    if pfx:
        cands = [t for t in toks if t in forms or t.startswith(pfx)]
    elif forms.isdisjoint(toks):
        return []
    else:
        cands = [t for t in toks if t in forms]
    if not cands:
        return []
    out: list[int] = []
    pos, n = 0, len(norm)
    for t in cands:
        while True:
            p = norm.find(t, pos)
            if p < 0:
                break
            e = p + len(t)
            pos = e
            if (p == 0 or norm[p - 1].isspace()) and (e == n or norm[e].isspace()):
                out.append(p)
                break
    return out


# Letters that make a glued number part of a code ("COVID-19", "F-35", "km2"): Latin,
# Greek and Cyrillic; CJK text glues counters to every number, so it is excluded.
_CODE_LETTER_MAX: Final = "\u0590"


def _lang_key(lang: str | None) -> str | None:
    if not lang:
        return None
    return lang.replace("_", "-").split("-")[0].lower() or None


# --- digit readings ----------------------------------------------------------------


# `regex` may know digits newer than this Python's unicodedata (e.g. U+11DE0).
_ND_RE: Final = regex.compile(r"\p{Nd}")


def _newer_digit(ch: str) -> int:
    """The value of a digit unicodedata does not know: Nd digits come in runs of 0-9."""
    start = ord(ch)
    while start > 0 and _ND_RE.match(chr(start - 1)):
        start -= 1
    return (ord(ch) - start) % 10


def _ascii_digits(s: str) -> str:
    if s.isascii():
        return s
    out = []
    for ch in s:
        if ch.isdecimal():
            out.append(str(unicodedata.decimal(ch, 0)))
        elif _ND_RE.match(ch):
            out.append(str(_newer_digit(ch)))
        elif ch == "٫":
            out.append(".")
        elif ch == "٬":
            out.append(",")
        else:
            out.append(ch)
    return "".join(out)


def _norm(d: Decimal) -> Decimal:
    exp = d.as_tuple().exponent
    if exp == 0:
        return d
    d = _CTX.normalize(d)
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp > 0:
        d = d.quantize(_ONE, context=_CTX)
    return d


def _valid_groups(parts: list[str], sep: str) -> bool:
    if not 1 <= len(parts[0]) <= 3:
        return False
    if all(len(p) == 3 for p in parts[1:]):
        return True
    # Indian lakh grouping: 1,00,000 / 12,34,56,789
    return (
        sep == ","
        and len(parts) >= 3
        and len(parts[0]) <= 2
        and len(parts[-1]) == 3
        and all(len(p) == 2 for p in parts[1:-1])
    )


def _readings(tok: str, lang: str | None) -> list[tuple[Decimal, bool]] | None:
    """Every valid reading of a digit token as ``(value, has_decimal)``, best first.

    None means the token is not one number (e.g. "1,2,3") and must be split.
    """
    if tok.isdigit():
        return [(Decimal(tok), False)] if len(tok) <= _MAX_DIGITS else None
    seps = [
        ("," if c == "٬" else "." if c == "٫" else " " if c in _SPACES else c)
        for c in _SEP_RE.findall(tok)
    ]
    parts = _SEP_RE.split(tok)
    if any(len(p) > _MAX_DIGITS for p in parts):
        return None
    if not seps:
        return [(Decimal(parts[0]), False)]
    space_ok = lang is None or lang in _SPACE_GROUPS
    cands: list[tuple[int, Decimal, bool]] = []
    dec_comma = lang in _DECIMAL_COMMA
    g = seps[0]
    if (
        all(s == g for s in seps)
        and _valid_groups(parts, g)
        and (g != " " or space_ok or "\u00a0" in tok or "\u202f" in tok or "\u2009" in tok)
    ):
        # Locale score: a group separator that is the locale's decimal mark ranks lower.
        score = (
            0
            if lang is None
            else (1 if (g == "," and dec_comma) or (g == "." and not dec_comma) else 0)
        )
        cands.append((score, Decimal("".join(parts)), False))
    d = seps[-1]
    if d in ".,":
        head, gs = parts[:-1], seps[:-1]
        ok = not gs or (all(s == gs[0] for s in gs) and gs[0] != d and _valid_groups(head, gs[0]))
        if ok:
            if lang is None:
                score = 1 if len(parts[-1]) == 3 and len(seps) == 1 else 0
            else:
                score = 0 if (d == ",") == dec_comma else 1
            cands.append((score, Decimal("".join(head) + "." + parts[-1]), True))
    if not cands:
        return None
    cands.sort(key=lambda c: c[0])
    return [(v, has_dec) for _, v, has_dec in cands]


# --- mention construction ----------------------------------------------------------


def _mention(
    text: str,
    start: int,
    end: int,
    values: list[Decimal],
    kind: str,
    *,
    currency: str | None = None,
    from_words: bool = False,
    weak: bool = False,
) -> NumberMention:
    if len(values) == 1:
        vals: tuple[Decimal, ...] = (_norm(values[0]),)
    else:
        vals = tuple(dict.fromkeys(_norm(v) for v in values))  # dedupe, keep order
    return NumberMention(
        start, end, text[start:end], vals, kind, len(vals) > 1, currency, from_words, weak
    )


def _is_marker(text: str, s: int, e: int, tok: str) -> bool:
    """Footnote markers and list numbers carry no content."""
    if len(tok) > 3 or not tok.isdecimal():
        return False
    before = text[s - 1] if s else ""
    after = text[e] if e < len(text) else ""
    if before == "[" and after == "]":
        return True
    # "text.12 Next": digits glued after sentence punctuation following a word.
    if (
        s >= 3
        and before in '.,;:!?”"’)'
        and text[s - 2].islower()
        and text[s - 3].isalpha()
        and (not after or after.isspace())
    ):
        return True
    # "1." / "2)" at the start of a line.
    line_start = text.rfind("\n", 0, s) + 1
    return (
        after in ".)"
        and text[line_start:s].strip() == ""
        and e + 1 < len(text)
        and text[e + 1] in " \t"
    )


def _month_ok(text: str, start: int, word: str, lang: str | None) -> bool:
    """English words that are also verbs/nouns count as months only when capitalised."""
    return (
        word not in _CASED_MONTHS or lang not in (None, "en") or text[start : start + 1].isupper()
    )


class _Scanner:
    __slots__ = (
        "lang",
        "low",
        "month_after",
        "month_before",
        "months",
        "out",
        "prev_year",
        "prev_year_end",
        "text",
    )

    def __init__(self, text: str, low: str, lang: str | None) -> None:
        self.text = text
        self.low = low
        self.lang = lang
        self.out: list[NumberMention] = []
        self.prev_year_end = -1
        self.prev_year = 0
        self.months = MONTHS_BY_LANG.get(lang or "", MONTHS)
        self.month_after, self.month_before = _MONTH_RES.get(
            lang or "", (_MONTH_AFTER_RE, _MONTH_BEFORE_RE)
        )

    def add(self, m: NumberMention) -> None:
        self.out.append(m)
        if m.kind == "year" and m.values:
            self.prev_year_end, self.prev_year = m.end, int(m.values[0])

    # -- digits --

    def scan_digits(self) -> None:
        text = self.text
        consumed = 0
        for m in _DIGIT_RE.finditer(text):
            s, e = m.span()
            if s < consumed:
                continue
            kind = m.lastgroup
            if kind == "date" and self._numeric_date(m):
                consumed = e
                continue
            if kind == "iso":
                y, mo, d = (int(_ascii_digits(m.group(k))) for k in ("iy", "im", "id"))
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    self._date_parts(
                        m.start("id"),
                        m.end("id"),
                        d,
                        m.start("im"),
                        m.end("im"),
                        mo,
                        m.start("iy"),
                        m.end("iy"),
                        y,
                    )
                    consumed = e
                    continue
            if kind == "time":
                h, mi = int(_ascii_digits(m.group("th"))), int(_ascii_digits(m.group("tm")))
                if h <= 24 and mi < 60:
                    consumed = self._time(s, e, h, mi)
                    continue
            if kind == "num":
                consumed = self._number(s, e)
                continue
            # A date or time shape that failed validation: read its numbers one by one.
            for nm in _NUM_RE.finditer(text, s, e):
                if nm.start() >= consumed:
                    consumed = max(consumed, self._number(nm.start(), nm.end()))

    def _numeric_date(self, m: regex.Match[str]) -> bool:
        a, b = int(_ascii_digits(m.group("d1"))), int(_ascii_digits(m.group("d2")))
        y_raw = _ascii_digits(m.group("d3"))
        y = int(y_raw) if len(y_raw) == 4 else 2000 + int(y_raw)
        if len(y_raw) == 2 and m.group("ds") == "-":
            return False  # "10-15-20" is more likely a list of numbers
        dm = 1 <= a <= 31 and 1 <= b <= 12
        md = 1 <= b <= 31 and 1 <= a <= 12
        if not (dm or md):
            return False
        # Only slashes are used month-first (US); dots and hyphens are day-first.
        if m.group("ds") != "/":
            order = [(a, b)]
        elif self.lang in (None, "en"):
            order = [(b, a), (a, b)]
        else:
            order = [(a, b), (b, a)]
        readings = [(d, mo) for d, mo in order if 1 <= d <= 31 and 1 <= mo <= 12]
        if not readings:
            return False
        # Day and month spans follow the reading ranked first.
        first_is_day = readings[0] == (a, b)
        s1, e1, s2, e2 = m.start("d1"), m.end("d1"), m.start("d2"), m.end("d2")
        ds, de, ms, me = (s1, e1, s2, e2) if first_is_day else (s2, e2, s1, e1)
        days = [Decimal(d) for d, _ in readings]
        months = [Decimal(mo) for _, mo in readings]
        self.add(_mention(self.text, ds, de, days, "date"))
        self.add(_mention(self.text, ms, me, months, "month"))
        self.add(_mention(self.text, m.start("d3"), m.end("d3"), [Decimal(y)], "year"))
        return True

    def _date_parts(
        self, ds: int, de: int, d: int, ms: int, me: int, mo: int, ys: int, ye: int, y: int
    ) -> None:
        parts = [(ds, de, d, "date"), (ms, me, mo, "month"), (ys, ye, y, "year")]
        for s, e, v, kind in sorted(parts):
            if s >= 0:
                self.add(_mention(self.text, s, e, [Decimal(v)], kind))

    def _time(self, s: int, e: int, h: int, mi: int) -> int:
        val = Decimal(h) + Decimal(mi) / 100
        vals = [val]
        am = _AMPM_RE.match(self.text, e)
        if am is not None and self.lang != "de" and h <= 12:
            if am.group("p").lower() == "p" and h < 12:
                vals = [val + 12, val]
            e = am.end()
        elif h >= 1:
            # the same time written the military way ("12 h 00" / "at 1200 hours")
            vals.append(Decimal(h * 100 + mi))
        self.add(_mention(self.text, s, e, vals, "time"))
        return e

    def _number(self, s: int, e: int) -> int:
        """Read the digit token text[s:e] and its context; return the end consumed."""
        text = self.text
        raw = text[s:e]
        tok = _ascii_digits(raw)
        readings = _readings(tok, self.lang)
        if readings is None:
            # Not one number: emit each digit group on its own.
            for g in regex.finditer(r"\d+", raw):
                gs, ge = s + g.start(), s + g.end()
                if ge - gs <= _MAX_DIGITS:
                    self._plain(gs, ge, [(Decimal(_ascii_digits(g.group())), False)])
            return e
        return self._plain(s, e, readings)

    def _plain(self, s: int, e: int, readings: list[tuple[Decimal, bool]]) -> int:
        text, low = self.text, self.low
        values = [v for v, _ in readings]
        has_dec = readings[0][1]
        is_int = not any(d for _, d in readings)
        n_digits = e - s
        v0 = values[0]
        kind = "decimal" if has_dec else "cardinal"
        if is_int and n_digits == 4 and 1000 <= v0 <= 2100:
            kind = "year"

        g = text[e : e + 1]
        head = _head(low, e)
        after = _after_maybe(low, e)
        before = _before_maybe(low, s)
        # Dates with month names.
        if (
            after
            and is_int
            and 1 <= v0 <= 31
            and n_digits <= 2
            and (head in _MONTH_HEADS or g in ".-" or g.isalpha())
        ):
            ma = self.month_after.match(low, e)
            if ma is not None and _month_ok(text, ma.start("m"), ma.group("m"), self.lang):
                mo = self.months[ma.group("m")]
                ys, ye = (ma.start("y"), ma.end("y")) if ma.group("y") else (-1, -1)
                y = int(_ascii_digits(ma.group("y"))) if ma.group("y") else 0
                self._date_parts(s, e, int(v0), ma.start("m"), ma.end("m"), mo, ys, ye, y)
                return int(ma.end())
        if _is_marker(text, s, e, text[s:e]):
            return e
        mb = self.month_before.search(low, max(0, s - 24), s) if before else None
        if mb is not None and is_int and _month_ok(text, mb.start("m"), mb.group("m"), self.lang):
            mo = self.months[mb.group("m")]
            if kind == "year":
                self._date_parts(-1, -1, 0, mb.start("m"), mb.end("m"), mo, s, e, int(v0))
                return e
            if 1 <= v0 <= 31 and n_digits <= 2:
                ya = _YEAR_AFTER_DAY_RE.match(low, e)
                ys, ye = (ya.start("y"), ya.end("y")) if ya else (-1, -1)
                y = int(_ascii_digits(ya.group("y"))) if ya else 0
                self._date_parts(s, e, int(v0), mb.start("m"), mb.end("m"), mo, ys, ye, y)
                return ya.end() if ya else e

        if is_int and e < len(text) and text[e] in "时時点點" and v0 <= 24:
            ct = _CJK_TIME_RE.match(text, e)
            if ct is not None:
                mins = 30 if ct.group("half") else int(_ascii_digits(ct.group("m") or "0"))
                tv = v0 + Decimal(mins) / 100
                self.add(_mention(text, s, ct.end(), [tv], "time", weak=v0 == 0))
                return int(ct.end())
        # CJK date characters: 2025年2月10日.
        if is_int and e < len(text) and text[e] in "年月日 ":
            cj = _CJK_DATE_RE.match(text, e)
            if cj is not None:
                c = cj.group("c")
                if c == "月" and 1 <= v0 <= 12:
                    self.add(_mention(text, s, e, values, "month"))
                    return e
                if c == "日" and 1 <= v0 <= 31:
                    kind = "date"
                elif c == "年":
                    kind = "year"
        # "明治28年", "１８９５（明治２８）年": an era's year is also its Gregorian year, either
        # reading may be what a translation writes
        if is_int and 1 <= v0 <= 64 and (text[e : e + 1] == "年" or text[e : e + 2] in _ERA_CLOSE):
            era = _JA_ERA_RE.search(text, max(0, s - 3), s)
            if era is not None:
                year = _JA_ERAS[era.group("era")] + int(v0)
                if self.prev_year == year and 0 <= era.start() - self.prev_year_end <= 1:
                    return e  # "１８９５（明治２８）年": the era restates the year before it
                values = [*values, Decimal(year)]

        # "2021–22": the second year of a range written with two digits.
        prev_year = self.prev_year
        if (
            is_int
            and n_digits == 2
            and self.prev_year_end == s - 1
            and text[s - 1] in "-–/"
            and prev_year >= 1000
        ):
            century = prev_year - prev_year % 100
            year = century + int(v0)
            if year <= prev_year:
                year += 100
            self.add(_mention(text, s, e, [Decimal(year)], "year"))
            return e

        # Sign.
        if s and text[s - 1] in "−-":
            prev = text[s - 2] if s >= 2 else " "
            if text[s - 1] == "−" and not prev.isalnum():
                values = [-v for v in values]
                s -= 1
            elif prev in " (\t\n[":
                values = [-v for v in values] + values
                s -= 1
        elif before and _MINUS_WORD_RE.search(low, max(0, s - 8), s) is not None:
            values = [-v for v in values]

        end = e
        currency: str | None = None
        cb = _CURRENCY_BEFORE_RE.search(text, max(0, s - 5), s) if before else None
        if cb is not None:
            currency = CURRENCY_PREFIX[cb.group("c")]

        # Magnitude: "1.5 million", "1,5 Mio.", "$2bn", "417.6万".
        if not after and currency is None:
            self._emit_plain(s, e, values, kind)
            return e
        scale: int | None = None
        glued = maybe_foreign = False
        mg = _GLUED_MAG_RE.match(text, end) if g in "kKmMbB" else None
        if mg is not None:
            scale, glued = DIGIT_MAGNITUDES[mg.group("g")], True
            mag_end = mg.end()
        else:
            ms = _SPACED_MAG_RE.match(low, end) if head in _MAG_HEADS else None
            if ms is not None and _foreign_magnitude(ms, self.lang):
                ms = None  # English "17,500 miles" is a distance, not Spanish "miles" (thousands)
            # Language unknown: "17 miles" keeps both readings, the plain one first.
            maybe_foreign = (
                ms is not None and self.lang is None and ms.group("w") in _MAGNITUDE_LANGS
            )
            if ms is not None:
                w = ms.group("w")
                scale = DIGIT_MAGNITUDES[w]
                mag_end = ms.end()
                if w in ("billion", "billions") and self.lang in LONG_SCALE_LANGS:
                    scale = 10**12
                # "2 mil millones", "1 thousand million": a second, larger magnitude.
                ms2 = _SPACED_MAG_RE.match(low, mag_end)
                if ms2 is not None and DIGIT_MAGNITUDES[ms2.group("w")] > scale:
                    scale *= DIGIT_MAGNITUDES[ms2.group("w")]
                    mag_end = ms2.end()
            else:
                mc = _CJK_MAG_RE.match(text, end) if g in "万萬亿億千" else None
                if mc is not None:
                    scale = CJK_MAGNITUDES.get(mc.group("c"), 1000)
                    mag_end = mc.end()
        rest = 0
        if scale is not None and scale >= 10**4 and text[end : end + 1] in "万萬亿億":
            rest, mag_end = _cjk_rest(text, mag_end, scale)
        if scale is not None:
            scaled = [v * scale + rest for v in values]
            if maybe_foreign or (
                glued and currency is None and mg is not None and mg.group("g") in "mMkKbB"
            ):
                # "5m" may be five metres; keep both readings, the plain one first.
                values = values + scaled
            else:
                values = scaled
                if (
                    self.lang is None
                    and scale == 10**9
                    and low[end:mag_end].strip() in ("billion", "billions")
                ):
                    values = values + [v * 1000 for v in values]
            end = mag_end
            kind = "cardinal" if kind == "year" else kind

        if end != e:
            g, head = text[end : end + 1], _head(low, end)
        pct_maybe = g in "%‰％" or head[:1] in ("%", "‰", "％") or head in _PCT_HEADS
        pc = _PERCENT_RE.match(low, end) if pct_maybe else None
        if pc is not None:
            self.add(_mention(text, s if cb is None else cb.start(), pc.end(), values, "percent"))
            return int(pc.end())
        ca = (
            _CURRENCY_AFTER_RE.match(low, end)
            if head in _CUR_HEADS or g in "$€£¥₽元円" or head[:1] in _CUR_SYMBOLS
            else None
        )
        if ca is not None:
            currency = CURRENCY_SUFFIX.get(ca.group("c"), currency)
            end = ca.end()
        if currency is not None:
            start = cb.start() if cb is not None else s
            self.add(_mention(text, start, end, values, "currency", currency=currency))
            return end
        if scale is None:
            od = _ORDINAL_RE.match(low, end) if g.isalpha() or g in "-º" else None
            if od is not None and is_int:
                self.add(_mention(text, s, od.end(), values, "ordinal"))
                return int(od.end())
            # The digit count is tested before ``v0 % 10``: on a 29+ digit integer the modulo
            # exceeds Decimal's 28-digit precision and raises InvalidOperation.
            decade = is_int and n_digits in (2, 4) and g in "s'’-" and v0 % 10 == 0
            dc = _DECADE_RE.match(low, end) if decade else None
            if dc is not None:
                # "the 1970s" also matches "années 70"; "his 30s" is 30.
                end = int(dc.end())
                self.add(
                    _mention(text, s, end, [v0, v0 % 100], "year" if n_digits == 4 else "cardinal")
                )
                return end
            elif (
                self.lang in _ORDINAL_DOT
                and is_int
                and n_digits <= 3
                and _ORDINAL_DOT_RE.match(text, end) is not None
                and text[end + 1 : end + 3].strip()[:1].isupper()
            ):
                self.add(_mention(text, s, end + 1, values, "ordinal"))
                return end + 1
            tm = _TIMES_RE.match(low, end) if head in _TIMES_HEADS or g in "x×-" else None
            if tm is not None:
                self.add(_mention(text, s, tm.end(), values, "multiplier"))
                return int(tm.end())
            am = _AMPM_RE.match(text, end) if head in _AMPM_HEADS else None
            if am is not None and is_int and 1 <= v0 <= 12 and self.lang not in ("de", "nl"):
                t = am.group("p").lower() == "p" and v0 < 12
                vals = [v + 12 for v in values] + values if t else values
                self.add(_mention(text, s, am.end(), vals, "time"))
                return int(am.end())
        if currency is not None:
            self.add(_mention(text, s, end, values, kind, currency=currency))
        else:
            self._emit_plain(s, end, values, kind)
        return end

    def _emit_plain(self, s: int, e: int, values: list[Decimal], kind: str) -> None:
        text = self.text
        p = text[s - 1 : s] if s else ""
        if p == "-" and s >= 2:
            p = text[s - 2]
        if p.isalpha() and p < _CODE_LETTER_MAX:
            kind = "code"
        weak = self.lang in ("zh", "ja") and len(values) == 1 and values[0] == 1
        self.add(_mention(text, s, e, values, kind, weak=weak))

    # -- words --

    def scan_words(self, lang: _Lang) -> None:
        if lang.word_re is None or lang.atom_re is None:
            return
        low = self.low
        starts = _word_starts(low, lang)
        if not starts:
            return
        taken = [(m.start, m.end) for m in self.out]
        run: list[tuple[int, int, str, int, bool]] = []  # start, end, kind, value, glued_und
        run_tokens: list[tuple[int, int]] = []
        last_end = -1
        word_re = lang.word_re
        for p in starts:
            if p < last_end:
                continue  # inside the previous match ("quatre-vingt")
            m = word_re.match(low, p)
            if m is None:
                continue
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            word = m.group()
            sp = lang.special.get(word)
            if sp is not None:
                self._flush_words(run, run_tokens)
                run, run_tokens = [], []
                vals, kind, weak = sp
                self.add(
                    _mention(
                        self.text,
                        s,
                        e,
                        [Decimal(v) for v in vals],
                        kind,
                        from_words=True,
                        weak=weak,
                    )
                )
                continue
            if run and not self._gap_ok(last_end, s):
                self._flush_words(run, run_tokens)
                run, run_tokens = [], []
            pos = s
            und = False
            for a in lang.atom_re.finditer(low, s, e):
                if a.start() != pos:
                    break
                kind, value = lang.atoms[a.group()]
                if kind == "j":
                    und = True
                else:
                    run.append((a.start(), a.end(), kind, value, und))
                    und = False
                pos = a.end()
            run_tokens.append((s, e))
            last_end = e
        self._flush_words(run, run_tokens)

    def _gap_ok(self, a: int, b: int) -> bool:
        if b - a > 8:
            return False
        return _WORD_GAP_RE.fullmatch(self.low, a, b) is not None

    def _flush_words(
        self, run: list[tuple[int, int, str, int, bool]], tokens: list[tuple[int, int]]
    ) -> None:
        if not run:
            return
        for s, e, value, n_atoms, kinds in _compose(run):
            # Extend to the whole token (multiplier suffix, inflection).
            for ts, te in tokens:
                if ts <= s < te:
                    s = ts
                if ts < e <= te:
                    e = te
            if kinds <= {"a"}:
                continue  # a bare article is not a number
            token = self.low[s:e]
            kind = "word"
            # "one", a bare "million"/"Tausende" and words like "neuf" are too vague.
            weak = value == 1 or kinds <= {"m", "p"} or (n_atoms == 1 and token in _WEAK_WORDS)
            if token.endswith(
                ("fold", "fach", "fache", "fachen", "facher", "faches", "mal", "krát")
            ):
                kind = "multiplier"
            end = e
            values = [Decimal(value)]
            pc = _PERCENT_RE.match(self.low, end)
            currency: str | None = None
            if pc is not None:
                kind, end = "percent", pc.end()
            else:
                tm = _TIMES_RE.match(self.low, end)
                if tm is not None and tm.end() > end and self.low[end] in " \u00a0":
                    kind, end = "multiplier", tm.end()
                else:
                    ca = _CURRENCY_AFTER_RE.match(self.low, end)
                    if ca is not None:
                        kind, end = "currency", ca.end()
                        currency = CURRENCY_SUFFIX[ca.group("c")]
            self.add(
                _mention(
                    self.text, s, end, values, kind, currency=currency, from_words=True, weak=weak
                )
            )

    # -- Roman numerals (centuries, regnal numbers): weak --

    def scan_roman(self) -> None:
        taken = [(m.start, m.end) for m in self.out]
        for m in _ROMAN_RE.finditer(self.text):
            r = m.group("r")
            if _ROMAN_VALID_RE.fullmatch(r) is None:
                continue
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            v = 0
            for i, c in enumerate(r):
                x = _ROMAN[c]
                v += -x if i + 1 < len(r) and _ROMAN[r[i + 1]] > x else x
            if v > 0:
                self.add(_mention(self.text, s, e, [Decimal(v)], "ordinal", weak=True))

    # -- CJK numerals --

    def scan_cjk(self) -> None:
        taken = [(m.start, m.end) for m in self.out]
        for m in _CJK_RUN_RE.finditer(self.text):
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            if s and self.text[s - 1].isdecimal():
                continue
            value = _cjk_value(m.group())
            if value is None:
                continue
            kind = "word"
            if e < len(self.text) and self.text[e] == "月" and 1 <= value <= 12:
                kind = "month"
            self.add(_mention(self.text, s, e, [Decimal(value)], kind, from_words=True, weak=True))


def _foreign_magnitude(match: regex.Match[str], lang: str | None) -> bool:
    langs = _MAGNITUDE_LANGS.get(match.group("w"))
    return langs is not None and lang is not None and lang not in langs


def _can_add(cur: int, v: int) -> bool:
    r = cur % 100
    if v < 10:
        # "twenty-five"; French "dix-sept"
        return r == 0 or (r >= 20 and r % 10 == 0) or (r == 10 and v >= 7)
    if v < 20:
        return r in (0, 60, 80)  # French soixante-dix, quatre-vingt-dix
    return r == 0


_Run = list[tuple[int, int, str, int, bool]]


def _compose(run: _Run) -> list[tuple[int, int, int, int, set[str]]]:
    """Combine word atoms into numbers: (start, end, value, n_atoms, atom kinds).

    A sequence that cannot continue the current number starts a new one, so
    "two three" is 2 and 3 while "two hundred three" is 203.
    """
    out: list[tuple[int, int, int, int, set[str]]] = []
    total = cur = n = 0
    last_mag = 10**30
    start = end = -1
    kinds: set[str] = set()
    for s, e, kind, v, und in run:
        ok = start >= 0
        if ok:
            if kind in ("n", "a"):
                if und and v >= 20 and v % 10 == 0 and 1 <= cur % 100 <= 9:
                    cur += v  # German "fünfundzwanzig"
                elif _can_add(cur, v) and (cur or total):
                    cur += v
                else:
                    ok = False
            elif kind == "c":
                ok = cur == 0
                cur += v
            elif kind == "h":
                if 0 < cur < 100:
                    cur *= 100
                elif cur == 0:
                    cur = 100
                else:
                    ok = False
            elif cur > 0 and v < last_mag:
                total, cur, last_mag = total + cur * v, 0, v
            elif cur == 0 and total > 0 and v > last_mag:
                total, last_mag = total * v, v  # "mil millones", "thousand million"
            else:
                ok = False
        if not ok:
            if start >= 0:
                out.append((start, end, total + cur, n, kinds))
            start, n, kinds = s, 0, set()
            total, cur, last_mag = 0, 0, 10**30
            if kind in ("m", "p"):
                total, last_mag = v, v
            else:
                cur = 100 if kind == "h" else v
        end = e
        n += 1
        kinds.add(kind)
    if start >= 0:
        out.append((start, end, total + cur, n, kinds))
    return out


def _cjk_value(s: str) -> int | None:
    if not any(c in CJK_DIGITS or c in CJK_UNITS for c in s):
        return None
    if len(s) > 1 and all(c in CJK_DIGITS for c in s):
        return int("".join(str(CJK_DIGITS[c]) for c in s))  # 二〇二〇
    total = section = num = 0
    for c in s:
        if c in CJK_DIGITS:
            num = CJK_DIGITS[c]
        elif c in CJK_UNITS:
            section += (num or 1) * CJK_UNITS[c]
            num = 0
        else:
            total += (section + num or 1) * CJK_MAGNITUDES[c]
            section = num = 0
    return total + section + num


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# A run of spaces, or a tab, between a number and its word. The rules read one space there
# ("1.1 million", "12 per cent", "3 May 2024"), so "€1.1  million" became "€1.1" and a target
# differing from its source only in spacing got a critical ``number.changed``.
_SPACE_RUN: Final = regex.compile(r"[ \t\u00a0\u202f]{2,}|\t")


def extract_numbers(text: str, lang: str | None) -> tuple[NumberMention, ...]:
    """Find the numbers in ``text`` written in language ``lang`` (ISO 639-1, or None).

    Returns mentions sorted by position; footnote markers and list numbers are left
    out. With ``lang=None`` every separator convention is tried and only English number
    words are read. A run of spaces reads as one space; offsets are ``text``'s.
    """
    if not text:
        return ()
    if _SPACE_RUN.search(text) is None:
        return _extract(text, lang)
    # Each run squeezed to one space (its first, if a no-break space); ``at`` maps each
    # squeezed offset back to ``text``.
    parts: list[str] = []
    at: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        parts.append(text[pos : m.start()])
        at.extend(range(pos, m.start()))
        parts.append(m.group()[0] if m.group()[0] in "\u00a0\u202f" else " ")
        at.append(m.start())
        pos = m.end()
    parts.append(text[pos:])
    at.extend(range(pos, len(text)))
    out = []
    for m in _extract("".join(parts), lang):
        start, end = at[m.start], at[m.end - 1] + 1
        out.append(replace(m, start=start, end=end, text=text[start:end]))
    return tuple(out)


def _extract(text: str, lang: str | None) -> tuple[NumberMention, ...]:
    key = _lang_key(lang)
    low = _lower_same_length(text)
    sc = _Scanner(text, low, key)
    if _HAS_DIGIT.search(text) is not None:
        sc.scan_digits()
    sc.scan_words(_LANGS.get(key, _NO_WORDS))
    if key in ("zh", "ja"):
        sc.scan_cjk()
    elif _HAS_ROMAN.search(text) is not None:
        sc.scan_roman()
    sc.out.sort(key=lambda m: (m.start, m.end))
    idioms = _idioms(key)
    if idioms is not None:
        spans = [(m.start(), m.end()) for m in idioms.finditer(low)]
        if spans:
            return tuple(m for m in sc.out if not any(a <= m.start < b for a, b in spans))
    return tuple(sc.out)


@cache
def _idioms(lang: str | None) -> regex.Pattern[str] | None:
    phrases = IDIOMS.get(lang or "", ())
    if not phrases:
        return None
    return regex.compile(r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in phrases) + r")\b")
