"""Fold near-duplicate articles (wire copy, updated versions, light edits) into copy groups.

Each article becomes a set of hashed word trigrams ("shingles") of its clean text. A sparse
article x shingle matrix times its transpose counts the shingles every pair shares, touching
only pairs that share at least one (an inverted index, in SciPy), never all pairs. Two
articles are copies when the shared shingles cover `settings.dedupe_threshold` of the
smaller one (containment), which tolerates a changed headline and a few reworded or
dropped sentences. A copy points at its group's representative: the earliest article.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import numpy as np
from scipy import sparse

from storydesk.clean import words_of
from storydesk.models import Article, utc
from storydesk.settings import Settings

SHINGLE = 3
# Texts with fewer shingles than this are too short to call copies of anything.
MIN_SHINGLES = 15
# Shingles found in more articles than this are stock phrases: they add cost, not evidence.
MAX_SHINGLE_ARTICLES = 200
# The longer text must share at least this share of itself, so a short brief inside a long
# feature is not called its copy.
MIN_LONGER_SHARE = 0.3
_PRIMES = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


def dedupe(
    articles: Sequence[Article], *, settings: Settings, existing: Sequence[Article] = ()
) -> list[Article]:
    """Set `copy_of` on every article that near-duplicates an existing or earlier one.

    Args:
        articles: new articles, cleaned (their clean text is compared; raw text if unset).
        settings: storydesk settings; `dedupe_threshold` is the containment to fold at.
        existing: stored articles new ones may copy; they always come first in time.

    Returns:
        The new articles in the same order, `copy_of` set to the id of their group's
        representative (the earliest member), or None for originals.
    """
    if not articles:
        return []
    pool = [*existing, *articles]
    order = _time_order(articles, offset=len(existing))
    rank = np.empty(len(pool), dtype=np.int64)
    rank[: len(existing)] = np.arange(len(existing))
    rank[order] = np.arange(len(existing), len(pool))
    pairs = similar_pairs([_grams(a) for a in pool], threshold=settings.dedupe_threshold)
    roots = _roots(pool, pairs, rank, first_new=len(existing))
    return [
        replace(article, copy_of=roots[len(existing) + i]) for i, article in enumerate(articles)
    ]


def shingles(article: Article) -> np.ndarray:
    """Return the sorted unique 64-bit hashes of the article's word trigrams."""
    return np.unique(_grams(article))


def _grams(article: Article) -> np.ndarray:
    """Return the 64-bit hashes of the article's word trigrams, in text order."""
    text = article.body_text
    words = words_of(text)
    if len(words) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    # str hashes vary between runs (PYTHONHASHSEED) but only equality matters here.
    ids = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
    h = ids.view(np.uint64)
    return h[:-2] * _PRIMES[0] + h[1:-1] * _PRIMES[1] + h[2:]


def similar_pairs(sets: Sequence[np.ndarray], *, threshold: float) -> list[tuple[int, int, float]]:
    """Return (i, j, containment) for every pair i < j of shingle sets that are copies.

    A set may repeat a shingle (it counts once). Containment is shared shingles over the
    smaller set's size; the pair must also share MIN_LONGER_SHARE of the larger set.
    """
    if len(sets) < 2 or not sum(len(s) for s in sets):
        return []
    # Identical texts (re-ingested or verbatim wire copies) are compared once: the sparse
    # product grows with the square of how many articles hold a shingle.
    members = _identical(sets)
    matrix, sizes = _incidence([sets[m[0]] for m in members], [len(m) for m in members])
    product = matrix @ matrix.T
    upper = sparse.triu(product, k=1).tocoo()
    alone = np.arange(len(members))
    rows = np.concatenate([upper.row, alone])
    cols = np.concatenate([upper.col, alone])
    shared = np.concatenate([upper.data, product.diagonal()])
    small = np.minimum(sizes[rows], sizes[cols])
    large = np.maximum(sizes[rows], sizes[cols])
    containment = shared / np.maximum(small, 1)
    keep = (
        (small >= MIN_SHINGLES) & (containment >= threshold) & (shared >= MIN_LONGER_SHARE * large)
    )
    pairs = []
    for u, v, c in zip(rows[keep], cols[keep], containment[keep], strict=True):
        pairs.extend(_member_pairs(members[u], members[v], float(c), same=u == v))
    return sorted(pairs)


def _identical(sets: Sequence[np.ndarray]) -> list[list[int]]:
    """Group the indices of identical shingle sequences, groups in order of first index."""
    groups: dict[bytes, list[int]] = {}
    for index, grams in enumerate(sets):
        groups.setdefault(grams.tobytes(), []).append(index)
    return list(groups.values())


def _member_pairs(
    first: list[int], second: list[int], containment: float, *, same: bool
) -> list[tuple[int, int, float]]:
    """Return (i, j, containment), i < j, for every pair of members of two groups."""
    if same:
        return [(i, j, containment) for i, j in itertools.combinations(first, 2)]
    return [(min(i, j), max(i, j), containment) for i in first for j in second]


def _incidence(
    sets: Sequence[np.ndarray], weights: Sequence[int]
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Return the binary set x shingle matrix without over-common shingles, and set sizes.

    Each set stands for `weights` articles when counting the articles that hold a shingle.
    """
    lengths = np.array([len(s) for s in sets], dtype=np.int64)
    rows = np.repeat(np.arange(len(sets)), lengths)
    _, cols = np.unique(np.concatenate(sets), return_inverse=True)
    data = np.ones(len(cols), dtype=np.float32)
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(sets), int(cols.max()) + 1))
    matrix.data[:] = 1  # repeats of a shingle in one article were summed: count them once
    sizes = np.diff(matrix.indptr)
    df = np.bincount(
        matrix.indices,
        weights=np.repeat(np.asarray(weights, dtype=np.float64), sizes),
        minlength=matrix.shape[1],
    )
    matrix.data[df[matrix.indices] > MAX_SHINGLE_ARTICLES] = 0
    matrix.eliminate_zeros()
    return matrix, sizes


def _time_order(articles: Sequence[Article], *, offset: int) -> list[int]:
    """Return pool indices of the new articles, earliest published first (input order ties)."""

    def key(i: int) -> tuple[int, float, int]:
        published = articles[i].published
        if published is None:
            return (1, 0.0, i)
        return (0, _timestamp(published), i)

    return [offset + i for i in sorted(range(len(articles)), key=key)]


def _timestamp(moment: datetime) -> float:
    """Return seconds since the epoch, reading a naive datetime as UTC."""
    return utc(moment).timestamp()


def _roots(
    pool: Sequence[Article],
    pairs: list[tuple[int, int, float]],
    rank: np.ndarray,
    *,
    first_new: int,
) -> list[str | None]:
    """Point each new article at the representative of its best earlier match."""
    best: dict[int, tuple[float, int]] = {}
    for i, j, similarity in pairs:
        later, earlier = (i, j) if rank[i] > rank[j] else (j, i)
        if later >= first_new and similarity > best.get(later, (-1.0, -1))[0]:
            best[later] = (similarity, earlier)
    roots: list[str | None] = [a.copy_of for a in pool]
    for index in sorted(best, key=lambda k: rank[k]):
        earlier = best[index][1]
        roots[index] = roots[earlier] or pool[earlier].id
    for index in range(first_new, len(pool)):
        if index not in best:
            roots[index] = None
    return roots
