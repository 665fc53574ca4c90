"""The encoder's big products in 8-bit integers, on onnxruntime: the second
convolution layer (:class:`Layer2`) and the per-id stage (:class:`PerId`).

USE-m3's weights were quantised to 8 bits per tensor before the package dequantised them,
so ``w2 = step * q`` with ``q`` in -127..127: the weights are exact in ``int8``. The
second layer's activations are quantised per sentence (the range of its tokens' features, zero
included, in 256 steps), so a sentence's vector does not depend on the other sentences of
its block, and onnxruntime multiplies ``uint8`` windows by ``int8`` weights with integer
(VNNI) kernels: ~4x the float32 product's speed on one core (1.6 vs 6.8 ms for 1,024
five-token windows), deterministic (integer sums). Cosine to the exact vectors ≥ 0.999
(tests/test_embed.py); the aligner's beads, see docs/alignment.md.

The graph is written as ONNX protobuf bytes here (a few message types), so the ``onnx``
package is not needed; onnxruntime is a dependency, and where it cannot be imported the
encoder keeps its exact float32 path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
T = TypeVar("T")

# ONNX TensorProto.DataType values.
_FLOAT, _UINT8, _INT8, _INT32, _INT64 = 1, 2, 3, 6, 7
_DTYPES = {np.dtype(np.float32): _FLOAT, np.dtype(np.int8): _INT8, np.dtype(np.int64): _INT64}


def _varint(n: int) -> bytes:
    out = bytearray()
    n &= (1 << 64) - 1  # negative int64s as two's complement, as protobuf does
    while True:
        low = n & 0x7F
        n >>= 7
        if n:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _num(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _msg(field: int, payload: bytes | str) -> bytes:
    data = payload.encode() if isinstance(payload, str) else payload
    return _varint(field << 3 | 2) + _varint(len(data)) + data


def _node(op: str, inputs: Sequence[str], outputs: Sequence[str], **ints: int) -> bytes:
    """NodeProto: inputs 1, outputs 2, op_type 4, attributes 5 (name 1, i 3, type 20)."""
    attrs = b"".join(_msg(5, _msg(1, k) + _num(3, v) + _num(20, 2)) for k, v in ints.items())
    return (
        b"".join(_msg(1, i) for i in inputs)
        + b"".join(_msg(2, o) for o in outputs)
        + _msg(4, op)
        + attrs
    )


def _tensor(name: str, array: npt.NDArray[Any]) -> bytes:
    """TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little endian)."""
    arr = np.array(array, order="C", copy=None)  # (ascontiguousarray makes a scalar 1-d)
    dims = b"".join(_num(1, d) for d in arr.shape)
    return dims + _num(2, _DTYPES[arr.dtype]) + _msg(8, name) + _msg(9, arr.tobytes())


def _value(name: str, elem: int, dims: Sequence[int | str]) -> bytes:
    """ValueInfoProto: name 1, type 2 (TypeProto.tensor_type 1: elem_type 1, shape 2)."""
    shape = b"".join(_msg(1, _msg(2, d) if isinstance(d, str) else _num(1, d)) for d in dims)
    return _msg(1, name) + _msg(2, _msg(1, _num(1, elem) + _msg(2, shape)))


def _model(nodes: list[bytes], inits: list[bytes], ins: list[bytes], outs: list[bytes]) -> bytes:
    """ModelProto (ir_version 1, graph 7, opset_import 8) around a GraphProto (nodes 1, name 2,
    initializers 5, inputs 11, outputs 12)."""
    graph = (
        b"".join(_msg(1, n) for n in nodes)
        + _msg(2, "layer2")
        + b"".join(_msg(5, t) for t in inits)
        + b"".join(_msg(11, v) for v in ins)
        + b"".join(_msg(12, v) for v in outs)
    )
    return _num(1, 8) + _msg(7, graph) + _msg(8, _msg(1, "") + _num(2, 17))


def _session(ort: Any, model: bytes) -> Any:
    options = ort.SessionOptions()
    # One thread: the rest of the encoder runs on one core (numpy), and the benchmark counts
    # CPU seconds; integer sums make the result the same at any thread count.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # Shapes change with every block: an arena or per-shape memory plans would keep their
    # largest buffers for the life of the process (+60 MB resident after a 10k document).
    options.enable_cpu_mem_arena = False
    options.enable_mem_pattern = False
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def int8_weights(w: F32) -> tuple[npt.NDArray[np.int8], float] | None:
    """``(q, step)`` with ``w == step * q`` to float32 rounding, or None if ``w`` is not
    per-tensor 8-bit."""
    top = float(np.abs(w).max())
    if top == 0.0:
        return None
    q = np.rint(w * (127.0 / top))
    step = float((w * q).sum(dtype=np.float64) / (q * q).sum(dtype=np.float64))
    if np.abs(q * step - w).max() > 1e-5 * top:
        return None
    return q.astype(np.int8), step


class Layer2:
    """The second layer of every n-gram branch for a block of tokens, one onnxruntime call.

    Per branch ``o`` of order ``n`` it takes ``H{o}`` (the first layer's output of the
    block's ``t`` tokens, then one zero row per sentence, the padding its windows read),
    ``S{o}``/``Z{o}`` (each row's quantisation step and zero point: its sentence's),
    ``C{o}`` (each token's window, rows of ``H{o}``), ``R{o}`` (each token's step times the
    weights' step) and ``RZ{o}`` (that times its zero point), and gives
    ``relu(windows @ w2 + b2) + h``."""

    def __init__(
        self, ort: Any, w2: Sequence[F32], b2: Sequence[F32], orders: Sequence[int]
    ) -> None:
        nodes: list[bytes] = []
        inits: list[bytes] = []
        ins: list[bytes] = []
        outs: list[bytes] = []
        steps = []
        for o, (w, b, n) in enumerate(zip(w2, b2, orders, strict=True)):
            got = int8_weights(w)
            if got is None:
                raise ValueError("weights not 8-bit")
            q, step = got
            steps.append(step)
            c = q.shape[1]
            inits += [
                _tensor(f"w{o}", q),
                _tensor(f"sum{o}", q.sum(axis=0, dtype=np.int64).astype(np.float32)[None]),
                _tensor(f"b{o}", np.asarray(b, np.float32)),
                _tensor(f"shape{o}", np.array([-1, n * c], np.int64)),
            ]
            ins += [
                _value(f"H{o}", _FLOAT, ["rows", c]),
                _value(f"S{o}", _FLOAT, ["rows"]),
                _value(f"Z{o}", _UINT8, ["rows"]),
                _value(f"C{o}", _INT64, ["t", n]),
                _value(f"X{o}", _FLOAT, ["t", c]),
                _value(f"R{o}", _FLOAT, ["t", 1]),
                _value(f"RZ{o}", _FLOAT, ["t", 1]),
            ]
            p = f"_{o}"
            nodes += [
                _node("QuantizeLinear", [f"H{o}", f"S{o}", f"Z{o}"], ["q" + p], axis=0),
                _node("Gather", ["q" + p, f"C{o}"], ["g" + p], axis=0),
                _node("Reshape", ["g" + p, f"shape{o}"], ["a" + p]),
                # Zero point 0 here: each row's own is subtracted below, as z * column sums
                # (the padding rows hold their sentence's zero point, so that is exact).
                _node("MatMulInteger", ["a" + p, f"w{o}"], ["y" + p]),
                _node("Cast", ["y" + p], ["f" + p], to=_FLOAT),
                _node("Mul", ["f" + p, f"R{o}"], ["m" + p]),
                _node("Mul", [f"RZ{o}", f"sum{o}"], ["zs" + p]),
                _node("Sub", ["m" + p, "zs" + p], ["d" + p]),
                _node("Add", ["d" + p, f"b{o}"], ["e" + p]),
                _node("Relu", ["e" + p], ["r" + p]),
                _node("Add", ["r" + p, f"X{o}"], [f"out{o}"]),
            ]
            outs.append(_value(f"out{o}", _FLOAT, ["t", c]))
        self.session = _session(ort, _model(nodes, inits, ins, outs))
        self.steps = steps

    def __call__(
        self,
        hs: Sequence[F32],
        cols: Sequence[npt.NDArray[np.int64]],
        lens: npt.NDArray[np.int64],
        starts: npt.NDArray[np.int64],
    ) -> list[F32]:
        """Outputs of the branches for ``hs`` (each ``t`` token rows, then one zero row
        per sentence) and windows ``cols``."""
        t = int(lens.sum())
        feed: dict[str, Any] = {}
        for o, (h, c) in enumerate(zip(hs, cols, strict=True)):
            body = h[:t]
            lo = np.minimum.reduceat(body.min(axis=1), starts)
            hi = np.maximum.reduceat(body.max(axis=1), starts)
            np.minimum(lo, 0.0, out=lo)
            np.maximum(hi, 0.0, out=hi)
            step = (hi - lo) / np.float32(255.0)
            step[step == 0] = 1.0  # an all-zero sentence: any step
            zero = np.clip(np.rint(-lo / step), 0, 255)
            row_step = np.concatenate([np.repeat(step, lens), step]).astype(np.float32)
            row_zero = np.concatenate([np.repeat(zero, lens), zero]).astype(np.uint8)
            r = row_step[:t, None] * np.float32(self.steps[o])
            feed[f"H{o}"] = h
            feed[f"S{o}"] = row_step
            feed[f"Z{o}"] = row_zero
            feed[f"C{o}"] = c
            feed[f"X{o}"] = body
            feed[f"R{o}"] = r
            feed[f"RZ{o}"] = r * row_zero[:t, None].astype(np.float32)
        got: list[F32] = self.session.run(None, feed)
        return got


class Product:
    """``a @ q`` for ``uint8`` rows ``a`` (zero point 0) and 8-bit weights ``q``: integer
    sums, given in float32 (exact: below 2**24 for the ≤ 512 rows of ``q`` used here)."""

    def __init__(self, ort: Any, q: npt.NDArray[np.int8]) -> None:
        k, m = q.shape
        nodes = [
            _node("MatMulInteger", ["A", "w"], ["I"]),
            _node("Cast", ["I"], ["Y"], to=_FLOAT),  # in the graph: no int32 copy kept
        ]
        ins = [_value("A", _UINT8, ["rows", k])]
        outs = [_value("Y", _FLOAT, ["rows", m])]
        self.session = _session(ort, _model(nodes, [_tensor("w", q)], ins, outs))
        self.sums = q.sum(axis=0, dtype=np.int64).astype(np.float32)  # per column

    def __call__(self, a: npt.NDArray[np.uint8]) -> F32:
        got: F32 = self.session.run(None, {"A": a})[0]
        return got


def quantize_rows(x: F32) -> tuple[npt.NDArray[np.uint8], F32, F32]:
    """Each row of ``x`` in 256 steps of its own range (zero included): ``(q, step, zero)``
    with ``x ≈ (q - zero) * step`` per row."""
    lo = np.minimum(x.min(axis=1), 0.0)
    hi = np.maximum(x.max(axis=1), 0.0)
    step = (hi - lo) / np.float32(255.0)
    step[step == 0] = 1.0
    zero = np.clip(np.rint(-lo / step), 0, 255)
    q = x / step[:, None]
    q += zero[:, None]
    np.rint(q, out=q)
    np.clip(q, 0, 255, out=q)
    return q.astype(np.uint8), step.astype(np.float32), zero.astype(np.float32)


class PerId:
    """The per-id stage's products in 8-bit integers: the projection of the embedding
    (``uint8`` table rows times the 8-bit projection: exact sums, so the projection is the
    package's to float32 rounding) and the first layer's products of each window slot
    (the projected rows quantised per row and branch)."""

    def __init__(
        self, ort: Any, proj: F32, widths: Sequence[int], w1: Sequence[Sequence[F32]]
    ) -> None:
        qs, steps = [], []
        at = 0
        for width in widths:
            got = int8_weights(proj[:, at : at + width])
            if got is None:
                raise ValueError("weights not 8-bit")
            qs.append(got[0])
            steps.append(np.full(width, got[1], dtype=np.float32))
            at += width
        self.proj = Product(ort, np.concatenate(qs, axis=1))
        self.proj_steps = np.concatenate(steps)
        self.proj_sums = proj.sum(axis=0, dtype=np.float64).astype(np.float32)
        self.first: list[tuple[Product, float]] = []
        for slots in w1:
            got = int8_weights(np.concatenate(slots, axis=1))
            if got is None:
                raise ValueError("weights not 8-bit")
            self.first.append((Product(ort, got[0]), got[1]))

    def projection(self, table_rows: npt.NDArray[np.uint8], scale: F32, lo: F32) -> F32:
        """``(table_rows * scale + lo) @ proj`` (``scale``, ``lo``: per row)."""
        x = self.proj(table_rows)
        x *= self.proj_steps
        x *= scale[:, None]
        x += lo[:, None] * self.proj_sums
        return x

    def slots(self, o: int, x: F32, outs: Sequence[F32]) -> None:
        """``x @ w`` for each first-layer slot ``w`` of branch ``o``, into ``outs``, from
        ``x`` quantised per row (slot by slot: small temporaries)."""
        product, wstep = self.first[o]
        q, step, zero = quantize_rows(x)
        y = product(q)
        scale = (step * np.float32(wstep))[:, None]
        shift = zero[:, None] * scale
        c = x.shape[1]
        for k, out in enumerate(outs):
            np.multiply(y[:, k * c : (k + 1) * c], scale, out=out)
            out -= shift * product.sums[k * c : (k + 1) * c]


def _with_ort(make: Callable[[Any], T]) -> T | None:
    """``make(onnxruntime)``, or None when onnxruntime is missing, refuses the graph or the
    weights are not 8-bit: the encoder's exact path runs then."""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    try:
        return make(ort)
    except Exception:  # pragma: no cover - an onnxruntime that refuses the graph
        return None


def per_id(proj: F32, widths: Sequence[int], w1: Sequence[Sequence[F32]]) -> PerId | None:
    """The 8-bit per-id stage, or None (see :func:`_with_ort`)."""
    return _with_ort(lambda ort: PerId(ort, proj, widths, w1))


def session(w2: Sequence[F32], b2: Sequence[F32], orders: Sequence[int]) -> Layer2 | None:
    """The 8-bit second layer, or None (see :func:`_with_ort`)."""
    return _with_ort(lambda ort: Layer2(ort, w2, b2, orders))
