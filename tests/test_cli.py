"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args, stdin=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "translaudit", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def pair(tmp_path):
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("The ferry carries 350 passengers. It stops at Marrowby.\n", "utf-8")
    tgt.write_text("The ferry carries 530 passengers. It stops at Marrowby.\n", "utf-8")
    return src, tgt


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.decode().startswith("translaudit ")
    out = run("audit", "--help")
    assert out.returncode == 0 and b"examples:" in out.stdout


def test_example_audit_fails_on_major(tmp_path):
    report = tmp_path / "r.json"
    out = run(
        "audit",
        str(EXAMPLES / "original_en.txt"),
        str(EXAMPLES / "translation_en.txt"),
        "--format",
        "json",
        "--output",
        str(report),
    )
    assert out.returncode == 1, out.stderr
    data = json.loads(report.read_text("utf-8"))
    kinds = {f["kind"] for f in data["findings"]}
    assert {"number.changed", "entity.garbled", "repetition", "omission", "addition"} <= kinds


def test_a_doubtful_language_guess_gets_a_note(tmp_path):
    # "Hello world." is too short to identify (py3langid says Fula): a same-language pair
    # would run as a cross-lingual one, so the user is told how to fix it, on stderr only.
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("Hello world.", "utf-8")
    tgt.write_text("Hello world!", "utf-8")
    out = run("audit", str(src), str(tgt), "--format", "json")
    assert out.returncode == 0, out.stderr
    note = out.stderr.decode()
    assert "note: the source's language was guessed as 'ff' with low confidence" in note
    assert "pass --source-lang if that is wrong" in note
    json.loads(out.stdout)  # stdout stays the report alone
    named = run("audit", str(src), str(tgt), "--source-lang", "en", "--target-lang", "en")
    assert named.returncode == 0 and named.stderr == b""


def test_a_document_gets_no_language_note():
    out = run("audit", str(EXAMPLES / "original_en.txt"), str(EXAMPLES / "translation_en.txt"))
    assert out.returncode == 1 and out.stderr == b""


def test_identical_files_exit_zero(pair):
    src, _ = pair
    out = run("audit", str(src), str(src), "--format", "markdown")
    assert out.returncode == 0, out.stderr
    assert b"## translaudit report" in out.stdout


def test_fail_on_threshold(pair):
    src, tgt = pair
    assert (
        run("audit", str(src), str(tgt), "--source-lang", "en", "--target-lang", "en").returncode
        == 1
    )
    out = run(
        "audit",
        str(src),
        str(tgt),
        "--source-lang",
        "en",
        "--target-lang",
        "en",
        "--fail-on",
        "critical",
    )
    assert out.returncode == 0


def test_stdin_as_target(pair):
    src, tgt = pair
    out = run("audit", str(src), "-", "--format", "json", stdin=tgt.read_bytes())
    assert out.returncode == 1
    assert json.loads(out.stdout)["findings"][0]["kind"] == "number.changed"


def test_no_color_when_piped(pair):
    src, tgt = pair
    out = run("audit", str(src), str(tgt))
    assert b"\x1b[" not in out.stdout


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "latin1.txt").write_bytes("Café crème.".encode("latin-1"))
    (tmp_path / "dir").mkdir()
    return {
        "missing.txt": "no such file",
        "dir": "is a directory",
        "empty.txt": "empty",
        "blank.txt": "only whitespace",
        "binary.bin": "binary",
        "latin1.txt": "not valid UTF-8",
    }


def test_bad_input_is_one_line_and_exit_2(tmp_path, pair):
    src, _ = pair
    for name, message in _bad_inputs(tmp_path).items():
        before = {p: p.read_bytes() for p in tmp_path.glob("*.*") if p.is_file()}
        out = run("audit", str(src), str(tmp_path / name))
        err = out.stderr.decode()
        assert out.returncode == 2, (name, err)
        assert message in err, (name, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert {p: p.read_bytes() for p in before} == before  # inputs never modified


def test_utf16_with_bom_is_decoded(tmp_path, pair):
    src, tgt = pair
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(tgt.read_text("utf-8").encode("utf-16"))
    out = run("audit", str(src), str(utf16), "--format", "json")
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout)["findings"][0]["target"]["text"] == "530"


def test_usage_errors_exit_2(pair):
    src, tgt = pair
    assert run("audit", str(src)).returncode == 2
    assert run("audit", str(src), str(tgt), "--format", "pdf").returncode == 2
    out = run("audit", str(src), str(tgt), "--source-lang", "english")
    assert out.returncode == 2 and b"source_lang='english'" in out.stderr
    assert run().returncode == 2


def test_output_is_written_atomically(tmp_path, pair):
    src, tgt = pair
    report = tmp_path / "report.json"
    report.write_text("old", "utf-8")
    run("audit", str(src), str(tgt), "--format", "json", "--output", str(report))
    assert json.loads(report.read_text("utf-8"))["schema_version"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []
    out = run("audit", str(src), str(tgt), "--output", str(tmp_path / "nodir" / "r.json"))
    assert out.returncode == 2 and b"cannot write the report" in out.stderr


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_output_file_mode_follows_the_umask_or_the_old_file(tmp_path):
    # session 10: reports came out 0600 (mkstemp's mode), unreadable to the user's group
    from translaudit._io import write_atomic

    old_umask = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "new.json"), "{}")
        kept = tmp_path / "kept.json"
        kept.write_text("old", "utf-8")
        kept.chmod(0o640)
        write_atomic(str(kept), "{}")
    finally:
        os.umask(old_umask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text("utf-8") == "{}"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks")
def test_output_through_a_fifo_or_symlink_is_written_not_replaced(tmp_path, pair):
    # session 10: the atomic rename put a regular file in place of the FIFO or the symlink
    # (and, as root, of /dev/null or /dev/stdout: `--output /dev/null` replaced the device)
    src, tgt = pair
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so the writer's open does not block
    try:
        out = run("audit", str(src), str(tgt), "--format", "json", "--output", str(fifo))
        assert out.returncode in (0, 1), out.stderr
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert json.loads(os.read(reader, 1 << 20))["schema_version"]
    finally:
        os.close(reader)
    real = tmp_path / "real.json"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    run("audit", str(src), str(tgt), "--format", "json", "--output", str(link))
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["schema_version"]


def test_output_dash_is_standard_output(tmp_path, pair):
    src, tgt = pair
    out = subprocess.run(
        [sys.executable, "-m", "translaudit", "audit", str(src), str(tgt), "--format", "json",
         "--output", "-"],
        capture_output=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert json.loads(out.stdout)["schema_version"] and not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", ["audit", "align"])
def test_output_onto_an_input_is_refused(pair, command):
    # robustness sweep, session 9: --output naming an input replaced it with the report
    src, tgt = pair
    before = tgt.read_bytes()
    out = run(command, str(src), str(tgt), "--similarity", "lexical", "--output", str(tgt))
    assert out.returncode == 2 and b"is the input" in out.stderr
    assert len(out.stderr.splitlines()) == 1 and tgt.read_bytes() == before


@pytest.mark.parametrize("command", ["audit", "align"])
def test_an_empty_output_path_is_refused(pair, command):
    # session 10: `--output ''` wrote the report to standard output
    src, tgt = pair
    out = run(command, str(src), str(tgt), "--similarity", "lexical", "--output", "")
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.splitlines() == [
        b"translaudit: --output is an empty path; name a file, or - for standard output"
    ]


def test_output_onto_the_glossary_is_refused(tmp_path, pair):
    # the glossary is an input too: a report written over it would destroy the term list
    src, tgt = pair
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target\nMarrowby,Marrowby\n", "utf-8")
    before = glossary.read_bytes()
    out = run("audit", str(src), str(tgt), "--glossary", str(glossary), "--output", str(glossary))
    assert out.returncode == 2 and b"is the input" in out.stderr
    assert glossary.read_bytes() == before


def test_align_vecalign_format(tmp_path):
    src = tmp_path / "a.txt"
    tgt = tmp_path / "b.txt"
    src.write_text("One cat sat here.\nA dog barked loudly.\nRain fell all night.\n", "utf-8")
    tgt.write_text(
        "One cat sat here.\nA dog barked loudly.\nSomething new.\nRain fell all night.\n", "utf-8"
    )
    out = run("align", str(src), str(tgt), "--presegmented", "--format", "vecalign")
    assert out.returncode == 0, out.stderr
    beads = [line.rsplit(":", 1)[0] for line in out.stdout.decode().splitlines()]
    assert beads == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]"]


def test_align_identifies_languages_when_not_given(tmp_path):
    """Two unnamed languages are told apart, so German and French sentences still link."""
    src = tmp_path / "de.txt"
    tgt = tmp_path / "fr.txt"
    src.write_text("Der Hund schläft im Haus.\nDie Katze spielt im Garten.\n", "utf-8")
    tgt.write_text("Le chien dort dans la maison.\nLe chat joue dans le jardin.\n", "utf-8")
    out = run("align", str(src), str(tgt), "--presegmented", "--format", "vecalign")
    assert out.returncode == 0, out.stderr
    beads = [line.rsplit(":", 1)[0] for line in out.stdout.decode().splitlines()]
    assert beads == ["[0]:[0]", "[1]:[1]"]


def test_similarity_option(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("The ferry carries 350 passengers to Marrowby.\n", "utf-8")
    out = run("audit", str(src), str(src), "--similarity", "lexical", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "align:lexical" in json.loads(out.stdout)["signature"]
    out = run("audit", str(src), str(src), "--similarity", "psychic")
    assert out.returncode == 2 and b"--similarity" in out.stderr


def test_presegmented_lines_are_file_lines(tmp_path):
    # robustness sweep, session 9: str.splitlines() also broke at U+2028 and form feed, so a
    # 3-line file became 5 sentences and every later index missed its line number
    doc = tmp_path / "doc.txt"
    doc.write_bytes(
        "One cat sat here.\nA dog\u2028barked loudly.\r\nRain fell\x0call night.\n".encode()
    )
    flags = ("--presegmented", "--similarity", "lexical", "--format", "vecalign")
    out = run("align", str(doc), str(doc), *flags)
    assert out.returncode == 0
    assert out.stdout.decode().splitlines() == [f"[{i}]:[{i}]:1.0000" for i in range(3)]


def test_presegmented_blank_lines_stand_alone(tmp_path):
    # a blank line joined its neighbour's bead, so "[1]:[1]" came out as "[1, 2]:[1, 2]"
    src = tmp_path / "a.txt"
    tgt = tmp_path / "b.txt"
    src.write_text("One cat sat here.\n\nA dog barked loudly.\nRain fell all night.\n", "utf-8")
    tgt.write_text("One cat sat here.\nA dog barked loudly.\n \nRain fell all night.\n", "utf-8")
    flags = ("--presegmented", "--similarity", "lexical", "--format", "vecalign")
    out = run("align", str(src), str(tgt), *flags)
    assert out.returncode == 0, out.stderr
    beads = [line.rsplit(":", 1)[0] for line in out.stdout.decode().splitlines()]
    assert beads == ["[0]:[0]", "[1]:[]", "[2]:[1]", "[]:[2]", "[3]:[3]"]


def test_align_tsv_keeps_tabs_inside_sentences_in_their_column(tmp_path):
    # robustness sweep, session 9: a tab in a sentence added a column to its TSV row
    doc = tmp_path / "doc.txt"
    doc.write_text("One\tcat sat here. A dog barked loudly.\n", "utf-8")
    out = run("align", str(doc), str(doc), "--similarity", "lexical", "--format", "tsv")
    rows = out.stdout.decode().splitlines()
    assert out.returncode == 0 and rows and all(r.count("\t") == 5 for r in rows)
