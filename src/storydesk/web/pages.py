"""Render the views as HTML pages with Jinja templates (autoescaped: article text is untrusted)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from storydesk.models import Span, day_only
from storydesk.render.sections import entity_groups, reported_apart, when_label
from storydesk.web.svg import render_chart
from storydesk.web.views import (
    ArticleView,
    StoryList,
    StoryView,
    paragraphs,
)


@cache
def environment() -> Environment:
    """Return the Jinja environment of the web pages."""
    env = Environment(
        loader=PackageLoader("storydesk", "web/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["when"] = _when
    env.filters["event_when"] = when_label
    env.filters["reported_apart"] = reported_apart
    env.filters["safe_url"] = safe_url
    env.tests["ge_length"] = lambda items, n: len(items) >= n  # "every outlet" facts
    env.globals["passage_url"] = passage_url
    env.globals["render_chart"] = render_chart
    return env


def passage_url(span: Span) -> str:
    """Link a span to its passage, highlighted on its article's page."""
    query = urlencode({"start": span.start, "end": span.end})
    return f"/articles/{span.article_id}?{query}#passage"


def safe_url(url: str | None) -> str | None:
    """Return an http(s) URL unchanged, anything else (javascript:, data:, ...) as None."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "date unknown"


def _when(value: datetime | None) -> str:
    if value is None:
        return "date unknown"
    if day_only(value):
        return value.strftime("%d %b %Y")
    return value.strftime("%d %b %Y, %H:%M")


class Chips:
    """Outlet chips of a story page: each outlet links to its own passage when it has one."""

    def __init__(self, outlet_of: Mapping[str, str]) -> None:
        self.outlet_of = outlet_of

    def __call__(
        self, outlets: Sequence[str], *spans: Span | Sequence[Span]
    ) -> list[tuple[str, str]]:
        """Return (outlet, href) for each outlet; spans are the item's span and its support."""
        flat = [s for group in spans for s in ((group,) if isinstance(group, Span) else group)]
        first = flat[0] if flat else None
        chips = []
        for outlet in outlets:
            own = next((s for s in flat if self.outlet_of.get(s.article_id) == outlet), first)
            chips.append((outlet, passage_url(own) if own else ""))
        return chips


def render_list(view: StoryList, *, read_only: bool) -> str:
    """Return the story list page."""
    return _render("list.html", view=view, read_only=read_only, page_url=_page_url(view))


def _page_url(view: StoryList) -> Any:
    filters = view.filters
    base = {
        "q": filters.q,
        "outlet": filters.outlet,
        "person": filters.person,
        "since": filters.since.isoformat() if filters.since else "",
        "until": filters.until.isoformat() if filters.until else "",
        "limit": filters.limit,
    }

    def page_url(offset: int) -> str:
        query = {key: value for key, value in base.items() if value not in ("", None)}
        return "/?" + urlencode({**query, "offset": max(0, offset)})

    return page_url


REFRESH_SECONDS = 5


def render_story(view: StoryView) -> str:
    """Return the story page (a pending one reloads itself until its briefing is written)."""
    outlet_of = {article.id: article.outlet for article in view.articles}
    return _render(
        "story.html",
        view=view,
        briefing=view.briefing,
        chips=Chips(outlet_of),
        titles={article.id: article.title for article in view.articles},
        entity_groups=entity_groups(view.briefing.entities),
        refresh_seconds=REFRESH_SECONDS,
    )


def render_article(view: ArticleView, *, show_junk: bool) -> str:
    """Return the article page; with show_junk, the dropped junk is shown in place."""
    article = view.article
    junk_url = {"start": view.highlight.start, "end": view.highlight.end} if view.highlight else {}
    return _render(
        "article.html",
        view=view,
        article=article,
        show_junk=show_junk,
        paragraphs=paragraphs(article, show_junk=show_junk, highlight=view.highlight),
        dropped=sorted(article.junk, key=lambda junk: junk.start),
        toggle_url=f"/articles/{article.id}?"
        + urlencode({**junk_url, **({} if show_junk else {"junk": 1})}),
    )


def render_error(status: int, message: str) -> str:
    """Return an error page."""
    return _render("error.html", status=status, message=message)


def _render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
