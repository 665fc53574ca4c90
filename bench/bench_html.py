"""How fast a large HTML report renders, in Python and in headless Chromium.

    python bench/bench_html.py [--pairs 5000] [--runs 5] [--keep report.html]

Builds a synthetic same-language pair of PAIRS sentences (written here, with planted changed
numbers, garbled names, loops, omissions and additions), audits it, renders the HTML, and
loads it in headless Chromium (Debian's chromium + chromedriver, through selenium) RUNS times.
Prints a table: audit time, time to attach the diffs, HTML render time and size, and the
browser's DOMContentLoaded, first contentful paint, load, and one filter click, as medians.
The target (issue 7) is a 5,000-pair report rendered in under 3 seconds.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

import translaudit
from translaudit import Link, _audit
from translaudit._checks import AlignedPair
from translaudit._diff import attach_diffs
from translaudit._render import render

_SYLLABLES = "ka lo mer tin sa vor el dun pra ik ost bel rum ha ne qua fil zo tar wen".split()
_VERBS = ["opened", "inspected", "visited", "closed", "repaired", "funded", "praised", "sold"]


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def _sentence(rng: random.Random) -> str:
    # invented words keep sentences distinct, as real prose is, so the aligner is not
    # flooded with look-alike candidates
    words = " ".join(_word(rng, rng.randint(1, 3)) for _ in range(rng.randint(4, 9)))
    place = _word(rng, 3).capitalize()
    return (
        f"The {_word(rng)} council {rng.choice(_VERBS)} {rng.randint(2, 950)} {words} "
        f"near {place} for {rng.randint(10, 90)} thousand crowns."
    )


def _damage(s: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:
        return s.replace("0", "7", 1) if "0" in s else s.replace("1", "4", 1)
    if roll < 0.05:
        place = s.split(" near ", 1)[1].split()[0]
        return s.replace(place, place[:-2] + "ana")
    if roll < 0.06:
        return s.replace(" near ", " near of near of near of ", 1)
    if roll < 0.08:
        return s.replace(" for ", " early for ", 1).replace(" council ", " board ")
    return s


def make_pair(n: int, seed: int = 7) -> tuple[str, str, tuple[Link, ...]]:
    """Source and target texts, one sentence a line, and their true alignment."""
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Link] = []
    for i in range(n):
        s = _sentence(rng)
        src.append(s)
        if rng.random() < 0.01:
            gold.append(Link((i,), (), 0.0, "1-0"))  # omitted
            continue
        gold.append(Link((i,), (len(tgt),), 1.0, "1-1"))
        tgt.append(_damage(s, rng))
        if rng.random() < 0.01:
            gold.append(Link((), (len(tgt),), 0.0, "0-1"))
            tgt.append(f"Officials added that item {i} was reviewed again by the council.")
    return "\n".join(src) + "\n", "\n".join(tgt) + "\n", tuple(gold)


def _driver() -> object:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(15)
    return driver


# Waits for the first contentful paint, which can come after the load event.
_TIMING = """
const done = arguments[arguments.length - 1];
const nav = performance.getEntriesByType('navigation')[0];
new PerformanceObserver((list, obs) => {
  const fcp = list.getEntries().find(e => e.name === 'first-contentful-paint');
  if (!fcp) return;
  obs.disconnect();
  done([nav.domContentLoadedEventEnd, fcp.startTime, nav.loadEventEnd]);
}).observe({type: 'paint', buffered: true});
setTimeout(() => done([nav.domContentLoadedEventEnd, -1, nav.loadEventEnd]), 10000);
"""

_FILTER = """
const box = document.querySelector('input[data-filter="sev"][value="major"]');
const t0 = performance.now();
box.click();
document.body.offsetHeight;  // force style and layout
const t1 = performance.now();
box.click();
return t1 - t0;
"""


def browser_times(page: Path, runs: int) -> list[tuple[float, float, float, float]]:
    driver = _driver()
    out = []
    try:
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(page.as_uri())
            dcl, fcp, load = driver.execute_async_script(_TIMING)  # type: ignore[attr-defined]
            click = driver.execute_script(_FILTER)  # type: ignore[attr-defined]
            out.append((dcl, fcp, load, click))
    finally:
        driver.quit()  # type: ignore[attr-defined]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="FILE", help="also write the HTML report here")
    args = parser.parse_args()

    src, tgt, gold = make_pair(args.pairs)
    t0 = time.perf_counter()
    # The generator knows the true alignment; using it keeps the aligner's own cost (measured
    # by bench_align.py) out of a benchmark about reports.
    with mock.patch.object(_audit, "align_features", lambda scorer, config: gold):
        report = translaudit.audit(src, tgt, source_lang="en", target_lang="en")
    audit_s = time.perf_counter() - t0
    assert len(report.source.sentences) == args.pairs, "the segmenter split a line"
    pair = AlignedPair(report.source, report.target, report.alignment, report.config, None)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    attach_diffs(pair)
    diff_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = render(report, "html")
    render_s = time.perf_counter() - t0

    rows = [
        (
            "sentence pairs (source / target)",
            f"{len(report.source.sentences)} / {len(report.target.sentences)}",
        ),
        ("links / findings", f"{len(report.alignment)} / {len(report.findings)}"),
        ("audit, gold alignment (s)", f"{audit_s:.2f}"),
        ("  of which diffs (s)", f"{diff_s:.3f}"),
        ("render html (s)", f"{render_s:.3f}"),
        ("html size (MB)", f"{len(html.encode()) / 1e6:.2f}"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(args.keep) if args.keep else Path(tmp) / "report.html"
        page.write_text(html, "utf-8")
        if shutil.which("chromedriver") and (shutil.which("chromium")):
            times = browser_times(page, args.runs)
            for i, name in enumerate(
                (
                    "chromium DOMContentLoaded (ms)",
                    "chromium first contentful paint (ms)",
                    "chromium load (ms)",
                    "filter click + layout (ms)",
                )
            ):
                vals = [t[i] for t in times]
                rows.append(
                    (
                        name,
                        f"{statistics.median(vals):.0f} (min {min(vals):.0f}, "
                        f"max {max(vals):.0f}, {len(vals)} runs)",
                    )
                )
        else:
            rows.append(("chromium", "not installed: skipped"))
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")


if __name__ == "__main__":
    main()
