"""JSON Lines (one article object a line), JSON arrays of articles and single JSON objects."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from storydesk.errors import InputError
from storydesk.ingest.common import (
    IngestResult,
    collect,
    fallback_title,
    make_article,
    normalize_newlines,
    parse_date,
)
from storydesk.ingest.sources import decode
from storydesk.models import Article

# Article field -> the record keys that may hold it, in order of preference.
FIELDS = {
    "external_id": ("id",),
    "title": ("title",),
    "text": ("text", "body", "content"),
    "url": ("url",),
    "outlet": ("outlet", "source"),
    "published": ("published", "date"),
    "byline": ("byline", "author"),
}
NO_TEXT = 'record has no text; give the body in a "text", "body" or "content" field.'
NOT_OBJECT = 'not a JSON object; write one article per line, like {"title": ..., "text": ...}.'


def read_jsonl(
    data: bytes, source: str, *, outlet: str | None, hints: Mapping[str, str]
) -> IngestResult:
    """Read the article records of a JSON Lines file, a JSON array or one JSON object.

    Args:
        data: the file's bytes (UTF-8, or cp1252 as a fallback).
        source: the path, URL or name it came from.
        outlet: the outlet to use for every record; else each record's "outlet"/"source".
        hints: unused (records carry their own metadata).

    Returns:
        One article per good record and one error per bad line or record, naming it.
    """
    try:
        raw = normalize_newlines(decode(data, source))
    except InputError as error:
        return IngestResult(errors=(error,))
    start = raw.lstrip()[:1]
    if start == "[":
        return collect(_array_records(raw, source, outlet))
    if start == "{" and "\n" in raw.strip():
        record = _whole_object(raw)
        if record is not None:
            return collect([to_article(record, source, source=source, outlet=outlet)])
    return collect(_line_records(raw, source, outlet))


def _whole_object(raw: str) -> dict[str, Any] | None:
    """Return the document as one object if it is a single (maybe pretty-printed) object."""
    try:
        value = json.loads(raw)
    except ValueError:
        # Usually "Extra data" after the first line of a JSON Lines file: cheap to find.
        return None
    return value if isinstance(value, dict) else None


def _line_records(raw: str, source: str, outlet: str | None) -> Iterator[Article | InputError]:
    """Yield an article or an error for each non-blank line."""
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source} line {number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({_reason(exc)}).")
            continue
        yield to_article(record, where, source=source, outlet=outlet)


def _array_records(raw: str, source: str, outlet: str | None) -> Iterator[Article | InputError]:
    """Yield an article or an error for each element of a JSON array."""
    try:
        records = json.loads(raw)
    except ValueError as exc:
        yield InputError(source, f"not valid JSON ({_reason(exc)}).")
        return
    if not isinstance(records, list):
        yield InputError(source, NOT_OBJECT)
        return
    for number, record in enumerate(records, 1):
        yield to_article(record, f"{source} record {number}", source=source, outlet=outlet)


def _reason(exc: ValueError) -> str:
    """Describe a JSON syntax error in a few words."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return str(exc)


def to_article(record: Any, where: str, *, source: str, outlet: str | None) -> Article | InputError:
    """Return the article a JSON record describes, or an error naming where it is."""
    if not isinstance(record, dict):
        return InputError(where, NOT_OBJECT)
    values, used = _pick(record)
    text = values.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, NO_TEXT)
    text = normalize_newlines(text)
    return make_article(
        title=as_str(values.get("title")) or fallback_title(text),
        text=text,
        source=source,
        fmt="jsonl",
        outlet=outlet or as_str(values.get("outlet")),
        url=as_str(values.get("url")),
        byline=as_str(values.get("byline")),
        published=parse_date(values.get("published")),
        external_id=as_str(values.get("external_id")),
        metadata=_metadata(record, used),
    )


def _pick(record: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Return the article fields found in a record and the keys they came from."""
    values: dict[str, Any] = {}
    used: set[str] = set()
    for name, keys in FIELDS.items():
        for key in keys:
            if record.get(key) not in (None, ""):
                values[name] = record[key]
                used.add(key)
                break
    return values, used


def _metadata(record: dict[str, Any], used: set[str]) -> tuple[tuple[str, str], ...]:
    """Keep every other field as (key, JSON value) pairs, sorted by key."""
    return tuple(
        sorted(
            (str(key), json.dumps(value, ensure_ascii=False))
            for key, value in record.items()
            if key not in used
        )
    )


def as_str(value: Any) -> str | None:
    """Return a record value as text: strings stripped, numbers written, lists joined."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        parts = [part for part in (as_str(item) for item in value) if part]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return as_str(value.get("name"))
    return None
