"""Deterministic language identification for documents and single sentences.

Design (see docs/langid.md for measurements):

* Backends are selected by short name from a small registry (sacrebleu style):
  ``"py3langid"`` (default) and ``"langdetect"`` (optional extra). Both are loaded
  lazily, once, and never mutated in a way visible to other callers: restricted
  classification uses private copies cached per language set.
* A cheap Unicode-script pass runs first. It rejects text with too little
  alphabetic content (numbers, URLs, code, punctuation, lists of names), decides
  single-language scripts outright (Kana -> ja, Hangul -> ko, Greek -> el, ...)
  and limits the statistical model to the languages written in the dominant
  script, which removes classic confusions such as ja/zh.
* ``identify_sentences`` adds a document prior: a sentence only gets a language
  other than the document's when the evidence is strong (a different script, or
  a long enough sentence whose two-way posterior against the document language
  stays high after the prior is applied).
"""

from __future__ import annotations

import copy
import math
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any, Protocol

import regex  # type: ignore[import-untyped,unused-ignore]  # no stubs pinned

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "LanguageGuess",
    "backend_version",
    "document_language",
    "identify",
    "identify_document",
    "identify_sentences",
    "supported_languages",
]


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """Result of language identification.

    ``language`` is an ISO 639-1 code (ISO 639-3 for the few model languages that
    have no 639-1 code), or ``None`` when undetermined (too little text, or only
    names/numbers/URLs/code). ``reason`` says which rule decided:
    ``"model"``, ``"script"``, ``"prior"``, ``"too-little-text"`` or ``"names"``.
    """

    language: str | None
    confidence: float
    reason: str = "model"


DEFAULT_BACKEND = "py3langid"
BACKENDS: tuple[str, ...] = ("py3langid", "langdetect")

# --- tunables (calibrated on tests/langid_sentences.py, see docs/langid.md) -------

#: Minimum amount of alphabetic evidence; CJK characters count double because
#: one character carries roughly as much information as a short word.
MIN_LETTERS = 3
#: Below this share of letters among visible characters the text is "mostly
#: numbers/punctuation/code" and stays undetermined.
MIN_LETTER_RATIO = 0.5
#: Name-like text (every word capitalised) is undetermined unless the model is at
#: least this sure within the script's language set.
NAME_MAX_CONFIDENCE = 0.5
#: Prior probability that a sentence is in the document language.
DOCUMENT_PRIOR = 0.9
#: Posterior needed to report a language other than the document's.
STRONG_EVIDENCE = 0.9
#: ... and only for sentences with at least this much alphabetic evidence
#: (twice as much for backends whose probabilities are not calibrated).
STRONG_MIN_LETTERS = 12
#: identify_document()/identify() classify at most this many characters.
MAX_SAMPLE_CHARS = 10_000
_SAMPLE_WINDOWS = 10

# --- scripts ---------------------------------------------------------------------

# One alternation so that a single regex pass yields runs of each script of
# interest; group names are our script keys.
_SCRIPT_RE = regex.compile(
    r"(?P<Latin>\p{Script=Latin}+)"
    r"|(?P<Cyrillic>\p{Script=Cyrillic}+)"
    r"|(?P<Han>\p{Script=Han}+)"
    r"|(?P<Kana>[\p{Script=Hiragana}\p{Script=Katakana}\u30fc\uff70]+)"  # + length marks
    r"|(?P<Hangul>\p{Script=Hangul}+)"
    r"|(?P<Greek>\p{Script=Greek}+)"
    r"|(?P<Arabic>\p{Script=Arabic}+)"
    r"|(?P<Hebrew>\p{Script=Hebrew}+)"
    r"|(?P<Thai>\p{Script=Thai}+)"
    r"|(?P<Devanagari>\p{Script=Devanagari}+)"
    r"|(?P<Bengali>\p{Script=Bengali}+)"
    r"|(?P<Georgian>\p{Script=Georgian}+)"
    r"|(?P<Armenian>\p{Script=Armenian}+)"
    r"|(?P<Other>[\p{L}\p{M}])"  # one char, so it cannot swallow a following run
)
_CJK_SCRIPTS = frozenset({"Han", "Kana", "Hangul"})

# Languages written in each non-Latin script (output codes). Any language not
# listed for a non-Latin script is assumed to be written in Latin.
_SCRIPT_LANGUAGES: dict[str, frozenset[str]] = {
    "Cyrillic": frozenset(
        {"ba", "be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "tg", "tt", "uk", "uz"}
    ),
    "Han": frozenset({"zh", "ja"}),
    "Kana": frozenset({"ja"}),
    "Hangul": frozenset({"ko"}),
    "Greek": frozenset({"el", "grc"}),
    "Arabic": frozenset({"ar", "fa", "ps", "ug", "ur", "ku"}),
    "Hebrew": frozenset({"he", "hbo", "yi"}),
    "Thai": frozenset({"th"}),
    "Devanagari": frozenset({"hi", "mr", "ne", "sa", "gom"}),
    "Bengali": frozenset({"bn", "as"}),
    "Georgian": frozenset({"ka"}),
    "Armenian": frozenset({"hy"}),
}
# Languages that also (or only) use Latin script although listed above.
_ALSO_LATIN = frozenset({"sr", "uz", "ku"})
_NON_LATIN_ONLY = frozenset().union(*_SCRIPT_LANGUAGES.values()) - _ALSO_LATIN


def _scripts_of(lang: str) -> frozenset[str]:
    scripts = {s for s, langs in _SCRIPT_LANGUAGES.items() if lang in langs}
    if lang not in _NON_LATIN_ONLY:
        scripts.add("Latin")
    if "Kana" in scripts:
        scripts.add("Han")  # Japanese text mixes kanji and kana
    return frozenset(scripts)


# Model labels folded into their ISO 639-1 macrolanguage; "zxx" is py3langid's
# "no linguistic content" class.
_FOLD: dict[str, str | None] = {
    "wuu": "zh",
    "yue": "zh",
    "arz": "ar",
    "ary": "ar",
    "uzs": "uz",
    "sdh": "ku",
    "ltg": "lv",
    "fuv": "ff",
    "gug": "gn",
    "zh-cn": "zh",
    "zh-tw": "zh",
    "zxx": None,
}

# Ukrainian and Belarusian almost always show one of these letters; their
# absence in a longer Cyrillic text is evidence the n-gram model ignores
# (it only scores features that are present). Values: letters, share of them
# among all letters (measured with wordfreq; ~7 %).
_MARKER_LETTERS: dict[str, tuple[frozenset[str], float]] = {
    "uk": (frozenset("іїєґІЇЄҐ"), 0.07),
    "be": (frozenset("іўІЎ"), 0.07),
}

# --- text analysis ---------------------------------------------------------------

# Only ASCII after the scheme so a URL glued to CJK text does not swallow it.
_URL_RE = regex.compile(r"(?:(?:https?|ftp)://|www\.)[!-~]+", regex.IGNORECASE)
_EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BACKTICK_RE = regex.compile(r"`[^`\n]*`")
# Whitespace-separated tokens that look like code, identifiers, paths or
# handles: they carry no evidence about the natural language of the sentence.
_CODE_TOKEN_RE = regex.compile(
    r"(?<!\S)(?:"
    r"[@#$]\w\S*"  # @handle, #tag, $var
    r"|\S*(?:_|::|->|=|[{};<>\\|]|\w\(|\w\.\w\S*\(|\(\))\S*"  # snake_case, f(x), a=b
    r"|\S*[a-z][A-Z]\S*"  # camelCase
    r"|\S*\w[/.]\w+[/.]\w\S*"  # a/b/c, a.b.c
    r")(?!\S)"
)
_NEEDS_CLEANING_RE = regex.compile(r"[@#$_`{}()<>=;|\\/]|://|www\.|[a-z][A-Z]|\w\.\w+\.")
_WORD_RE = regex.compile(r"[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*")
# Lower-case particles that occur inside personal and institutional names.
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du"}
    | {"e", "el", "ibn", "la", "le", "of", "ten", "ter", "van", "von", "y", "zu", "af", "av"}
)
_EXCLAIM_OR_QUESTION = frozenset("!?¡¿！？")


@dataclass(slots=True)  # not frozen: a plain __init__ is measurably cheaper here
class _Analysis:
    clean: str  # text with URLs, e-mails, code and handles removed
    letters: int  # alphabetic evidence, CJK counted double
    cyrillic_letters: int
    visible: int
    script: str | None  # dominant script key, None without letters
    script_share: float  # share of the dominant script among letters
    has_kana: bool
    has_hangul: bool
    name_like: bool


def _clean(text: str) -> str:
    if not _NEEDS_CLEANING_RE.search(text):
        return text
    text = _URL_RE.sub(" ", text)
    text = _EMAIL_RE.sub(" ", text)
    text = _BACKTICK_RE.sub(" ", text)
    cleaned: str = _CODE_TOKEN_RE.sub(" ", text)
    return cleaned


def _is_name_like(clean: str) -> bool:
    words = _WORD_RE.findall(clean)
    if len(words) < 2:
        return False  # a one-word sentence is capitalised anyway
    for word in words:
        first = word[0]
        if first.isupper():
            continue
        if not first.islower():
            return False  # uncased script: capitalisation tells us nothing
        if word not in _NAME_PARTICLES:
            return False
    # Names and captions rarely end in ! or ? but greetings do ("Vielen Dank!").
    tail = clean.rstrip(" \t\n\"'»«”“)")
    return not (tail and tail[-1] in _EXCLAIM_OR_QUESTION)


def _visible(text: str) -> int:
    # str.split() drops every Unicode whitespace in C; far cheaper than a regex.
    return sum(map(len, text.split()))


def _analyse(text: str) -> _Analysis:
    clean = _clean(text)
    counts: dict[str, int] = {}
    for match in _SCRIPT_RE.finditer(clean):
        key = match.lastgroup or "Other"
        counts[key] = counts.get(key, 0) + len(match.group())
    cjk = sum(counts.get(s, 0) for s in _CJK_SCRIPTS)
    total = sum(counts.values())
    letters = total + cjk  # CJK characters count double
    if total == 0:
        return _Analysis(clean, 0, 0, _visible(text), None, 0.0, False, False, False)
    # Japanese mixes Han and Kana; group CJK so that Latin words inside a
    # Japanese sentence do not win the dominant-script vote.
    grouped = {k: v for k, v in counts.items() if k not in _CJK_SCRIPTS}
    if cjk:
        grouped["CJK"] = cjk
    script = max(sorted(grouped), key=grouped.__getitem__)
    # Common-script letters (e.g. the kana length mark "ー") are not evidence
    # against the dominant script.
    other = counts.get("Other", 0) if script != "Other" else 0
    share = grouped[script] / ((total - other) or 1)
    kana = counts.get("Kana", 0)
    if script == "CJK":
        if counts.get("Hangul", 0) * 2 > cjk:
            script = "Hangul"
        # Chinese text can quote a kana brand name; require a real share.
        elif kana and kana * 10 >= counts.get("Han", 0) + kana:
            script = "Kana"
        else:
            script = "Han"
    return _Analysis(
        clean=clean,
        letters=letters,
        cyrillic_letters=counts.get("Cyrillic", 0),
        visible=_visible(text),
        script=script,
        script_share=share,
        has_kana=kana > 0,
        has_hangul=counts.get("Hangul", 0) > 0,
        name_like=script not in ("Han", "Kana", "Hangul") and _is_name_like(clean),
    )


def _sample(text: str, limit: int = MAX_SAMPLE_CHARS) -> str:
    """Deterministic sample of evenly spaced windows, cut at whitespace."""
    if len(text) <= limit:
        return text
    window = limit // _SAMPLE_WINDOWS
    step = (len(text) - window) / (_SAMPLE_WINDOWS - 1)
    parts = []
    for i in range(_SAMPLE_WINDOWS):
        start = int(i * step)
        chunk = text[start : start + window]
        if i:  # drop the partial first word of inner windows
            cut = chunk.find(" ")
            chunk = chunk[cut + 1 :] if 0 <= cut < 40 else chunk
        parts.append(chunk)
    return "\n".join(parts)


# --- backends --------------------------------------------------------------------


class _Backend(Protocol):
    name: str
    languages: frozenset[str]  # output codes
    # Whether probabilities are calibrated enough to rescue name-like text.
    calibrated: bool

    def classify(self, text: str, allowed: frozenset[str] | None) -> tuple[str | None, float]:
        """Best output code (None = no content) and its probability within *allowed*."""
        ...

    def rank(self, text: str, allowed: frozenset[str] | None) -> list[tuple[str | None, float]]:
        """All output codes within *allowed* with probabilities, best first."""
        ...


def _fold(label: str) -> str | None:
    return _FOLD.get(label, label)


def _aggregate(pairs: Collection[tuple[str, float]]) -> list[tuple[str | None, float]]:
    """Sum probabilities of labels that fold to the same output code."""
    merged: dict[str | None, float] = {}
    for label, prob in pairs:
        code = _fold(label)
        merged[code] = merged.get(code, 0.0) + prob
    # Stable sort keeps the backend's order for ties -> deterministic.
    return sorted(merged.items(), key=lambda item: -item[1])


class _Py3LangidBackend:
    name = "py3langid"
    calibrated = True  # softmax tempered by sqrt(bytes)

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._base: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        labels: list[str] = list(dict.fromkeys(self._base.nb_classes))
        self.languages = frozenset(c for c in map(_fold, labels) if c is not None)
        expand: dict[str, set[str]] = {}
        for label in labels:
            expand.setdefault(_fold(label) or label, set()).add(label)
        self._expand = {code: frozenset(labs) for code, labs in expand.items()}
        self._max_restricted = len(labels) // 4
        self._instance = lru_cache(maxsize=32)(self._make_instance)

    def _make_instance(self, allowed: frozenset[str] | None) -> tuple[Any, frozenset[str]]:
        """Identifier for *allowed* plus the output codes it may return.

        Small language sets get their own identifier: a shallow copy shares the
        read-only model, ``set_languages`` rebinds only the copy's attributes (so
        the base never changes) and the sliced matrix makes scoring cheaper
        (measured in bench/bench_langid.py). Large sets would cost a big matrix
        copy for little speed-up, so they use the full model and filter.
        """
        if allowed is None:
            return self._base, self.languages | {"zxx"}
        labels = {"zxx"}  # keep "no linguistic content" available
        for code in allowed:
            labels |= self._expand.get(code, frozenset())
        if len(labels) > self._max_restricted:
            return self._base, allowed | {"zxx"}
        inst = copy.copy(self._base)
        inst.set_languages(sorted(labels))
        inst.nb_ptc = inst.nb_ptc.copy(order="C")  # the column slice is strided
        return inst, allowed | {"zxx"}

    def classify(self, text: str, allowed: frozenset[str] | None) -> tuple[str | None, float]:
        inst, permitted = self._instance(allowed)
        label, prob = inst.classify(text)
        code = _FOLD.get(label, label)
        if code is not None and (code != label or code not in permitted):
            # Folded label (sum zh + wuu + yue) or a language outside a large
            # allowed set (full model was used): take the filtered ranking.
            return self.rank(text, allowed)[0]
        return code, float(prob)

    def rank(self, text: str, allowed: frozenset[str] | None) -> list[tuple[str | None, float]]:
        inst, permitted = self._instance(allowed)
        ranked = _aggregate([(lab, float(p)) for lab, p in inst.rank(text)])
        kept = [(code, p) for code, p in ranked if (code or "zxx") in permitted]
        total = sum(p for _, p in kept)
        if total <= 0.0:
            return [(None, 0.0)]
        return [(code, p / total) for code, p in kept]


class _LangdetectBackend:
    name = "langdetect"
    calibrated = False  # random-walk estimates saturate near 0.86 or 1.0

    def __init__(self) -> None:
        try:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
            from langdetect.lang_detect_exception import LangDetectException
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(_LANGDETECT_MISSING) from exc
        # A private factory seeded with 0 (the documented ``DetectorFactory.seed
        # = 0`` idiom, without touching langdetect's global factory): langdetect
        # samples n-grams randomly, the fixed seed makes every call deterministic.
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(0)
        self._factory = factory
        self._error: type[Exception] = LangDetectException
        self._labels: list[str] = factory.get_lang_list()
        self.languages = frozenset(c for c in map(_fold, self._labels) if c is not None)

    def rank(self, text: str, allowed: frozenset[str] | None) -> list[tuple[str | None, float]]:
        detector = self._factory.create()
        if allowed is not None:
            # A zero prior removes a language from langdetect's product of
            # probabilities, i.e. restricts the candidate set.
            prior = {lab: 1.0 for lab in self._labels if _fold(lab) in allowed}
            if not prior:
                return [(None, 0.0)]
            detector.set_prior_map(prior)
        detector.append(text)
        try:
            detector.get_probabilities()
        except self._error:  # "No features in text"
            return [(None, 0.0)]
        probs: list[float] = detector.langprob
        return _aggregate(list(zip(self._labels, probs, strict=True)))

    def classify(self, text: str, allowed: frozenset[str] | None) -> tuple[str | None, float]:
        return self.rank(text, allowed)[0]


_LANGDETECT_MISSING = (
    "the 'langdetect' language-identification backend needs the optional dependency "
    "langdetect; install it with: pip install 'translaudit[langdetect]'"
)

_REGISTRY: dict[str, Callable[[], _Backend]] = {
    "py3langid": _Py3LangidBackend,
    "langdetect": _LangdetectBackend,
}
_DISTRIBUTIONS = {"py3langid": "py3langid", "langdetect": "langdetect"}
_loaded: dict[str, _Backend] = {}
_load_lock = threading.Lock()


def _check_backend(backend: str) -> None:
    if backend not in _REGISTRY:
        valid = ", ".join(repr(name) for name in sorted(_REGISTRY))
        raise ValueError(f"backend={backend!r} is not one of: {valid}")


def _get_backend(backend: str) -> _Backend:
    _check_backend(backend)
    impl = _loaded.get(backend)
    if impl is None:
        with _load_lock:  # load each model once even under concurrent first use
            impl = _loaded.get(backend)
            if impl is None:
                impl = _REGISTRY[backend]()
                _loaded[backend] = impl
    return impl


def backend_version(backend: str) -> str:
    """``"<backend>-<version>"`` of the installed backend, for reproducibility."""
    _check_backend(backend)
    try:
        return f"{backend}-{metadata.version(_DISTRIBUTIONS[backend])}"
    except metadata.PackageNotFoundError as exc:
        if backend == "langdetect":
            raise ImportError(_LANGDETECT_MISSING) from exc
        raise ImportError(f"backend {backend!r} is not installed") from exc


def supported_languages(backend: str = DEFAULT_BACKEND) -> frozenset[str]:
    """Language codes the backend can return (loads the backend)."""
    return _get_backend(backend).languages


def _normalize_code(code: str) -> str:
    # "pt-BR", "zh_Hans", "EN" -> "pt", "zh", "en"; fold "yue" -> "zh".
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return _fold(primary) or primary


def _normalize_candidates(
    candidates: Collection[str] | None, impl: _Backend
) -> frozenset[str] | None:
    if candidates is None:
        return None
    if isinstance(candidates, str):
        raise TypeError("candidates must be a collection of language codes, not a str")
    normalized = frozenset(_normalize_code(c) for c in candidates)
    if not normalized:
        raise ValueError("candidates must not be empty (use None for all languages)")
    unknown = sorted(normalized - impl.languages)
    if unknown:
        raise ValueError(
            f"candidates={sorted(normalized)!r} contains language code(s) not supported "
            f"by backend={impl.name!r}: {', '.join(map(repr, unknown))}"
        )
    return normalized


# --- identification core ---------------------------------------------------------

_UNDETERMINED = LanguageGuess(None, 0.0, "too-little-text")


@lru_cache(maxsize=64)
def _script_languages(script: str, backend: str) -> frozenset[str]:
    languages = _get_backend(backend).languages
    if script == "Latin":
        return languages - _NON_LATIN_ONLY
    langs = _SCRIPT_LANGUAGES.get(script)
    if langs is None:  # a script we do not model: let the backend decide
        return languages
    return langs & languages


def _marker_correction(
    ranked: list[tuple[str | None, float]], text: str, letters: int
) -> tuple[str | None, float]:
    """Re-weight uk/be by P(no marker letter among `letters` letters | language).

    The factor is tempered like py3langid's own scores (exponent divided by
    sqrt(bytes)); at full strength it turned correct marker-less Ukrainian
    sentences into Russian in our checks.
    """
    present = set(text)
    temper = math.sqrt(len(text.encode("utf-8", "surrogatepass")) or 1)
    weighted = []
    for code, prob in ranked:
        marker = _MARKER_LETTERS.get(code) if code is not None else None
        if marker is not None and not (marker[0] & present):
            prob *= (1.0 - marker[1]) ** (letters / temper)
        weighted.append((code, prob))
    total = sum(p for _, p in weighted) or 1.0
    code, prob = max(weighted, key=lambda item: item[1])  # first max: deterministic
    return code, prob / total


def _classify(
    analysis: _Analysis, impl: _Backend, allowed: frozenset[str]
) -> tuple[str | None, float]:
    if len(allowed) == 1:
        (only,) = allowed
        return only, analysis.script_share
    code, prob = impl.classify(analysis.clean, allowed)
    if code in _MARKER_LETTERS and analysis.cyrillic_letters:
        code, prob = _marker_correction(
            impl.rank(analysis.clean, allowed), analysis.clean, analysis.cyrillic_letters
        )
    return code, prob


def _identify(
    text: str, impl: _Backend, candidates: frozenset[str] | None
) -> tuple[LanguageGuess, _Analysis]:
    analysis = _analyse(_sample(text))
    if (
        analysis.script is None
        or analysis.letters < MIN_LETTERS
        or analysis.letters < MIN_LETTER_RATIO * analysis.visible
    ):
        return _UNDETERMINED, analysis
    script_langs = _script_languages(analysis.script, impl.name)
    reason = "script" if len(script_langs) == 1 else "model"
    allowed = script_langs if candidates is None else script_langs & candidates
    if not allowed:
        # The script rules out every candidate: report what the script says
        # rather than force a wrong candidate (e.g. Cyrillic when {en, de}).
        allowed, reason = script_langs, "script"
    if not allowed:
        return LanguageGuess(None, 0.0, "script"), analysis
    code, prob = _classify(analysis, impl, allowed)
    if code is None:
        return LanguageGuess(None, prob, "too-little-text"), analysis
    if analysis.name_like:
        # Capitalised-only text is usually names; trust a calibrated model only
        # when it is sure among all languages of the script, not just the
        # candidates (a restricted softmax is confident about anything).
        code_all: str | None = code
        prob_all = prob
        if impl.calibrated and allowed != script_langs:
            code_all, prob_all = _classify(analysis, impl, script_langs)
        if code_all is None or not impl.calibrated or prob_all < NAME_MAX_CONFIDENCE:
            return LanguageGuess(None, _clip(min(prob_all, prob, 0.5)), "names"), analysis
    return LanguageGuess(code, _clip(prob), reason), analysis


def _clip(value: float) -> float:
    if math.isnan(value):
        return 0.0
    return min(1.0, max(0.0, value))


def identify(
    text: str,
    *,
    backend: str = DEFAULT_BACKEND,
    candidates: Collection[str] | None = None,
) -> LanguageGuess:
    """Identify the language of one sentence or short text.

    *candidates* restricts the model (e.g. ``{source_lang, target_lang}``). Script
    evidence is stronger than the restriction: Cyrillic text with candidates
    ``{"en", "de"}`` is reported as a Cyrillic-script language (reason
    ``"script"``), never forced into a Latin-script candidate.
    """
    impl = _get_backend(backend)
    return _identify(text, impl, _normalize_candidates(candidates, impl))[0]


_FENCE_RE = regex.compile(r"^\s*(?:```|~~~).*?^\s*(?:```|~~~)[^\n]*$", regex.M | regex.S)
_MARKUP_RE = regex.compile(r"^[ \t#>*+|-]+|\|", regex.M)


def identify_document(text: str, *, backend: str = DEFAULT_BACKEND) -> LanguageGuess:
    """Identify the main language of a whole document.

    Code blocks and lines without enough alphabetic text (page numbers, tables
    of figures, URLs) are dropped, Markdown markers are stripped and very long
    texts are sampled, so headings and boilerplate carry little weight.
    """
    impl = _get_backend(backend)
    # Sample generously before the per-line pass so huge inputs stay cheap.
    body = _MARKUP_RE.sub(" ", _FENCE_RE.sub("\n", _sample(text, 4 * MAX_SAMPLE_CHARS)))
    kept = []
    for line in body.splitlines():
        analysis = _analyse(line)
        if analysis.letters >= MIN_LETTERS and analysis.letters >= (
            MIN_LETTER_RATIO * analysis.visible
        ):
            kept.append(analysis.clean)
    guess, _ = _identify(" \n".join(kept), impl, None)
    if guess.language is None:  # e.g. a document that is one list of names
        guess, _ = _identify(text, impl, None)
    return guess


def _two_way(impl: _Backend, analysis: _Analysis, doc: str, other: str, fallback: float) -> float:
    """P(other | text) when only *doc* and *other* are possible (uniform prior)."""
    if doc not in impl.languages or other not in impl.languages:
        return fallback
    code, prob = _classify(analysis, impl, frozenset({doc, other}))
    return prob if code == other else 1.0 - prob


def identify_sentences(
    texts: Sequence[str],
    *,
    document_lang: str | None,
    backend: str = DEFAULT_BACKEND,
    candidates: Collection[str] | None = None,
) -> tuple[LanguageGuess, ...]:
    """Identify each sentence, defaulting to *document_lang* unless evidence is strong.

    A sentence keeps a language other than the document's only if it is written
    in a script the document language does not use, or if it has at least
    ``STRONG_MIN_LETTERS`` of alphabetic evidence (doubled for langdetect, whose
    probabilities are not calibrated) and the two-way posterior
    (document language vs. the guess, with prior ``DOCUMENT_PRIOR`` for the
    document language) reaches ``STRONG_EVIDENCE``. Otherwise the sentence gets
    the document language with that posterior as confidence (reason
    ``"prior"``). Undetermined sentences (names, numbers, URLs) stay ``None``.
    *candidates*, if given, is extended with *document_lang*.
    """
    impl = _get_backend(backend)
    doc = _normalize_code(document_lang) if document_lang else None
    if candidates is not None and doc is not None and doc in impl.languages:
        candidates = [*candidates, doc]
    allowed = _normalize_candidates(candidates, impl)
    doc_scripts = _scripts_of(doc) if doc is not None else frozenset()
    results = []
    for text in texts:
        guess, analysis = _identify(text, impl, allowed)
        if doc is None or guess.language is None or guess.language == doc:
            results.append(guess)
            continue
        if analysis.script not in doc_scripts:
            results.append(LanguageGuess(guess.language, guess.confidence, "script"))
            continue
        likelihood = _two_way(impl, analysis, doc, guess.language, guess.confidence)
        weight_other = likelihood * (1.0 - DOCUMENT_PRIOR)
        weight_doc = (1.0 - likelihood) * DOCUMENT_PRIOR
        posterior = weight_other / ((weight_other + weight_doc) or 1.0)
        min_letters = STRONG_MIN_LETTERS if impl.calibrated else 2 * STRONG_MIN_LETTERS
        if analysis.letters >= min_letters and posterior >= STRONG_EVIDENCE:
            results.append(LanguageGuess(guess.language, _clip(posterior), guess.reason))
        else:
            results.append(LanguageGuess(doc, _clip(1.0 - posterior), "prior"))
    return tuple(results)


def document_language(text: str, given: str | None, backend: str = DEFAULT_BACKEND) -> str | None:
    """``given`` when the caller named the language, else the document's identified one."""
    return given or identify_document(text, backend=backend).language
