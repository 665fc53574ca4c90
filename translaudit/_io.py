"""Reading documents and writing reports: decoding with clear errors, atomic writes."""

from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from pathlib import Path

from ._errors import DecodeError, EmptyInputError, InputError, OutputError

__all__ = ["decode", "read_document", "write_atomic"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Text of ``data``: UTF-8, or UTF-16/32 when a byte-order mark says so."""
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise DecodeError(
            f"{name}: looks like binary data (NUL bytes), not text; pass a UTF-8 text file"
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{name}: not valid {encoding.upper()} (byte {exc.start}); "
            "convert it with e.g. `iconv -f LATIN1 -t UTF-8`"
        ) from None
    if not text.strip():
        what = "empty" if not text else "only whitespace"
        raise EmptyInputError(f"{name}: the document is {what}; there is nothing to audit")
    return text


def read_document(path: str) -> str:
    """Text of the file at ``path`` (``-`` reads standard input). The file is not modified."""
    name = "standard input" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; pass a text file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; make the file readable") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode(data, name)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so a reader never
    sees half a report and a failed write leaves any old file intact.

    Only a regular file is replaced: the rename used to put a regular file in place of
    ``/dev/stdout``, ``/dev/null`` or a FIFO (as root, in a container) and of a symlink, so
    those are written through (a symlink's file atomically)."""
    try:
        special = not stat.S_ISREG(Path(path).stat().st_mode)
    except OSError:
        special = False  # missing (or unreadable: the write below says why)
    if special:
        try:
            with Path(path).open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
        return
    target = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path())
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        # mkstemp makes the file 0600; a report gets the mode any new file would (or keeps the
        # old report's), not one that hides it from the user's group.
        Path(tmp).chmod(_mode_for(target))
        Path(tmp).replace(target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write the report ({exc.strerror or exc})") from None


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask
