"""Cheap sentence similarity: word tokens, a light stemmer, term vectors and cosine.

No model and no downloaded data, so it runs at ingest speed. The summarizer uses it for
concepts, redundancy and support; compare/quotes may reuse it to align sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.lexicon import JOB_NOUNS

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | {"said", "says", "say", "mr", "mrs", "ms", "s", "t"})

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_VOWEL = re.compile(r"[aeiouy]")


def words(text: str) -> list[str]:
    """Return the lower-cased word tokens of text (possessive 's dropped)."""
    tokens = []
    for match in _WORD.finditer(text):
        token = match.group().lower().replace("’", "'")
        tokens.append(token[:-2] if token.endswith("'s") else token)
    return tokens


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip common English inflections (plural, -ed, -ing, -ly) from a lower-case word."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            return _undouble(base)
    return word


def _undouble(base: str) -> str:
    """Undo a doubled final consonant ("stopp" -> "stop")."""
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeioulsz":
        return base[:-1]
    return base


def terms(text: str) -> list[str]:
    """Return the stemmed content words of text (stop words dropped)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def bigrams(text: str) -> list[tuple[str, str]]:
    """Return the stemmed word bigrams of text, except those made of two stop words."""
    tokens = words(text)
    stems = [stem(w) for w in tokens]
    return [
        (stems[i], stems[i + 1])
        for i in range(len(tokens) - 1)
        if not (tokens[i] in STOP_WORDS and tokens[i + 1] in STOP_WORDS)
    ]


def term_matrix(
    term_lists: Sequence[Iterable[str]],
    *,
    idf: bool = False,
    vocabulary: dict[str, int] | None = None,
) -> sparse.csr_matrix:
    """Return L2-normalised term-count rows (optionally idf-weighted over the rows themselves).

    Args:
        term_lists: one bag of terms per row.
        idf: weight each term by log(rows / (1 + rows containing it)) + 1.
        vocabulary: term -> column; built from term_lists when None (and then extended).

    Returns:
        A CSR matrix with one unit-length row per input (all-zero rows stay zero).
    """
    vocabulary = {} if vocabulary is None else vocabulary
    rows, cols, vals = [], [], []
    for row, bag in enumerate(term_lists):
        for term, count in Counter(bag).items():
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            vals.append(float(count))
    shape = (len(term_lists), max(len(vocabulary), 1))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=shape)
    if idf and matrix.shape[0]:
        df = np.bincount(matrix.indices, minlength=shape[1])
        matrix = matrix @ sparse.diags(np.log(shape[0] / (1.0 + df)) + 1.0)
    return _normalise(sparse.csr_matrix(matrix))


def _normalise(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Scale each row to unit L2 length."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def cosine_matrix(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Return the content-word cosine similarity of every text of a with every text of b."""
    vocabulary: dict[str, int] = {}
    left = term_matrix([terms(t) for t in texts_a], vocabulary=vocabulary)
    right = term_matrix([terms(t) for t in texts_b], vocabulary=vocabulary)
    width = max(left.shape[1], right.shape[1])
    left.resize((left.shape[0], width))
    right.resize((right.shape[0], width))
    return np.asarray((left @ right.T).todense())


def similarity(text_a: str, text_b: str) -> float:
    """Return the content-word cosine similarity of two texts (0 to 1)."""
    return float(cosine_matrix([text_a], [text_b])[0, 0])


_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w.]*\d)")
_COUNTING = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
COUNT_WORDS = {word: value for value, word in enumerate(_COUNTING.split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000,
}  # fmt: skip
# "zero" and "one" are left out of figures: "one of the", "no one" are too often no figure.
_FIGURE_WORDS = {word: value for word, value in COUNT_WORDS.items() if value > 1}


def numbers(text: str) -> frozenset[float]:
    """Return the numbers a sentence states, in digits or words ("Fourteen", "1,800", "2.5")."""
    found = {float(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text)}
    found |= {
        float(_FIGURE_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _FIGURE_WORDS
    }
    return frozenset(found)


def numbers_conflict(text_a: str, text_b: str) -> bool:
    """Tell whether two sentences give different figures: each has a number the other lacks.

    "31 to 24, two abstentions" and "31 to 22, four abstentions" conflict; a sentence that gives
    fewer of the same figures, or none, does not.
    """
    return figures_conflict(numbers(text_a), numbers(text_b))


def figures_conflict(a: frozenset[float], b: frozenset[float]) -> bool:
    """Tell whether two sets of figures conflict: each has one the other lacks."""
    return bool(a and b) and not (a <= b or b <= a)


def shares_a_word(said: str, text: str) -> bool:
    """Tell whether two texts share a content word that is no name, written in lower case on
    one side or the other: "Officials at the National Cyber Resilience Centre believe ..."
    shares only a name with "The National Cyber Resilience Centre said it was supporting the
    trust", and reports nothing of it."""
    shared = set(terms(said)) & set(terms(text))
    lower = " ".join(w for t in (said, text) for w in _unnamed(t.split()) if w.islower())
    return bool(shared & set(terms(lower)))


def _unnamed(split: list[str]) -> list[str]:
    """Return a text's words without the posts that name people and the word before each
    ("the museum's director", "health minister"): a post shared with another text tells of
    the person, not the fact."""
    roles = [bool(found) and found[-1] in JOB_NOUNS for found in map(words, split)]
    return [
        w
        for k, w in enumerate(split)
        if not (roles[k] or (k + 1 < len(split) and roles[k + 1] and w.islower()))
    ]
