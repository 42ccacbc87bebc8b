"""Cheap text features for clustering: word terms, capitalised-name terms and TF-IDF vectors.

No model: a regex tokenizer, a crude plural folding and a capitalised-phrase extractor stand
in for lemmas and named entities, so features run at thousands of articles per second.
Vectors are plain dicts (term -> weight), unit length, which keeps online updates cheap.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.models import Article

Vector = dict[str, float]

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[0-9]{3,}")
# A run of capitalised words (allowing "of", "de" and initials inside), e.g. "Bank of England".
NAME = re.compile(
    r"(?<![\w.])[A-Z][\w'’\-]*[a-z][\w'’\-]*"
    r"(?:(?:\s+|\s+(?:of|de|del|da|van|von|al|bin|the)\s+)[A-Z][\w'’\-]*)*"
)
# A wire dateline opening the body ("ANKARA, Turkey (AP) _ "): a place, not the event.
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Za-z .,'’\-]{1,60}?(?:\([A-Za-z .]{1,20}\))?\s+(?:_|—|–|--?)\s+"
)
SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’]?\s+|\n\s*|[\"“]\s*)$")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    re.findall(
        r"\w+",
        """said says say told according also just like new year years time week monday tuesday
        wednesday thursday friday saturday sunday today yesterday people percent mr mrs ms
        reuters ap nyt photo image getty credit click read share email twitter facebook""",
    )
)
NAME_PREFIX = "@"
# Articles whose term counts are kept between calls: about the open stories of a busy desk.
TERM_CACHE_SIZE = 8192
HONORIFICS = frozenset(re.findall(r"\w+", "mr mrs ms dr sir lord lady dame prof gen sen rep gov"))


def fold(word: str) -> str:
    """Return a lowercase, crudely singular form of a word ("ministers" -> "minister")."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """Return the term of a lowercase word, or "" for a stopword or a short word."""
    return "" if word in STOP_WORDS or len(word) <= 2 else fold(word)


def word_terms(text: str) -> list[str]:
    """Return the content-word terms of a text (stopwords dropped, plurals folded)."""
    terms = (_term(word.lower()) for word in WORD.findall(text))
    return [term for term in terms if term]


def name_terms(text: str) -> list[str]:
    """Return capitalised names not opening a sentence as "@name" terms (a cheap NER).

    A multi-word name gives its whole phrase and its last word, so "Ken Livingstone" and a
    later "Mr Livingstone" share a term. A sentence's first word is dropped (it is
    capitalised whatever it is), so "Ken Livingstone said" at a sentence start gives only
    "@livingstone".
    """
    terms = []
    for match in NAME.finditer(text):
        words = [w.strip("'’-") for w in match.group().split()]
        at_start = match.start() == 0 or SENTENCE_START.search(
            text[max(0, match.start() - 3) : match.start()]
        )
        if at_start:  # a sentence's first word is capitalised anyway: trust only the rest
            words = words[1:]
        words = [w for w in words if w.lower() not in HONORIFICS]
        if not words:
            continue
        folded = [fold(w) for w in words]
        terms.append(NAME_PREFIX + " ".join(folded))
        if len(folded) > 1:
            terms.append(NAME_PREFIX + folded[-1])
    return terms


def article_terms(
    article: Article,
    *,
    title_weight: float,
    name_weight: float,
    lead_terms: int = 0,
    lead_weight: float = 0.0,
) -> Mapping[str, float]:
    """Return weighted term counts of an article's headline and clean body.

    The first `lead_terms` content words of the body (the lead, which in news states the
    event) count `lead_weight` extra each. Counts are cached by article id, text and
    weights, so an article that stays in an open story is not tokenized again on each call;
    the mapping returned is shared and must not be changed.
    """
    body = article.body_text
    weights = (title_weight, name_weight, lead_terms, lead_weight)
    return _article_terms(article.id, article.title, body, weights)


def clear_cache() -> None:
    """Forget the cached term counts (benchmarks time a cold start with it)."""
    _article_terms.cache_clear()


@functools.lru_cache(maxsize=TERM_CACHE_SIZE)
def _article_terms(
    aid: str, title: str, body: str, weights: tuple[float, float, int, float]
) -> dict[str, float]:
    """Count the terms of one article (see article_terms; `aid` keeps articles apart)."""
    title_weight, name_weight, lead_terms, lead_weight = weights
    body = DATELINE.sub("", body, count=1)
    words = word_terms(body)
    counts: dict[str, float] = dict(Counter(words))
    for term in words[:lead_terms] if lead_weight else ():
        counts[term] += lead_weight
    for term in name_terms(body) if name_weight else ():
        counts[term] = counts.get(term, 0.0) + name_weight
    if title:
        for term in word_terms(title):
            counts[term] = counts.get(term, 0.0) + title_weight
        for term in name_terms(title) if name_weight else ():
            counts[term] = counts.get(term, 0.0) + title_weight * name_weight
    return counts


def document_frequencies(docs: Iterable[Mapping[str, float]]) -> tuple[Counter[str], int]:
    """Return how many documents hold each term, and the number of documents."""
    df: Counter[str] = Counter()
    total = 0
    for doc in docs:
        df.update(doc.keys())
        total += 1
    return df, total


def tfidf(
    counts: Mapping[str, float], df: Mapping[str, int], total: int, *, idf_power: float = 1.0
) -> Vector:
    """Return the unit-length sublinear TF-IDF vector of term counts (unseen terms: df 1).

    An `idf_power` above 1 leans harder on rare terms (names, places, one-off nouns),
    which tell two events of one topic apart better than the topic's shared vocabulary.
    """
    vector = {}
    for term, count in counts.items():
        idf = (math.log((1 + total) / (1 + df.get(term, 1))) + 1.0) ** idf_power
        vector[term] = (1.0 + math.log(count)) * idf if count >= 1 else count * idf
    return normalized(vector)


def normalized(vector: Mapping[str, float]) -> Vector:
    """Return the vector scaled to unit length (empty stays empty)."""
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def top_terms(vector: Mapping[str, float], k: int) -> list[str]:
    """Return the k heaviest terms of a vector (ties broken by term; " "-keys are not terms)."""
    ranked = heapq.nsmallest(k, ((-w, t) for t, w in vector.items() if not t.startswith(" ")))
    return [t for _, t in ranked]


def texts_of(articles: Sequence[Article]) -> list[str]:
    """Return each article's headline and clean body as one string."""
    return [f"{a.title}\n{a.body_text}" for a in articles]
