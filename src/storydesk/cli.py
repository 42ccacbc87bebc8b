"""The command line: thin commands over the library. Results go to stdout, logs to stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storydesk.codec import to_jsonable
from storydesk.desk import Desk, IngestReport
from storydesk.errors import StorydeskError
from storydesk.models import Article, Story
from storydesk.render import FORMATS, render_briefing
from storydesk.render.index import INDEX_NAMES, index_rows, render_index
from storydesk.render.sections import plural, render_junk
from storydesk.settings import describe, load_settings

F = TypeVar("F", bound=Callable[..., Any])
err = Console(stderr=True)


def _desk(ctx: click.Context) -> Desk:
    obj = ctx.ensure_object(dict)
    if "desk" not in obj:
        settings = load_settings(obj.get("config"), db=obj.get("db"))
        obj["desk"] = Desk(settings.db, settings=settings)
        ctx.call_on_close(obj["desk"].close)
    desk: Desk = obj["desk"]
    return desk


def _settings(ctx: click.Context) -> Any:
    obj = ctx.ensure_object(dict)
    return load_settings(obj.get("config"), db=obj.get("db"))


class FormatChoice(click.Choice):
    """A format name, in any case, or its usual short form ("md" for markdown)."""

    ALIASES = {"md": "markdown", "htm": "html", "txt": "text"}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        full = self.ALIASES.get(str(value).lower())
        return super().convert(full if full in self.choices else value, param, ctx)


def format_option(choices: Sequence[str], default: str, help_text: str) -> Any:
    """Return the --format option of a command (its choices, default and what it gives)."""
    return click.option(
        "--format",
        "fmt",
        type=FormatChoice(list(choices), case_sensitive=False),
        default=default,
        show_default=True,
        help=help_text,
    )


@click.group(
    epilog="Example:\n\n  storydesk ingest examples/ && storydesk stories && storydesk brief --all"
)
@click.option("--db", envvar="STORYDESK_DB", help="SQLite database file [default: storydesk.db].")
@click.option("--config", type=click.Path(), help="TOML settings file (see 'storydesk settings').")
@click.version_option(package_name="storydesk")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None) -> None:
    """storydesk: read one story across many outlets.

    Ingest articles, cluster them into stories and write a briefing per story:
    an attributed summary, who said what, entities, a timeline and a
    cross-source comparison.
    """
    ctx.ensure_object(dict).update(db=db, config=config)


@cli.command("ingest", epilog="Example:\n\n  storydesk ingest examples/ feed.xml 'news/*.html'")
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for these inputs (overrides what the files say).")
@click.pass_context
def ingest_command(ctx: click.Context, paths: tuple[str, ...], outlet: str | None) -> None:
    """Read articles from files, folders, globs, feeds, URLs or - (stdin) and store them."""
    from storydesk import ingest  # the stages load only for the commands that run them

    desk = _desk(ctx)
    sources = list(ingest.iter_sources(list(paths), settings=desk.settings))
    with _progress() as bar:
        task = bar.add_task("Reading", total=len(sources))
        report = desk.ingest(sources, outlet=outlet, progress=lambda _: bar.advance(task))
    _print_report(report)
    if report.errors or not sources:
        if not sources:
            err.print("[red]No input found[/] in the given paths.")
        ctx.exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_report(report: IngestReport) -> None:
    for error in report.errors:
        err.print(f"[red]skipped[/] {escape(str(error))}", highlight=False)
    err.print(
        f"{plural(report.read, 'article')} read, {report.added} new, {report.already_stored} "
        f"already stored, {plural(report.copies, 'copy', 'copies')} of others; "
        f"{plural(len(report.stories), 'story', 'stories')} updated; "
        f"{plural(len(report.errors), 'input')} failed."
    )
    if report.no_text:
        err.print(
            f"{plural(len(report.no_text), 'article')} had no news text left after cleaning "
            f"(error pages, widgets) and joined no story; 'storydesk show {report.no_text[0]} "
            "--junk' shows what was dropped.",
            highlight=False,
            markup=False,
        )


@cli.command("stories", epilog="Example:\n\n  storydesk stories --format json")
@format_option(["table", "json"], "table", "A table for reading, or JSON for scripts.")
@click.pass_context
def stories_command(ctx: click.Context, fmt: str) -> None:
    """List the stories: id, headline, articles, outlets, first and last seen."""
    desk = _desk(ctx)
    stories = desk.stories()
    if fmt == "json":
        click.echo(
            json.dumps([_story_json(desk, s) for s in stories], indent=2, ensure_ascii=False)
        )
        return
    stored = desk.store.count_articles() if not stories else 0
    if stored:
        err.print(
            f"No stories: the {plural(stored, 'stored article')} had no news "
            "text left after cleaning; 'storydesk show ID --junk' shows what was dropped."
        )
        return
    if not stories:
        err.print("No stories yet: run 'storydesk ingest PATH...' first.")
        return
    Console(width=max(Console().width, 120)).print(_story_table(stories))


def _story_json(desk: Desk, story: Story) -> dict[str, Any]:
    articles = desk.store.get_articles(story.article_ids)
    data: dict[str, Any] = to_jsonable(story)
    data["external_ids"] = [a.external_id for a in articles]
    data["articles"] = [_article_json(a) for a in articles]
    return data


def _article_json(article: Article) -> dict[str, Any]:
    keys = ("id", "external_id", "outlet", "title", "url", "published", "copy_of")
    data: dict[str, Any] = to_jsonable(article)
    return {key: data[key] for key in keys}


def _story_table(stories: Sequence[Story]) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("story", no_wrap=True)
    table.add_column("headline", ratio=1, overflow="fold")
    table.add_column("articles", justify="right")
    table.add_column("outlets", ratio=1)
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    for story in stories:
        table.add_row(
            story.id,
            story.headline,
            str(len(story.article_ids)),
            ", ".join(story.outlets),
            _day(story.first_seen),
            _day(story.last_seen),
        )
    return table


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if value else "-"


@cli.command("brief", epilog="Example:\n\n  storydesk brief s_1a2b3c --format markdown")
@click.argument("story_id", required=False)
@click.option("--all", "all_stories", is_flag=True, help="Brief every story.")
@format_option(FORMATS, "text", "Output format.")
@click.pass_context
def brief_command(ctx: click.Context, story_id: str | None, all_stories: bool, fmt: str) -> None:
    """Print the briefing of a story (or of every story with --all)."""
    desk = _desk(ctx)
    if not story_id and not all_stories:
        raise StorydeskError("Give a story id (see 'storydesk stories') or --all.")
    stories = [s.id for s in desk.stories()] if all_stories else [str(story_id)]
    briefings = [desk.briefing(sid) for sid in stories]
    if fmt == "json" and all_stories:
        click.echo(json.dumps(to_jsonable(briefings), indent=2, ensure_ascii=False))
        return
    click.echo("\n".join(render_briefing(b, fmt) for b in briefings), nl=False)


@cli.command("summarize", epilog="Example:\n\n  storydesk summarize a.txt b.html --words 80")
@click.argument("paths", nargs=-1, required=True)
@click.option("--words", type=click.IntRange(10, 2000), help="Word budget [default: 120].")
@format_option(["text", "json"], "text", "Plain text, or JSON with each sentence's source offsets.")
@click.option("--outlet", help="Outlet name for these inputs (overrides what the files say).")
@click.pass_context
def summarize_command(
    ctx: click.Context, paths: tuple[str, ...], words: int | None, fmt: str, outlet: str | None
) -> None:
    """Summarise the given articles as one story, without storing them."""
    from storydesk import pipeline

    settings = _settings(ctx)
    articles = _read_or_fail(ctx, paths, settings, outlet)
    summary = pipeline.summarize_articles(articles, settings=settings, words=words)
    by_id = {a.id: a for a in articles}
    if fmt == "json":
        rows = [_sentence_json(s, by_id) for s in summary]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for sentence in summary:
        click.echo(f"{sentence.text} [{', '.join(sentence.outlets)}]")


def _sentence_json(sentence: Any, by_id: dict[str, Article]) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(sentence)
    data["external_id"] = by_id[sentence.span.article_id].external_id
    return data


def _read_or_fail(
    ctx: click.Context, paths: Sequence[str], settings: Any, outlet: str | None
) -> list[Article]:
    from storydesk import ingest

    result = ingest.read_paths(list(paths), settings=settings, outlet=outlet)
    for error in result.errors:
        err.print(f"skipped {error}", highlight=False, markup=False)
    if not result.articles:
        raise StorydeskError("No readable article in the given paths.")
    return list(result.articles)


@cli.command("quotes", epilog="Example:\n\n  storydesk quotes ../shared/seeds/*.txt --format json")
@click.argument("paths", nargs=-1, required=True)
@format_option(
    ["text", "json"], "text", "Plain text, or JSON with every occurrence's source offsets."
)
@click.option("--outlet", help="Outlet name for these inputs (overrides what the files say).")
@click.pass_context
def quotes_command(
    ctx: click.Context, paths: tuple[str, ...], fmt: str, outlet: str | None
) -> None:
    """List who said what in the given articles: quotes, speakers, outlets and offsets."""
    from storydesk import pipeline
    from storydesk import quotes as quotes_stage

    settings = _settings(ctx)
    articles = pipeline.prepare(_read_or_fail(ctx, paths, settings, outlet), settings=settings)
    quotes = quotes_stage.extract_quotes(articles, settings=settings)
    if fmt == "json":
        records = quotes_stage.quote_records(quotes, articles)
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    for quote in quotes:
        kind = " (reported speech)" if quote.kind == "indirect" else ""
        speaker = quote.speaker or "Unattributed"
        click.echo(f"{speaker}{kind}: “{quote.text}” [{', '.join(quote.outlets)}]")


@cli.command("show", epilog="Example:\n\n  storydesk show 000_20f44b7216833a59 --junk")
@click.argument("article_id")
@click.option(
    "--junk", is_flag=True, help="Also print the dropped lines, marked with their reason."
)
@click.pass_context
def show_command(ctx: click.Context, article_id: str, junk: bool) -> None:
    """Print an article's clean text (id, id prefix or external id)."""
    article = _desk(ctx).article(article_id)
    click.echo(render_junk(article, show_junk=junk), nl=False)


@cli.command("export", epilog="Example:\n\n  storydesk export --format html --out briefings/")
@format_option(
    ["json", "markdown", "html"],
    "markdown",
    "File format of the briefings and of the index linking them (index.json is written too).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    help="Folder to write into (created if missing).",
)
@click.pass_context
def export_command(ctx: click.Context, fmt: str, out_dir: str) -> None:
    """Write one file per story briefing, plus an index, into a folder."""
    written = export_briefings(_desk(ctx), fmt, Path(out_dir))
    err.print(f"Wrote {plural(written, 'briefing')} to {out_dir}.")


def export_briefings(desk: Desk, fmt: str, out_dir: Path) -> int:
    """Write each story's briefing as out_dir/<story id>.<ext>, an index in that format
    (index.md or index.html, linking to them) and index.json; return the count."""
    ext = {"json": "json", "markdown": "md", "html": "html"}[fmt]
    out_dir.mkdir(parents=True, exist_ok=True)
    stories = desk.stories()
    for story in stories:
        path = out_dir / f"{story.id}.{ext}"
        path.write_text(render_briefing(desk.briefing(story.id), fmt), encoding="utf-8")
    rows = index_rows(stories, [f"{story.id}.{ext}" for story in stories])
    for index_fmt in dict.fromkeys(("json", fmt)):
        text = render_index(rows, index_fmt)
        (out_dir / INDEX_NAMES[index_fmt]).write_text(text, encoding="utf-8")
    return len(stories)


@cli.command("settings", epilog="Example:\n\n  storydesk settings")
def settings_command() -> None:
    """List every setting with its default; a TOML file given by --config overrides them."""
    for name, default, help_text in describe():
        click.echo(f"{name} = {default!r}\n    {help_text}")


@cli.command("serve", epilog="Example:\n\n  storydesk serve --port 8000 --read-only")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Refuse ingest requests.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, read_only: bool) -> None:
    """Serve the web pages and the JSON API."""
    from storydesk.api import serve

    serve(_settings(ctx), host=host, port=port, read_only=read_only)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; a StorydeskError becomes one line on stderr and exit code 1."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        err.print("Aborted.")
        sys.exit(130)
    except StorydeskError as exc:
        err.print(f"Error: {exc}", highlight=False, markup=False)
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
