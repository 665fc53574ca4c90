"""Benchmark language identification on the hand-written sentence set.

Usage (from the repository root):

    .venv/bin/python bench/bench_langid.py [--repeat 5]

Prints a Markdown table with accuracy and µs/sentence per language for each
configuration, the cold-start time of each backend (fresh interpreter: import,
model load and first call), and the two ways of restricting py3langid to a
language subset. Timings are the best of --repeat runs (least disturbed by other
load on the machine).
"""

from __future__ import annotations

import argparse
import copy
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.langid_sentences import SENTENCES  # noqa: E402
from translaudit import _langid  # noqa: E402

LANGS = tuple(SENTENCES)


def _time_per_item(func: Callable[[str], object], items: tuple[str, ...], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            func(item)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best * 1e6


def _row(name: str, func: Callable[[str], str | None], repeat: int) -> list[str]:
    cells = [name]
    correct_all = total = 0
    micros = []
    for lang in LANGS:
        sentences = SENTENCES[lang]
        correct = sum(func(s) == lang for s in sentences)
        correct_all += correct
        total += len(sentences)
        us = _time_per_item(func, sentences, repeat)
        micros.append((us, len(sentences)))
        cells.append(f"{correct}/{len(sentences)} · {us:.0f}")
    mean_us = sum(us * n for us, n in micros) / total
    cells.append(f"**{correct_all}/{total} ({correct_all / total:.1%}) · {mean_us:.0f}**")
    return cells


def _cold_start(backend: str) -> float:
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from translaudit._langid import identify\n"
        f"identify('The quick brown fox jumps over the lazy dog.', backend={backend!r})\n"
        "print(time.perf_counter() - t)\n"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return statistics.median(runs) * 1e3


def _restriction_strategies(repeat: int) -> list[tuple[str, float]]:
    """Separate cached instance vs. argmax over a subset of the full vector."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    base = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    sentences = tuple(s for lang in LANGS for s in SENTENCES[lang])
    restricted = copy.copy(base)
    restricted.set_languages(list(LANGS))
    index = [base.nb_classes.index(lang) for lang in LANGS]

    def subset_argmax(text: str) -> str:
        probs = base._decide(text)[index]  # private API: benchmark only
        return LANGS[int(probs.argmax())]

    return [
        ("py3langid classify, full model (reference)", 0.0),
        ("  open set", _time_per_item(base.classify, sentences, repeat)),
        (
            "  restricted: separate instance (set_languages on a copy)",
            _time_per_item(restricted.classify, sentences, repeat),
        ),
        (
            "  restricted: argmax over subset of full probability vector",
            _time_per_item(subset_argmax, sentences, repeat),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per cell (best kept)")
    args = parser.parse_args()

    configs: list[tuple[str, str, tuple[str, ...] | None]] = [
        ("py3langid open set (default)", "py3langid", None),
        ("py3langid restricted to the 10", "py3langid", LANGS),
    ]
    try:
        _langid.backend_version("langdetect")
        configs += [
            ("langdetect seeded, open set", "langdetect", None),
            ("langdetect seeded, restricted", "langdetect", LANGS),
        ]
    except ImportError:
        print("(langdetect not installed: skipped)\n")

    versions = ", ".join(
        _langid.backend_version(b) for b in dict.fromkeys(backend for _, backend, _ in configs)
    )
    total = sum(map(len, SENTENCES.values()))
    print(
        f"Python {platform.python_version()} on {platform.machine()}; {versions}; "
        f"{total} sentences; cells: correct/total · µs per sentence (best of {args.repeat})\n"
    )
    header = ["configuration", *LANGS, "overall"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for name, backend, candidates in configs:
        _langid.identify("warm-up", backend=backend, candidates=candidates)

        def func(
            text: str, backend: str = backend, candidates: tuple[str, ...] | None = candidates
        ) -> str | None:
            return _langid.identify(text, backend=backend, candidates=candidates).language

        print("| " + " | ".join(_row(name, func, args.repeat)) + " |")

    print("\nCold start (fresh interpreter: import + model load + first call, median of 3):\n")
    for backend in dict.fromkeys(backend for _, backend, _ in configs):
        print(f"- {backend}: {_cold_start(backend):.0f} ms")

    print("\nRestricting py3langid to the 10 languages (raw classify, µs/sentence):\n")
    for name, micros in _restriction_strategies(args.repeat):
        print(f"- {name}" + (f": {micros:.1f}" if micros else ""))


if __name__ == "__main__":
    main()
