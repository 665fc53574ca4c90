"""chrF, BLEU and TER with sacrebleu, per link and over the document (same-language pairs).

spBLEU is BLEU on SentencePiece pieces. sacrebleu's own ``flores101``/``flores200``
tokenizers download their model at first use, which fails offline, so they are never called:
the user passes a local ``.model`` file (``AuditConfig.spm_model``), translaudit cuts both
sides into pieces itself, and BLEU runs with ``tokenize='none'`` on them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._errors import ConfigError
from ._model import Link

__all__ = ["corpus_scores", "link_metrics", "load_spm_model", "spm_tag", "ter_statistics"]


@lru_cache(maxsize=4)
def _processor(path: str) -> Any:
    import sentencepiece as spm

    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"spm_model={path!r} is not a file")
    try:
        return spm.SentencePieceProcessor(model_file=str(file))
    except (RuntimeError, OSError) as exc:
        raise ConfigError(f"spm_model={path!r} is not a SentencePiece model: {exc}") from None


def load_spm_model(path: str) -> None:
    """Load (and cache) the SentencePiece model, or raise :class:`ConfigError`."""
    _processor(path)


@lru_cache(maxsize=4)
def spm_tag(path: str) -> str:
    """``name#sha256[:8]`` of the model file, for signatures: a result names its model."""
    data = Path(path).read_bytes()
    return f"{Path(path).name}#{hashlib.sha256(data).hexdigest()[:8]}"


def _pieces(path: str, texts: Sequence[str]) -> list[str]:
    processor = _processor(path)
    return [" ".join(processor.encode(t, out_type=str)) for t in texts]


#: Words (either side) above which a link gets no TER. TER's shift search grows much faster
#: than the length: sacrebleu 2.6 on real English, 25 words ~8 ms, 100 words 1.6 s, 400
#: words 7.7 s, 800 words 22 s, a 200k-character line over five minutes (docs/checks.md).
TER_MAX_WORDS = 100


def _metrics(sentence: bool) -> list[tuple[str, Any]]:
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    # Sentence BLEU needs effective order, or one missing 4-gram zeroes it. TER is apart
    # (_ter): it is the slow one, and the document's TER reuses the links' statistics.
    return [("chrF", CHRF()), ("BLEU", BLEU(effective_order=sentence))]


@lru_cache(maxsize=1)
def _ter_metric() -> Any:
    from sacrebleu.metrics.ter import TER

    metric = TER()
    metric.sentence_score("a", ["a"])  # its signature needs one evaluation, long links or not
    return metric


TerStats = list[tuple[float, float] | None]


def ter_statistics(hyps: Sequence[str], refs: Sequence[str]) -> TerStats:
    """TER's statistics ``(edits, reference words)`` of each link, None past
    ``TER_MAX_WORDS``: computed once, for the per-link and the document scores alike."""
    metric = _ter_metric()
    out: TerStats = []
    for hyp, ref in zip(hyps, refs, strict=True):
        if max(len(hyp.split()), len(ref.split())) > TER_MAX_WORDS:
            out.append(None)
        else:
            score = metric.sentence_score(hyp, [ref])
            out.append((float(score.num_edits), float(score.ref_length)))
    return out


def _ter_score(edits: float, words: float) -> float:
    # sacrebleu's own rule (TER._compute_score_from_stats): edits per reference word, and an
    # empty reference scores 1 if there is anything to delete.
    return 100.0 * (edits / words if words > 0 else 1.0 if edits > 0 else 0.0)


def _spbleu(sentence: bool) -> Any:
    from sacrebleu.metrics.bleu import BLEU

    return BLEU(tokenize="none", effective_order=sentence)


def _sig(metric: Any, spm_model: str | None = None) -> str:
    sig = str(metric.get_signature())
    return f"{sig}|spm:{spm_tag(spm_model)}" if spm_model else sig


def corpus_scores(
    hyps: Sequence[str], refs: Sequence[str], spm_model: str | None, ter: TerStats
) -> dict[str, Any]:
    """Document scores of ``hyps`` (target links) against ``refs`` (source links); ``ter``
    is :func:`ter_statistics` of the same links."""
    out: dict[str, Any] = {}
    for name, metric in _metrics(sentence=False):
        out[name] = round(float(metric.corpus_score(list(hyps), [list(refs)]).score), 2)
        out[f"{name}_signature"] = _sig(metric)
    # sacrebleu's corpus TER sums the links' statistics: the same sum, without a second
    # shift search.
    kept = [s for s in ter if s is not None]
    out["TER"] = round(_ter_score(sum(e for e, _ in kept), sum(w for _, w in kept)), 2)
    out["TER_signature"] = _sig(_ter_metric())
    if len(kept) < len(ter):
        out["TER_links_skipped"] = len(ter) - len(kept)
    if spm_model:
        metric = _spbleu(sentence=False)
        score = metric.corpus_score(_pieces(spm_model, hyps), [_pieces(spm_model, refs)])
        out["spBLEU"] = round(float(score.score), 2)
        out["spBLEU_signature"] = _sig(metric, spm_model)
    return out


def link_metrics(
    links: Sequence[Link],
    hyps: Sequence[str],
    refs: Sequence[str],
    spm_model: str | None,
    ter: TerStats,
) -> tuple[Link, ...]:
    """``links`` (aligned ones, in the order of ``hyps``/``refs``) with per-link scores;
    ``ter`` is :func:`ter_statistics` of the same links."""
    metrics = _metrics(sentence=True)
    sp = _spbleu(sentence=True) if spm_model else None
    sp_h = _pieces(spm_model, hyps) if spm_model else []
    sp_r = _pieces(spm_model, refs) if spm_model else []
    out = []
    for n, link in enumerate(links):
        values: dict[str, float] = {}
        for name, metric in metrics:
            values[name] = round(float(metric.sentence_score(hyps[n], [refs[n]]).score), 2)
        stats = ter[n]
        if stats is not None:
            values["TER"] = round(_ter_score(*stats), 2)
        if sp is not None:
            values["spBLEU"] = round(float(sp.sentence_score(sp_h[n], [sp_r[n]]).score), 2)
        out.append(Link(link.source, link.target, link.score, link.kind, metrics=values))
    return tuple(out)


def signatures(spm_model: str | None) -> dict[str, str]:
    """sacrebleu's signature of each per-link metric (sentence-level settings)."""
    metrics = [*_metrics(sentence=True), ("TER", _ter_metric())]
    if spm_model:
        metrics.append(("spBLEU", _spbleu(sentence=True)))
    sigs = {}
    for name, metric in metrics:
        metric.sentence_score("a", ["a"])  # sacrebleu fills the signature in on first use
        sigs[name] = _sig(metric, spm_model if name == "spBLEU" else None)
    return sigs
