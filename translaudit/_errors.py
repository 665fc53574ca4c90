"""The exceptions translaudit raises.

Every error derives from :class:`TranslauditError`, and each specific error also derives from
the built-in exception a caller would expect, so ``except ValueError`` keeps working::

    TranslauditError
    ├── InputError(ValueError)            an input text or file cannot be audited
    │   ├── EmptyInputError               empty or whitespace-only document
    │   └── DecodeError(UnicodeError)     bytes that are not text in a supported encoding
    ├── ConfigError(ValueError)           a bad option: names the argument and the value
    ├── BackendError(RuntimeError)        an optional backend is missing or failed
    └── OutputError(OSError)              a report could not be written

Messages are one line and say how to fix the problem; the CLI prints them as they are.
"""

from __future__ import annotations

__all__ = [
    "BackendError",
    "ConfigError",
    "DecodeError",
    "EmptyInputError",
    "InputError",
    "OutputError",
    "TranslauditError",
]


class TranslauditError(Exception):
    """Root of every error raised by translaudit."""


class InputError(TranslauditError, ValueError):
    """An input document cannot be audited (missing, unreadable, binary, empty...)."""


class EmptyInputError(InputError):
    """An input document is empty or holds only whitespace."""


class DecodeError(InputError, UnicodeError):
    """Input bytes are not UTF-8 (or UTF-16/32 with a byte-order mark)."""


class ConfigError(TranslauditError, ValueError):
    """An option has a bad value; the message names the option and the value."""


class BackendError(TranslauditError, RuntimeError):
    """An optional backend (language ID, embeddings...) is not installed or failed."""


class OutputError(TranslauditError, OSError):
    """A report could not be written."""
