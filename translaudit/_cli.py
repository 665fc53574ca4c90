"""Command line: ``translaudit audit`` and ``translaudit align``.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or input
error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ._errors import TranslauditError
from ._model import SEVERITIES
from ._version import __version__

__all__ = ["main"]

_EXAMPLES = """examples:
  translaudit audit original.txt translation.txt
  translaudit audit original.txt translation.txt --format json --output report.json
  translaudit audit en.txt pl.txt --source-lang en --target-lang pl --fail-on critical
  cat translation.txt | translaudit audit original.txt -
  translaudit audit original.txt translation.txt --format html --output report.html
  translaudit align src.txt tgt.txt --presegmented --format vecalign
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"translaudit: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="translaudit",
        description="Audit a machine translation against its original.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"translaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    a = sub.add_parser(
        "audit",
        help="audit TARGET against SOURCE",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("source", metavar="SOURCE", help="the original (a UTF-8 text file, or -)")
    a.add_argument("target", metavar="TARGET", help="the machine translation (file or -)")
    a.add_argument("--source-lang", metavar="LANG", help="ISO 639-1 code; detected if omitted")
    a.add_argument("--target-lang", metavar="LANG", help="ISO 639-1 code; detected if omitted")
    from ._render import FORMATS

    a.add_argument("--format", choices=tuple(FORMATS), default="text")
    a.add_argument("--output", metavar="FILE", help="write the report here (atomically)")
    a.add_argument(
        "--glossary",
        metavar="FILE",
        help="how names must be translated: CSV (source,target) or TBX",
    )
    a.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="major",
        metavar="SEVERITY",
        help="exit 1 when a finding is this severe or worse (default: major)",
    )

    _similarity_option(a)
    a.add_argument(
        "--spm-model",
        metavar="FILE",
        help="a local SentencePiece .model: adds spBLEU to same-language scores",
    )

    g = sub.add_parser("align", help="align the sentences of two documents")
    g.add_argument("source", metavar="SOURCE")
    g.add_argument("target", metavar="TARGET")
    g.add_argument("--source-lang", metavar="LANG")
    g.add_argument("--target-lang", metavar="LANG")
    g.add_argument(
        "--presegmented",
        action="store_true",
        help="inputs hold one sentence per line (the gold sets' format)",
    )
    _similarity_option(g)
    g.add_argument("--format", choices=("vecalign", "json", "tsv"), default="tsv")
    g.add_argument("--output", metavar="FILE")
    return parser


def _similarity_option(parser: argparse.ArgumentParser) -> None:
    from ._config import SIMILARITIES

    parser.add_argument(
        "--similarity",
        choices=SIMILARITIES,
        default="auto",
        help="sentence similarity for alignment: auto (embeddings across languages), lexical "
        "(fast, no encoder), embedding, or embedding+e5 (multilingual-e5 joins the aligner for "
        "every language pair: more accurate, ~40 ms of CPU a sentence)",
    )


def _check_output(output: str | None, inputs: Sequence[str]) -> None:
    """Refuse a bad ``--output`` before the work, not after it."""
    if output == "":
        raise _UsageError("--output is an empty path; name a file, or - for standard output")
    if output and output != "-":
        # The rename of an atomic write would replace an input with its own report: refuse.
        for path in inputs:
            if path != "-" and _same_file(path, output):
                raise _UsageError(f"--output {output} is the input {path}; choose another file")


def _emit(text: str, output: str | None) -> None:
    from ._io import write_atomic

    if output and output != "-":  # "-" is standard output, as it is standard input
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).samefile(b)
    except OSError:  # either path missing or unreadable: they cannot be one file
        return False


def _audit(args: argparse.Namespace) -> int:
    from ._audit import audit
    from ._io import read_document
    from ._render import render

    if args.source == "-" and args.target == "-":
        raise _UsageError("only one of SOURCE and TARGET can be - (standard input)")
    inputs = (args.source, args.target, args.glossary or "-", args.spm_model or "-")
    _check_output(args.output, inputs)
    source = read_document(args.source)
    target = read_document(args.target)
    options = {"glossary": args.glossary} if args.glossary else {}
    report = audit(
        source,
        target,
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        spm_model=args.spm_model,
        similarity=args.similarity,
        **options,
    )
    color = (
        args.format == "text"
        and not args.output
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )
    _emit(render(report, args.format, color=color), args.output)
    _note_guessed_languages(args, source, target)
    return 1 if report.at_or_above(args.fail_on) else 0


#: Below this confidence a guessed document language gets a note on stderr: a segment-sized
#: text is too short for any identifier ("Hello world." comes out Fula at 0.14), and a wrong
#: guess turns a same-language audit into a cross-lingual one (docs/langid.md).
_DOUBTFUL_LANGUAGE = 0.5


def _note_guessed_languages(args: argparse.Namespace, source: str, target: str) -> None:
    from ._langid import identify_document

    for side, text, given in (
        ("source", source, args.source_lang),
        ("target", target, args.target_lang),
    ):
        if given:
            continue
        guess = identify_document(text)
        # no language at all (figures, names) is read as the other side's: nothing to say
        if guess.language and guess.confidence < _DOUBTFUL_LANGUAGE:
            sys.stderr.write(
                f"translaudit: note: the {side}'s language was guessed as {guess.language!r} "
                f"with low confidence ({guess.confidence:.2f}); pass --{side}-lang if that is "
                "wrong\n"
            )


def _lines(text: str) -> list[str]:
    """Lines as a file reader (and the gold sets' tools) count them: LF, CRLF or CR only.
    ``str.splitlines`` also breaks at FF, VT, NEL, U+2028..., which shifted every index after
    such a character away from its line number."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


# TSV has no quoting: a tab or line break inside a sentence would shift or split its row.
_CELL: dict[int, str] = {ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _cell(text: str) -> str:
    return text.translate(_CELL)


def _align(args: argparse.Namespace) -> int:
    from ._align import align
    from ._config import AuditConfig
    from ._io import read_document
    from ._segment import segment

    _check_output(args.output, (args.source, args.target))
    texts = []
    for path, lang in ((args.source, args.source_lang), (args.target, args.target_lang)):
        text = read_document(path)
        if args.presegmented:
            texts.append(_lines(text))
        else:
            texts.append([s.text for s in segment(text, lang)])
    links = align(
        texts[0],
        texts[1],
        source_lang=args.source_lang,
        target_lang=args.target_lang,
        config=AuditConfig(similarity=args.similarity),
    )
    if args.format == "vecalign":
        out = "".join(
            f"{list(link.source)}:{list(link.target)}:{link.score:.4f}\n" for link in links
        )
    elif args.format == "json":
        out = (
            json.dumps(
                [
                    {
                        "source": list(k.source),
                        "target": list(k.target),
                        "score": k.score,
                        "kind": k.kind,
                    }
                    for k in links
                ],
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    else:
        out = "".join(
            "\t".join(
                (
                    ",".join(map(str, k.source)),
                    ",".join(map(str, k.target)),
                    k.kind,
                    f"{k.score:.4f}",
                    _cell(" ".join(texts[0][i] for i in k.source)),
                    _cell(" ".join(texts[1][j] for j in k.target)),
                )
            )
            + "\n"
            for k in links
        )
    _emit(out, args.output)
    return 0


class _UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _audit(args) if args.command == "audit" else _align(args)
    except (TranslauditError, _UsageError) as exc:
        sys.stderr.write(f"translaudit: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("translaudit: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
