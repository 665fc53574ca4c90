"""Alignment accuracy on the shared gold sets, side by side with Gale-Church.

    python bench/bench_align.py [SET ...]      # sets: textberg_test textberg_dev parice bible

Reads ../shared/bench/align by path (the data stays there) and scores with
../shared/tools/align_score.py. Gale-Church runs when the `galechurch` package is installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translaudit import align

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ALIGN = SHARED / "bench" / "align"
SETS = {
    "textberg_test": ("textberg_defr/test", "de", "fr"),
    "textberg_dev": ("textberg_defr/dev", "de", "fr"),
    "parice": ("parice_enis", "en", "is"),
    "bible": ("bible_enzh", "en", "zh"),
}


def _ours(src: list[str], tgt: list[str], sl: str, tl: str) -> list[str]:
    return [f"{list(k.source)}:{list(k.target)}" for k in align(src, tgt, source_lang=sl,
                                                                 target_lang=tl)]


def _galechurch(src: list[str], tgt: list[str], sl: str, tl: str) -> list[str] | None:
    try:
        import galechurch  # type: ignore[import-not-found]
    except ImportError:
        return None
    return list(galechurch.align(src, tgt).to_pharaoh_lines())


def run(name: str) -> None:
    rel, sl, tl = SETS[name]
    base = ALIGN / rel
    docs = sorted(p.name for p in (base / "gold").iterdir())
    for label, fn in (("translaudit", _ours), ("galechurch", _galechurch)):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            n = 0
            for doc in docs:
                src = (base / sl / doc).read_text("utf-8").splitlines()
                tgt = (base / tl / doc).read_text("utf-8").splitlines()
                n += len(src)
                beads = fn(src, tgt, sl, tl)
                if beads is None:
                    break
                (Path(out) / doc).write_text("\n".join(beads) + "\n", "utf-8")
            else:
                secs = time.perf_counter() - start
                cmd = [sys.executable, str(SHARED / "tools" / "align_score.py"), "-g",
                       str(base / "gold"), "-t", out, "--json"]
                if name == "bible":
                    cmd += ["--src-verse", str(base / "verse" / "en" / docs[0]),
                            "--tgt-verse", str(base / "verse" / "zh" / docs[0])]
                scores = json.loads(subprocess.run(cmd, capture_output=True, text=True,
                                                   check=True).stdout)
                total = scores["total"]
                print(f"| {name} | {label} | {total['f1_strict']:.3f} | {total['f1_lax']:.3f} "
                      f"| {n / secs:,.0f} |")
                continue
            print(f"| {name} | {label} | not installed | | |")


def main() -> int:
    if not ALIGN.is_dir():
        print("../shared/bench/align is not present; nothing to measure")
        return 0
    print("| set | aligner | strict F1 | lax F1 | source sentences/s |")
    print("|---|---|---|---|---|")
    for name in sys.argv[1:] or list(SETS):
        run(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
