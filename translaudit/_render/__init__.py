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


def _html(report: Report) -> str:
    from .html import render_html

    return render_html(report)


def _mqm(report: Report) -> str:
    from .mqm import render_mqm

    return render_mqm(report)


def _xliff(report: Report) -> str:
    from .xliff import render_xliff

    return render_xliff(report)


def _xcomet(report: Report) -> str:
    from .xcomet import render_xcomet

    return render_xcomet(report)


def _junit(report: Report) -> str:
    from .junit import render_junit

    return render_junit(report)


# Each renderer module is imported on first use, so the CLI starts without loading them all.
FORMATS: dict[str, Callable[[Report], str]] = {
    "json": _json,
    "markdown": _markdown,
    "text": _text,
    "html": _html,
    "mqm": _mqm,
    "xliff": _xliff,
    "xcomet": _xcomet,
    "junit": _junit,
}


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """``report`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "text":
        return report.to_text(color=color)
    return FORMATS[fmt](report)
