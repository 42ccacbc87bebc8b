"""HTML output through Jinja templates (autoescaped: article text is untrusted input)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from storydesk.models import Briefing, Span
from storydesk.render.sections import NO_SUMMARY, briefing_sections

SpanLink = Callable[[Span], str]


@cache
def environment() -> Environment:
    """Return the Jinja environment of storydesk's templates (shared with the web pages)."""
    env = Environment(
        loader=PackageLoader("storydesk", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def export_link(span: Span) -> str:
    """Link a span to its article's section of an exported page."""
    return f"#article-{span.article_id}"


def render_html(briefing: Briefing, *, link: SpanLink = export_link) -> str:
    """Return a briefing as a standalone HTML page."""
    template = environment().get_template("briefing.html")
    return template.render(
        briefing=briefing,
        sections=briefing_sections(briefing, summary=False),
        link=link,
        standalone=True,
        no_summary=NO_SUMMARY,
    )
