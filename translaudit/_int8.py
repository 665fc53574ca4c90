"""The encoder's big products in 8-bit integers, on onnxruntime: the second
convolution layer (:class:`Layer2`) and the per-id stage (:class:`PerId`).

USE-m3's weights were quantised to 8 bits per tensor before the package dequantised them,
so ``w2 = step * q`` with ``q`` in -127..127: the weights are exact in ``int8``. The
second layer's activations are quantised per sentence (the range of its tokens' features, zero
included, in 256 steps), so a sentence's vector does not depend on the other sentences of
its block, and onnxruntime multiplies ``uint8`` windows by ``int8`` weights with integer
(VNNI) kernels: ~4x the float32 product's speed on one core (1.6 vs 6.8 ms for 1,024
five-token windows), deterministic (integer sums). Cosine to the exact vectors ≥ 0.999
(tests/test_embed.py); the aligner's beads, see docs/alignment.md. On a CPU without VNNI
the kernel's sums saturate, and the products are split in two there (:func:`_saturates`):
the same vectors on every CPU, at about 1.6 times the encoder's CPU time on such a host.

The graph is written as ONNX protobuf bytes here (a few message types), so the ``onnx``
package is not needed; onnxruntime is a dependency, and where it cannot be imported the
encoder keeps its exact float32 path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from . import _threads

F32 = npt.NDArray[np.float32]
T = TypeVar("T")

# ONNX TensorProto.DataType values.
_FLOAT, _UINT8, _INT8, _INT32, _INT64 = 1, 2, 3, 6, 7
_DTYPES = {
    np.dtype(np.float32): _FLOAT,
    np.dtype(np.uint8): _UINT8,
    np.dtype(np.int8): _INT8,
    np.dtype(np.int32): _INT32,
    np.dtype(np.int64): _INT64,
}
_MS = "com.microsoft"  # onnxruntime's contrib operators


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


def _node(
    op: str, inputs: Sequence[str], outputs: Sequence[str], domain: str = "", **attrs: int | str
) -> bytes:
    """NodeProto: inputs 1, outputs 2, op_type 4, attributes 5 (name 1, then i 3 and type
    20 = INT, or s 4 and type 20 = STRING), domain 7."""
    body = b"".join(
        _msg(
            5,
            _msg(1, k)
            + (_msg(4, v) + _num(20, 3) if isinstance(v, str) else _num(3, v) + _num(20, 2)),
        )
        for k, v in attrs.items()
    )
    return (
        b"".join(_msg(1, i) for i in inputs)
        + b"".join(_msg(2, o) for o in outputs)
        + _msg(4, op)
        + body
        + (_msg(7, domain) if domain else b"")
    )


#: How a graph multiplies ``uint8`` rows by ``int8`` weights: ``fused`` (onnxruntime's
#: ``MatMulIntegerToFloat``), ``plain`` (``MatMulInteger`` and ``Cast``, where the contrib
#: operators are missing) or ``split`` (see :func:`_saturates`).
Mode = Literal["fused", "plain", "split"]


def _int_product(a: str, w: str, out: str, mode: Mode, scale: str = "") -> list[bytes]:
    """Nodes giving ``float(a @ w)`` for ``uint8`` ``a`` and ``int8`` ``w``, times the
    per-row ``scale`` (a ``(rows, 1)`` input) if given. Fused, it is onnxruntime's
    ``MatMulIntegerToFloat`` with unit scales (one pass, no int32 result kept: the same
    floats, tested), or with ``scale`` as its ``a_scale``; else ``MatMulInteger``, ``Cast``
    and ``Mul``. Split, ``a`` is ``lo + 128 hi`` (``hi`` its top bit, ``lo`` the other seven)
    and the two integer products are added in int32 before the cast: two products, the same
    exact sums on a CPU whose kernel saturates (:func:`_saturates`)."""
    if mode == "fused":
        return [_node("MatMulIntegerToFloat", [a, w, scale or "one", "one"], [out], domain=_MS)]
    if mode == "split":
        p = f"{out}_"
        nodes = [
            _node("BitShift", [a, "seven"], [p + "hi"], direction="RIGHT"),
            _node("BitShift", [p + "hi", "seven"], [p + "top"], direction="LEFT"),
            _node("Sub", [a, p + "top"], [p + "lo"]),
            _node("MatMulInteger", [p + "lo", w], [p + "mlo"]),
            _node("MatMulInteger", [p + "hi", w], [p + "mhi"]),
            _node("Mul", [p + "mhi", "i128"], [p + "mhi128"]),
            _node("Add", [p + "mlo", p + "mhi128"], [out + "_i"]),
        ]
    else:
        nodes = [_node("MatMulInteger", [a, w], [out + "_i"])]
    nodes.append(_node("Cast", [out + "_i"], [out + "_f" if scale else out], to=_FLOAT))
    if scale:
        nodes.append(_node("Mul", [out + "_f", scale], [out]))
    return nodes


def _tensor(name: str, array: npt.NDArray[Any]) -> bytes:
    """TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little endian)."""
    arr = np.array(array, order="C", copy=None)  # (ascontiguousarray makes a scalar 1-d)
    dims = b"".join(_num(1, d) for d in arr.shape)
    return dims + _num(2, _DTYPES[arr.dtype]) + _msg(8, name) + _msg(9, arr.tobytes())


def _value(name: str, elem: int, dims: Sequence[int | str]) -> bytes:
    """ValueInfoProto: name 1, type 2 (TypeProto.tensor_type 1: elem_type 1, shape 2)."""
    shape = b"".join(_msg(1, _msg(2, d) if isinstance(d, str) else _num(1, d)) for d in dims)
    return _msg(1, name) + _msg(2, _msg(1, _num(1, elem) + _msg(2, shape)))


def _model(
    nodes: list[bytes], inits: list[bytes], ins: list[bytes], outs: list[bytes], mode: Mode
) -> bytes:
    """ModelProto (ir_version 1, graph 7, opset_import 8: domain 1, version 2) around a
    GraphProto (nodes 1, name 2, initializers 5, inputs 11, outputs 12)."""
    fused = mode == "fused"
    if fused:
        inits = [*inits, _tensor("one", np.array(1.0, np.float32))]
    elif mode == "split":
        inits = [
            *inits,
            _tensor("seven", np.array(7, np.uint8)),
            _tensor("i128", np.array(128, np.int32)),
        ]
    graph = (
        b"".join(_msg(1, n) for n in nodes)
        + _msg(2, "layer2")
        + b"".join(_msg(5, t) for t in inits)
        + b"".join(_msg(11, v) for v in ins)
        + b"".join(_msg(12, v) for v in outs)
    )
    opsets = _msg(8, _msg(1, "") + _num(2, 17))
    if fused:
        opsets += _msg(8, _msg(1, _MS) + _num(2, 1))
    return _num(1, 8) + _msg(7, graph) + opsets


def _built(ort: Any, model: Callable[[Mode], bytes]) -> Any:
    """A session of ``model("fused")``, or of ``model("plain")`` where onnxruntime lacks
    its contrib operators (a minimal build); of ``model("split")`` where its kernel
    saturates (:func:`_saturates`)."""
    if _saturates(ort):
        return _session(ort, model("split"))
    return _unsplit(ort, model)


def _unsplit(ort: Any, model: Callable[[Mode], bytes]) -> Any:
    """A session of ``model("fused")``, or of ``model("plain")`` without the contrib
    operators."""
    try:
        return _session(ort, model("fused"))
    except Exception:  # pragma: no cover - onnxruntime without com.microsoft operators
        return _session(ort, model("plain"))


_SATURATING: dict[int, bool] = {}


def _saturates(ort: Any) -> bool:
    """Whether onnxruntime's ``uint8`` x ``int8`` product loses sums on this CPU. Without
    VNNI, its AVX2 kernel adds pairs of byte products in 16 bits, saturating (``vpmaddubsw``):
    255 x 127 twice is 64,770, and the sum comes back clipped. Asked once a process, of the
    graph every session would use; such a CPU then takes the split product, exact for two
    products' time (onnxruntime 1.31 and 1.32 on an AVX2 host without VNNI: off by up to
    ~15 % of the largest sum on random bytes; the encoder's cosine to the exact vectors
    stayed ≥ 0.999, but its vectors differed from a VNNI host's)."""
    key = id(ort)
    if key not in _SATURATING:
        q = np.full((64, 16), 127, dtype=np.int8)
        a = np.full((4, 64), 255, dtype=np.uint8)
        ins = [_value("A", _UINT8, ["rows", 64])]
        outs = [_value("Y", _FLOAT, ["rows", 16])]

        def graph(mode: Mode) -> bytes:
            return _model(_int_product("A", "w", "Y", mode), [_tensor("w", q)], ins, outs, mode)

        got = _unsplit(ort, graph).run(None, {"A": a})[0]
        _SATURATING[key] = not bool(np.all(got == np.float32(255 * 127 * 64)))
    return _SATURATING[key]


def _session(ort: Any, model: bytes) -> Any:
    options = ort.SessionOptions()
    # One thread unless the user chose a count (OMP_NUM_THREADS): the rest of the encoder
    # runs on one core (numpy), and on a shared machine more threads cost far more wall
    # time than they save (docs/alignment.md); integer sums make the result the same at any
    # thread count.
    options.intra_op_num_threads = _threads.count()
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
        self.steps: list[float] = []
        self.session = _built(ort, lambda mode: self._graph(w2, b2, orders, mode))

    def _graph(
        self, w2: Sequence[F32], b2: Sequence[F32], orders: Sequence[int], mode: Mode
    ) -> bytes:
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
                # [-column sums; bias]: the rank-2 part of the epilogue, one Gemm
                _tensor(
                    f"sb{o}",
                    np.stack(
                        [-q.sum(axis=0, dtype=np.int64).astype(np.float32), np.asarray(b)]
                    ).astype(np.float32),
                ),
                _tensor(f"shape{o}", np.array([-1, n * c], np.int64)),
            ]
            ins += [
                _value(f"H{o}", _FLOAT, ["rows", c]),
                _value(f"S{o}", _FLOAT, ["rows"]),
                _value(f"Z{o}", _UINT8, ["rows"]),
                _value(f"C{o}", _INT64, ["t", n]),
                _value(f"X{o}", _FLOAT, ["t", c]),
                _value(f"R{o}", _FLOAT, ["t", 1]),
                _value(f"RZ{o}", _FLOAT, ["t", 2]),
            ]
            p = f"_{o}"
            nodes += [
                _node("QuantizeLinear", [f"H{o}", f"S{o}", f"Z{o}"], ["q" + p], axis=0),
                _node("Gather", ["q" + p, f"C{o}"], ["g" + p], axis=0),
                _node("Reshape", ["g" + p, f"shape{o}"], ["a" + p]),
                # Zero point 0 here: each row's own is subtracted below, as z * column sums
                # (the padding rows hold their sentence's zero point, so that is exact).
                *_int_product("a" + p, f"w{o}", "m" + p, mode, scale=f"R{o}"),
                # m - (R z) x column sums + b, as [R z, 1] @ [-sums; b] + m
                _node("Gemm", [f"RZ{o}", f"sb{o}", "m" + p], ["e" + p]),
                _node("Relu", ["e" + p], ["r" + p]),
                _node("Add", ["r" + p, f"X{o}"], [f"out{o}"]),
            ]
            outs.append(_value(f"out{o}", _FLOAT, ["t", c]))
        self.steps = steps
        return _model(nodes, inits, ins, outs, mode)

    def __call__(
        self,
        hs: Sequence[F32],
        cols: Sequence[npt.NDArray[np.int64]],
        lens: npt.NDArray[np.int64],
        starts: npt.NDArray[np.int64],
        outs: Sequence[F32] = (),
    ) -> list[F32]:
        """Outputs of the branches for ``hs`` (each ``t`` token rows, then one zero row
        per sentence) and windows ``cols``; written into ``outs`` (C-contiguous float32,
        ``t`` rows each) if given: onnxruntime's own outputs are fresh memory every block
        (7-28k page faults a 1k-sentence document, 0.01-0.06 CPU s of system time)."""
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
            rz = np.ones((t, 2), dtype=np.float32)
            np.multiply(r[:, 0], row_zero[:t], out=rz[:, 0], casting="unsafe")
            feed[f"RZ{o}"] = rz
        if not outs:
            got: list[F32] = self.session.run(None, feed)
            return got
        binding = self.session.io_binding()
        for name, arr in feed.items():
            binding.bind_cpu_input(name, arr)
        for o, out in enumerate(outs):
            if out.dtype != np.float32 or not out.flags.c_contiguous or len(out) != t:
                raise ValueError("outputs must be C-contiguous float32, a row a token")
            binding.bind_output(f"out{o}", "cpu", 0, np.float32, list(out.shape), out.ctypes.data)
        self.session.run_with_iobinding(binding)
        return list(outs)


class Product:
    """``a @ q`` for ``uint8`` rows ``a`` (zero point 0) and each 8-bit matrix ``q`` of
    ``qs``: integer sums, given in float32 (exact: below 2**24 for the ≤ 512 rows of ``q``
    used here). Each product is an output of its own, so it can be written straight into
    a caller's array (see :meth:`__call__`)."""

    def __init__(self, ort: Any, qs: Sequence[npt.NDArray[np.int8]]) -> None:
        k = qs[0].shape[0]
        self.names = [f"Y{i}" for i in range(len(qs))]
        ins = [_value("A", _UINT8, ["rows", k])]
        outs = [
            _value(y, _FLOAT, ["rows", q.shape[1]]) for y, q in zip(self.names, qs, strict=True)
        ]
        inits = [_tensor(f"w{i}", q) for i, q in enumerate(qs)]

        def graph(mode: Mode) -> bytes:
            nodes = [
                node
                for i, y in enumerate(self.names)
                for node in _int_product("A", f"w{i}", y, mode)
            ]
            return _model(nodes, inits, ins, outs, mode)

        self.session = _built(ort, graph)
        self.sums = [q.sum(axis=0, dtype=np.int64).astype(np.float32) for q in qs]  # per column

    def __call__(self, a: npt.NDArray[np.uint8], outs: Sequence[F32] = ()) -> list[F32]:
        """The products; written into ``outs`` (C-contiguous float32 arrays of the right
        shapes) if given: no new arrays, whose fresh pages cost page faults on every call
        (8k of them for a 1k-sentence document's per-id stage)."""
        if not outs:
            got: list[F32] = self.session.run(None, {"A": a})
            return got
        binding = self.session.io_binding()
        binding.bind_cpu_input("A", a)
        for name, out in zip(self.names, outs, strict=True):
            if out.dtype != np.float32 or not out.flags.c_contiguous:
                raise ValueError("outputs must be C-contiguous float32")
            binding.bind_output(name, "cpu", 0, np.float32, list(out.shape), out.ctypes.data)
        self.session.run_with_iobinding(binding)
        return list(outs)


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


class Shifted:
    """``(a @ q) * s - (s z) * colsum(q)`` for ``uint8`` rows ``a`` quantised with per-row
    step ``s`` and zero point ``z``, for each 8-bit matrix ``q`` of ``qs``: the scaling
    after the integer product as two graph steps (the product's own ``a_scale``, and one
    ``Gemm`` of rank 1 added to it), each product an output of its own. The same floats
    as ``(a @ q)`` scaled then shifted in numpy (tested): one float32 rounding each, MLAS
    adds ``C`` after the ``K = 1`` product. Two numpy passes and an outer product fewer a
    product (the per-id stage's first-layer slots, ten a batch of ids)."""

    def __init__(self, ort: Any, qs: Sequence[npt.NDArray[np.int8]]) -> None:
        k = qs[0].shape[0]
        self.names = [f"Y{i}" for i in range(len(qs))]
        ins = [
            _value("A", _UINT8, ["rows", k]),
            _value("S", _FLOAT, ["rows", 1]),
            _value("SZ", _FLOAT, ["rows", 1]),
        ]
        outs = [
            _value(y, _FLOAT, ["rows", q.shape[1]]) for y, q in zip(self.names, qs, strict=True)
        ]
        self.sums = [q.sum(axis=0, dtype=np.int64).astype(np.float32) for q in qs]
        inits = [_tensor(f"w{i}", q) for i, q in enumerate(qs)]
        inits += [_tensor(f"nsum{i}", -sums[None]) for i, sums in enumerate(self.sums)]

        def graph(mode: Mode) -> bytes:
            nodes = []
            for i, y in enumerate(self.names):
                nodes += _int_product("A", f"w{i}", f"m{i}", mode, scale="S")
                nodes.append(_node("Gemm", ["SZ", f"nsum{i}", f"m{i}"], [y]))
            return _model(nodes, inits, ins, outs, mode)

        self.session = _built(ort, graph)

    def __call__(
        self, a: npt.NDArray[np.uint8], scale: F32, shift: F32, outs: Sequence[F32]
    ) -> list[F32]:
        """The products of ``a`` (``scale``, ``shift``: ``(rows, 1)`` float32, the step and
        the step times the zero point), written into ``outs`` (C-contiguous float32)."""
        binding = self.session.io_binding()
        binding.bind_cpu_input("A", a)
        binding.bind_cpu_input("S", np.ascontiguousarray(scale, dtype=np.float32))
        binding.bind_cpu_input("SZ", np.ascontiguousarray(shift, dtype=np.float32))
        for name, out in zip(self.names, outs, strict=True):
            if out.dtype != np.float32 or not out.flags.c_contiguous:
                raise ValueError("outputs must be C-contiguous float32")
            binding.bind_output(name, "cpu", 0, np.float32, list(out.shape), out.ctypes.data)
        self.session.run_with_iobinding(binding)
        return list(outs)


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
        self.proj = Product(ort, [np.concatenate(qs, axis=1)])
        self.proj_steps = np.concatenate(steps)
        self.proj_sums = proj.sum(axis=0, dtype=np.float64).astype(np.float32)
        self.first: list[tuple[Shifted, float]] = []
        for slots in w1:
            got = int8_weights(np.concatenate(slots, axis=1))
            if got is None:
                raise ValueError("weights not 8-bit")
            # one step for the branch's slots; each slot's product an output of its own
            parts = np.split(got[0], len(slots), axis=1)
            self.first.append((Shifted(ort, parts), got[1]))

    def projection(self, table_rows: npt.NDArray[np.uint8], scale: F32, lo: F32) -> F32:
        """``(table_rows * scale + lo) @ proj`` (``scale``, ``lo``: per row)."""
        # numpy's array, not onnxruntime's: numpy asks for huge pages for large arrays
        x = np.empty((len(table_rows), len(self.proj_steps)), dtype=np.float32)
        self.proj(table_rows, [x])
        x *= self.proj_steps
        x *= scale[:, None]
        x += lo[:, None] * self.proj_sums
        return x

    def slots(self, o: int, x: F32, outs: Sequence[F32]) -> None:
        """``x @ w`` for each first-layer slot ``w`` of branch ``o``, into ``outs`` (rows of
        the per-id arrays: the integer products are written there, then scaled in place),
        from ``x`` quantised per row."""
        product, wstep = self.first[o]
        q, step, zero = quantize_rows(x)
        scale = (step * np.float32(wstep))[:, None]
        product(q, scale, zero[:, None] * scale, outs)  # (a @ w) * scale - shift * sums


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
