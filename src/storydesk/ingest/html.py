"""HTML article pages: the main text and metadata, as trafilatura extracts them."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import trafilatura
from trafilatura.settings import Document

from storydesk.errors import InputError
from storydesk.ingest.common import (
    IngestResult,
    domain_of,
    failed,
    fallback_title,
    make_article,
    parse_date,
)
from storydesk.ingest.sources import declared_charset, decode

logger = logging.getLogger(__name__)

# Shorter than this, what trafilatura finds is navigation ("Home"), not an article.
MIN_TEXT_CHARS = 25
NO_TEXT = "no article text found in this HTML page."
# Keep the time of day and zone when the page gives them, without a slow full-page search.
DATE_PARAMS = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def read_html(
    data: bytes, source: str, *, outlet: str | None, hints: Mapping[str, str]
) -> IngestResult:
    """Read one HTML article page.

    Args:
        data: the page's bytes (UTF-8, its declared charset, or cp1252).
        source: the path, URL or name it came from.
        outlet: the outlet to use; else the page's site name, else its domain.
        hints: "url": the address the page was fetched from, if any.

    Returns:
        One article whose text is the page's main text, paragraphs separated by blank
        lines, or one error if the page has no main text.
    """
    try:
        page = decode(data, source, declared=declared_charset(data))
    except InputError as error:
        return IngestResult(errors=(error,))
    document = _extract(page, hints.get("url"))
    if document is None:
        return failed(source, NO_TEXT)
    title = (document.title or "").strip()
    text = _paragraphs(document.text or "", title)
    if len(text) < MIN_TEXT_CHARS:
        return failed(source, NO_TEXT)
    url = document.url or hints.get("url")
    article = make_article(
        title=title or fallback_title(text),
        text=text,
        source=source,
        fmt="html",
        outlet=outlet or _clean(document.sitename) or domain_of(url),
        url=url,
        byline=_clean(document.author),
        published=parse_date(document.date),
        external_id=document.id,
    )
    return IngestResult(articles=(article,))


def _extract(page: str, url: str | None) -> Document | None:
    """Run trafilatura on a page; None if it finds nothing or fails on it."""
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception:  # a third-party parser on untrusted input: any failure means "no text"
        logger.debug("trafilatura failed", exc_info=True)
        return None
    return document if isinstance(document, Document) else None


def _paragraphs(text: str, title: str) -> str:
    """Join trafilatura's lines as paragraphs, without a first line repeating the headline."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _clean(value: str | None) -> str | None:
    """Return a stripped metadata value, or None if it is empty."""
    value = (value or "").strip()
    return value or None
