"""Data types shared by every stage: frozen, slotted dataclasses and nothing else.

Offsets (`start`, `end`) always index into `Article.text`, the body exactly as ingested,
so every derived item can be traced back to the words an outlet published.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

UNKNOWN_OUTLET = "unknown"


def utc(moment: datetime) -> datetime:
    """Return a datetime with a time zone, reading a naive one as UTC (so all of them compare)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day_only(moment: datetime) -> bool:
    """Tell whether a publication time is a date given without a time (read as midnight)."""
    return (moment.hour, moment.minute) == (0, 0)


def report_order(article: Article) -> tuple[bool, date, bool, datetime]:
    """Order reports by publication: by day, a date without a time after that day's timed
    reports (it is known only to the day), undated ones last."""
    published = utc(article.published) if article.published else datetime.min.replace(tzinfo=UTC)
    return (article.published is None, published.date(), day_only(published), published)


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """Return a stable hex id for the given text parts (same input, same id on every run)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of one article's raw text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Junk:
    """A span of `Article.text` that cleaning dropped, and why (e.g. "call-to-action")."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's report, as ingested, plus what cleaning and dedupe learned about it.

    `text` is the body as ingested (for HTML: the text trafilatura extracted) and is never
    changed; `junk` lists dropped spans of it, and `clean_text` is what remains.
    `copy_of` is the id of the article this one is a near-duplicate of (None if original).
    """

    id: str
    title: str
    text: str
    outlet: str = UNKNOWN_OUTLET
    url: str | None = None
    byline: str | None = None
    published: datetime | None = None
    external_id: str | None = None
    source: str | None = None
    format: str = "text"
    metadata: tuple[tuple[str, str], ...] = ()
    clean_text: str | None = None
    junk: tuple[Junk, ...] = ()
    copy_of: str | None = None

    @property
    def body_text(self) -> str:
        """Return the text later stages read: `clean_text` once cleaned (even if cleaning
        left nothing: a page of junk has no news), else the text as ingested."""
        return self.clean_text if self.clean_text is not None else self.text

    def kept_spans(self) -> tuple[tuple[int, int], ...]:
        """Return the (start, end) paragraph spans of `text` that cleaning kept."""
        dropped = sorted((j.start, j.end) for j in self.junk)
        spans: list[tuple[int, int]] = []
        for para_start, para_end in _paragraph_spans(self.text):
            for start, end in _subtract(para_start, para_end, dropped):
                if self.text[start:end].strip():
                    spans.append(_strip_span(self.text, start, end))
        return tuple(spans)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Split text into non-empty line spans."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if stripped.strip():
            spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def _subtract(start: int, end: int, dropped: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the parts of [start, end) not covered by the dropped spans."""
    parts = []
    cur = start
    for d_start, d_end in dropped:
        if d_end <= cur or d_start >= end:
            continue
        if d_start > cur:
            parts.append((cur, d_start))
        cur = max(cur, d_end)
    if cur < end:
        parts.append((cur, end))
    return parts


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it has no leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one article's clean text, with its offsets into the raw text."""

    article_id: str
    start: int
    end: int
    text: str
    index: int = 0


@dataclass(frozen=True, slots=True)
class Story:
    """A real-world event and its follow-ups: the articles that report it."""

    id: str
    article_ids: tuple[str, ...]
    headline: str = ""
    outlets: tuple[str, ...] = ()
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of a briefing's summary, with where it came from and who supports it."""

    text: str
    span: Span
    outlets: tuple[str, ...]
    support: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, merged across the outlets that carry them."""

    text: str
    speaker: str | None
    kind: str  # "direct" or "indirect"
    span: Span
    outlets: tuple[str, ...] = ()
    occurrences: tuple[Span, ...] = ()
    conflicting_speakers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place under one canonical name."""

    name: str
    label: str  # "PERSON", "ORG", "GPE", "LOC", ...
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    outlets: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated (or relatively dated) event of the story.

    `bound` is the word that makes the date a limit rather than the day of the event, as the
    source writes it ("until", "before", "by", "from", "after", "since"), or "".
    """

    text: str
    span: Span
    when: str  # ISO date when resolved, else the relative expression as written
    resolved: bool
    outlets: tuple[str, ...] = ()
    bound: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement reported by one or more outlets (aligned sentences or clauses).

    `text` is the text at `span`, with "…" where its sentence goes on when it is a clause.
    `speaker` names who said it when the text is a quotation that does not name its speaker
    ("Now we're planning for it every July.").
    """

    text: str
    span: Span
    outlets: tuple[str, ...]
    support: tuple[Span, ...] = ()
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a disagreement: a value, the outlets that give it, and where.

    `published` is when its outlets first published it in the story (None if unknown): a
    figure reported a day later may be an update rather than a contradiction.
    """

    value: str
    outlets: tuple[str, ...]
    span: Span
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """The same fact reported with different values by different outlets."""

    kind: str  # "number", "date", "name", "speaker", ...
    topic: str
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class Framing:
    """A loaded or evaluative expression one outlet used."""

    outlet: str
    term: str
    span: Span
    category: str = "loaded"


@dataclass(frozen=True, slots=True)
class Coverage:
    """How one outlet covered the story."""

    outlet: str
    articles: int
    words: int
    first: datetime | None = None
    last: datetime | None = None
    headlines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the outlets agree on, what only one reports, where they differ, and how."""

    agreed: tuple[Fact, ...] = ()
    single_source: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    framing: tuple[Framing, ...] = ()
    coverage: tuple[Coverage, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything storydesk says about one story."""

    story_id: str
    headline: str
    summary: tuple[SummarySentence, ...]
    outlets: tuple[str, ...]
    article_ids: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    comparison: Comparison = field(default_factory=Comparison)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
