"""The Python API: a Desk is one storydesk database with the pipeline around it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from storydesk import __version__
from storydesk.codec import from_jsonable, to_jsonable
from storydesk.errors import InputError
from storydesk.mentions import VERSION as MENTIONS_VERSION
from storydesk.models import Article, Briefing, Story, content_id, utc
from storydesk.settings import Settings, load_settings
from storydesk.store import Store

ProgressCallback = Callable[[str], None]
# Part of every cached briefing's key: bump it when what a briefing says changes, so stores
# made by an older storydesk rebuild their briefings instead of serving stale ones.
BRIEFING_VERSION = "26"


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: how many articles were read, new, copies, and what failed."""

    read: int
    added: int
    already_stored: int
    copies: int
    stories: tuple[str, ...]
    errors: tuple[InputError, ...]
    # New articles that cleaning left without text (error pages, widgets): stored, with
    # their junk marked for 'storydesk show ID --junk', but nothing to summarise.
    no_text: tuple[str, ...] = ()


class Desk:
    """A storydesk database and the pipeline over it.

    Example:
        >>> desk = Desk("news.db")
        >>> report = desk.ingest(["examples/"])
        >>> for story in desk.stories():
        ...     print(desk.briefing(story.id).summary[0].text)
    """

    def __init__(self, db: str | Path | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings(db=str(db) if db is not None else None)
        self.store = Store(str(db) if db is not None else self.settings.db)

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def ingest(
        self,
        sources: Iterable[str | Path],
        *,
        outlet: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Read files, folders, globs, URLs or "-" and store their articles as one batch.

        Args:
            sources: paths, folders (read recursively), globs, URLs or "-" for stdin.
            outlet: outlet name for every input (overrides sidecars and page metadata).
            progress: called with each source once it has been read.

        Returns:
            An IngestReport; broken inputs are listed in `errors`, the rest is stored.
        """
        from storydesk import ingest  # the readers (trafilatura, feedparser) load when needed

        paths = [str(source) for source in sources]
        articles: list[Article] = []
        errors: list[InputError] = []
        for source in ingest.iter_sources(paths, settings=self.settings):
            result = ingest.read_source(source, settings=self.settings, outlet=outlet)
            articles.extend(result.articles)
            errors.extend(result.errors)
            if progress:
                progress(source)
        report = self.add(articles)
        return _with_errors(report, errors)

    def add(self, articles: Sequence[Article]) -> IngestReport:
        """Clean, dedupe, cluster and store articles in one transaction; known ones are skipped."""
        unique = list({article.id: article for article in articles}.values())
        stored = self.store.known_ids(article.id for article in unique)
        new = [article for article in unique if article.id not in stored]
        if not new:
            return IngestReport(len(articles), 0, len(stored), 0, (), ())
        stories = self._open_stories(new)
        known = {a.id: a for a in self.store.get_articles(_story_article_ids(stories))}
        corpus = self.store.articles_of_outlets({article.outlet for article in new})
        from storydesk import pipeline  # the stages (scikit-learn, SciPy) load when needed

        done = pipeline.process(
            new, settings=self.settings, corpus=corpus, stories=stories, known=known
        )
        with self.store.transaction():
            self.store.add_articles(done.articles)
            self.store.save_stories(done.stories)
        copies = sum(1 for article in done.articles if article.copy_of)
        changed = tuple(story.id for story in done.stories)
        return IngestReport(len(articles), len(new), len(stored), copies, changed, (), done.no_text)

    def _open_stories(self, new: Sequence[Article]) -> list[Story]:
        """Return the stored stories new articles may join or copy: those within reach in time.

        A story whose last article is more than two clustering windows older than the oldest
        new article can take none of them, so neither it nor its articles are loaded: adding
        to a large store costs what the recent stories cost. Undated articles reach every story.
        """
        dates = [article.published for article in new]
        if not dates or any(when is None for when in dates):
            return self.store.list_stories()
        oldest = min(utc(when) for when in dates if when is not None)
        reach = timedelta(days=2 * self.settings.cluster_window_days)
        return self.store.stories_since(oldest - reach)

    def stories(self) -> list[Story]:
        """Return every story, the most recently active first."""
        return self.store.list_stories()

    def story(self, ref: str) -> Story:
        """Return a story by id, merged-away id or unique id prefix."""
        return self.store.get_story(ref)

    def articles(self, story_ref: str) -> list[Article]:
        """Return the articles of a story in arrival order."""
        return self.store.get_articles(self.story(story_ref).article_ids)

    def article(self, ref: str) -> Article:
        """Return an article by id, id prefix or external id."""
        return self.store.get_article(ref)

    def cached_briefing(self, story_ref: str) -> Briefing | None:
        """Return the story's current briefing if the store has it, else None (never writes one)."""
        key = _briefing_key(self.story(story_ref), self.settings)
        cached = self.store.cache_get("briefing", key)
        return None if cached is None else from_jsonable(Briefing, json.loads(cached))

    def briefing(self, story_ref: str, *, cache: bool = True) -> Briefing:
        """Return the briefing of a story, from the store's cache when its inputs are unchanged."""
        story = self.story(story_ref)
        key = _briefing_key(story, self.settings)
        if cache and (cached := self.cached_briefing(story.id)) is not None:
            return cached
        articles = self.articles(story.id)
        keys = {a.id: _mentions_key(a, self.settings) for a in articles}
        mentions = self._cached_mentions(keys) if cache else None
        before = dict(mentions or {})
        from storydesk import pipeline

        briefing = pipeline.build_briefing(
            story, articles, settings=self.settings, mentions=mentions
        )
        if cache:
            with self.store.transaction():
                self.store.cache_put("briefing", key, json.dumps(to_jsonable(briefing)))
                for article_id, item in (mentions or {}).items():
                    if before.get(article_id) is not item:
                        self.store.cache_put("mentions", keys[article_id], json.dumps(item))
        return briefing

    def _cached_mentions(self, keys: dict[str, str]) -> dict[str, Any]:
        """Return the spaCy mentions the store has for these articles (id -> cache key).

        Cached per article (its id, junk spans and the spaCy model), so a story that grows
        by one article parses one article, and a change of summary settings parses none.
        """
        cached = {}
        for article_id, key in keys.items():
            stored = self.store.cache_get("mentions", key)
            if stored is not None:
                cached[article_id] = json.loads(stored)
        return cached

    def briefings(self) -> list[Briefing]:
        """Return the briefing of every story."""
        return [self.briefing(story.id) for story in self.stories()]


def open_desk(db: str | Path | None = None, *, settings: Settings | None = None) -> Desk:
    """Open (or create) a storydesk database; see Desk."""
    return Desk(db, settings=settings)


def _story_article_ids(stories: Sequence[Story]) -> list[str]:
    return [article_id for story in stories for article_id in story.article_ids]


def _briefing_key(story: Story, settings: Settings) -> str:
    tunables = [f"{f.name}={getattr(settings, f.name)}" for f in fields(settings) if f.name != "db"]
    versions = (BRIEFING_VERSION, __version__, str(MENTIONS_VERSION))
    return content_id(*versions, story.id, story.headline, *story.article_ids, *tunables)


def _mentions_key(article: Article, settings: Settings) -> str:
    junk = [f"{j.start}:{j.end}" for j in article.junk]
    return content_id("mentions", article.id, settings.spacy_model, *junk)  # VERSION is inside


def _with_errors(report: IngestReport, errors: list[InputError]) -> IngestReport:
    return replace(report, errors=tuple(errors))
