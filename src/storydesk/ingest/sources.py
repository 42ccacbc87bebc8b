"""Where input comes from: paths, folders, globs, stdin and URLs; its size, format and encoding."""

from __future__ import annotations

import codecs
import glob
import json
import os
import re
import stat
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urlsplit

from storydesk.errors import InputError
from storydesk.settings import Settings

STDIN = "-"
STDIN_NAME = "<stdin>"
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
TEXT_EXTENSIONS = tuple(ext for ext, fmt in EXTENSIONS.items() if fmt == "text")
# Checked in order: "application/xhtml+xml" is HTML, "application/rss+xml" a feed.
CONTENT_TYPES = (
    ("html", "html"),
    ("rss", "feed"),
    ("atom", "feed"),
    ("xml", "feed"),
    ("json", "jsonl"),
    ("text/plain", "text"),
)
SIDECAR_KEYS = ("outlet", "url", "published", "byline", "id")
FETCH_TIMEOUT = 30
USER_AGENT = "storydesk/0.1 (news ingest)"
_CHECK_NETWORK = "check the address and your network connection."
SAMPLE_BYTES = 8192
BINARY_MESSAGE = (
    "looks like a binary file, not text; storydesk reads plain text, HTML, RSS/Atom and JSON."
)
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_FEED_TAGS = ("<rss", "<feed", "<rdf:rdf")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True, slots=True)
class Loaded:
    """The bytes of one source, with what its origin tells about them."""

    source: str
    data: bytes
    content_type: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    errors: tuple[InputError, ...] = ()


def is_url(source: str) -> bool:
    """Return True if source is an http(s) URL."""
    return source[:8].lower().startswith(("http://", "https://"))


def iter_sources(paths: Iterable[str], *, settings: Settings) -> Iterator[str]:
    """Expand paths into the sources to read, once each, in a stable order.

    Folders are walked recursively in sorted order, skipping hidden files, README files and
    the sidecar NAME.json of a NAME.txt; globs are expanded; "-" (stdin) and URLs pass
    through, and so do missing paths, so that reading them reports the problem.

    Args:
        paths: file or folder paths, glob patterns, URLs or "-".
        settings: storydesk settings.

    Returns:
        An iterator of paths, URLs or "-".
    """
    seen: set[str] = set()
    for path in paths:
        for source in _expand(str(path)):
            if source not in seen:
                seen.add(source)
                yield source


def _expand(path: str) -> Sequence[str]:
    """Return the sources one command-line argument stands for."""
    if path == STDIN or is_url(path):
        return [path]
    if os.path.isdir(path):
        return _walk(path)
    if _GLOB_CHARS.search(path) and not os.path.lexists(path):
        matches = sorted(glob.glob(path, recursive=True))
        found = [f for m in matches for f in (_walk(m) if os.path.isdir(m) else [m])]
        return _without_sidecars(found) or [path]
    return [path]


def _walk(folder: str) -> list[str]:
    """Return the readable-looking files under folder, sorted, without hidden ones."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(os.path.join(root, name) for name in files if _wanted(name))
    return _without_sidecars(sorted(found))


def _wanted(name: str) -> bool:
    """Return False for hidden files and a folder's README, which are not articles."""
    return not name.startswith(".") and not name.lower().startswith("readme.")


def _without_sidecars(paths: list[str]) -> list[str]:
    """Drop each NAME.json whose NAME.txt (or .text, .md) is also in paths."""
    present = set(paths)
    return [p for p in paths if not (p.endswith(".json") and _has_text_twin(p, present))]


def _has_text_twin(path: str, present: set[str]) -> bool:
    """Return True if the text file that path is the sidecar of is in present."""
    stem = path[: -len(".json")]
    return any(stem + ext in present for ext in TEXT_EXTENSIONS)


def load(source: str, *, settings: Settings) -> Loaded:
    """Read the bytes of a path, URL or "-" (stdin); raise InputError if that fails."""
    limit = settings.max_file_bytes
    if source == STDIN:
        return Loaded(STDIN_NAME, read_stdin(limit))
    if is_url(source):
        data, content_type = fetch_url(source, limit)
        return Loaded(source, data, content_type, hints={"url": source})
    if _GLOB_CHARS.search(source) and not os.path.lexists(source):
        raise InputError(source, "no files match this pattern; check the path.")
    data = read_file(source, limit)
    if not source.lower().endswith(TEXT_EXTENSIONS):
        return Loaded(source, data)
    hints, errors = read_sidecar(source)
    return Loaded(source, data, hints=hints, errors=errors)


def read_file(path: str, limit: int) -> bytes:
    """Return the bytes of a file, refusing it before reading if it is over limit bytes."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, "is a broken symbolic link; point it at a file.") from None
        raise InputError(path, "no such file or folder; check the path.") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror}); check its permissions.") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a folder, not a file.")
    check_size(info.st_size, path, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror}); check its permissions.") from None
    check_size(len(data), path, limit)
    return data


def read_stdin(limit: int) -> bytes:
    """Return up to limit bytes of standard input; raise InputError if there are more."""
    try:
        data: bytes = sys.stdin.buffer.read(limit + 1)
    except (AttributeError, OSError, ValueError) as exc:
        raise InputError(STDIN_NAME, f"cannot be read ({exc}).") from None
    check_size(len(data), STDIN_NAME, limit)
    return data


def fetch_url(url: str, limit: int) -> tuple[bytes, str | None]:
    """Download a URL; return its bytes and Content-Type, or raise InputError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit():
                check_size(int(length), url, limit)
            data: bytes = response.read(limit + 1)
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"could not fetch this URL (HTTP {exc.code} {exc.reason}).") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        raise InputError(url, f"could not fetch this URL ({reason}); {_CHECK_NETWORK}") from None
    except (OSError, HTTPException, ValueError) as exc:
        raise InputError(url, f"could not fetch this URL ({exc}); {_CHECK_NETWORK}") from None
    check_size(len(data), url, limit)
    return data, content_type


def check_size(size: int, source: str, limit: int) -> None:
    """Raise InputError if size is over the max_file_bytes limit."""
    if size > limit:
        raise InputError(
            source,
            f"file is larger than the max_file_bytes limit of {_human(limit)}; "
            "raise max_file_bytes in your settings to read it.",
        )


def _human(size: int) -> str:
    """Return a byte count the way people read it (e.g. "10.0 MB")."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def read_sidecar(path: str) -> tuple[dict[str, str], tuple[InputError, ...]]:
    """Return the fields of NAME.json beside NAME.txt (empty if there is none) and any error."""
    sidecar = str(Path(path).with_suffix(".json"))
    try:
        with open(sidecar, "rb") as handle:
            data = json.loads(handle.read(1_000_000))
    except FileNotFoundError:
        return {}, ()
    except (OSError, ValueError) as exc:
        error = InputError(sidecar, f"sidecar could not be read ({exc}), so it was ignored.")
        return {}, (error,)
    if not isinstance(data, dict):
        return {}, (InputError(sidecar, "sidecar is not a JSON object, so it was ignored."),)
    return _sidecar_fields(data), ()


def _sidecar_fields(data: dict[str, object]) -> dict[str, str]:
    """Keep the sidecar keys storydesk knows, as strings."""
    fields = {}
    for key in SIDECAR_KEYS:
        value = data.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            fields[key] = str(value).strip()
    return fields


def stem_of(source: str) -> str | None:
    """Return the file name of source without its extension (None for stdin)."""
    if source == STDIN_NAME:
        return None
    path = urlsplit(source).path if is_url(source) else source
    return Path(path).stem or None


def detect_format(name: str, data: bytes, content_type: str | None = None) -> str:
    """Return "text", "html", "feed" or "jsonl" from the extension, Content-Type or content."""
    path = urlsplit(name).path if is_url(name) else name
    fmt = EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if fmt:
        return fmt
    media_type = (content_type or "").split(";")[0].lower()
    for needle, fmt in CONTENT_TYPES:
        if needle in media_type:
            return fmt
    return sniff_format(data)


def sniff_format(data: bytes) -> str:
    """Guess the format from the first characters of the content."""
    head = _head(data)
    if head.startswith("<"):
        if "<html" in head or "<!doctype html" in head:
            return "html"
        if head.startswith("<?xml") or any(tag in head for tag in _FEED_TAGS):
            return "feed"
        return "html"
    if head.startswith(("{", "[")):
        return "jsonl"
    return "text"


def _head(data: bytes) -> str:
    """Return the lower-cased start of the content, without BOM and leading whitespace."""
    sample = data[:1024]
    for bom, encoding in _UNICODE_BOMS:
        if sample.startswith(bom):
            return sample.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").lower()
    return sample.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()


def check_content(data: bytes, source: str, limit: int) -> None:
    """Raise InputError if data is over the size limit, empty or binary."""
    check_size(len(data), source, limit)
    if not data.lstrip(codecs.BOM_UTF8).strip():
        raise InputError(source, "file is empty.")
    if _unicode_bom(data) is None and b"\x00" in data[:SAMPLE_BYTES]:
        raise InputError(source, BINARY_MESSAGE)


def _unicode_bom(data: bytes) -> str | None:
    """Return the UTF-16/32 encoding whose byte order mark data starts with, if any."""
    return next((encoding for bom, encoding in _UNICODE_BOMS if data.startswith(bom)), None)


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode text as UTF-8, else the declared charset, else cp1252; raise if it is binary."""
    for encoding in _encodings(data, declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        sample = text[:SAMPLE_BYTES]
        if len(_CONTROL_CHARS.findall(sample)) <= len(sample) // 100:
            return text
    raise InputError(source, BINARY_MESSAGE)


def _encodings(data: bytes, declared: str | None) -> list[str]:
    """Return the encodings to try, most likely first."""
    bom = _unicode_bom(data)
    if bom:
        return [bom]
    if b"\x00" in data[:SAMPLE_BYTES]:
        return []
    # UTF-8 first even when a page declares otherwise: misdeclared UTF-8 is common, and
    # non-UTF-8 text almost never decodes as UTF-8 by accident.
    return ["utf-8-sig", *([declared] if declared else []), "cp1252"]


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in its first bytes, if any."""
    match = _CHARSET.search(data[:SAMPLE_BYTES])
    return match.group(1).decode("ascii") if match else None
