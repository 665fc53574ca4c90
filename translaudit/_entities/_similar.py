"""How alike two renderings of a name are, and whether a difference is a regular one."""

from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz import fuzz

from .._features import fold

__all__ = [
    "alias_equivalent",
    "aliases",
    "has_aliases",
    "is_native_variant",
    "is_regular_rendering",
    "name_key",
    "name_similarity",
]


def name_key(text: str) -> str:
    """The folded form names are compared by: ASCII, lower case, no dots or apostrophes
    (anyascii writes the Cyrillic soft sign as an apostrophe: "Сокольский" -> "sokol'skii")."""
    return fold(text).replace(".", "").replace("'", "").replace("’", "")


# Names with several standard forms, in the languages translaudit meets most; keys are
# folded (name_key), words joined by one space. Inflected forms match on 4-letter word stems.
_ALIASES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "us|usa|united states|united states of america|america|the united states|stany zjednoczone|"
        "vereinigte staaten|etats unis|estados unidos|stati uniti|ssha|spojene staty|eua|eeuu|"
        "estados unidos de america|stati uniti d'america|etats unis d'amerique",
        "uk|united kingdom|great britain|britain|wielka brytania|grossbritannien|royaume uni|"
        "reino unido|regno unito|velikobritaniia|spojene kralovstvi|vb",
        "eu|european union|unia europejska|europaische union|union europeenne|union europea|"
        "unione europea|evropeiskii soiuz|es|ue|evropska unie",
        "un|united nations|onz|uno|onu|oon|vereinte nationen|nations unies|naciones unidas|"
        "nazioni unite|organizacja narodow zjednoczonych|organizatsiia obedinennykh natsii|osn",
        "nato|otan|nato|severoatlanticheskii al'ians",
        "russia|russian federation|rosja|russland|russie|rusia|rossiia|rossiiskaia federatsiia|"
        "federacja rosyjska",
        "who|world health organization|oms|voz|who|swiatowa organizacja zdrowia|"
        "weltgesundheitsorganisation|organisation mondiale de la sante",
        "imf|international monetary fund|mfw|iwf|fmi|mvf|internationaler wahrungsfonds",
        "uefa|uefa",
        "middle east|mideast|bliski wschod|naher osten|moyen orient|oriente medio|medio oriente|"
        "blizhnii vostok|blizky vychod",
        "covid 19|covid|covid19|coronavirus|corona virus|koronawirus|koronavirus|"
        "koronavirusnaia infektsiia|"
        # Chinese news' 新冠肺炎, as machine translation renders it
        "new coronary pneumonia|novel coronavirus pneumonia|new crown pneumonia|"
        "novel coronavirus|new coronavirus",
        "bce|bc|before christ|before the common era",  # era markers, not names
        "ce|ad|anno domini|common era",
        "fifa|fifa",
    )
)
_ALIAS_OF = {name: group for group in _ALIASES for name in group}


def _stems(key: str) -> str:
    return " ".join(w[:4] if len(w) > 4 else w[:3] for w in key.split())


_ALIAS_STEM_OF = {_stems(n): g for g in _ALIASES for n in g if " " in n}


def _compile(*rules: tuple[str, str]) -> tuple[tuple[regex.Pattern[str], str], ...]:
    return tuple((regex.compile(pattern), repl) for pattern, repl in rules)


def _rewrite(key: str, rules: tuple[tuple[regex.Pattern[str], str], ...]) -> str:
    for pattern, repl in rules:
        key = pattern.sub(repl, key)
    return key


_SHARED_RULES = (("w", "v"), ("ij|iy|yj|j|y", "i"), ("ks|x", "x"), ("ph", "f"))
_SKELETON_RULES = _compile(
    ("sz|sch|sh|ś|š", "s"),
    ("cz|tsch|ch|č|ć", "c"),
    ("rz|zh|ż|ž|ź", "z"),
    ("kh|h", ""),
    *_SHARED_RULES,
    (r"(.)\1+", r"\1"),
)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "the", "and", "for", "de", "la"})


def has_aliases(key: str) -> bool:
    """Whether a folded name is one of the entities with several standard forms ("eu")."""
    return key in _ALIAS_OF


def aliases(key: str) -> frozenset[str]:
    """The standard forms of the entity a folded name is one of (empty when none)."""
    return _ALIAS_OF.get(key, frozenset())


def alias_equivalent(a: str, b: str) -> bool:
    """True for ``U.S.``/``United States``, ``EU``/``European Union``, an acronym/expansion.

    Both arguments are folded keys (lower case, dots removed).
    """
    if a == b:
        return True
    group = _ALIAS_OF.get(a) or _ALIAS_STEM_OF.get(_stems(a))
    if group is not None and (b in group or _ALIAS_STEM_OF.get(_stems(b)) is group):
        return True
    for short, long in ((a, b), (b, a)):
        if " " not in short and " " in long and len(short) >= 2 and _initials(long) == short:
            return True
    return False


@lru_cache(maxsize=100_000)
def skeleton(key: str) -> str:
    """A spelling skeleton that maps regular transliteration variants together."""
    return _rewrite(key, _SKELETON_RULES)


@lru_cache(maxsize=100_000)
def name_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two folded single-word keys, tolerant of inflected endings."""
    if a == b:
        return 1.0
    score = fuzz.ratio(a, b) / 100.0
    short, long = sorted((a, b), key=len)
    if len(short) >= 5 and long.startswith(short[:-1]) and len(long) - len(short) <= 3:
        score = max(score, 0.9)  # Paszynian / Paszyniana, Erywan / Erywaniu
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        score = max(score, 0.92)
    elif min(len(sa), len(sb)) >= 4:
        score = max(score, 0.95 * fuzz.ratio(sa, sb) / 100.0)
    return score


def is_regular_rendering(a: str, b: str) -> bool:
    """True when ``b`` is a regular transliteration or inflection of ``a`` (folded keys)."""
    if a == b:
        return True
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    short, long = sorted((sa, sb), key=len)
    return len(short) >= 5 and long.startswith(short[:-1]) and len(long) - len(short) <= 3


# Spelling differences that stay within one romanisation family: the transliteration skeleton
# without its blanket "h" deletion (so "Jajjhar" / "Jhajjar" is a transposition, not a variant)
# nor its merging of doubled letters (a dropped letter, "Marowby", is a typo), and with
# Japanese-style voicing between vowels ("Asanokawa" / "Asanogawa").
_VARIANT_RULES = _compile(
    ("sz|sch|sh", "s"),
    ("tsch|tch|cz|ch", "c"),
    ("rz|zh", "z"),
    ("kh", "h"),
    *_SHARED_RULES,
    ("(?<=[aeiou])g(?=[aeiou])", "k"),
)
# Letters a language's own romanisation does not use for these sounds: an English text that
# writes "Kirijenko", "Koczarian" or "Wedomosti" follows Polish conventions, a German one that
# writes "Yeltsin" or "Shukshin" follows English ones. Languages without a table get no variants.
_FOREIGN_LETTERS = {
    "en": ("sz", "cz", "rz", "sch", "j", "w"),
    "de": ("sh", "zh", "cz", "sz", "y"),
}


@lru_cache(maxsize=100_000)
def _variant_skeleton(key: str) -> str:
    return _rewrite(key, _VARIANT_RULES)


def is_native_variant(a: str, b: str, lang: str) -> bool:
    """True when ``b`` spells the name ``a`` differently but within ``lang``'s own romanisation
    conventions (folded single-word keys): "Catry" / "Catri", "Netanjahu" / "Netanyahu",
    "Bangladesch" / "Bangladesh" in English; not "Kiriyenko" / "Kirijenko" (a Polish "j")."""
    foreign = _FOREIGN_LETTERS.get(lang)
    if foreign is None or a == b or _variant_skeleton(a) != _variant_skeleton(b):
        return False
    # the h of sh, ch, zh, kh carries the sound: "Pasynian" for "Pashinyan" is a misspelling
    return b.count("h") >= a.count("h") and all(b.count(g) <= a.count(g) for g in foreign)
