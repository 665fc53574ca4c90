"""The pipeline: segment, identify languages, align, run the checks, summarise.

Each stage is a plain function call on immutable values; no stage reaches back into another.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ._align import align_features, gc_paused, make_scorer, without_strays
from ._checks import REGISTRY, AlignedPair, finding
from ._checks._signals import embeddings_judge
from ._checks.coverage import lost_anchors
from ._checks.entities import e5_names_judged
from ._config import AuditConfig
from ._diff import attach_diffs
from ._embed import trim_heap
from ._entities._glossary import load_glossary
from ._errors import ConfigError, EmptyInputError, InputError
from ._features import build_features, words
from ._model import SEVERITIES, Document, Finding, Link, Report, Summary, severity_rank
from ._segment import segment
from ._threads import blas_limited
from ._version import __version__

__all__ = ["audit"]


def _check_text(name: str, value: object) -> str:
    if isinstance(value, bytes):
        raise InputError(f"{name} is bytes; decode it first, e.g. {name}.decode('utf-8')")
    if not isinstance(value, str):
        raise InputError(f"{name} must be str, not {type(value).__name__}")
    # A lone surrogate (e.g. from ``surrogateescape``) is not text: every report would fail
    # later, when it is encoded as UTF-8 to be written. Say so here, with its offset.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{name} has a lone surrogate {value[exc.start]!r} at offset {exc.start}, which is "
            "not text; fix the decoding that produced it (e.g. errors='replace')"
        ) from None
    if not value.strip():
        raise EmptyInputError(
            f"{name} is {'empty' if not value else 'only whitespace'}; there is nothing to audit"
        )
    return value


def _check_lang(name: str, value: object) -> str | None:
    if value is None:
        return None
    # isascii: str.isalpha() also admits 'şş' or 'ǅǅ', which no ISO 639 code is
    if (
        not isinstance(value, str)
        or not (value.isascii() and value.isalpha())
        or not 2 <= len(value) <= 3
    ):
        raise ConfigError(f"{name}={value!r} must be an ISO 639 code such as 'en' or 'pl'")
    return value.lower()


def _signature(
    config: AuditConfig, src_lang: str | None, tgt_lang: str | None, similarity: str
) -> str:
    from ._langid import backend_version

    parts = [
        f"translaudit:{__version__}",
        f"lang:{src_lang or 'und'}-{tgt_lang or 'und'}",
        f"seg:{config.segmenter}",
        f"lid:{backend_version(config.langid)}",
        f"align:{similarity}-dp{config.max_bead}",
        f"link:{config.min_link_score:g}",
        f"moved:{config.min_moved_score:g}",
        f"cov:{config.min_derivative_coverage:g}",
        f"ent:{config.entity_similarity:g}",
        f"rep:{config.repetition_min_repeats}",
        f"checks:{'+'.join(config.checks)}",
    ]
    if config.mqm_weights != AuditConfig().mqm_weights:
        w = config.mqm_weights
        parts.append("mqmw:" + ",".join(f"{s}={w[s]:g}" for s in SEVERITIES))
    if config.stray_gain != AuditConfig().stray_gain:
        parts.append(f"stray:{config.stray_gain:g}")  # moves same-language beads: say so
    if config.glossary:
        parts.append(f"glossary:{Path(config.glossary).name}")
    if config.severity:
        parts.append("sev:" + ",".join(f"{k}={v}" for k, v in sorted(config.severity.items())))
    return "|".join(parts)


def _metric_signatures(config: AuditConfig, links: tuple[Link, ...]) -> str:
    """sacrebleu's signatures of the per-link scores, inside translaudit's ("|" → ",")."""
    if not any(link.metrics for link in links):
        return ""
    from ._scores import signatures

    return "".join(
        f"|{name}:[{sig.replace('|', ',')}]" for name, sig in signatures(config.spm_model).items()
    )


def _order(f: Finding) -> tuple[Any, ...]:
    first = f.source if f.source is not None else f.target
    assert first is not None
    return (
        0 if f.source is not None else 1,
        first.start,
        first.end,
        f.kind,
        f.target.start if f.target else -1,
        f.message,
    )


def _link_texts(pair: AlignedPair) -> tuple[list[str], list[str]]:
    """Target (hypothesis) and source (reference) text of each aligned link."""
    links = pair.aligned_links
    hyps = [" ".join(pair.target.sentences[j].text for j in link.target) for link in links]
    refs = [" ".join(pair.source.sentences[i].text for i in link.source) for link in links]
    return hyps, refs


def _e5_words(pair: AlignedPair) -> bool:
    """Whether multilingual-e5 may confirm a word the target added: a fresh word in a
    same-language link (the coverage check's ``_fresh_word``) or, where ``latent_judged``
    allows, a word whose latent terms the source lacks (``_latent_word``; ``_wide_word``
    where USE-m3 cannot judge the languages), or a phrase it dropped (``_e5_phrase``), or
    its token states align the words of a pair into English (``_aligned``)."""
    from ._checks.coverage import aligner_judged, e5_phrases_judged, wide_judged

    if wide_judged(pair) or e5_phrases_judged(pair) or aligner_judged(pair):
        return True
    if "coverage" not in pair.config.checks or not embeddings_judge(pair):
        return False
    if not pair.same_language:
        from ._checks.coverage import latent_judged

        return pair.scorer.uses_embeddings and latent_judged(pair)
    if pair.config.word_probe_links == 0:
        return False
    from ._e5 import available

    return available()


def _scored(pair: AlignedPair) -> tuple[tuple[Link, ...], dict[str, Any]]:
    """The links, aligned ones carrying their sacrebleu scores, and the document's chrF, BLEU
    and TER with sacrebleu's own signatures (same-language pairs only). Each link's texts
    and TER statistics are computed once for both."""
    if not pair.same_language or not pair.aligned_links:
        return pair.links, {}
    from ._scores import corpus_scores, link_metrics, ter_statistics

    hyps, refs = _link_texts(pair)
    ter = ter_statistics(hyps, refs)
    spm = pair.config.spm_model
    scored = iter(link_metrics(pair.aligned_links, hyps, refs, spm, ter))
    links = tuple(next(scored) if link.source and link.target else link for link in pair.links)
    return links, corpus_scores(hyps, refs, spm, ter)


def audit(
    source: str,
    target: str,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    config: AuditConfig | None = None,
    **overrides: Any,
) -> Report:
    """Audit ``target``, a machine translation, against its original ``source``.

    Options are an :class:`AuditConfig`, or its fields as keyword overrides::

        >>> report = audit("We paid 400 euros.", "We paid 40 euros.", checks=("number",))
        >>> [f.kind for f in report.findings]
        ['number.changed']

    Raises :class:`InputError` for text that cannot be audited and :class:`ConfigError` for a
    bad option.
    """
    source = _check_text("source", source)
    target = _check_text("target", target)
    if config is not None and not isinstance(config, AuditConfig):
        raise ConfigError(f"config={config!r} must be an AuditConfig")
    config = (
        (config or AuditConfig()).replace(**overrides) if overrides else (config or AuditConfig())
    )
    if config.glossary:
        # Read (and cache) it now: a wrong path should fail before the alignment, not after.
        load_glossary(config.glossary)
    if config.spm_model:
        # Likewise, and for any pair: only a same-language pair computes spBLEU, so a wrong
        # path on a cross-lingual one was silently ignored.
        from ._scores import load_spm_model

        load_spm_model(config.spm_model)
    from ._langid import document_language

    src_lang = document_language(source, _check_lang("source_lang", source_lang), config.langid)
    tgt_lang = document_language(target, _check_lang("target_lang", target_lang), config.langid)

    src_doc = Document(source, src_lang, segment(source, src_lang, segmenter=config.segmenter))
    tgt_doc = Document(target, tgt_lang, segment(target, tgt_lang, segmenter=config.segmenter))
    src_texts = [s.text for s in src_doc.sentences]
    tgt_texts = [s.text for s in tgt_doc.sentences]
    cross = bool(src_lang and tgt_lang and src_lang != tgt_lang)
    # as in align(): collections would walk every live object again and again; one BLAS thread
    with gc_paused(), blas_limited():
        scorer = make_scorer(
            build_features(src_texts, tgt_texts),
            build_features(tgt_texts, src_texts),
            cross_lingual=cross,
            source_texts=src_texts,
            target_texts=tgt_texts,
            similarity=config.similarity,
            languages=(src_lang, tgt_lang),
            e5_max_sentences=config.e5_max_sentences,
        )
        links = align_features(scorer, config)
        if not cross:
            links = without_strays(
                links, scorer, src_texts, tgt_texts, config, (src_lang, tgt_lang)
            )
    pair = AlignedPair(src_doc, tgt_doc, links, config, scorer)

    found: list[Finding] = []
    scores: dict[str, Any] = {}  # sacrebleu scores: same-language derivatives only
    if pair.relation == "unrelated":
        src_cov, tgt_cov = pair.coverage
        reason = pair.relation_evidence[1]
        # The few chance matches between unrelated texts are not translations: unlink them.
        links = _dissolve(links)
        pair = AlignedPair(src_doc, tgt_doc, links, config, scorer)
        found.append(
            finding(
                pair,
                "unrelated",
                "critical",
                f"the target does not look like a translation of the source: {reason}",
                source=None,
                target=tgt_doc.sentence_span("target", 0),
                mqm="Accuracy/Mistranslation",
                details={"source_coverage": src_cov, "target_coverage": tgt_cov},
            )
        )
        if "repetition" in config.checks:
            # Detached output is often a loop ("the mucous mucous mucous…"): say so too.
            found.extend(REGISTRY["repetition"](pair))
    else:
        for name in config.checks:
            found.extend(REGISTRY[name](pair))
        # a name or number another check found dropped may be a lost phrase (coverage's call)
        found.extend(lost_anchors(pair, found))
        links, scores = _scored(pair)
    found.sort(key=_order)
    links = attach_diffs(pair, links)
    link_of = _link_index(links)
    findings = tuple(
        Finding(
            f.kind,
            f.severity,
            f.message,
            f.source,
            f.target,
            f.mqm,
            f.details,
            f"F{n:04d}",
            _place(f, link_of),
        )
        for n, f in enumerate(found, 1)
    )
    sim_name = "embedding" if scorer.uses_embeddings else "lexical+length" if cross else "lexical"
    asks = "coverage" in config.checks or (not cross and config.stray_gain < 1.0)
    if not scorer.uses_embeddings and asks and embeddings_judge(pair):
        # the encoder confirms lost/invented stretches, or takes strays out of beads: say so
        sim_name += "+embcheck"
    if scorer.search_vectors is not None and _e5_asked(config, src_lang, tgt_lang):
        # multilingual-e5 joined the search of a pair USE-multilingual knows, only because
        # ``embedding+e5`` asked for it: another alignment than ``auto`` gives, so say so
        sim_name += "+e5search"
    elif (
        pair.wide_similarity is not None
        or scorer.search_vectors is not None
        or _e5_words(pair)
        or e5_names_judged(pair)
    ):
        # multilingual-e5 judged the relation, helped the alignment, may confirm a word the
        # target added or a name one side lacks: installs without it differ
        sim_name += "+e5"
    encoder = ""
    if scorer.uses_embeddings or "+embcheck" in sim_name:
        from ._embed import quantized

        if quantized():
            encoder = "|enc:int8"  # 8-bit encoder (onnxruntime): installs without it differ
    trim_heap()  # what the encoder's small calls and the search freed, back to the system
    return Report(
        source=src_doc,
        target=tgt_doc,
        alignment=links,
        findings=findings,
        summary=_summary(pair, findings, scores),
        signature=_signature(config, src_lang, tgt_lang, sim_name)
        + encoder
        + _metric_signatures(config, links),
        config=config,
    )


def _e5_asked(config: AuditConfig, src_lang: str | None, tgt_lang: str | None) -> bool:
    """Whether e5 is in the aligner's search by ``similarity="embedding+e5"`` alone (where a
    language is outside USE-multilingual's, ``auto`` puts it there too, with its own weight)."""
    from ._embed import covers

    return config.similarity == "embedding+e5" and not any(
        lang and not covers(lang) for lang in (src_lang, tgt_lang)
    )


def _place(f: Finding, link_of: dict[tuple[str, int], int]) -> int | None:
    span = f.source or f.target
    return link_of.get((span.side, span.sentence)) if span else None


def _link_index(links: tuple[Link, ...]) -> dict[tuple[str, int], int]:
    """Which link each sentence is in, by ``(side, sentence index)``."""
    out: dict[tuple[str, int], int] = {}
    for n, link in enumerate(links):
        out.update((("source", i), n) for i in link.source)
        out.update((("target", j), n) for j in link.target)
    return out


def _mqm(pair: AlignedPair, findings: tuple[Finding, ...]) -> dict[str, Any]:
    """MQM-style score: penalty points per 100 target words (lower is better)."""
    weights = pair.config.mqm_weights
    penalty = sum(weights[f.severity] for f in findings)
    n_words = len(words(pair.target.text))
    return {
        "penalty": round(penalty, 4),
        "words": n_words,
        "per_100_words": round(100 * penalty / n_words, 4) if n_words else 0.0,
        "weights": dict(weights),
    }


def _dissolve(links: tuple[Link, ...]) -> tuple[Link, ...]:
    out: list[Link] = []
    for link in links:
        out.extend(Link((i,), (), 0.0, "1-0") for i in link.source)
        out.extend(Link((), (j,), 0.0, "0-1") for j in link.target)
    return tuple(out)


def _summary(pair: AlignedPair, findings: tuple[Finding, ...], scores: dict[str, Any]) -> Summary:
    by_kind = Counter(f.kind for f in findings)
    by_sev = Counter(f.severity for f in findings)
    src_cov, tgt_cov = pair.coverage
    relation = pair.relation
    serious = sum(by_sev[s] for s in SEVERITIES if severity_rank(s) >= severity_rank("major"))
    verdicts = {
        "unrelated": "not a translation of the source: almost nothing aligns",
        "excerpt": "the source is an excerpt of a longer translated text",
        "partial": "the target translates only part of the source",
        "derivative": "the target is a translation of the source",
    }
    verdict = verdicts[relation]
    if relation != "unrelated":
        verdict += f"; {serious} major or critical finding{'s' if serious != 1 else ''}"
    return Summary(
        relation=relation,
        is_derivative=relation != "unrelated",
        verdict=verdict,
        by_kind=dict(sorted(by_kind.items())),
        by_severity={s: by_sev[s] for s in reversed(SEVERITIES)},
        source_coverage=src_cov,
        target_coverage=tgt_cov,
        scores=scores,
        mqm=_mqm(pair, findings),
    )
