"""Ingest: read articles from text, HTML, RSS/Atom and JSON files, folders, stdin and URLs.

Every reader turns bad input into an `InputError` in the result (one clear sentence per
bad file or record) instead of raising, so one broken file never stops a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Protocol

from storydesk.errors import InputError
from storydesk.ingest.common import IngestResult, combine, failed
from storydesk.ingest.feed import read_feed
from storydesk.ingest.html import read_html
from storydesk.ingest.jsonl import read_jsonl
from storydesk.ingest.sources import check_content, detect_format, iter_sources, load
from storydesk.ingest.text import read_text
from storydesk.settings import Settings

__all__ = ["FORMATS", "IngestResult", "iter_sources", "read_bytes", "read_paths", "read_source"]

logger = logging.getLogger(__name__)


class Reader(Protocol):
    def __call__(
        self, data: bytes, source: str, *, outlet: str | None, hints: Mapping[str, str]
    ) -> IngestResult: ...


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "jsonl": read_jsonl,
}
FORMATS = tuple(READERS)
ALIASES = {"json": "jsonl", "ndjson": "jsonl", "rss": "feed", "atom": "feed", "txt": "text"}


def read_paths(
    paths: Sequence[str], *, settings: Settings, outlet: str | None = None
) -> IngestResult:
    """Read every article in the given files, folders, globs, URLs and "-" (stdin).

    Args:
        paths: what to read; folders are read recursively (see `iter_sources`).
        settings: storydesk settings (max_file_bytes).
        outlet: the outlet of every article, overriding what the input says.

    Returns:
        The articles of all good input and one error per bad file or record.
    """
    sources = iter_sources(paths, settings=settings)
    return combine(read_source(source, settings=settings, outlet=outlet) for source in sources)


def read_source(source: str, *, settings: Settings, outlet: str | None = None) -> IngestResult:
    """Read the articles of one file, URL or "-" (stdin).

    Args:
        source: a file path, an http(s) URL, or "-" for standard input.
        settings: storydesk settings (max_file_bytes).
        outlet: the outlet of every article, overriding what the input says.

    Returns:
        The articles read and the errors met; never raises for bad input.
    """
    try:
        loaded = load(source, settings=settings)
    except InputError as error:
        return IngestResult(errors=(error,))
    result = _read(
        loaded.data,
        loaded.source,
        settings=settings,
        outlet=outlet,
        fmt=detect_format(loaded.source, loaded.data, loaded.content_type),
        hints=loaded.hints,
    )
    return combine([result, IngestResult(errors=loaded.errors)]) if loaded.errors else result


def read_bytes(
    data: bytes,
    *,
    name: str,
    settings: Settings,
    outlet: str | None = None,
    fmt: str | None = None,
) -> IngestResult:
    """Read the articles of content already in memory (an upload, say).

    Args:
        data: the content.
        name: its file name or URL: the articles' source, and its extension gives the format.
        settings: storydesk settings (max_file_bytes).
        outlet: the outlet of every article, overriding what the input says.
        fmt: "text", "html", "feed" or "jsonl"; None to tell from the name, else the content.

    Returns:
        The articles read and the errors met; never raises for bad input.
    """
    if fmt is None:
        fmt = detect_format(name, data)
    return _read(data, name, settings=settings, outlet=outlet, fmt=fmt, hints={})


def _read(
    data: bytes,
    source: str,
    *,
    settings: Settings,
    outlet: str | None,
    fmt: str,
    hints: Mapping[str, str],
) -> IngestResult:
    """Check the content, then hand it to the reader of its format."""
    reader = READERS.get(ALIASES.get(fmt.lower(), fmt.lower()))
    if reader is None:
        return failed(source, f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}.")
    try:
        check_content(data, source, settings.max_file_bytes)
        return reader(data, source, outlet=outlet, hints=hints)
    except InputError as error:
        return IngestResult(errors=(error,))
    except Exception as exc:  # one file must never stop a batch of thousands
        logger.debug("reading %s failed", source, exc_info=True)
        return failed(source, f"could not be read ({type(exc).__name__}: {exc}).")
