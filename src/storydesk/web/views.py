"""One function builds the data for each view; the HTML page and its JSON twin both use it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from storydesk.desk import Desk
from storydesk.models import Article, Briefing, Span, Story
from storydesk.render.sections import SpeakerQuotes, group_quotes
from storydesk.web.svg import CoverageChart, coverage_chart

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Filters:
    """What the story list was asked for; empty values filter nothing."""

    q: str = ""
    outlet: str = ""
    person: str = ""
    since: date | None = None
    until: date | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of the story list."""

    id: str
    headline: str
    outlets: tuple[str, ...]
    articles: int
    first_seen: datetime | None
    last_seen: datetime | None


@dataclass(frozen=True, slots=True)
class StoryList:
    """The story list page: matching stories (one page of them) and what the filters offer."""

    stories: tuple[StoryRow, ...]
    total: int
    filters: Filters
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What the story page shows of one of its articles."""

    id: str
    title: str
    outlet: str
    published: datetime | None = None
    url: str | None = None
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class StoryView:
    """The story page: the story, its briefing, its articles and the coverage chart.

    `stale` marks a briefing written before the story's latest articles arrived; `pending`
    an empty one, shown while the first briefing of the story is being written.
    """

    story: Story
    briefing: Briefing
    articles: tuple[ArticleRef, ...]
    speakers: tuple[SpeakerQuotes, ...]
    chart: CoverageChart
    stale: bool = False
    pending: bool = False


@dataclass(frozen=True, slots=True)
class ArticleView:
    """The article page: the article as stored (text, junk spans) and its story."""

    article: Article
    story_id: str | None = None
    story_headline: str | None = None
    highlight: Span | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text: plain, dropped as junk (with why) and/or the highlighted passage."""

    text: str
    start: int
    junk: str | None = None
    mark: bool = False
    anchor: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article page as segments."""

    segments: tuple[Segment, ...] = field(default_factory=tuple)


def story_list(desk: Desk, filters: Filters) -> StoryList:
    """Return the stories matching the filters, the most recently active first.

    Args:
        desk: the open database.
        filters: search words, outlet, person and date range; limit/offset pick one page.

    Returns:
        The page of matching stories, how many match in all, and every outlet (for the filter).
    """
    stories = desk.stories()
    outlets = tuple(sorted({outlet for story in stories for outlet in story.outlets}))
    matched = [
        story for story in stories if _in_range(story, filters) and _has_outlet(story, filters)
    ]
    if filters.q or filters.person:
        matched = _text_matches(desk, matched, filters)
    page = matched[filters.offset : filters.offset + filters.limit]
    return StoryList(tuple(_row(story) for story in page), len(matched), filters, outlets)


def _row(story: Story) -> StoryRow:
    return StoryRow(
        story.id,
        story.headline,
        story.outlets,
        len(story.article_ids),
        story.first_seen,
        story.last_seen,
    )


def _in_range(story: Story, filters: Filters) -> bool:
    """Keep stories active during [since, until] (undated stories only when no range is asked)."""
    first, last = story.first_seen or story.last_seen, story.last_seen or story.first_seen
    if first is None or last is None:
        return filters.since is None and filters.until is None
    if filters.since and last.date() < filters.since:
        return False
    return not (filters.until and first.date() > filters.until)


def _has_outlet(story: Story, filters: Filters) -> bool:
    wanted = filters.outlet.strip().casefold()
    return not wanted or any(outlet.casefold() == wanted for outlet in story.outlets)


def _text_matches(desk: Desk, stories: list[Story], filters: Filters) -> list[Story]:
    """Keep stories whose headline or articles hold every search word and the person's name."""
    words = [word.casefold() for word in filters.q.split()]
    person = _phrase_pattern(filters.person)
    ids = [article_id for story in stories for article_id in story.article_ids]
    by_id = {article.id: article for article in desk.store.get_articles(ids)}
    kept = []
    for story in stories:
        articles = [by_id[a] for a in story.article_ids if a in by_id]
        titles = " ".join([story.headline, *(a.title for a in articles)]).casefold()
        bodies = " ".join(a.title + "\n" + a.text for a in articles)
        if all(word in titles or word in bodies.casefold() for word in words) and (
            person is None or person.search(bodies)
        ):
            kept.append(story)
    return kept


def _phrase_pattern(name: str) -> re.Pattern[str] | None:
    """Match a name as whole words, any case, with any whitespace between its parts."""
    parts = [re.escape(part) for part in name.split()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def story_view(
    desk: Desk, ref: str, *, briefing: Briefing | None = None, pending: bool = False
) -> StoryView:
    """Return everything the story page shows.

    Args:
        desk: the open database.
        ref: a story id, merged-away id or unique id prefix.
        briefing: the briefing to show; by default the desk's (written now if not cached).
        pending: mark the view as waiting for its first briefing.

    Returns:
        The story, its briefing (cached by the desk), its articles, quotes by speaker and the
        coverage chart. Raises NotFoundError for an unknown story.
    """
    story = desk.story(ref)
    articles = desk.articles(story.id)
    briefing = briefing or desk.briefing(story.id)
    refs = tuple(
        ArticleRef(a.id, a.title, a.outlet, a.published, a.url, a.copy_of) for a in articles
    )
    speakers = group_quotes(briefing.quotes)
    return StoryView(story, briefing, refs, speakers, coverage_chart(articles), pending=pending)


def article_view(desk: Desk, ref: str, *, highlight: tuple[int, int] | None = None) -> ArticleView:
    """Return the article page's data: the article, its story and the passage to highlight.

    Args:
        desk: the open database.
        ref: an article id, id prefix or external id.
        highlight: a (start, end) range of the article's text to mark; ignored when invalid.

    Returns:
        The ArticleView. Raises NotFoundError for an unknown article.
    """
    article = desk.article(ref)
    story = next((s for s in desk.stories() if article.id in s.article_ids), None)
    span = None
    if highlight and 0 <= highlight[0] < highlight[1] <= len(article.text):
        span = Span(article.id, highlight[0], highlight[1])
    return ArticleView(
        article,
        story.id if story else None,
        story.headline if story else None,
        span,
    )


def paragraphs(article: Article, *, show_junk: bool, highlight: Span | None) -> list[Paragraph]:
    """Cut an article into paragraphs of segments for display.

    Args:
        article: the stored article.
        show_junk: show the dropped junk in place (marked with why), else only the kept text.
        highlight: the passage to mark, if any.

    Returns:
        The paragraphs; offsets of every segment index into `article.text`.
    """
    spans = _line_spans(article.text) if show_junk else article.kept_spans()
    junk = sorted((j.start, j.end, j.reason) for j in article.junk) if show_junk else []
    marked = (highlight.start, highlight.end) if highlight else None
    result = [
        Paragraph(tuple(_segments(article.text, start, end, junk, marked))) for start, end in spans
    ]
    return _with_anchor(result)


def _with_anchor(result: list[Paragraph]) -> list[Paragraph]:
    """Flag the first highlighted segment: the page's #passage anchor."""
    for number, paragraph in enumerate(result):
        for index, segment in enumerate(paragraph.segments):
            if segment.mark:
                segments = list(paragraph.segments)
                segments[index] = replace(segment, anchor=True)
                result[number] = Paragraph(tuple(segments))
                return result
    return result


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def _segments(
    text: str,
    start: int,
    end: int,
    junk: Sequence[tuple[int, int, str]],
    marked: tuple[int, int] | None,
) -> Iterable[Segment]:
    """Split text[start:end] at every junk and highlight boundary."""
    cuts = {start, end}
    for j_start, j_end, _ in junk:
        cuts.update(c for c in (j_start, j_end) if start < c < end)
    if marked:
        cuts.update(c for c in marked if start < c < end)
    points = sorted(cuts)
    for left, right in zip(points, points[1:], strict=False):
        reason = next((r for s, e, r in junk if s <= left and right <= e), None)
        mark = bool(marked and marked[0] <= left and right <= marked[1])
        yield Segment(text[left:right], left, reason, mark)
