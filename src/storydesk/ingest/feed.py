"""RSS and Atom feeds: one article per entry, its content (or summary) as text."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser

from storydesk.errors import InputError
from storydesk.ingest.common import (
    IngestResult,
    collect,
    domain_of,
    failed,
    fallback_title,
    make_article,
    parse_date,
)
from storydesk.models import Article

logger = logging.getLogger(__name__)

BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"ol", "p", "pre", "section", "table", "tr", "ul"}
)
SKIP_TAGS = frozenset({"script", "style", "template"})
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# RSS <author> is "email (Name)"; the name is the byline.
_EMAIL_AND_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)\s*$")


def read_feed(
    data: bytes, source: str, *, outlet: str | None, hints: Mapping[str, str]
) -> IngestResult:
    """Read every entry of an RSS or Atom feed.

    Args:
        data: the feed's bytes; feedparser honours the encoding the XML declares.
        source: the path, URL or name it came from.
        outlet: the outlet to use; else the feed's title, else its site's domain.
        hints: "url": the address the feed was fetched from, if any.

    Returns:
        One article per entry with text, one error per entry without, or one error if the
        document is not a feed.
    """
    try:
        # A stream, so that feedparser never treats the content as a path or URL to open.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # a third-party parser on untrusted input
        logger.debug("feedparser failed", exc_info=True)
        return failed(source, f"not a valid RSS or Atom feed ({exc}).")
    if not parsed.entries and (parsed.bozo or not parsed.version):
        return failed(source, f"not a valid RSS or Atom feed ({_problem(parsed)}).")
    feed = parsed.feed
    feed_outlet = (
        outlet
        or _plain(feed.get("title_detail"))
        or domain_of(feed.get("link") or hints.get("url"))
    )
    return collect(_entries(parsed.entries, source, feed_outlet))


def _problem(parsed: Any) -> str:
    """Describe why feedparser found no feed, in a few words."""
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "no <rss> or <feed> element"
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    return str(message).rstrip(".")


def _entries(entries: list[Any], source: str, outlet: str | None) -> Iterator[Article | InputError]:
    """Yield an article, or an error, for each feed entry."""
    for index, entry in enumerate(entries, 1):
        text = _entry_text(entry)
        if not text:
            yield InputError(f"{source} entry {index}", "has no text (no content or summary).")
            continue
        title = _plain(entry.get("title_detail")) or fallback_title(text)
        yield make_article(
            title=title,
            text=text,
            source=source,
            fmt="feed",
            outlet=outlet,
            url=entry.get("link"),
            byline=_byline(entry.get("author")),
            published=_published(entry),
            external_id=entry.get("id") or entry.get("link"),
        )


def _entry_text(entry: Any) -> str:
    """Return the entry's longest content, else its summary, as plain paragraphs."""
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        return _plain(max(contents, key=lambda c: len(c["value"])))
    return _plain(entry.get("summary_detail"))


def _plain(detail: Mapping[str, Any] | None) -> str:
    """Return a feedparser text construct as plain text, stripping HTML when it is HTML."""
    if not detail or not detail.get("value"):
        return ""
    value = str(detail["value"])
    if "html" in (detail.get("type") or ""):
        return html_to_text(value)
    return tidy_paragraphs(value)


def _byline(author: str | None) -> str | None:
    """Return the author's name, without the email RSS puts before it."""
    if not author:
        return None
    match = _EMAIL_AND_NAME.match(author)
    return (match.group(1) if match else author).strip() or None


def _published(entry: Any) -> datetime | None:
    """Return when the entry was published (or else updated), in UTC."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            year, month, day, hour, minute, second = parsed[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        if entry.get(key):
            return parse_date(entry[key])
    return None


class _TextCollector(HTMLParser):
    """Collect the text of an HTML fragment, marking paragraph and line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Newlines in HTML source are spaces; breaks come from tags only.
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(markup: str) -> str:
    """Return the text of an HTML fragment, paragraphs separated by blank lines."""
    if "<" not in markup and "&" not in markup:
        return tidy_paragraphs(markup)
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return tidy_paragraphs("".join(collector.parts))


def tidy_paragraphs(text: str) -> str:
    """Collapse runs of spaces and separate paragraphs by exactly one blank line."""
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = (" ".join(line.split()) for line in block.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
