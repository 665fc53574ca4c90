"""Weekdays and months named in a text, by language: a lexical anchor across languages.

A dropped date ("am Dienstag", "ve středu večer", "बुधवार को", "W środę") is the commonest
prepositional phrase DEMETR's omissions remove that the sentence encoder hardly sees (a
weekday moves a sentence vector as little as "the" does), and a faithful translation keeps it
almost always: DEMETR xx-en dev, 8 of 95 omissions lose a weekday or month word and none of
592 controls does (docs/checks.md, "Session 10, branch omission10"). The words are compared
as calendar ids (``d0``-``d6`` Monday-Sunday, ``m0``-``m11`` January-December), so the check
needs a lexicon for both languages and says nothing otherwise.

The source is read strictly, the target leniently: a word counts in the source only in its
usual spelling (lower-case where the language writes the names so, so that "Domingo",
"Mars" or "Mayo Clinic" are names; English "May" and "March" only beside a number, so that
the modal and the verb are not months), while any spelling of a name in the target, or an
abbreviation ("Sept. 16"), or a date written in digits ("9/11"), keeps it. A false match in
the target only costs a finding, never invents one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

import regex

__all__ = ["calendar_words", "digit_date", "lost_dates"]

_Names = tuple[Sequence[str], Sequence[str]]  # weekday forms Monday first, month forms

#: Forms per language, as regular-expression alternatives ("|"); inflected languages list
#: their case forms or a stem with ``\w*``. Weekdays Monday first, months January first.
_LEXICON: dict[str, _Names] = {
    "en": (
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"],
    ),
    "de": (
        ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag|Sonnabend",
         "Sonntag"],
        ["Januar|Jänner", "Februar|Feber", "März", "April", "Mai", "Juni", "Juli", "August",
         "September", "Oktober", "November", "Dezember"],
    ),
    "fr": (
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"],
    ),
    "es": (
        ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre|setiembre", "octubre", "noviembre", "diciembre"],
    ),
    "it": (
        ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
         "settembre", "ottobre", "novembre", "dicembre"],
    ),
    "pt": (
        ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
         "sábado", "domingo"],
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
         "setembro", "outubro", "novembro", "dezembro"],
    ),
    "nl": (
        ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
         "september", "oktober", "november", "december"],
    ),
    "pl": (
        # not "środek" (middle), "środowisko" (environment), "piąty" (fifth)
        ["poniedziałek|poniedziałku|poniedziałki", "wtorek|wtorku|wtorki",
         "środa|środę|środy|środzie", "czwartek|czwartku|czwartki", "piątek|piątku|piątki",
         "sobota|sobotę|soboty|sobocie", "niedziela|niedzielę|niedzieli"],
        ["styczeń|stycznia|styczniu", "luty|lutego|lutym", "marzec|marca|marcu",
         "kwiecień|kwietnia|kwietniu", "maj|maja|maju", "czerwiec|czerwca|czerwcu",
         "lipiec|lipca|lipcu", "sierpień|sierpnia|sierpniu", "wrzesień|września|wrześniu",
         "październik|października|październiku", "listopad|listopada|listopadzie",
         "grudzień|grudnia|grudniu"],
    ),
    "ru": (
        ["понедельник\\w*", "вторник\\w*", "среда|среду|среды|среде", "четверг\\w*",
         "пятниц\\w+", "суббот\\w+", "воскресень\\w+"],
        ["январ\\w+", "феврал\\w+", "март\\w*", "апрел\\w+", "май|мая|мае", "июн\\w+",
         "июл\\w+", "август\\w*", "сентябр\\w+", "октябр\\w+", "ноябр\\w+", "декабр\\w+"],
    ),
    "cs": (
        ["pondělí", "úterý", "středa|středu|středy|středě", "čtvrtek|čtvrtku|čtvrtky",
         "pátek|pátku|pátky", "sobota|sobotu|soboty|sobotě", "neděle|neděli"],
        ["leden|ledna|lednu", "únor|února|únoru", "březen|března|březnu", "duben|dubna|dubnu",
         "květen|května|květnu", "červen|června|červnu", "červenec|července|červenci",
         "srpen|srpna|srpnu", "září", "říjen|října|říjnu", "listopad|listopadu",
         "prosinec|prosince|prosinci"],
    ),
    "hi": (
        ["सोमवार", "मंगलवार", "बुधवार", "गुरुवार|बृहस्पतिवार", "शुक्रवार", "शनिवार", "रविवार|इतवार"],
        ["जनवरी", "फ़रवरी|फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर|सितम्बर",
         "अक्टूबर|अक्तूबर", "नवंबर|नवम्बर", "दिसंबर|दिसम्बर"],
    ),
    "zh": (
        ["(?:星期|礼拜|周)一", "(?:星期|礼拜|周)二", "(?:星期|礼拜|周)三", "(?:星期|礼拜|周)四",
         "(?:星期|礼拜|周)五", "(?:星期|礼拜|周)六", "(?:星期|礼拜)[日天]|周日"],
        [],
    ),
    "ja": (["月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜"], []),
}  # fmt: skip
#: Languages that write a weekday and the time of day as one word.
_COMPOUNDING = frozenset({"de", "nl"})
#: Languages that write weekdays and months in lower case: a capital there is a name.
_LOWER = frozenset({"fr", "es", "it", "pt", "nl", "pl", "ru", "cs"})
#: Chinese and Japanese write a month as its number: 3月, 十二月.
_CJK_MONTH = regex.compile(
    r"(?<![\d〇一二三四五六七八九十])(1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月"
)
_CJK_NUMERAL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
#: English forms that are also common words: a month only beside a number ("May 5", "5 March").
_AMBIGUOUS = frozenset({"May", "March"})
_NEAR_NUMBER = regex.compile(r"\d[\s,.]*$|^[\s,.]*\d")
#: Target-side extras that keep a name: abbreviations ("Sept. 16", "Tues.") and dates in digits.
_EN_ABBREVIATIONS = (
    ["Mon", "Tue|Tues", "Wed", "Thu|Thur|Thurs", "Fri", "Sat", "Sun"],
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep|Sept", "Oct", "Nov", "Dec"],
)
_DIGIT_DATE = regex.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")


@cache
def _pattern(lang: str, lenient: bool) -> regex.Pattern[str] | None:
    names = _LEXICON.get(lang)
    if names is None:
        return None
    # German and Dutch glue a weekday to the time of day ("Samstagmorgen", "zondagavond") or
    # make it an adverb ("dienstags"): in the target, a word that starts with one keeps it.
    glued = r"\w*" if lenient and lang in _COMPOUNDING else ""
    groups = [(f"d{i}", f"(?:{f}){glued}" if glued else f) for i, f in enumerate(names[0])]
    groups += [(f"m{i}", f) for i, f in enumerate(names[1])]
    if lenient and lang == "en":
        groups += [(f"d{i}x", f"(?:{f})\\.") for i, f in enumerate(_EN_ABBREVIATIONS[0])]
        groups += [(f"m{i}x", f"(?:{f})\\.?") for i, f in enumerate(_EN_ABBREVIATIONS[1])]
    # Each form also decomposed (NFD): macOS files often are, and "Ma\u0308rz" is "März".
    body = "|".join(f"(?P<{k}>{_both_forms(forms)})" for k, forms in groups)
    if lang in ("zh", "ja"):
        return regex.compile(body)
    strict_case = not lenient and (lang in _LOWER or lang == "en")
    flags = 0 if strict_case else regex.IGNORECASE
    return regex.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)


def _both_forms(forms: str) -> str:
    decomposed = unicodedata.normalize("NFD", forms)
    return forms if decomposed == forms else f"{forms}|{decomposed}"


def _near_number(text: str, m: regex.Match[str]) -> bool:
    return bool(_NEAR_NUMBER.search(text[: m.start()]) or _NEAR_NUMBER.search(text[m.end() :]))


def _dates(text: str, lang: str, lenient: bool) -> dict[str, tuple[int, int]] | None:
    """Calendar ids named in ``text`` with the offsets of their first mention; None when the
    language has no lexicon."""
    pattern = _pattern(lang, lenient)
    if pattern is None:
        return None
    found: dict[str, tuple[int, int]] = {}
    for m in pattern.finditer(text):
        key = next(k for k, v in m.groupdict().items() if v)
        if not lenient and lang == "en" and m.group() in _AMBIGUOUS and not _near_number(text, m):
            continue  # "May I", "they march": the modal and the verb, not months
        found.setdefault(key.rstrip("x"), m.span())
    if lang in ("zh", "ja"):
        for m in _CJK_MONTH.finditer(text):
            n = m.group(1)
            month = int(n) if n.isdigit() else _CJK_NUMERAL[n[-1]] + 10 * (len(n) == 2)
            found.setdefault(f"m{month - 1}", m.span())
    return found


def lost_dates(
    text: str, other: str, lang: str | None, other_lang: str | None
) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the weekdays and months it names that ``other`` names in no
    form, in order; empty when either language has no lexicon. A target that writes a date
    in digits ("9/11", "16.9.") is taken to keep every month."""
    if lang is None or other_lang is None:
        return []
    lang, other_lang = lang.split("-")[0].lower(), other_lang.split("-")[0].lower()
    ours = _dates(text, lang, lenient=False)
    theirs = _dates(other, other_lang, lenient=True)
    if not ours or theirs is None:
        return []
    lost = {k: span for k, span in ours.items() if k not in theirs}
    if digit_date(other):
        lost = {k: span for k, span in lost.items() if not k.startswith("m")}
    return sorted(lost.values())


def calendar_words(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Offsets of the weekdays and months ``text`` names in any spelling (read leniently, as
    a target is); empty when the language has no lexicon."""
    pattern = _pattern(lang.split("-")[0].lower(), lenient=True) if lang else None
    return [m.span() for m in pattern.finditer(text)] if pattern is not None else []


def digit_date(text: str) -> bool:
    """Whether ``text`` writes a date in digits ("25.12.2018", "9/11", "16.9.")."""
    return _DIGIT_DATE.search(text) is not None
