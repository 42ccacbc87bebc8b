"""The ordered stages: ingest -> clean -> dedupe -> cluster, and the briefing stages.

Every stage is a plain function; this module runs them in order and checks what each
returns, so a broken backend fails here with a clear message instead of corrupting the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storydesk import cluster as cluster_stage
from storydesk import compare as compare_stage
from storydesk import dedupe as dedupe_stage
from storydesk import entities as entities_stage
from storydesk import quotes as quotes_stage
from storydesk import summarize as summarize_stage
from storydesk import timeline as timeline_stage
from storydesk.clean import clean
from storydesk.errors import StorydeskError
from storydesk.models import Article, Briefing, Comparison, Story, SummarySentence
from storydesk.settings import Settings

StageResult = list[Article]


@dataclass(frozen=True, slots=True)
class Processed:
    """What the article stages made of one batch: cleaned, deduped articles and changed stories."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    no_text: tuple[str, ...] = ()  # ids of the articles cleaning left without text (no story)


def prepare(
    articles: Sequence[Article],
    *,
    settings: Settings,
    corpus: Sequence[Article] = (),
    existing: Sequence[Article] = (),
) -> list[Article]:
    """Clean and dedupe new articles against a corpus of stored ones.

    Args:
        articles: new articles, as ingested.
        settings: storydesk settings.
        corpus: stored articles of the same outlets (cleaning learns recurring boilerplate).
        existing: stored articles that new ones may be copies of.

    Returns:
        The articles with clean text, junk spans and copy links set, in the same order.
    """
    cleaned = clean(articles, settings=settings, corpus=corpus)
    _check_articles("clean", articles, cleaned)
    deduped = dedupe_stage.dedupe(cleaned, settings=settings, existing=existing)
    _check_articles("dedupe", articles, deduped)
    return deduped


def assign_stories(
    articles: Sequence[Article],
    *,
    settings: Settings,
    stories: Sequence[Story] = (),
    known: dict[str, Article] | None = None,
) -> list[Story]:
    """Cluster prepared articles into the current stories; return the stories that changed."""
    changed = cluster_stage.cluster(articles, settings=settings, stories=stories, known=known or {})
    new_ids = {article.id for article in articles}
    placed = {aid for story in changed for aid in story.article_ids}
    missing = new_ids - placed
    if missing:
        raise StorydeskError(
            f"The clusterer '{settings.clusterer}' left {len(missing)} article(s) without a story."
        )
    return changed


def process(
    articles: Sequence[Article],
    *,
    settings: Settings,
    corpus: Sequence[Article] = (),
    stories: Sequence[Story] = (),
    known: dict[str, Article] | None = None,
) -> Processed:
    """Run clean, dedupe and cluster over new articles (nothing is stored here).

    An article that cleaning leaves without text (an error page, a video widget) joins no
    story: it is kept, and reported, but a "Page not found" story would only mislead.
    """
    known = known or {}
    prepared = prepare(articles, settings=settings, corpus=corpus, existing=list(known.values()))
    no_text = tuple(article.id for article in prepared if not article.body_text.strip())
    with_text = [article for article in prepared if article.id not in no_text]
    changed = assign_stories(with_text, settings=settings, stories=stories, known=known)
    return Processed(tuple(prepared), tuple(changed), no_text)


def summarize_articles(
    articles: Sequence[Article], *, settings: Settings, words: int | None = None
) -> tuple[SummarySentence, ...]:
    """Summarise articles as one story (cleaning and deduping them first), without storing them."""
    prepared = prepare(articles, settings=settings)
    return summarize_stage.summarize(prepared, settings=settings, words=words)


def build_briefing(
    story: Story,
    articles: Sequence[Article],
    *,
    settings: Settings,
    mentions: MutableMapping[str, Mapping[str, Any]] | None = None,
) -> Briefing:
    """Write the briefing of one story from its prepared articles.

    Args:
        story: the story (its id, headline, first and last seen).
        articles: the story's articles, cleaned and deduped.
        settings: storydesk settings.
        mentions: a parse cache, article id -> its spaCy mentions; the articles missing
            from it are parsed once (shared by quotes and entities) and added to it.

    Returns:
        The Briefing: summary, quotes, entities, timeline and cross-source comparison.
    """
    parsed = parse_mentions(articles, settings=settings, cached=mentions)
    if mentions is not None:
        mentions.update(parsed)
    summary = summarize_stage.summarize(articles, settings=settings)
    quotes = quotes_stage.extract_quotes(articles, settings=settings, mentions=parsed)
    return Briefing(
        story_id=story.id,
        headline=story.headline,
        summary=_checked("summarize", summary, SummarySentence),
        outlets=tuple(sorted({article.outlet for article in articles})),
        article_ids=tuple(article.id for article in articles),
        quotes=quotes,
        entities=entities_stage.extract_entities(articles, settings=settings, mentions=parsed),
        timeline=timeline_stage.build_timeline(articles, settings=settings),
        comparison=_comparison(articles, settings, quotes),
        first_seen=story.first_seen or _edge(articles, min),
        last_seen=story.last_seen or _edge(articles, max),
    )


def parse_mentions(
    articles: Sequence[Article],
    *,
    settings: Settings,
    cached: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Mapping[str, Any]]:
    """Return article id -> spaCy mentions (entities, roles, quotes), parsing only the uncached.

    Quotes and entities both read these, so each article goes through spaCy once per briefing,
    and not at all when the store's cache has it.
    """
    items = entities_stage.load_mentions(articles, settings=settings, cached=cached)
    return {article.id: item for article, item in zip(articles, items, strict=True)}


def _comparison(articles: Sequence[Article], settings: Settings, quotes: tuple) -> Comparison:
    result = compare_stage.compare(articles, settings=settings, quotes=quotes)
    if not isinstance(result, Comparison):
        raise StorydeskError("The compare stage did not return a Comparison.")
    return result


def _edge(
    articles: Sequence[Article], pick: Callable[[list[datetime]], datetime]
) -> datetime | None:
    times = [article.published for article in articles if article.published]
    return pick(times) if times else None


def _check_articles(stage: str, before: Sequence[Article], after: Sequence[Article]) -> None:
    if len(after) != len(before) or any(
        a.id != b.id or a.text != b.text for a, b in zip(before, after, strict=True)
    ):
        raise StorydeskError(
            f"The {stage} stage must return the same articles in the same order, unchanged text."
        )


def _checked(stage: str, items: tuple, kind: type) -> tuple:
    if not all(isinstance(item, kind) for item in items):
        raise StorydeskError(f"The {stage} stage returned something other than {kind.__name__}.")
    return tuple(items)
