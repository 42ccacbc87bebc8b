"""The command line: verbs, formats, and bad input as one clear sentence, never a traceback."""

import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import click
import pytest

from storydesk.cli import cli


def write(path: Path, data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


GOOD = (
    "Harbour bridge closes for repairs\n\n"
    "The harbour bridge closed on Monday for six weeks of repairs, the council said.\n"
)


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_option_says_what_it_does(command: str) -> None:
    params = [p for p in cli.commands[command].params if isinstance(p, click.Option)]
    assert all(p.help for p in params), [p.name for p in params if not p.help]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_help_ends_with_an_example(run_cli, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    after_options = result.out.split("Options:")[-1]
    assert "Example:" in after_options
    assert result.out.strip().splitlines()[-1].strip().startswith("storydesk ")


def test_ingest_then_stories_table_and_json(run_cli, seed_paths) -> None:
    ingested = run_cli("ingest", *seed_paths)
    assert ingested.code == 0
    report = " ".join(ingested.err.split())
    assert "2 articles read, 2 new" in report and "1 story updated; 0 inputs failed." in report
    table = run_cli("stories")
    assert "ITV News" in table.out and "i24NEWS" in table.out
    stories = json.loads(run_cli("stories", "--format", "json").out)
    assert len(stories) == 1
    assert sorted(stories[0]["external_ids"]) == ["000_20f44b7216833a59", "004_94fe197347326299"]
    assert len(stories[0]["article_ids"]) == 2


def test_stories_explains_pages_left_without_text(run_cli, tmp_path: Path) -> None:
    assert "No stories yet" in run_cli("stories").err
    page = write(
        tmp_path / "gone.txt", "Ferry page\nSorry, the page you requested was not found.\n"
    )
    ingested = run_cli("ingest", page)
    assert "joined no story" in " ".join(ingested.err.split())
    listed = " ".join(run_cli("stories").err.split())
    assert "the 1 stored article had no news text left" in listed and "yet" not in listed


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_brief_formats_name_outlets_and_drop_junk(run_cli, seed_paths, fmt: str) -> None:
    run_cli("ingest", *seed_paths)
    story = json.loads(run_cli("stories", "--format", "json").out)[0]["id"]
    result = run_cli("brief", story, "--format", fmt)
    assert result.code == 0
    assert "Livingstone" in result.out and "i24NEWS" in result.out and "ITV News" in result.out
    for junk in ("Join our official WhatsApp group", "Click below to watch:", "Credit: LBC"):
        assert junk not in result.out
    if fmt == "json":
        assert json.loads(result.out)["story_id"] == story


@pytest.mark.slow
def test_summarize_json_maps_every_sentence_to_a_source(run_cli, seed_paths) -> None:
    result = run_cli("summarize", *seed_paths, "--words", "60", "--format", "json")
    rows = json.loads(result.out)
    assert rows and all(row["outlets"] for row in rows)
    texts = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in seed_paths}
    assert all(row["text"] in texts[row["external_id"]] for row in rows)
    assert sum(len(row["text"].split()) for row in rows) <= 60 + 40


@pytest.mark.slow
def test_export_writes_inside_its_folder(run_cli, seed_paths, tmp_path: Path) -> None:
    run_cli("ingest", *seed_paths)
    out = tmp_path / "export"
    assert run_cli("export", "--format", "html", "--out", str(out)).code == 0
    index = json.loads((out / "index.json").read_text())
    assert len(index) == 1
    page = (out / index[0]["file"]).read_text()
    assert page.startswith("<!doctype html>") and "Livingstone" in page


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "index"), [("markdown", "index.md"), ("html", "index.html")])
def test_export_index_in_the_briefings_format_links_each_briefing(
    run_cli, seed_paths, tmp_path: Path, fmt: str, index: str
) -> None:
    run_cli("ingest", *seed_paths)
    out = tmp_path / "export"
    assert run_cli("export", "--format", fmt, "--out", str(out)).code == 0
    (row,) = json.loads((out / "index.json").read_text())
    assert row["articles"] == 2 and len(row["outlets"]) == 2
    page = (out / index).read_text()
    link = f"[{row['headline']}]({row['file']})" if fmt == "markdown" else f'href="{row["file"]}"'
    assert link in page and (out / row["file"]).exists()
    first = row["first_seen"]  # ISO 8601 in index.json, a date for readers in the page
    assert "Livingstone" in row["headline"]
    assert (first[:10] if first else "date unknown") in page
    assert first is None or datetime.fromisoformat(first)


def test_a_format_is_read_in_any_case_or_by_its_short_name(run_cli, seed_paths) -> None:
    run_cli("ingest", *seed_paths)
    markdown = run_cli("brief", "--all", "--format", "markdown")
    assert markdown.code == 0 and markdown.out.startswith("# ")
    assert run_cli("brief", "--all", "--format", "md").out == markdown.out
    assert run_cli("brief", "--all", "--format", "HTML").out.startswith("<!doctype html>")
    assert run_cli("brief", "--all", "--format", "xml").code != 0


def test_show_marks_dropped_junk(run_cli, seed_paths) -> None:
    run_cli("ingest", *seed_paths)
    plain = run_cli("show", "004_94fe197347326299")
    marked = run_cli("show", "004_94fe197347326299", "--junk")
    assert "Join our official WhatsApp group" not in plain.out
    assert "dropped" in marked.out and "Join our official WhatsApp group" in marked.out


BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 4,
    "broken.jsonl": b'{"title": "Fine", "text": "A fine record about the harbour."}\n{not json\n',
    "feed.xml": b"this is not xml at all",
    "nomain.html": b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
    "[bold]odd name.txt": b"",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_reported_and_the_rest_is_stored(run_cli, tmp_path: Path, name: str) -> None:
    good = write(tmp_path / "good.txt", GOOD)
    bad = write(tmp_path / name, BAD_INPUTS[name])
    result = run_cli("ingest", good, bad)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert name in " ".join(result.err.split()) and "[red]" not in result.err
    stories = json.loads(run_cli("stories", "--format", "json").out)
    titles = {a["title"] for s in stories for a in s["articles"]}
    assert "Harbour bridge closes for repairs" in titles


def test_cp1252_text_is_read_not_refused(run_cli, tmp_path: Path) -> None:
    text = "Café owners protest\n\nThe café owners said “enough” on Tuesday.\n"
    path = write(tmp_path / "cp.txt", text.encode("cp1252"))
    assert run_cli("ingest", path).code == 0
    shown = run_cli(
        "show", json.loads(run_cli("stories", "--format", "json").out)[0]["article_ids"][0]
    )
    assert "café owners said “enough”" in shown.out


def test_a_50_mb_file_over_the_limit_is_refused(run_cli, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"Big headline\n\n")
        handle.write(b"word " * (10 * 1024 * 1024))
    good = write(tmp_path / "good.txt", GOOD)
    config = write(tmp_path / "s.toml", "max_file_bytes = 1000000\n")
    result = run_cli("--config", config, "ingest", str(big), good)
    assert big.stat().st_size > 50_000_000
    assert result.code == 1 and "big.txt" in result.err and "Traceback" not in result.err
    assert len(json.loads(run_cli("stories", "--format", "json").out)) == 1


def test_missing_path_and_unknown_story_are_one_sentence(run_cli, tmp_path: Path) -> None:
    missing = run_cli("ingest", str(tmp_path / "nowhere.txt"))
    assert missing.code == 1 and "nowhere.txt" in missing.err and "Traceback" not in missing.err
    unknown = run_cli("brief", "s_nope")
    assert unknown.code == 1
    assert unknown.err.strip().count("\n") == 0 and "storydesk stories" in unknown.err


@pytest.mark.slow
def test_quotes_json_gives_speakers_outlets_and_offsets_into_the_ingested_text(
    run_cli, seed_paths
) -> None:
    from storydesk import ingest
    from storydesk.settings import Settings

    result = run_cli("quotes", *seed_paths, "--format", "json")
    assert result.code == 0
    records = json.loads(result.out)
    texts = {}
    for path in seed_paths:
        for article in ingest.read_source(path, settings=Settings()).articles:
            texts[article.external_id] = article.text
    mann = [r for r in records if r["speaker"] == "John Mann"]
    assert any(r["text"] == "lying racist" and r["outlet"] == "i24NEWS" for r in mann)
    for record in records:
        for spot in record["occurrences"]:
            quoted = texts[spot["external_id"]][spot["start"] : spot["end"]]
            # Outlets word a shared quote a little differently ("supporting"/"supported").
            words, found = (
                set(re.findall(r"\w+", record["text"].lower())),
                set(re.findall(r"\w+", quoted.lower())),
            )
            assert len(words & found) >= len(words) / 2, (record["text"], quoted)


def test_the_command_line_loads_the_heavy_stages_only_for_commands_that_run_them() -> None:
    # `storydesk --help`, `stories`, `show` and cached briefs start in a fraction of a second:
    # scikit-learn, SciPy, spaCy and trafilatura load when ingest or a new briefing needs them.
    probe = "import sys, storydesk.cli; print(sorted(m for m in HEAVY if m in sys.modules))"
    heavy = "HEAVY = ('sklearn', 'scipy', 'spacy', 'trafilatura', 'feedparser');"
    done = subprocess.run(
        [sys.executable, "-c", heavy + probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
