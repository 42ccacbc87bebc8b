"""Plain-text articles: the headline on the first non-empty line, the body below it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from storydesk.errors import InputError
from storydesk.ingest.common import (
    IngestResult,
    failed,
    make_article,
    normalize_newlines,
    parse_date,
)
from storydesk.ingest.sources import decode, stem_of

_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def read_text(
    data: bytes, source: str, *, outlet: str | None, hints: Mapping[str, str]
) -> IngestResult:
    """Read one plain-text article.

    Args:
        data: the file's bytes (UTF-8, or cp1252 as a fallback).
        source: the path, URL or name it came from.
        outlet: the outlet to use; else hints["outlet"] (from a sidecar), else "unknown".
        hints: sidecar fields: outlet, url, published, byline, id.

    Returns:
        One article, or one error if the file has no body below its headline.
    """
    try:
        raw = decode(data, source)
    except InputError as error:
        return IngestResult(errors=(error,))
    title, text = split_headline(normalize_newlines(raw))
    if not text.strip():
        return failed(source, "has a headline but no article text below it.")
    article = make_article(
        title=title,
        text=text,
        source=source,
        fmt="text",
        outlet=outlet or hints.get("outlet"),
        url=hints.get("url"),
        byline=hints.get("byline"),
        published=parse_date(hints.get("published")),
        external_id=hints.get("id") or stem_of(source),
    )
    return IngestResult(articles=(article,))


def split_headline(text: str) -> tuple[str, str]:
    """Return (headline, body): the first non-empty line, and what follows it unchanged.

    Only the blank lines between the headline and the body are dropped, so offsets into
    the body stay offsets into what the outlet wrote.
    """
    head, _, body = text.lstrip().partition("\n")
    title = _MARKDOWN_HEADING.sub("", head.strip())
    return title, _LEADING_BLANK_LINES.sub("", body)
