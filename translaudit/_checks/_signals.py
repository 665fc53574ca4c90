"""Evidence that a link's two sides say the same thing: length, shared words, embeddings.

Cross-lingual word overlap is a few names, numbers and cognates, so inside a link the checks
lean on length: character counts of a sentence and its translation differ by a factor that
depends on the two languages (Chinese takes a third of the characters English does) and
varies little around it. The factors below are medians over the dev half of the DEMETR,
Guerreiro and WMT MQM controls (``bench/bench_detect.py``); a document of several links
refines them with its own ratio.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import regex

from .._features import fold, words
from .._model import Link
from .._opcodes import Opcode as _Opcode
from .._opcodes import opcodes
from ._base import AlignedPair

__all__ = [
    "EMBEDDING_LANGUAGES",
    "MEASURED_CHARS",
    "PhraseCut",
    "best_part_similarity",
    "bridged_words",
    "deletion_gains",
    "document_similarity",
    "dropped_names",
    "dropped_phrase",
    "embeddings_judge",
    "expected_log_ratio",
    "inserted_words",
    "is_content",
    "length_z",
    "locate",
    "lost_number",
    "lost_stretches",
    "phrase_cuts",
    "reworded",
    "uncovered_runs",
    "unreplaced_runs",
]

#: log(characters in language / characters in English) for the same content.
_LOG_CHARS_VS_EN: dict[str, float] = {
    "en": 0.0, "de": 0.13, "fr": 0.14, "es": 0.12, "it": 0.12, "pt": 0.1, "nl": 0.1,
    "pl": 0.01, "ru": 0.03, "cs": -0.05, "hi": 0.0, "ja": -1.0, "zh": -1.15, "ko": -0.9,
}  # fmt: skip
_SPREAD = 0.13  # standard deviation of the log ratio for a ~120-character sentence
_SPREAD_UNKNOWN = 0.25  # when a language has no factor
_UNSPACED = frozenset({"ja", "zh", "ko", "th"})

#: Languages that the optional USE-multilingual-v3 model was trained on; for others (Czech,
#: Hindi…) its cosine is noise (DEMETR cs-en controls score -0.01 to 0.3).
EMBEDDING_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)


def expected_log_ratio(source_lang: str | None, target_lang: str | None) -> tuple[float, float]:
    """Expected log(target chars / source chars) and its spread, from the language factors."""
    if source_lang == target_lang:
        return 0.0, _SPREAD
    s = _LOG_CHARS_VS_EN.get(source_lang or "")
    t = _LOG_CHARS_VS_EN.get(target_lang or "")
    if s is None or t is None:
        return 0.0, _SPREAD_UNKNOWN
    unspaced = source_lang in _UNSPACED or target_lang in _UNSPACED
    return t - s, _SPREAD * (1.5 if unspaced else 1.0)


def _chars(texts: Sequence[str]) -> int:
    return sum(len(t.strip()) for t in texts)


#: Characters each side of a link needs for :func:`length_z` (a few vary too much).
MEASURED_CHARS = 12


def length_z(pair: AlignedPair, link: Link) -> float | None:
    """How many spreads the link's target is longer (+) or shorter (-) than expected.

    None when a side is too short to judge (a few characters vary too much).
    """
    src = _chars([pair.source.sentences[i].text for i in link.source])
    tgt = _chars([pair.target.sentences[j].text for j in link.target])
    if min(src, tgt) < MEASURED_CHARS:
        return None
    mean, spread = expected_log_ratio(pair.source.language, pair.target.language)
    links = pair.aligned_links
    if len(links) >= 8:
        # A document's own ratio beats the prior (register, the translator's habits).
        total_s, total_t = pair.char_totals
        if total_s and total_t:
            mean = 0.5 * mean + 0.5 * math.log(total_t / total_s)
    # Gale and Church: the spread narrows as the text grows (variance ~ 1/length).
    spread *= math.sqrt(120.0 / max(60.0, min(src, tgt * math.exp(-mean))))
    return (math.log(tgt / src) - mean) / spread


def document_similarity(pair: AlignedPair) -> float | None:
    """Embedding cosine of the whole source and target, when embeddings can judge the pair."""
    scorer = pair.scorer
    if not scorer.uses_embeddings:
        return None
    if not {pair.source.language, pair.target.language} <= EMBEDDING_LANGUAGES:
        return None
    return scorer.embedding(
        tuple(range(len(pair.source.sentences))), tuple(range(len(pair.target.sentences)))
    )


#: Windows of the source tried by :func:`best_part_similarity`: their length in characters
#: between these shares of what the target's length leads one to expect, and at most this many
#: (one embedding call; longer sources step their starts). Asked only of a target at most
#: _PART_SHORT as long as the source's translation would be: a target of the source's length
#: that meets one stretch of it is detached output on the same topic (Guerreiro's hotel
#: reviews: "The staff were very friendly and helpful. The room was clean…" meets "Zimmer,
#: sehr komfortabel" at 0.53), not a part kept.
_PART_SHARES = (0.5, 2.0)
_PART_WINDOWS = 400
_PART_SHORT = 0.6


def best_part_similarity(pair: AlignedPair) -> float | None:
    """The best embedding cosine between the whole target and a stretch of the source shorter
    than the whole (a window of words, or of characters in Chinese and Japanese, about as long
    as the target's translation would be): whether the target translates *part* of the
    source. None when embeddings cannot judge the pair, the target is not much shorter than
    the source, or the source has under two units."""
    if document_similarity(pair) is None:
        return None
    src, tgt = pair.source.text, pair.target.text
    units = [(m.start(), m.end()) for m in _UNIT.finditer(src)]
    if len(units) < 2:
        return None
    mean, _ = expected_log_ratio(pair.source.language, pair.target.language)
    expected = len(tgt.strip()) / math.exp(mean)  # source characters the target stands for
    if expected > _PART_SHORT * len(src.strip()):
        return None
    low, high = (share * expected for share in _PART_SHARES)
    windows: list[tuple[int, int]] = []
    # a long source (a whole document against a line) is sampled by its starts: the loop
    # stays near _PART_WINDOWS starts whatever the source's length
    for i in range(0, len(units), max(1, len(units) // _PART_WINDOWS)):
        a = units[i][0]
        for j in range(i, len(units)):
            b = units[j][1]
            if b - a > high or (i == 0 and j == len(units) - 1):
                break
            if b - a >= low:
                windows.append((a, b))
    if not windows:
        return None
    if len(windows) > _PART_WINDOWS:
        step = math.ceil(len(windows) / _PART_WINDOWS)
        windows = windows[::step]
    vectors = _use_vectors([tgt] + [src[a:b] for a, b in windows])
    return float(max(vectors[1:] @ vectors[0]))


_FUNCTION_MAX = 3  # words this short are too often function words to anchor anything
_FUNCTION_WORDS = frozenset(
    "that this with from have were which there their what when been would could should about "
    "into than then they them also some such fact spite these those while where being".split()
)


def is_content(w: str) -> bool:
    """Longer than three letters (or a number) and not a common function word."""
    return not ((len(w) <= _FUNCTION_MAX and not w[0].isdigit()) or fold(w) in _FUNCTION_WORDS)


def uncovered_runs(text: str, other: str, min_words: int) -> list[tuple[int, int, int]]:
    """Stretches of ``text`` (same language as ``other``) whose words ``other`` lacks.

    Returns ``(start, end, content words)`` for each run of at least ``min_words`` content
    words (longer than three letters, or numbers) absent from ``other``; short words do not
    break a run, a content word ``other`` has does.
    """
    # Four-letter stems: a paraphrase inflects ("heavily" / "heavy rain") more than it drops.
    have = {fold(w)[:4] for _, _, w in words(other)}
    runs: list[tuple[int, int, int]] = []
    start = end = -1
    content = 0
    for s, e, w in words(text):
        if not is_content(w):
            continue
        if fold(w)[:4] in have:
            if content >= min_words:
                runs.append((start, end, content))
            start, content = -1, 0
            continue
        if start < 0:
            start = s
        end = e
        content += 1
    if content >= min_words:
        runs.append((start, end, content))
    return runs


#: A capitalised word at least this frequent (Zipf, English) is a country or an institution
#: that a paraphrase renders otherwise ("the United States" -> "the U.S.", "American" ->
#: "U.S."), not a name the text would keep (DEMETR en-en dev).
_RENAMED_ZIPF = 5.0
_NAME_MATCH = 75  # rapidfuzz ratio at which a word of the other side renders the name
_SENTENCE_END = regex.compile(r"[.!?…:]\s*$")


def dropped_names(text: str, other: str, start: int, end: int, lang: str | None) -> list[str]:
    """Names in ``text[start:end]`` that ``other`` (same language) says in no form: a
    capitalised word not opening a sentence, of three letters or more, that no word of
    ``other`` shares a four-letter stem with or spells nearly alike ("Gadd"/"Gadi"); none in
    a language that capitalises its nouns. The encoder hardly sees a lost name ("the court
    *in Kent*"), so a lost name is evidence of its own."""
    from rapidfuzz.fuzz import ratio

    from .._entities._extract import NOUN_CAPS, zipf

    if lang in NOUN_CAPS:
        return []  # every German noun is capitalised: a capital is no sign of a name
    theirs = [fold(w) for _, _, w in words(other)]
    found = []
    for s, e, w in words(text):
        if not (start <= s and e <= end) or len(w) < 3 or not w[:1].isupper():
            continue
        if not text[:s].strip() or _SENTENCE_END.search(text[:s]):
            continue  # a sentence's first word is capitalised whatever it is
        if zipf(w, lang or "en") >= _RENAMED_ZIPF:
            continue
        f = fold(w)
        if not any(t[:4] == f[:4] or ratio(t, f) >= _NAME_MATCH for t in theirs):
            found.append(w)
    return found


def _content(text: str) -> list[tuple[int, str]]:
    return [(s, fold(w)[:4]) for s, _, w in words(text) if is_content(w)]


def unreplaced_runs(
    runs: list[tuple[int, int, int]], text: str, other: str, min_words: int
) -> list[tuple[int, int, int]]:
    """The runs of :func:`uncovered_runs` that ``other`` leaves out rather than rewords.

    A round trip paraphrases ("silver lining" -> "advantage"): the other side has its own new
    words in that place. Content words are aligned with difflib; a run counts only when at
    least ``min_words`` of its words are deleted outright, or replaced by fewer words.
    """
    mine, theirs = _content(text), _content(other)
    ops = opcodes([k for _, k in mine], [k for _, k in theirs])
    kept = []
    for start, end, n in runs:
        lost = 0
        for tag, i1, i2, j1, j2 in ops:
            inside = sum(1 for s, _ in mine[i1:i2] if start <= s < end)
            if tag == "delete":
                lost += inside
            elif tag == "replace":
                lost += max(0, inside - (j2 - j1))
        if lost >= min_words:
            kept.append((start, end, n))
    return kept


_Words = list[tuple[int, int, str, bool]]  # offsets, four-letter stem, a content word?


def _word_ops(text: str, other: str) -> tuple[_Words, list[tuple[str, bool]], list[_Opcode]]:
    """The words of ``text`` and ``other`` as (offsets,) four-letter stem and whether a content
    word, and the difflib opcodes that turn the one stem sequence into the other."""
    mine = [(s, e, fold(w)[:4], is_content(w)) for s, e, w in words(text)]
    theirs = [(fold(w)[:4], is_content(w)) for _, _, w in words(other)]
    ops = opcodes([m[2] for m in mine], [t[0] for t in theirs])
    return mine, theirs, ops


#: A side must have this many more content words that the other lacks than the other has
#: that it lacks: a paraphrase brings new words of its own, a dropped phrase does not.
_MIN_SURPLUS = 1


def _surplus(mine: _Words, theirs: list[tuple[str, bool]]) -> int:
    """Content stems only ``mine`` has, minus content stems only ``theirs`` has."""
    own = {m[2] for m in mine}
    have = {k for k, _ in theirs}
    return len({m[2] for m in mine if m[3]} - have) - len({k for k, c in theirs if c} - own)


def lost_stretches(
    text: str, other: str, min_words: int, surplus: int | None = _MIN_SURPLUS
) -> list[tuple[int, int, int]]:
    """Stretches of ``text`` that ``other`` (same language) drops: ``(start, end, words)``.

    Words of both sides are aligned with difflib; a stretch counts when ``other`` puts at
    least ``min_words`` fewer words in its place and at least one more content word of it is
    absent from ``other`` than ``other`` brings in. A dropped phrase ("… the port *of
    Valencia*") qualifies; a reworded one ("top officials" -> "senior ministers") and
    one that only moved elsewhere do not, nor does anything on a side whose surplus of content
    words over the other (:func:`_surplus`) is under ``surplus`` (None: any).
    """
    mine, theirs, ops = _word_ops(text, other)
    have = {k for k, _ in theirs}
    if surplus is not None and _surplus(mine, theirs) < surplus:
        return []
    found = []
    for tag, i1, i2, j1, j2 in ops:
        if tag not in ("delete", "replace") or (i2 - i1) - (j2 - j1) < min_words:
            continue
        absent = sum(1 for _, _, k, c in mine[i1:i2] if c and k not in have)
        brought = sum(1 for _, c in theirs[j1:j2] if c)
        if absent > brought:
            found.append((mine[i1][0], mine[i2 - 1][1], i2 - i1))
    return found


def reworded(text: str, other: str, start: int, end: int) -> bool:
    """Whether ``other`` puts content words of its own where ``text[start:end]`` stands: the
    stretch was said in other (fewer) words ("a virtual ghost town" -> "practically
    extinct"), not dropped outright. Such a loss is less certain than a clean deletion."""
    mine, theirs, ops = _word_ops(text, other)
    own = {m[2] for m in mine}
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace" or not i1 < i2 or mine[i2 - 1][1] <= start or mine[i1][0] >= end:
            continue
        if any(c and k not in own for k, c in theirs[j1:j2]):
            return True
    return False


def inserted_words(
    text: str, other: str, context: int = 2, surplus: int | None = _MIN_SURPLUS
) -> list[tuple[int, int, int]]:
    """One or two words of ``text`` inserted into a phrase that ``other`` otherwise shares:
    "filled the *crowded* stadiums in" against "filled the stadiums in". At least one is a
    content word ``other`` lacks, ``context`` words match on either side, and ``text`` has a
    surplus of content words (:func:`_surplus`) of at least ``surplus`` (None: any), so a
    reworded stretch ("seeking normalisation" / "normalising relations") or a tail added to
    the sentence ("…, as expected") is not one. Returns ``(start, end, words)``.
    """
    mine, theirs, ops = _word_ops(text, other)
    have = {k for k, _ in theirs}
    if surplus is not None and _surplus(mine, theirs) < surplus:
        return []
    found = []
    for before, (tag, i1, i2, _, _), after in zip(ops, ops[1:], ops[2:], strict=False):
        if tag != "delete" or not 1 <= i2 - i1 <= 2:
            continue
        if before[0] != "equal" or after[0] != "equal":
            continue
        if min(before[2] - before[1], after[2] - after[1]) < context:
            continue
        if any(c and k not in have for _, _, k, c in mine[i1:i2]):
            found.append((mine[i1][0], mine[i2 - 1][1], i2 - i1))
    return found


def bridged_words(text: str, other: str, most: int = 2) -> list[tuple[int, int, int]]:
    """A stretch of ``text`` that ``other`` (same language) goes without: up to ``most`` words
    whose content words ``other`` lacks, at least one, and whose neighbours stand side by side
    in ``other`` ("in *private* custody pending prosecution" against "in custody pending
    indictment"; "the court *in Kent* but" against "the court but"), so the stretch was put
    between them (left out from between them) rather than said in other words. Unlike
    :func:`inserted_words` the rest of the sentence may be reworded, but not the words just
    outside the pair ("was *seeking* normalisation with" / "was normalising relations with"
    is a rewording). Returns ``(start, end, words)``."""
    text_words = [(s, e, fold(w), is_content(w)) for s, e, w in words(text)]
    other_words = [(fold(w), is_content(w)) for _, _, w in words(other)]
    mine = [(s, e, f[:4], c) for s, e, f, c in text_words]
    theirs = [(f[:4], c) for f, c in other_words]
    have = {k for k, _ in theirs}
    own = {m[2] for m in mine}
    # the neighbours match whole words: "*rescue* teams" renders "Rescuers", not "Rescuers"
    # plus a word
    mine_w = [f for _, _, f, _ in text_words]
    theirs_w = [f for f, _ in other_words]
    pairs = {
        (theirs_w[a], theirs_w[a + 1])
        for a in range(len(theirs) - 1)
        if not any(c and k not in own for k, c in theirs[max(0, a - 1) : a + 3])
    }
    found = []
    for i in range(1, len(mine) - 1):
        for j in range(i + 1, min(len(mine) - 1, i + most) + 1):
            if any(c and k in have for _, _, k, c in mine[i:j]):
                break  # a content word ``other`` has: the stretch goes no further
            if (mine_w[i - 1], mine_w[j]) in pairs and any(c for *_, c in mine[i:j]):
                found.append((mine[i][0], mine[j - 1][1], j - i))
    return found


_WINDOWS = (0.2, 0.35, 0.5)  # shares of the longer side's words tried as the lost stretch
_MIN_GAIN = 0.01  # cosine gained by deleting the stretch, below which it names nothing
_UNIT = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[^\s\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+"
)


def embeddings_judge(pair: AlignedPair) -> bool:
    """Whether embeddings may confirm a candidate: the user did not choose lexical similarity,
    the encoder is installed, and it was trained on both languages."""
    if pair.config.similarity == "lexical":
        return False
    if not {pair.source.language, pair.target.language} <= EMBEDDING_LANGUAGES:
        return False
    from .._embed import available

    return available()


#: Unit-length sentence vectors of some texts, one row a text (USE-m3's ``embed`` by default).
Encoder = Callable[[list[str]], npt.NDArray[np.floating]]


def deletion_gains(
    text: str, other: str, cuts: Sequence[tuple[int, int, int]], encode: Encoder | None = None
) -> list[float]:
    """How much closer ``text`` comes to ``other`` in embedding space with each cut deleted
    (cosine gained); call only when :func:`embeddings_judge` allows (or with ``encode``, the
    encoder to ask instead of USE-m3).

    Deleting an invented word or the clause the other side lacks brings the two sides
    together; deleting a reworded or shared one does not. The cuts are candidates already
    found by the word diff, so this costs a few embeddings on the few links that have one.
    """
    if not cuts:
        return []
    base, sims = _cut_similarities(text, other, [(a, b) for a, b, _ in cuts], encode)
    return [float(s) - base for s in sims]


def _use_vectors(texts: list[str]) -> npt.NDArray[np.floating]:
    from .._embed import embed

    vectors: npt.NDArray[np.floating] = embed(texts, required=True)
    return vectors


def _cut_similarities(
    text: str, other: str, spans: Sequence[tuple[int, int]], encode: Encoder | None = None
) -> tuple[float, npt.NDArray[np.floating]]:
    """The cosine of ``text`` to ``other``, and of ``text`` with each span deleted, all
    embedded in one call (only where :func:`embeddings_judge` allows, unless ``encode``)."""
    vectors = (encode or _use_vectors)([other, text] + [text[:a] + text[b:] for a, b in spans])
    return float(vectors[1] @ vectors[0]), vectors[2:] @ vectors[0]


def locate(
    pair: AlignedPair, longer: str, shorter: str, sentences: tuple[int, ...]
) -> tuple[int, int, int] | None:
    """Across languages, the stretch of ``longer`` that ``shorter`` lacks, found by deletion:
    the window whose removal brings ``longer`` closest to ``shorter`` in embedding space.

    Only with embeddings for both languages and a one-sentence side (offsets are into that
    sentence); ``None`` otherwise or when no deletion helps. Returns ``(start, end, words)``.
    """
    if len(sentences) != 1 or not pair.scorer.uses_embeddings:
        return None
    if not {pair.source.language, pair.target.language} <= EMBEDDING_LANGUAGES:
        return None
    from .._embed import embed

    units = [(m.start(), m.end()) for m in _UNIT.finditer(longer)]
    n = len(units)
    if n < 5:
        return None
    cuts: list[tuple[int, int, int]] = []
    for share in _WINDOWS:
        width = max(2, round(share * n))
        for i in range(0, n - width + 1, max(1, width // 2)):
            cuts.append((units[i][0], units[i + width - 1][1], width))
    vectors = embed([shorter, longer] + [longer[:a] + longer[b:] for a, b, _ in cuts])
    if vectors is None:
        return None
    sims = vectors[2:] @ vectors[0]
    base = float(vectors[1] @ vectors[0])
    best = int(sims.argmax())
    if float(sims[best]) - base < _MIN_GAIN:
        return None
    return cuts[best]


#: Windows tried as the phrase a translation dropped: words of a spaced language, characters
#: of Chinese or Japanese text (a prepositional phrase there is 3-12 characters).
_PHRASE_WORDS = (2, 3, 4, 6)
_PHRASE_CHARS = (3, 5, 8, 12)
_CLAUSE_MARK = regex.compile(r"[,;:()\"“”«»„、，；：（）]")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_CLAUSE_SHARE = 0.6  # a stretch between marks longer than this share of the text is its body
_COARSE_WIDTHS = (3, 4)  # words (Chinese or Japanese: the same places in _PHRASE_CHARS)


def phrase_cuts(text: str, coarse: bool = False) -> list[tuple[int, int]]:
    """Candidate phrases of ``text`` that a translation may have dropped, as offsets: every
    window of 2, 3, 4 or 6 words (3, 5, 8 or 12 characters when most of the text is Chinese
    or Japanese characters) at half-window steps, and each stretch between punctuation marks
    shorter than 60% of the text. Sorted, no duplicates. ``coarse`` (session 11, for an
    encoder ~30 times slower than USE-m3): windows of _COARSE_WIDTHS' words only, at
    full-window steps, and the stretches between marks: about a quarter of the cuts."""
    units = [(m.start(), m.end()) for m in _UNIT.finditer(text)]
    n = len(units)
    cjk = sum(1 for a, b in units if b - a == 1 and _CJK.match(text, a)) > n / 2
    cuts: set[tuple[int, int]] = set()
    widths = _PHRASE_CHARS if cjk else _PHRASE_WORDS
    for k, width in enumerate(widths):
        if coarse and _PHRASE_WORDS[k] not in _COARSE_WIDTHS:
            continue
        step = width if coarse else max(1, width // 2)
        for i in range(0, n - width + 1, step) if width < n else ():
            cuts.add((units[i][0], units[i + width - 1][1]))
    bounds = [0, *(m.end() for m in _CLAUSE_MARK.finditer(text)), len(text)]
    for a, b in pairwise(bounds):
        stripped = text[a:b].strip()
        if stripped and b - a < _CLAUSE_SHARE * len(text):
            start = a + text[a:b].index(stripped)
            cuts.add((start, start + len(stripped)))
    return sorted(cuts)


class PhraseCut(NamedTuple):
    """What :func:`dropped_phrase` found: the phrase's offsets, its relative gain, and the
    share of all cuts that gained at all (a loose translation gains from many)."""

    start: int
    end: int
    gain: float
    gaining: float


def dropped_phrase(
    text: str,
    other: str,
    encode: Encoder | None = None,
    cuts: Sequence[tuple[int, int]] | None = None,
) -> PhraseCut | None:
    """Across languages: the phrase of ``text`` (:func:`phrase_cuts`) whose deletion brings it
    closest to ``other`` in embedding space; its gain is over the room the pair's cosine
    leaves (``gain / (1 - cosine)``), so a pair that already agrees closely needs less. All
    cuts are embedded in one call; call only when :func:`embeddings_judge` allows. None when
    the text has no candidate or nothing gains.

    Deleting the phrase the translation left out brings the sides together; deleting one it
    renders moves them apart (DEMETR xx-en dev, docs/checks.md: AUC 0.81 against controls).
    When many cuts gain, the two sides are only loosely related (noisy web text, a free
    rendering), which :attr:`PhraseCut.gaining` tells the caller. ``encode`` and ``cuts``:
    another encoder than USE-m3 and other candidates than :func:`phrase_cuts` (session 11:
    multilingual-e5 over fewer cuts, :func:`coarse_phrase_cuts`).
    """
    cuts = list(phrase_cuts(text) if cuts is None else cuts)
    if not cuts:
        return None
    base, sims = _cut_similarities(text, other, cuts, encode)
    gains = sims - base
    best = int(gains.argmax())
    gain = float(gains[best])
    if gain <= 0:
        return None
    a, b = cuts[best]
    # The span: the widest cut around the best that gains nearly as much ("wegen der
    # Renovierung des Lesesaals", not "der Renovierung des").
    for (c, d), g in zip(cuts, gains.tolist(), strict=True):
        if c <= a and b <= d and g >= _SPAN_SHARE * gain and d - c > b - a:
            a, b = c, d
    share = float(np.mean(gains > 0))
    return PhraseCut(a, b, gain / max(_MIN_ROOM, 1.0 - base), share)


#: A number in digits: groups joined by a point or comma, or thousands by a space
#: ("20 000 foyers", French, Polish, Russian: the same number as "20,000 homes").
_DIGITS = regex.compile(r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[str]:
    # int() reads any script's digits: a full-width "２０２０" is the target's "2020"
    return {str(int(regex.sub(r"\D", "", m))) for m in _DIGITS.findall(text)}


def lost_number(text: str, other: str) -> bool:
    """Whether ``text`` writes a number in digits that ``other`` writes nowhere (separators
    ignored: "1.000" is "1,000"). A dropped date or amount is a dropped phrase the encoder
    hardly sees (DEMETR xx-en dev misses: "à 12 h GMT", "Seit 300 Jahren")."""
    return bool(_numbers(text) - _numbers(other))


_SPAN_SHARE = 0.75  # of the best gain, for a wider cut around it to name the phrase
_MIN_ROOM = 0.05  # a pair at cosine 0.95 or more has no room left to measure a gain against
