"""Story clustering benchmark: B-cubed and pairwise F1 on ../shared/eval/clustering, and speed.

Run: .venv/bin/python benchmarks/cluster.py [--quick]

Each eval file is one stream: articles shuffled with a fixed seed, then stably sorted by
date (undated ones keep the shuffled order), clustered without knowing the number of
stories. DUC 2003 lists nine documents under two stories each: the document is streamed once
and scored with extended B-cubed (Amigo et al. 2009), i.e. it belongs to both gold stories;
pairwise gold pairs are pairs sharing at least one story. Beside our clusterers: TF-IDF +
average-link agglomerative clustering (cosine) with its distance threshold swept.
Speed: a synthetic stream built by repeating the eval articles with shifted dates and new ids.
"""

from __future__ import annotations

import json
import random
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storydesk.cluster import cluster
from storydesk.models import Article, content_id
from storydesk.settings import Settings

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "clustering"
FILES = ("duc2003_tdt.jsonl", "multinews_dev.jsonl")
SEED = 13
BASELINE_THRESHOLDS = tuple(round(0.50 + 0.05 * i, 2) for i in range(10))


@dataclass(frozen=True, slots=True)
class Scores:
    """B-cubed precision, recall, F1 and pairwise F1 of one clustering."""

    precision: float
    recall: float
    f1: float
    pair_f1: float


@dataclass(frozen=True, slots=True)
class Stream:
    """One eval file as an ordered stream of articles and each article's gold stories."""

    name: str
    articles: tuple[Article, ...]
    gold: dict[str, frozenset[str]]


def load_stream(path: Path, *, seed: int = SEED) -> Stream:
    """Read an eval file as a date-ordered stream (one article per document)."""
    by_doc: dict[str, Article] = {}
    gold: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        doc = str(row.get("doc_id") or row["id"])
        if doc not in by_doc:
            by_doc[doc] = _article(row, doc)
        gold[by_doc[doc].id].add(str(row["story_id"]))
    articles = list(by_doc.values())
    random.Random(seed).shuffle(articles)
    articles.sort(key=lambda a: a.published or datetime.max.replace(tzinfo=UTC))
    return Stream(path.stem, tuple(articles), {k: frozenset(v) for k, v in gold.items()})


def _article(row: Mapping[str, object], doc: str) -> Article:
    published = None
    if row.get("date"):
        published = datetime.fromisoformat(str(row["date"])).replace(tzinfo=UTC)
    text, title = str(row["text"]), str(row.get("title") or "")
    return Article(
        id=content_id(doc, text),
        title=title,
        text=text,
        outlet=str(row.get("source") or "unknown"),
        published=published,
        external_id=doc,
    )


def subset(stream: Stream, keep: Callable[[frozenset[str]], bool]) -> Stream:
    """Return the stream restricted to articles whose gold stories pass `keep`."""
    articles = tuple(a for a in stream.articles if keep(stream.gold[a.id]))
    gold = {a.id: stream.gold[a.id] for a in articles}
    return Stream(stream.name, articles, gold)


def score(predicted: Mapping[str, str], gold: Mapping[str, frozenset[str]]) -> Scores:
    """Score a clustering (article -> cluster) with extended B-cubed and pairwise F1."""
    members: dict[str, list[str]] = defaultdict(list)
    for item, label in predicted.items():
        members[label].append(item)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for item, labels in gold.items():
        for label in labels:
            by_gold[label].append(item)
    precision = recall = 0.0
    for item in gold:
        same_cluster = members[predicted[item]]
        related = {other for label in gold[item] for other in by_gold[label]}
        shared = sum(1 for other in same_cluster if gold[item] & gold[other])
        precision += shared / len(same_cluster)
        recall += sum(1 for other in related if predicted[other] == predicted[item]) / len(related)
    precision, recall = precision / len(gold), recall / len(gold)
    return Scores(precision, recall, _f1(precision, recall), _pair_f1(predicted, gold, members))


def _pair_f1(
    predicted: Mapping[str, str],
    gold: Mapping[str, frozenset[str]],
    members: Mapping[str, list[str]],
) -> float:
    items = sorted(gold)
    gold_pairs = sum(1 for i, a in enumerate(items) for b in items[i + 1 :] if gold[a] & gold[b])
    predicted_pairs = sum(len(m) * (len(m) - 1) // 2 for m in members.values())
    both = sum(
        1
        for m in members.values()
        for i, a in enumerate(m)
        for b in m[i + 1 :]
        if gold[a] & gold[b]
    )
    if not both:
        return 0.0
    return _f1(both / predicted_pairs, both / gold_pairs)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run_ours(stream: Stream, settings: Settings) -> dict[str, str]:
    """Cluster a stream in one call; return article id -> story id."""
    stories = cluster(stream.articles, settings=settings)
    return {aid: story.id for story in stories for aid in story.article_ids}


def run_agglomerative(stream: Stream, thresholds: Iterable[float]) -> dict[float, dict[str, str]]:
    """Cluster a stream with TF-IDF + average-link agglomerative clustering per threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title}\n{a.text}" for a in stream.articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    dense = matrix.toarray()
    results = {}
    for threshold in thresholds:
        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
        )
        labels = model.fit_predict(dense)
        results[threshold] = {
            a.id: str(label) for a, label in zip(stream.articles, labels, strict=True)
        }
    return results


def synthetic(streams: Sequence[Stream], size: int) -> list[Article]:
    """Build a date-ordered stream of `size` articles by repeating eval articles, shifted."""
    base = [a for stream in streams for a in stream.articles]
    out: list[Article] = []
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for i in range(size):
        lap, article = divmod(i, len(base))
        source = base[article]
        offset = timedelta(days=90 * lap, seconds=i)
        when = (source.published or start + timedelta(days=article % 60)) + offset
        out.append(replace(source, id=content_id(source.id, str(lap)), published=when))
    out.sort(key=lambda a: a.published or start)
    return out


def speed(
    streams: Sequence[Stream], settings: Settings, sizes: Sequence[int]
) -> list[tuple[int, float, float]]:
    """Return (articles, articles per second, peak MiB) for each stream size."""
    rows = []
    for size in sizes:
        articles = synthetic(streams, size)
        began = time.perf_counter()
        cluster(articles, settings=settings)
        elapsed = time.perf_counter() - began
        tracemalloc.start()
        cluster(articles, settings=settings)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rows.append((size, size / elapsed, peak))
    return rows
