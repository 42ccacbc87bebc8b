"""Render briefings and story lists as text, Markdown, JSON and HTML."""

from __future__ import annotations

from storydesk.models import Briefing
from storydesk.render.html import render_html
from storydesk.render.json import render_json
from storydesk.render.sections import render_markdown, render_text

FORMATS = ("text", "markdown", "json", "html")


def render_briefing(briefing: Briefing, fmt: str) -> str:
    """Render one briefing in a format of FORMATS."""
    renderers = {
        "text": render_text,
        "markdown": render_markdown,
        "json": render_json,
        "html": render_html,
    }
    return renderers[fmt](briefing)


__all__ = [
    "FORMATS",
    "render_briefing",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]
