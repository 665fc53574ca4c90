"""Every output format read back by a parser: the structured diff, HTML, MQM TSV, XLIFF 2.1 with
ITS, xCOMET spans, JUnit XML, and the CLI's --format for each."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import translaudit
from translaudit._diff import _TOKEN
from translaudit._render import FORMATS, render
from translaudit._render.mqm import COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"
ITS = "{http://www.w3.org/2005/11/its}"
# ITS 2.0 locQualityIssueType values (ITS 2.0, section 8.15).
ITS_TYPES = set(
    "terminology mistranslation omission untranslated addition duplication inconsistency "
    "grammar legal register locale-specific-content locale-violation style characters "
    "misspelling typographical formatting inconsistent-entities numbers markup "
    "pattern-problem whitespace internationalization length non-conformance uncategorized "
    "other".split()
)


@pytest.fixture(scope="module")
def report():
    return translaudit.audit(
        (EXAMPLES / "original_en.txt").read_text("utf-8"),
        (EXAMPLES / "translation_en.txt").read_text("utf-8"),
    )


# --- the structured diff -------------------------------------------------------------------


def test_token_ops_cover_both_sides_in_order(report):
    for link in report.alignment:
        if not (link.source and link.target):
            assert link.diff is None
            continue
        assert link.diff is not None and link.diff.mode == "tokens"
        ops = link.diff.ops
        for a, b in itertools.pairwise(ops):
            assert a.source_end <= b.source_start and a.target_end <= b.target_start
        for op in ops:
            s = report.source.text[op.source_start : op.source_end]
            t = report.target.text[op.target_start : op.target_end]
            if op.op == "equal":
                assert s.split() == t.split()
            elif op.op == "insert":
                assert s == "" and t
            elif op.op == "delete":
                assert s and t == ""


def test_changed_number_is_a_replace_op(report):
    finding = next(f for f in report.findings if f.kind == "number.changed")
    link = report.alignment[finding.link]
    assert finding.source.sentence in link.source and finding.target.sentence in link.target
    replaced = [
        (
            report.source.text[o.source_start : o.source_end],
            report.target.text[o.target_start : o.target_end],
        )
        for o in link.diff.ops
        if o.op == "replace"
    ]
    assert ("350", "530") in replaced


def test_every_finding_points_at_its_link(report):
    for f in report.findings:
        span = f.target or f.source
        link = report.alignment[f.link]
        assert span.sentence in (link.target if span.side == "target" else link.source)


def test_cross_lingual_diff_has_anchors():
    report = translaudit.audit(
        "The ferry carries 350 passengers to Marrowby every day.",
        "Die Fähre bringt jeden Tag 530 Passagiere nach Marrowby.",
        source_lang="en",
        target_lang="de",
    )
    (link,) = [k for k in report.alignment if k.diff is not None]
    assert link.diff.mode == "anchors" and link.diff.ops == ()
    anchors = {
        (a.kind, a.source and a.source.text, a.target and a.target.text, a.matched)
        for a in link.diff.anchors
    }
    assert ("name", "Marrowby", "Marrowby", True) in anchors
    assert ("number", "350", None, False) in anchors
    assert ("number", None, "530", False) in anchors


def test_cross_lingual_matching_numbers_are_matched():
    report = translaudit.audit(
        "The ferry carries 350 passengers.",
        "Die Fähre bringt 350 Passagiere.",
        source_lang="en",
        target_lang="de",
    )
    numbers = [a for k in report.alignment if k.diff for a in k.diff.anchors if a.kind == "number"]
    assert [(a.source.text, a.target.text) for a in numbers] == [("350", "350")]


_WORDS = st.lists(
    st.sampled_from(["the", "ferry", "Marrowby", "350", "sails", ",", "at", "dawn"]),
    min_size=1,
    max_size=12,
)


def _side_tokens(doc, sentences):
    return [t for i in sentences for t in _TOKEN.findall(doc.sentences[i].text)]


@given(_WORDS, _WORDS)
def test_token_diff_is_deterministic_and_exact(a, b):
    src = " ".join(a) + "."
    tgt = " ".join(b) + "."
    one = translaudit.audit(src, tgt, source_lang="en", target_lang="en")
    two = translaudit.audit(src, tgt, source_lang="en", target_lang="en")
    assert one.to_json() == two.to_json()
    for link in one.alignment:
        if link.diff is None:
            continue
        # the ops' pieces, in order, rebuild each side's tokens exactly
        src_pieces = " ".join(src[o.source_start : o.source_end] for o in link.diff.ops)
        tgt_pieces = " ".join(tgt[o.target_start : o.target_end] for o in link.diff.ops)
        assert _TOKEN.findall(src_pieces) == _side_tokens(one.source, link.source)
        assert _TOKEN.findall(tgt_pieces) == _side_tokens(one.target, link.target)


def test_mqm_score_uses_configured_weights(report):
    mqm = report.summary.mqm
    counts = report.summary.by_severity
    assert mqm["penalty"] == 25 * counts["critical"] + 5 * counts["major"] + counts["minor"]
    heavy = translaudit.audit(report.source.text, report.target.text, mqm_weights={"major": 10})
    assert heavy.summary.mqm["penalty"] == mqm["penalty"] + 5 * counts["major"]
    assert "mqmw:" in heavy.signature and "mqmw:" not in report.signature
    with pytest.raises(translaudit.ConfigError, match="mqm_weights"):
        translaudit.AuditConfig(mqm_weights={"blocker": 3})
    with pytest.raises(translaudit.ConfigError, match="at least 0"):
        translaudit.AuditConfig(mqm_weights={"major": -1})


# --- exports read back ---------------------------------------------------------------------


def _mqm_rows(text):
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_mqm_tsv_reads_back(report):
    rows = _mqm_rows(render(report, "mqm"))
    assert tuple(rows[0]) == COLUMNS
    body = [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]
    errors = [r for r in body if r["category"] != "No-error"]
    assert len(errors) == len(report.findings)
    assert {r["seg_id"] for r in body} == {str(n) for n in range(1, len(report.alignment) + 1)}
    for row, f in zip(errors, sorted(report.findings, key=lambda f: (f.link, f.id)), strict=True):
        assert row["severity"] == f.severity.capitalize() and row["category"] == f.mqm
        marked = row["target"] if f.target is not None else row["source"]
        assert re.search(r"<v>(.*?)</v>", marked).group(1) == (f.target or f.source).text
    number = next(r for r in errors if "Mistranslation" in r["category"] and "530" in r["target"])
    assert "<v>530</v>" in number["target"]


def test_xliff_is_well_formed_xliff_2_1_with_its(report):
    root = ET.fromstring(render(report, "xliff"))
    assert root.tag == f"{XLIFF}xliff" and root.get("version") == "2.1"
    assert root.get("srcLang") == "en" and root.get("trgLang") == "en"
    (file,) = root.findall(f"{XLIFF}file")
    units = file.findall(f"{XLIFF}unit")
    assert len(units) == len(report.alignment)
    assert len({u.get("id") for u in units}) == len(units)
    markers = []
    for unit, link in zip(units, report.alignment, strict=True):
        (segment,) = unit.findall(f"{XLIFF}segment")
        children = [c.tag for c in segment]
        assert children[0] == f"{XLIFF}source" and children[1:] in ([], [f"{XLIFF}target"])
        for tag, doc, sentences in (
            ("source", report.source, link.source),
            ("target", report.target, link.target),
        ):
            side = segment.find(f"{XLIFF}{tag}")
            if not sentences:
                assert side is None or not "".join(side.itertext())
                continue
            first, last = doc.sentences[min(sentences)], doc.sentences[max(sentences)]
            assert "".join(side.itertext()) == doc.text[first.start : last.end]
        for side in segment:
            starts = {m.get("id") for m in side.iter(f"{XLIFF}sm")}
            ends = {m.get("startRef") for m in side.iter(f"{XLIFF}em")}
            assert starts == ends
            markers.extend(side.iter(f"{XLIFF}sm"))
    assert len(markers) == len(report.findings)
    by_id = {f.id: f for f in report.findings}
    for m in markers:
        assert m.get("type") == "its:any"
        assert m.get(f"{ITS}locQualityIssueType") in ITS_TYPES
        assert 0 <= int(m.get(f"{ITS}locQualityIssueSeverity")) <= 100
        assert m.get(f"{ITS}locQualityIssueComment").startswith(by_id[m.get("id")].kind)
    number = next(m for m in markers if by_id[m.get("id")].kind == "number.changed")
    assert number.get(f"{ITS}locQualityIssueType") == "numbers"
    assert number.tail.startswith("530")


def test_xcomet_spans_slice_their_segment(report):
    data = json.loads(render(report, "xcomet"))
    assert len(data) == len(report.alignment)
    spans = 0
    for seg in data:
        for err in seg["error_spans"]:
            assert set(err) == {"text", "start", "end", "severity", "confidence"}
            assert seg["translation"][err["start"] : err["end"]] == err["text"]
            assert err["severity"] in {"minor", "major", "critical"} and err["confidence"] == 1.0
            spans += 1
        for err in seg["source_error_spans"]:
            assert seg["source"][err["start"] : err["end"]] == err["text"]
            spans += 1
    assert spans == sum(1 for f in report.findings if f.severity != "neutral")


def test_junit_counts_findings_as_failures(report):
    root = ET.fromstring(render(report, "junit"))
    assert root.tag == "testsuites"
    failures = root.findall(".//failure")
    assert len(failures) == int(root.get("failures")) == len(report.findings)
    assert {s.get("name") for s in root} >= {f"translaudit.{c}" for c in report.config.checks}
    passing = [c for c in root.iter("testcase") if not len(c)]
    assert any("untranslated" in c.get("name") for c in passing)
    assert any(f.get("type") == "major" for f in failures)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.data.append(data)


def _parse(html):
    parser = _Tags()
    parser.feed(html)
    return parser


def test_html_marks_every_finding(report):
    page = _parse(render(report, "html"))
    marks = [a for t, a in page.tags if t == "mark"]
    ids = {a.get("id") for a in marks if a.get("id")}
    assert ids == {f.id for f in report.findings}
    links = {a["href"] for t, a in page.tags if t == "a"}
    assert links == {f"#{f.id}" for f in report.findings}
    rows = [a for t, a in page.tags if t == "tr" and a.get("id")]
    assert len(rows) == len(report.alignment)
    assert any("k-1-0" in r["class"] for r in rows) and any("k-0-1" in r["class"] for r in rows)
    assert [t for t, _ in page.tags].count("script") == 1
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp["content"]


# --- hostile input -------------------------------------------------------------------------

_HOSTILE = (
    'Mayor <script>alert("s")</script> Ann Marrowby opened 350 "><img src=x onerror=alert(1)> '
    'bridges. See javascript:alert(2) and <a href="javascript:alert(3)">Harbour Office</a> '
    "for details. The <iframe src=//evil.example></iframe> Council of Eastmoor met 12 times."
)
_HOSTILE_T = _HOSTILE.replace("350", "530").replace("Eastmoor", "Eastmor <u onmouseover=x>")
_HOSTILE_T += (
    " <svg onload=alert(4)> <svg onload=alert(4)> <svg onload=alert(4)> <svg onload=alert(4)>"
)


@pytest.fixture(scope="module")
def hostile():
    return translaudit.audit(_HOSTILE, _HOSTILE_T, source_lang="en", target_lang="en")


def test_html_escapes_hostile_input(hostile):
    from translaudit._render.html import _JS

    assert hostile.findings, "the hostile pair must produce findings, so messages are rendered"
    html = render(hostile, "html")
    page = _parse(html)
    tags = [t for t, _ in page.tags]
    assert tags.count("script") == 1 and f"<script>{_JS}</script>" in html
    for bad in ("img", "iframe", "svg", "u"):
        assert bad not in tags, bad
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
        if tag == "a":
            assert attrs["href"].startswith("#F")
    text = "".join(page.data)
    assert '<script>alert("s")</script>' in text and "<img src=x onerror=alert(1)>" in text


def test_markdown_and_exports_keep_hostile_input_inert(hostile):
    md = render(hostile, "markdown")
    outside_code = re.sub(r"`[^`]*`", "", md)
    assert "<script" not in outside_code and "<img" not in outside_code
    for fmt in ("xliff", "junit"):
        root = ET.fromstring(render(hostile, fmt))
        assert not any(el.tag.endswith(("script", "img")) for el in root.iter())
    rows = _mqm_rows(render(hostile, "mqm"))
    assert all(len(r) == len(COLUMNS) for r in rows)
    assert json.loads(render(hostile, "xcomet"))


# --- the CLI -------------------------------------------------------------------------------

_READERS = {
    "json": json.loads,
    "xcomet": json.loads,
    "xliff": ET.fromstring,
    "junit": ET.fromstring,
    "mqm": _mqm_rows,
    "html": _parse,
    "markdown": lambda t: t.startswith("## translaudit report") or None,
    "text": lambda t: "signature:" in t or None,
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_format(fmt, tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "translaudit",
            "audit",
            str(EXAMPLES / "original_en.txt"),
            str(EXAMPLES / "translation_en.txt"),
            "--format",
            fmt,
            "--output",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        timeout=120,
    )
    assert out.returncode == 1, out.stderr
    assert _READERS[fmt]((tmp_path / "r").read_text("utf-8")) is not None


def test_cli_rejects_unknown_format():
    out = subprocess.run(
        [sys.executable, "-m", "translaudit", "audit", "a", "b", "--format", "pdf"],
        capture_output=True,
        timeout=60,
    )
    assert out.returncode == 2 and b"invalid choice" in out.stderr
    assert len(out.stderr.decode().strip().splitlines()) == 1


# --- terminal colour, cross-lingual HTML, arbitrary text ------------------------------------


def _tty_run(args, env):
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "translaudit", *args],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={k: v for k, v in {**os.environ, **env}.items() if v is not None},
            timeout=120,
        )
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    return proc.returncode, b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_text_is_coloured_on_a_tty_unless_no_color():
    args = ["audit", str(EXAMPLES / "original_en.txt"), str(EXAMPLES / "translation_en.txt")]
    code, out = _tty_run(args, {"NO_COLOR": None})
    assert code == 1 and b"\x1b[31m" in out
    code, out = _tty_run(args, {"NO_COLOR": "1"})
    assert code == 1 and b"\x1b[" not in out and b"signature:" in out


def test_html_shows_anchors_across_languages():
    report = translaudit.audit(
        "The ferry carries 350 passengers to Marrowby every day.",
        "Die Fähre bringt jeden Tag 530 Passagiere nach Marrowby.",
        source_lang="en",
        target_lang="de",
    )
    page = _parse(render(report, "html"))
    classes = [a.get("class", "") for t, a in page.tags if t == "span"]
    assert "a-ok" in classes and "a-miss" in classes
    assert not any(c.startswith("d-") for c in classes)
    cells = [a for t, a in page.tags if t == "td" and a.get("lang")]
    assert {c["lang"] for c in cells} == {"en", "de"}


_ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "div", "small",
    "b", "i", "span", "table", "tr", "td", "th", "code", "nav", "fieldset", "legend", "label",
    "input", "kbd", "ol", "li", "a", "main", "colgroup", "col", "thead", "tbody", "mark",
    "script", "br",
}  # fmt: skip
_ALLOWED_ATTRS = {
    "lang", "charset", "http-equiv", "content", "name", "class", "style", "type", "data-filter",
    "value", "checked", "id", "aria-label", "href", "tabindex", "data-sev", "data-kind",
    "data-msg",
}  # fmt: skip
_PIECES = [*"ab Marrowby350.<>&\"'=/\\`:;!?\n", "<script>", " onerror=", "javascript:", "-->"]
_NASTY = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join).filter(str.strip)


@given(_NASTY, _NASTY)
def test_text_never_becomes_markup(source, target):
    report = translaudit.audit(source, target, source_lang="en", target_lang="en")
    page = _parse(render(report, "html"))
    assert {t for t, _ in page.tags} <= _ALLOWED_TAGS
    assert {n for _, a in page.tags for n in a} <= _ALLOWED_ATTRS
    assert [t for t, _ in page.tags].count("script") == 1
    # the exports stay parseable, with the texts intact
    root = ET.fromstring(render(report, "xliff"))
    sources = ["".join(el.itertext()) for el in root.iter(f"{XLIFF}source")]
    # sentences may split inside a run of characters ("!<"), so compare without whitespace
    assert "".join("".join(sources).split()) == "".join(report.source.text.split())
    assert all(len(r) == len(COLUMNS) for r in _mqm_rows(render(report, "mqm")))
    ET.fromstring(render(report, "junit"))


def test_cross_lingual_json_follows_schema():
    import jsonschema

    schema = json.loads(
        (Path(translaudit.__file__).parent / "schema" / "report.schema.json").read_text("utf-8")
    )
    report = translaudit.audit(
        "The ferry carries 350 passengers to Marrowby every day.",
        "Die Fähre bringt jeden Tag 530 Passagiere nach Marrowby.",
        source_lang="en",
        target_lang="de",
    )
    data = json.loads(report.to_json())
    jsonschema.validate(data, schema)
    anchors = [a for link in data["alignment"] if link["diff"] for a in link["diff"]["anchors"]]
    assert {a["kind"] for a in anchors} == {"number", "name"}
    assert data["schema_version"] == "1.1"


def test_markdown_summary_top_findings_and_details(report):
    md = render(report, "markdown", color=False)
    mqm = report.summary.mqm["per_100_words"]
    assert "| critical | 0 |" in md and f"MQM penalty: **{mqm:.1f}** per 100 words" in md
    top = md.split("### Top findings", 1)[1]
    severities = [line.split("|")[2].strip() for line in top.splitlines() if line.startswith("| F")]
    assert severities == sorted(severities, key=lambda s: -translaudit.SEVERITIES.index(s))
    assert "<details><summary>Alignment</summary>" in md and "| 1-0 | 1 |" in md
    short = report.to_markdown(top=2)
    assert f"### Top findings (2 of {len(report.findings)})" in short
    assert "<details><summary>All findings" in short
    assert f"MQM penalty: {mqm:.1f} per 100 words" in render(report, "text")


def test_mqm_rows_survive_every_line_boundary():
    # robustness sweep, session 9: VT/FF/NEL/U+2028 inside a segment split its MQM row in two
    # for a reader that splits lines as str.splitlines() does
    text = "A\x0bB\x0cC\x1cD\x85E\u2028F\u2029G costs 5 euros. Second 7 sentence."
    report = translaudit.audit(text, text.replace("7", "8"), source_lang="en", target_lang="en")
    lines = render(report, "mqm").splitlines()
    assert all(line.count("\t") == len(COLUMNS) - 1 for line in lines)


def _xliff_side(el: ET.Element) -> tuple[str, dict[str, list[int]]]:
    """The text of a <source>/<target> as a parser reads it, and each marker's offsets."""
    parts, marks = [el.text or ""], {}
    for child in el:
        at = len("".join(parts))
        if child.tag == f"{XLIFF}sm":
            marks.setdefault(child.get("id"), [-1, -1])[0] = at
        elif child.tag == f"{XLIFF}em":
            marks.setdefault(child.get("startRef"), [-1, -1])[1] = at
        parts.append(child.tail or "")
    return "".join(parts), marks


_LINE_PIECES = [
    "The council voted 12 to 3.",
    "The council voted 13 to 3.",
    "The",
    " ",
    "\r\n",
    "\r",
]


@given(
    st.lists(st.sampled_from(_LINE_PIECES), min_size=1, max_size=8).map("".join),
    st.lists(st.sampled_from(_LINE_PIECES), min_size=1, max_size=8).map("".join),
)
@example("The", "The\r\nThe")  # the parser read the CRLF of a 1-2 link as LF
@example("The council voted 12 to 3. It\rpassed.", "The council voted 13 to 3. It\rpassed.")
def test_xliff_text_and_marker_offsets_survive_an_xml_parser(source, target):
    from translaudit._render._segments import local, segments, xml_safe

    try:
        report = translaudit.audit(source, target, source_lang="en", target_lang="en")
    except translaudit.TranslauditError:
        return  # whitespace only
    units = ET.fromstring(render(report, "xliff")).iter(f"{XLIFF}segment")
    for seg, unit in zip(segments(report), units, strict=True):
        sides = {"source": _xliff_side(unit.find(f"{XLIFF}source"))}
        assert sides["source"][0] == xml_safe(seg.source)
        if unit.find(f"{XLIFF}target") is not None:
            sides["target"] = _xliff_side(unit.find(f"{XLIFF}target"))
            assert sides["target"][0] == xml_safe(seg.target)
        for f in seg.findings:
            span = f.target if local(f.target, seg) is not None else f.source
            assert sides[span.side][1][f.id] == list(local(span, seg))


def test_a_line_a_bead_skips_is_shown_once() -> None:
    # Session 13: a caption interrupting a sentence stays out of the bead around it (the
    # aligner's interruptions rule), and the exchange formats, which slice a link's text from
    # its first to its last sentence, showed it inside that bead as well as in its own.
    src = "Der Ausschuss tagte am Montag und entschied nach einer langen Debatte.\n"
    tgt = "The committee met on Monday and\nFigure 3. A photo.\ndecided after a long debate.\n"
    report = translaudit.audit(src, tgt, source_lang="de", target_lang="en")
    assert any(link.target == (0, 3) for link in report.alignment)  # the bead skips 1 and 2
    spans = json.loads(render(report, "xcomet"))
    assert sum("Figure 3." in seg["translation"] for seg in spans) == 1
    assert "decided after" in spans[0]["translation"]
    xliff = render(report, "xliff")
    assert xliff.count("Figure 3.") == 1 and xliff.count("A photo.") == 1
    html = render(report, "html")
    assert html.count("Figure 3.") == 1
