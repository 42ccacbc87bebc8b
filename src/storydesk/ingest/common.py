"""What every reader shares: the result type, article building, dates, titles."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from storydesk.errors import InputError
from storydesk.ingest.wrapping import unwrap_lines
from storydesk.models import UNKNOWN_OUTLET, Article, content_id

TITLE_CHARS = 200
_WIRE_MARK = re.compile(r"''")


@dataclass(frozen=True, slots=True)
class IngestResult:
    """The articles read from some input, and one error per bad file or record."""

    articles: tuple[Article, ...] = ()
    errors: tuple[InputError, ...] = ()


def combine(results: Iterable[IngestResult]) -> IngestResult:
    """Return one result holding the articles and errors of all the given ones, in order."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for result in results:
        articles.extend(result.articles)
        errors.extend(result.errors)
    return IngestResult(tuple(articles), tuple(errors))


def failed(source: str, reason: str) -> IngestResult:
    """Return a result with no articles and one error."""
    return IngestResult(errors=(InputError(source, reason),))


def make_article(
    *,
    title: str,
    text: str,
    source: str,
    fmt: str,
    outlet: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    published: datetime | None = None,
    external_id: str | None = None,
    metadata: tuple[tuple[str, str], ...] = (),
) -> Article:
    """Build an Article whose id is the content hash of its outlet, title and text."""
    outlet = outlet or UNKNOWN_OUTLET
    title, text = typeset_quotes(title), body_as_read(text)
    return Article(
        id=content_id(outlet, title, text),
        title=title,
        text=text,
        outlet=outlet,
        url=url or None,
        byline=byline or None,
        published=published,
        external_id=external_id or None,
        source=source,
        format=fmt,
        metadata=metadata,
    )


def body_as_read(text: str) -> str:
    """Return an article's text as ingest stores it: quotation marks typeset, wraps undone."""
    return unwrap_lines(typeset_quotes(text))


def typeset_quotes(text: str) -> str:
    """Return text with wire-archive quotation marks (``so'') as curly ones (“so”).

    LDC newswire (DUC, TDT, Gigaword) opens a quotation with two backticks and closes it with
    two apostrophes. Only a text that opens one that way is changed, and '' after a digit only
    when a quotation is open on its line: elsewhere it gives inches ("a 12'' pipe").
    """
    if "``" not in text:
        return text
    return "\n".join(map(_typeset_line, text.replace("``", "“").split("\n")))


def _typeset_line(line: str) -> str:
    """Turn a line's closing '' into ” (but not the inches after a figure)."""
    if "''" not in line:
        return line
    out = []
    for piece, mark in zip(_WIRE_MARK.split(line), [*_WIRE_MARK.findall(line), ""], strict=True):
        out.append(piece)
        if mark:
            marks = sum("".join(out).count(c) for c in "“”")
            inches = piece[-1:].isdigit() and marks % 2 == 0
            out.append(mark if inches else "”")
    return "".join(out)


def normalize_newlines(text: str) -> str:
    """Return text with Windows and old Mac line endings turned into "\\n"."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fallback_title(text: str) -> str:
    """Return the first non-empty line of text, cut to a headline's length."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS].rsplit(" ", 1)[0]
    return ""


def domain_of(url: str | None) -> str | None:
    """Return the host name of a URL without a leading "www.", or None."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def parse_date(value: object) -> datetime | None:
    """Return a timezone-aware datetime (naive ones are taken as UTC), or None if unparseable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if not isinstance(value, str) or not value.strip():
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        parsed = _parse_loose(value)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_loose(value: str) -> datetime | None:
    """Parse a date written any common way with dateutil."""
    with warnings.catch_warnings():
        # An unknown zone name ("EST5") is not worth a warning: the time is still useful.
        warnings.simplefilter("ignore")
        try:
            return date_parser.parse(value)
        except (ValueError, OverflowError, TypeError):
            return None


def _from_timestamp(seconds: float) -> datetime | None:
    """Read a Unix timestamp in seconds (or milliseconds, as JavaScript writes them)."""
    if seconds > 1e11:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def collect(items: Iterable[Article | InputError]) -> IngestResult:
    """Split a reader's mixed stream of articles and errors into a result."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in items:
        if isinstance(item, InputError):
            errors.append(item)
        else:
            articles.append(item)
    return IngestResult(tuple(articles), tuple(errors))
