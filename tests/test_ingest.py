"""Tests of storydesk.ingest: every format, every kind of bad input, sources and URLs."""

from __future__ import annotations

import io
import json
import os
import sys
import time
import tracemalloc
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta, timezone
from email.message import Message
from pathlib import Path

import pytest

from storydesk import ingest
from storydesk.errors import InputError
from storydesk.ingest import (
    IngestResult,
    iter_sources,
    read_bytes,
    read_paths,
    read_source,
    sources,
)
from storydesk.ingest.common import parse_date
from storydesk.ingest.sources import detect_format
from storydesk.models import content_id
from storydesk.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
SETTINGS = Settings()


def read(name: str, **kwargs: object) -> IngestResult:
    """Read one fixture file with default settings."""
    return read_source(str(DATA / name), settings=SETTINGS, **kwargs)  # type: ignore[arg-type]


def only_error(result: IngestResult) -> InputError:
    """Return the single error of a result that has no articles."""
    assert result.articles == ()
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# Plain text


def test_seeds_read_with_sidecars() -> None:
    if len(list(SEEDS.glob("*.txt"))) != 2:
        pytest.skip("../shared/seeds is not available")
    result = read_paths([str(SEEDS / "*.txt")], settings=SETTINGS)
    assert result.errors == ()
    by_outlet = {article.outlet: article for article in result.articles}
    assert sorted(by_outlet) == ["ITV News", "i24NEWS"]
    assert by_outlet["ITV News"].published == datetime(2016, 4, 30, tzinfo=UTC)
    assert by_outlet["i24NEWS"].published == datetime(2016, 4, 28, tzinfo=UTC)
    for article in result.articles:
        path = Path(article.source or "")
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        assert article.title == first_line
        assert article.external_id == path.stem
        assert article.format == "text"


def test_text_with_sidecar() -> None:
    article = read("ferry.txt").articles[0]
    assert article.title == "Ferry service to Tarrow Isle resumes after engine repairs"
    assert article.text.startswith("The morning ferry to Tarrow Isle sailed again")
    assert article.outlet == "Isles Courier"
    assert article.url == "https://islescourier.example/ferry-resumes"
    assert article.byline == "Tom Achebe"
    assert article.published == datetime(2025, 6, 2, tzinfo=UTC)
    assert article.external_id == "ic-4471"
    assert article.source == str(DATA / "ferry.txt")
    assert article.id == content_id("Isles Courier", article.title, article.text)


@pytest.mark.parametrize(
    ("outlet", "sidecar", "expected"),
    [
        ("Given Outlet", {"outlet": "Sidecar Outlet"}, "Given Outlet"),
        (None, {"outlet": "Sidecar Outlet"}, "Sidecar Outlet"),
        (None, None, "unknown"),
    ],
)
def test_text_outlet_precedence(
    tmp_path: Path, outlet: str | None, sidecar: dict[str, str] | None, expected: str
) -> None:
    (tmp_path / "story.txt").write_text("Headline\n\nBody text.\n", encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "story.json").write_text(json.dumps(sidecar), encoding="utf-8")
    result = read_source(str(tmp_path / "story.txt"), settings=SETTINGS, outlet=outlet)
    assert result.articles[0].outlet == expected
    assert result.articles[0].external_id == "story"


@pytest.mark.parametrize(
    ("raw", "title", "text"),
    [
        (
            b"Headline\n\nBody  with  spaces.\n  Indented line.\n",
            "Headline",
            "Body  with  spaces.\n  Indented line.\n",
        ),
        (b"\n\n  Headline  \n \n\nBody.", "Headline", "Body."),
        (b"Headline\r\n\r\nLine one.\r\nLine two.\r\n", "Headline", "Line one.\nLine two.\n"),
        (b"# Markdown headline\n\nBody.\n", "Markdown headline", "Body.\n"),
        (b"\xef\xbb\xbfHeadline\nBody.", "Headline", "Body."),
    ],
)
def test_text_splits_headline_and_keeps_body(raw: bytes, title: str, text: str) -> None:
    article = read_bytes(raw, name="story.txt", settings=SETTINGS).articles[0]
    assert (article.title, article.text) == (title, text)


def test_same_file_gives_same_id_and_outlet_changes_it() -> None:
    first = read("ferry.txt").articles[0]
    again = read("ferry.txt").articles[0]
    other = read("ferry.txt", outlet="Another Outlet").articles[0]
    assert first.id == again.id
    assert first.id != other.id


def test_cp1252_text_is_decoded_not_refused() -> None:
    raw = "Caf\u00e9 owner \u201cdelighted\u201d\n\n"
    raw += "The caf\u00e9\u2019s terrace reopens \u2013 at last."
    result = read_bytes(raw.encode("cp1252"), name="cafe.txt", settings=SETTINGS)
    assert result.errors == ()
    assert result.articles[0].title == "Café owner “delighted”"
    assert result.articles[0].text == "The café’s terrace reopens – at last."


def test_utf16_text_with_bom_is_decoded() -> None:
    raw = "Headline \u00e9\n\nBody text.".encode("utf-16")
    article = read_bytes(raw, name="utf16.txt", settings=SETTINGS).articles[0]
    assert (article.title, article.text) == ("Headline é", "Body text.")


# HTML


def test_html_page() -> None:
    article = read("page.html").articles[0]
    assert article.title == "Harbour bridge reopens after storm repairs"
    assert article.outlet == "Coastal Herald"
    assert article.byline == "Mara Ellison"
    assert article.url == "https://coastalherald.example/news/harbour-bridge-reopens"
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert article.format == "html"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The harbour bridge in Wexmouth reopened")
    assert "£2.4 million" in paragraphs[3]
    assert "Subscribe" not in article.text and "Home" not in article.text


def test_html_outlet_falls_back_to_domain() -> None:
    article = read("no_site_name.html").articles[0]
    assert article.title == "Library extends opening hours"
    assert article.outlet == "fernvale-daily.example"
    assert article.published is None


# Feeds


@pytest.mark.parametrize(
    ("name", "outlet", "first"),
    [
        (
            "valley.rss",
            "Valley Post",
            {
                "title": "Orchard growers expect record apple harvest",
                "url": "https://valleypost.example/news/apple-harvest",
                "external_id": "vp-1001",
                "byline": "Rhea Lindqvist",
                "published": datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
                "text": "Growers in the upper valley say a mild spring has set up the best apple "
                "harvest in a decade.\n\nThe co-operative & its members plan to hire forty "
                "extra pickers.",
            },
        ),
        (
            "riverside.atom",
            "Riverside Bulletin",
            {
                "title": "New footbridge opens at Cobb Lane",
                "url": "https://riverside.example/footbridge",
                "external_id": "urn:riverside:entry:77",
                "byline": "Pia Okonkwo",
                "published": datetime(2024, 4, 2, 11, 30, tzinfo=UTC),
                "text": "A steel footbridge linking Cobb Lane to the riverside park opened on "
                "Tuesday.\n\nWalkers had waited three years for the crossing.\nIt cost less "
                "than planned.",
            },
        ),
    ],
)
def test_feed_entries(name: str, outlet: str, first: dict[str, object]) -> None:
    result = read(name)
    assert result.errors == ()
    article = result.articles[0]
    assert {key: getattr(article, key) for key in first} == first
    assert all(a.outlet == outlet and a.format == "feed" for a in result.articles)


def test_feed_second_rss_item_converts_its_timezone() -> None:
    second = read("valley.rss").articles[1]
    assert second.published == datetime(2024, 3, 6, 7, 15, tzinfo=UTC)
    assert second.byline is None
    assert second.text == "The Millbrook pass will close overnight for resurfacing from Friday."


def test_feed_entry_without_text_is_an_error_and_others_are_kept() -> None:
    result = read("headlines_only.rss", outlet="Ticker Desk")
    assert [a.title for a in result.articles] == ["Storm warning for the coast"]
    assert result.articles[0].outlet == "Ticker Desk"
    assert [str(e) for e in result.errors] == [
        f"{DATA / 'headlines_only.rss'} entry 1: has no text (no content or summary)."
    ]


def test_feed_with_a_minor_problem_is_still_read() -> None:
    raw = b"<rss version='2.0'><channel><title>T</title><item><title>A</title>"
    raw += b"<description>Text &amp; more text about the harbour.</description></item>"
    result = read_bytes(raw, name="loose.rss", settings=SETTINGS)
    assert result.errors == ()
    assert result.articles[0].text == "Text & more text about the harbour."


def test_empty_but_valid_feed_gives_nothing() -> None:
    raw = b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"
    assert read_bytes(raw, name="empty.rss", settings=SETTINGS) == IngestResult()


# JSON Lines and JSON


def test_jsonl_records_fields_and_metadata() -> None:
    result = read("wire.jsonl")
    first, second, fifth = result.articles
    assert (first.external_id, first.title, first.outlet) == (
        "w-1",
        "Council approves new cycle lanes",
        "Wirepoint",
    )
    assert first.text == (
        "The city council approved six kilometres of new cycle lanes on Thursday."
        "\n\nWork starts in May."
    )
    assert (first.url, first.byline) == ("https://wire.example/1", "Ada Fenn")
    assert first.published == datetime(2024, 5, 2, 14, 0, tzinfo=UTC)
    assert first.metadata == (("tags", '["transport", "city"]'), ("words", "15"))
    assert (second.external_id, second.outlet, second.byline) == (
        "2",
        "Heritage Wire",
        "Lu Chen, Bo Marsh",
    )
    assert second.published == datetime(2024, 5, 3, tzinfo=UTC)
    assert (fifth.outlet, fifth.published) == ("Harbour Office", None)
    assert all(a.format == "jsonl" for a in result.articles)


def test_jsonl_bad_lines_are_named_by_number() -> None:
    errors = [str(e) for e in read("wire.jsonl").errors]
    path = DATA / "wire.jsonl"
    assert len(errors) == 2
    assert errors[0].startswith(f"{path} line 4: not valid JSON (Unterminated string")
    assert errors[1] == (
        f'{path} line 5: record has no text; give the body in a "text", "body" or "content" field.'
    )


def test_json_array_and_single_object() -> None:
    batch = read("batch.json")
    assert [a.title for a in batch.articles] == ["School meals go organic", "Bakery wins award"]
    assert batch.articles[1].metadata == (("section", '"local"'),)
    assert [e.source for e in batch.errors] == [f"{DATA / 'batch.json'} record 2"]
    single = read("single.json")
    assert [a.title for a in single.articles] == ["Observatory reopens to visitors"]


def test_jsonl_title_defaults_to_first_line_and_outlet_argument_wins() -> None:
    raw = b'{"text": "First line of the story.\\nSecond line.", "outlet": "Record Outlet"}\n'
    article = read_bytes(raw, name="x.jsonl", settings=SETTINGS, outlet="Given").articles[0]
    assert (article.title, article.outlet) == ("First line of the story.", "Given")


def test_jsonl_reads_fast() -> None:
    line = json.dumps({"title": "Headline", "text": "Body sentence. " * 200, "outlet": "O"})
    raw = "\n".join(line.replace("Headline", f"Headline {i}") for i in range(2000)).encode()
    start = time.perf_counter()
    result = read_bytes(raw, name="many.jsonl", settings=SETTINGS)
    assert len(result.articles) == 2000
    assert time.perf_counter() - start < 2.0


# Dates and formats


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-04-30", datetime(2016, 4, 30, tzinfo=UTC)),
        ("2024-03-05T10:00:00+01:00", datetime(2024, 3, 5, 9, 0, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("March 5, 2024 4:30 PM", datetime(2024, 3, 5, 16, 30, tzinfo=UTC)),
        (1709632800, datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("not a date at all", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_date(value: object, expected: datetime | None) -> None:
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


@pytest.mark.parametrize(
    ("name", "data", "content_type", "fmt"),
    [
        ("a.txt", b"<html>", None, "text"),
        ("a.MD", b"x", None, "text"),
        ("a.htm", b"x", None, "html"),
        ("a.atom", b"x", None, "feed"),
        ("a.ndjson", b"x", None, "jsonl"),
        ("a.json", b"x", None, "jsonl"),
        ("upload", b"  <?xml version='1.0'?><rss>", None, "feed"),
        ("upload", b"<?xml version='1.0'?><html xmlns='x'>", None, "html"),
        ("upload", b"<feed xmlns='http://www.w3.org/2005/Atom'>", None, "feed"),
        ("upload", b"\xef\xbb\xbf<!DOCTYPE html><html>", None, "html"),
        ("upload", b"<!-- generated --><rss version='2.0'>", None, "feed"),
        ("upload", b"<div><p>A fragment</p></div>", None, "html"),
        ("upload", b'{"text": "x"}', None, "jsonl"),
        ("upload", b"[]", None, "jsonl"),
        ("upload", b"Headline\n\nBody", None, "text"),
        ("https://x.example/feed", b"<rss>", "text/html; charset=utf-8", "html"),
        ("https://x.example/feed", b"x", "application/rss+xml", "feed"),
        ("https://x.example/story.txt?id=1", b"<html>", None, "text"),
    ],
)
def test_detect_format(name: str, data: bytes, content_type: str | None, fmt: str) -> None:
    assert detect_format(name, data, content_type) == fmt


def test_read_bytes_with_explicit_format() -> None:
    raw = b'{"title": "T", "text": "Body."}'
    as_text = read_bytes(raw + b"\n\nBody.", name="upload.json", settings=SETTINGS, fmt="text")
    assert (as_text.articles[0].format, as_text.articles[0].title) == ("text", raw.decode())
    as_json = read_bytes(raw, name="upload.txt", settings=SETTINGS, fmt="json")
    assert as_json.articles[0].format == "jsonl"
    error = only_error(read_bytes(raw, name="upload", settings=SETTINGS, fmt="pdf"))
    assert str(error) == "upload: unknown format 'pdf'; use one of text, html, feed, jsonl."


def test_wire_archive_quotation_marks_become_curly_ones() -> None:
    raw = b"Fire at the mill\n\n``We lost everything,'' said Ana Ruiz. ``Everything.''"
    article = read_bytes(raw, name="wire.txt", settings=SETTINGS).articles[0]
    assert article.text == "\u201cWe lost everything,\u201d said Ana Ruiz. \u201cEverything.\u201d"
    plain = read_bytes(b"Mill\n\nThe shelf is 5'10'' tall.", name="m.txt", settings=SETTINGS)
    assert plain.articles[0].text == "The shelf is 5'10'' tall."
    # Inches in a wire text stay inches; a quotation ending in a figure is still closed.
    raw = b"Mill\n\n``It burst,'' Ruiz said.\nThe pipe was 12'' wide.\nHe said ``we won 3-2''."
    wire = read_bytes(raw, name="w.txt", settings=SETTINGS).articles[0].text
    assert wire.split("\n") == [
        "\u201cIt burst,\u201d Ruiz said.",
        "The pipe was 12'' wide.",
        "He said \u201cwe won 3-2\u201d.",
    ]


# Bad input: one clear error each, never an exception


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty."),
        ("blank.jsonl", b"  \n\n \t\n", "file is empty."),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not text"),
        ("noise.bin", bytes(range(1, 32)) * 40, "looks like a binary file, not text"),
        ("feed.xml", b"Just a memo, not XML.", "not a valid RSS or Atom feed (syntax error)."),
        ("feed.rss", b"<?xml version='1.0'?><note>hi</note>", "not a valid RSS or Atom feed"),
        (
            "page.html",
            b"<html><body><nav>Home</nav></body></html>",
            "no article text found in this HTML page.",
        ),
        ("lone.txt", b"Only a headline\n\n\n", "has a headline but no article text below it."),
        ("broken.json", b'[{"title": "x"', "not valid JSON (Expecting"),
    ],
)
def test_bad_bytes_give_one_error(name: str, data: bytes, message: str) -> None:
    error = only_error(read_bytes(data, name=name, settings=SETTINGS))
    assert error.source == name
    assert error.reason.startswith(message)
    assert str(error).count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_a_feed.xml", "not a valid RSS or Atom feed (syntax error)."),
        ("nav_only.html", "no article text found in this HTML page."),
    ],
)
def test_bad_fixture_files_give_one_error(name: str, message: str) -> None:
    assert only_error(read(name)).reason == message


def test_empty_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(os.urandom(2048) + b"\x00")
    result = read_paths([str(tmp_path)], settings=SETTINGS)
    assert result.articles == ()
    assert sorted(e.reason.split(";")[0] for e in result.errors) == [
        "file is empty.",
        "looks like a binary file, not text",
    ]


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Headline\n\n" + b"word " * 100)
    small = Settings(max_file_bytes=100)
    error = only_error(read_source(str(path), settings=small))
    assert error.reason == (
        "file is larger than the max_file_bytes limit of 100 bytes; "
        "raise max_file_bytes in your settings to read it."
    )
    assert (
        only_error(read_bytes(path.read_bytes(), name="up.txt", settings=small)).source == "up.txt"
    )
    assert read_source(str(path), settings=SETTINGS).articles


def test_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Headline\n\n")
        for _ in range(50):
            handle.write(b"x" * 1_000_000)
    assert path.stat().st_size > 50_000_000
    tracemalloc.start()
    try:
        result = read_source(str(path), settings=Settings(max_file_bytes=10_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "limit of 10.0 MB" in only_error(result).reason
    assert peak < 1_000_000


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or folder; check the path."),
        (lambda d: d, "is a folder, not a file."),
        (lambda d: _broken_link(d), "is a broken symbolic link; point it at a file."),
    ],
)
def test_unreadable_paths(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    error = only_error(read_source(str(path), settings=SETTINGS))
    assert (error.source, error.reason) == (str(path), message)


def _broken_link(folder: Path) -> Path:
    link = folder / "dangling.txt"
    link.symlink_to(folder / "gone.txt")
    return link


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Headline\n\nBody.", encoding="utf-8")
    path.chmod(0)
    try:
        error = only_error(read_source(str(path), settings=SETTINGS))
        assert error.reason == "cannot be read (Permission denied); check its permissions."
    finally:
        path.chmod(0o644)


def test_permission_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Headline\n\nBody.", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Root can read a chmod 000 file, so the refusal is simulated where it happens.
    monkeypatch.setattr(sources, "open", refuse, raising=False)
    error = only_error(read_source(str(path), settings=SETTINGS))
    assert error.reason == "cannot be read (Permission denied); check its permissions."


def test_bad_sidecar_is_reported_and_the_article_still_read(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Headline\n\nBody.", encoding="utf-8")
    (tmp_path / "story.json").write_text("{not json", encoding="utf-8")
    result = read_source(str(tmp_path / "story.txt"), settings=SETTINGS)
    assert result.articles[0].outlet == "unknown"
    assert result.errors[0].source == str(tmp_path / "story.json")
    assert result.errors[0].reason.endswith("so it was ignored.")


# Sources: folders, globs, stdin


def test_folder_with_one_broken_file() -> None:
    result = read_paths([str(DATA / "mixed")], settings=SETTINGS)
    assert [a.title for a in result.articles] == [
        "Alpha headline about a town fair",
        "Library extends opening hours",
    ]
    assert result.articles[0].outlet == "Town Crier"
    assert [e.source for e in result.errors] == [str(DATA / "mixed" / "sub" / "gamma.xml")]


def test_iter_sources_expands_folders_and_globs() -> None:
    mixed = DATA / "mixed"
    sources = list(
        iter_sources(
            [str(mixed), str(DATA / "*.rss"), "-", "https://x.example/a", str(mixed / "alpha.txt")],
            settings=SETTINGS,
        )
    )
    assert sources == [
        str(mixed / "alpha.txt"),
        str(mixed / "sub" / "beta.html"),
        str(mixed / "sub" / "gamma.xml"),
        str(DATA / "headlines_only.rss"),
        str(DATA / "valley.rss"),
        "-",
        "https://x.example/a",
    ]


def test_iter_sources_keeps_explicit_and_missing_paths() -> None:
    paths = [str(DATA / "mixed" / "alpha.json"), str(DATA / "nothing-*.txt"), "missing.txt"]
    assert list(iter_sources(paths, settings=SETTINGS)) == paths


def test_glob_without_matches_is_one_error() -> None:
    pattern = str(DATA / "nothing-*.txt")
    error = only_error(read_paths([pattern], settings=SETTINGS))
    assert (error.source, error.reason) == (pattern, "no files match this pattern; check the path.")


def test_glob_of_text_files_skips_their_sidecars() -> None:
    sources = list(iter_sources([str(DATA / "ferry.*")], settings=SETTINGS))
    assert sources == [str(DATA / "ferry.txt")]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"title": "From a pipe", "text": "Body."}\n'))
    monkeypatch.setattr(sys, "stdin", stdin)
    article = read_paths(["-"], settings=SETTINGS).articles[0]
    assert (article.title, article.source, article.format) == ("From a pipe", "<stdin>", "jsonl")


# URLs (urllib is replaced: tests never touch the network)


class FakeResponse:
    """Just enough of an HTTP response for ingest.sources.fetch_url."""

    def __init__(self, body: bytes, content_type: str | None = None) -> None:
        self.body = body
        self.headers = Message()
        if content_type:
            self.headers["Content-Type"] = content_type
        self.headers["Content-Length"] = str(len(body))

    def read(self, size: int = -1) -> bytes:
        return self.body if size < 0 else self.body[:size]

    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def serve(monkeypatch: pytest.MonkeyPatch, outcome: object) -> list[str]:
    """Make urlopen return (or raise) outcome; return the list of URLs requested."""
    requested: list[str] = []

    def fake_urlopen(request: urllib.request.Request, timeout: float) -> object:
        requested.append(request.full_url)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return requested


def test_url_html_page(monkeypatch: pytest.MonkeyPatch) -> None:
    body = (DATA / "no_site_name.html").read_bytes().replace(b"<link rel", b"<link rol")
    requested = serve(monkeypatch, FakeResponse(body, "text/html; charset=utf-8"))
    url = "https://news.example.org/2024/library"
    article = read_paths([url], settings=SETTINGS).articles[0]
    assert requested == [url]
    assert (article.source, article.url, article.format) == (url, url, "html")
    assert article.outlet == "news.example.org"


def test_url_feed_by_content_type(monkeypatch: pytest.MonkeyPatch) -> None:
    serve(monkeypatch, FakeResponse((DATA / "valley.rss").read_bytes(), "application/rss+xml"))
    result = read_source("https://valleypost.example/rss", settings=SETTINGS)
    assert [a.format for a in result.articles] == ["feed", "feed"]


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (
            urllib.error.URLError(OSError(101, "Network is unreachable")),
            "could not fetch this URL ([Errno 101] Network is unreachable); "
            "check the address and your network connection.",
        ),
        (
            TimeoutError("timed out"),
            "could not fetch this URL (timed out); check the address and your network connection.",
        ),
        (
            urllib.error.HTTPError("https://x.example/a", 404, "Not Found", Message(), None),
            "could not fetch this URL (HTTP 404 Not Found).",
        ),
        (FakeResponse(b""), "file is empty."),
        (
            FakeResponse(b"x" * 200),
            "file is larger than the max_file_bytes limit of 100 bytes; "
            "raise max_file_bytes in your settings to read it.",
        ),
    ],
)
def test_url_failures(monkeypatch: pytest.MonkeyPatch, outcome: object, message: str) -> None:
    serve(monkeypatch, outcome)
    small = Settings(max_file_bytes=100)
    error = only_error(read_source("https://x.example/a", settings=small))
    assert (error.source, error.reason) == ("https://x.example/a", message)


def test_public_api() -> None:
    assert set(ingest.__all__) >= {
        "IngestResult",
        "iter_sources",
        "read_bytes",
        "read_paths",
        "read_source",
    }
    assert ingest.FORMATS == ("text", "html", "feed", "jsonl")
