"""Thread counts of the library's numeric work: one, unless the user chose otherwise.

numpy's OpenBLAS starts one thread per core, and its threads wait for each other at every
product: on a machine whose cores are busy with other work, a 1k-sentence alignment with
embeddings took 1.4x the CPU time and 1.4-1.7x the wall time of the same run on one
thread (docs/alignment.md, "fifth round"). So the aligner and the encoder run numpy's
products on one thread and build their onnxruntime sessions with one.

The user chooses with the usual variables: ``OMP_NUM_THREADS`` sets the onnxruntime
sessions' count, and if ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS`` or
``GOTO_NUM_THREADS`` is set, OpenBLAS keeps the count it read from them.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

__all__ = ["blas_limited", "count"]

_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")
_lock = threading.Lock()
_depth = 0  # nested or concurrent calls share one limit: the outermost restores the count
_saved = 0


def _positive(value: str | None) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if n > 0 else None


def count() -> int:
    """Threads for an onnxruntime session: ``OMP_NUM_THREADS`` if it is a positive integer,
    else one."""
    return _positive(os.environ.get("OMP_NUM_THREADS")) or 1


def _user_chose_blas() -> bool:
    return any(_positive(os.environ.get(var)) for var in _BLAS_VARS)


@lru_cache(maxsize=1)
def _openblas() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    """``(get, set)`` of the thread count of the OpenBLAS loaded in this process (numpy's),
    or None (another BLAS, or no /proc to find it by)."""
    try:
        with Path("/proc/self/maps").open(encoding="utf-8", errors="replace") as maps:
            paths = sorted(
                {
                    line.split(maxsplit=5)[-1].strip()
                    for line in maps
                    if "openblas" in line.lower() and ".so" in line
                }
            )
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", "", "_64"):
                get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                put = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    get.restype = ctypes.c_int
                    put.argtypes = [ctypes.c_int]
                    put.restype = None
                    return get, put
    return None


def blas_threads() -> int | None:
    """OpenBLAS's current thread count, or None when it is not found."""
    found = _openblas()
    return None if found is None else int(found[0]())


@contextmanager
def blas_limited() -> Iterator[None]:
    """numpy's OpenBLAS on one thread inside, unless the user set its count; the count is
    restored on the way out (the caller's own numpy work keeps its threads)."""
    global _depth, _saved
    found = None if _user_chose_blas() else _openblas()
    if found is None:
        yield
        return
    get, put = found
    with _lock:
        if _depth == 0:
            _saved = int(get())
            if _saved != 1:
                put(1)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved != 1:
                put(_saved)
