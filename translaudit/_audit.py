"""The pipeline: segment, identify languages, align, run the checks, summarise.

Each stage is a plain function call on immutable values; no stage reaches back into another.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ._align import align_features, make_scorer
from ._checks import REGISTRY, AlignedPair, finding
from ._config import AuditConfig
from ._errors import ConfigError, EmptyInputError, InputError
from ._features import build_features
from ._model import SEVERITIES, Document, Finding, Link, Report, Summary, severity_rank
from ._segment import segment
from ._version import __version__

__all__ = ["audit"]


def _check_text(name: str, value: object) -> str:
    if isinstance(value, bytes):
        raise InputError(f"{name} is bytes; decode it first, e.g. {name}.decode('utf-8')")
    if not isinstance(value, str):
        raise InputError(f"{name} must be str, not {type(value).__name__}")
    if not value.strip():
        raise EmptyInputError(
            f"{name} is {'empty' if not value else 'only whitespace'}; there is nothing to audit"
        )
    return value


def _check_lang(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.isalpha() or not 2 <= len(value) <= 3:
        raise ConfigError(f"{name}={value!r} must be an ISO 639 code such as 'en' or 'pl'")
    return value.lower()


def _language(text: str, given: str | None, backend: str) -> str | None:
    if given:
        return given
    from ._langid import identify_document

    return identify_document(text, backend=backend).language


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
    if config.severity:
        parts.append("sev:" + ",".join(f"{k}={v}" for k, v in sorted(config.severity.items())))
    return "|".join(parts)


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


def _scores(pair: AlignedPair) -> dict[str, Any]:
    """Corpus chrF, BLEU and TER over aligned links (same-language pairs only), with
    sacrebleu's own signatures."""
    if not pair.same_language or not pair.aligned_links:
        return {}
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    hyps = [
        " ".join(pair.target.sentences[j].text for j in link.target) for link in pair.aligned_links
    ]
    refs = [
        [
            " ".join(pair.source.sentences[i].text for i in link.source)
            for link in pair.aligned_links
        ]
    ]
    out: dict[str, Any] = {}
    for name, metric in (("chrF", CHRF()), ("BLEU", BLEU()), ("TER", TER())):
        score = metric.corpus_score(hyps, refs)
        out[name] = round(float(score.score), 2)
        out[f"{name}_signature"] = str(metric.get_signature())
    return out


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
    src_lang = _language(source, _check_lang("source_lang", source_lang), config.langid)
    tgt_lang = _language(target, _check_lang("target_lang", target_lang), config.langid)

    src_doc = Document(source, src_lang, segment(source, src_lang, segmenter=config.segmenter))
    tgt_doc = Document(target, tgt_lang, segment(target, tgt_lang, segmenter=config.segmenter))
    src_texts = [s.text for s in src_doc.sentences]
    tgt_texts = [s.text for s in tgt_doc.sentences]
    cross = bool(src_lang and tgt_lang and src_lang != tgt_lang)
    scorer = make_scorer(
        build_features(src_texts, tgt_texts),
        build_features(tgt_texts, src_texts),
        cross_lingual=cross,
        source_texts=src_texts,
        target_texts=tgt_texts,
        similarity=config.similarity,
        languages=(src_lang, tgt_lang),
    )
    links = align_features(scorer, config)
    pair = AlignedPair(src_doc, tgt_doc, links, config, scorer)

    found: list[Finding] = []
    if pair.relation == "unrelated":
        src_cov, tgt_cov = pair.coverage
        # The few chance matches between unrelated texts are not translations: unlink them.
        links = _dissolve(links)
        pair = AlignedPair(src_doc, tgt_doc, links, config, scorer)
        found.append(
            finding(
                pair,
                "unrelated",
                "critical",
                f"the target does not look like a translation of the source: {src_cov:.0%} of the "
                f"source and {tgt_cov:.0%} of the target align",
                source=None,
                target=tgt_doc.sentence_span("target", 0),
                mqm="Accuracy/Mistranslation",
                details={"source_coverage": src_cov, "target_coverage": tgt_cov},
            )
        )
    else:
        for name in config.checks:
            found.extend(REGISTRY[name](pair))
    found.sort(key=_order)
    findings = tuple(
        Finding(f.kind, f.severity, f.message, f.source, f.target, f.mqm, f.details, f"F{n:04d}")
        for n, f in enumerate(found, 1)
    )
    sim_name = "embedding" if scorer.uses_embeddings else "lexical+length" if cross else "lexical"
    return Report(
        source=src_doc,
        target=tgt_doc,
        alignment=links,
        findings=findings,
        summary=_summary(pair, findings),
        signature=_signature(config, src_lang, tgt_lang, sim_name),
        config=config,
    )


def _dissolve(links: tuple[Link, ...]) -> tuple[Link, ...]:
    out: list[Link] = []
    for link in links:
        out.extend(Link((i,), (), 0.0, "1-0") for i in link.source)
        out.extend(Link((), (j,), 0.0, "0-1") for j in link.target)
    return tuple(out)


def _summary(pair: AlignedPair, findings: tuple[Finding, ...]) -> Summary:
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
        scores=_scores(pair) if relation != "unrelated" else {},
    )
