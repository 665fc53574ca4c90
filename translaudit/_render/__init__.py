"""Renderers: pure functions of a Report, chosen by short name."""

from __future__ import annotations

from collections.abc import Callable

from .._model import Report

__all__ = ["FORMATS", "render"]


def _json(report: Report) -> str:
    return report.to_json() + "\n"


def _markdown(report: Report) -> str:
    return report.to_markdown()


def _text(report: Report) -> str:
    return report.to_text(color=False)


FORMATS: dict[str, Callable[[Report], str]] = {
    "json": _json,
    "markdown": _markdown,
    "text": _text,
}


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """``report`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "text":
        return report.to_text(color=color)
    return FORMATS[fmt](report)
