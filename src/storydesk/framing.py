"""Framing: the loaded or evaluative words each outlet chose, against the story's own vocabulary.

Two sources of evidence: TextBlob's subjectivity lexicon of English adjectives (shipped inside
the `textblob` package, no download) and a small packaged list of loaded news words (charged verbs
of saying, dramatising labels). A word counts as one outlet's framing when that outlet uses it
in its own voice (not inside quotation marks, where it is a speaker's) and not every outlet of the
story does (words all outlets share are the story's neutral vocabulary). Each hit is widened to
its phrase: adverbs that modify it and the noun it describes ("relatively easy time").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from storydesk.models import Article, Framing, Span
from storydesk.nlp import load_nlp
from storydesk.sentences import split_sentences
from storydesk.settings import Settings

MAX_PER_OUTLET = 15
LOADED_SCORE = 0.8
PHRASE_BONUS = 0.5
MIN_POLARITY = 0.2  # lexicon words with no polarity in any sense describe, they do not judge
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Subjectivity scores of adjectives plus packaged loaded and neutral words."""

    subjective: dict[str, float]
    loaded: frozenset[str]
    neutral: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read TextBlob's subjectivity lexicon and storydesk's framing word list (cached)."""
    subjective: dict[str, float] = {}
    try:
        path = resources.files("textblob") / "en" / "en-sentiment.xml"
        root = ET.fromstring(path.read_bytes())
    except (ModuleNotFoundError, FileNotFoundError):  # lexicon absent: packaged list only
        root = ET.Element("sentiment")
    for word in root.iter("word"):
        if word.get("pos", "JJ") != "JJ":
            continue
        form = (word.get("form") or "").lower()
        if abs(float(word.get("polarity", "0"))) >= MIN_POLARITY:
            score = float(word.get("subjectivity", "0"))
            subjective[form] = max(subjective.get(form, 0.0), score)
    lists: dict[str, set[str]] = {"loaded": set(), "neutral": set()}
    listing = resources.files("storydesk") / "data" / "framing_terms.txt"
    for line in listing.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in lists:
            lists[parts[0]].add(parts[1])
    loaded = frozenset(_stem(word) for word in lists["loaded"])
    return Lexicon(subjective, loaded, frozenset(lists["neutral"]))


def _stem(word: str) -> str:
    """Return the Porter stem of a word (so "slams" and "slammed" match "slam")."""
    from nltk.stem.porter import PorterStemmer

    return str(PorterStemmer().stem(word.lower()))


def find_framing(articles: Sequence[Article], *, settings: Settings) -> tuple[Framing, ...]:
    """Find each outlet's loaded or evaluative wording.

    Args:
        articles: the story's cleaned articles (copies add nothing of their own and are skipped).
        settings: storydesk settings (`spacy_model`, `framing_subjectivity`).

    Returns:
        Framing items, grouped by outlet, strongest first, at most 15 per outlet.
    """
    originals = [a for a in articles if a.copy_of is None] or list(articles)
    if not originals:
        return ()
    lexicon = load_lexicon()
    hits = list(_hits(originals, lexicon, settings))
    shared = _shared_words(hits, {a.outlet for a in originals})
    best: dict[tuple[str, str], tuple[float, Framing]] = {}
    for score, word, framing in hits:
        key = (framing.outlet, _stem(word))
        if word in shared or key in best:
            continue
        best[key] = (score, framing)
    out: list[Framing] = []
    for outlet in sorted({outlet for outlet, _ in best}):
        ranked = sorted((v for k, v in best.items() if k[0] == outlet), key=lambda v: -v[0])
        out.extend(framing for _, framing in ranked[:MAX_PER_OUTLET])
    return tuple(out)


def _shared_words(hits: list[tuple[float, str, Framing]], outlets: set[str]) -> set[str]:
    """Return the framing words every outlet uses: the story's own vocabulary."""
    if len(outlets) < 2:
        return set()
    users: dict[str, set[str]] = {}
    for _, word, framing in hits:
        users.setdefault(word, set()).add(framing.outlet)
    return {word for word, who in users.items() if who >= outlets}


def _hits(
    articles: Sequence[Article], lexicon: Lexicon, settings: Settings
) -> Iterable[tuple[float, str, Framing]]:
    """Yield (score, word, framing) for every loaded or evaluative word in an outlet's voice."""
    sentences = [(a, s) for a in articles for s in split_sentences(a)]
    nlp = load_nlp(settings.spacy_model)
    docs = nlp.pipe((s.text for _, s in sentences), batch_size=64)
    for (article, sentence), doc in zip(sentences, docs, strict=True):
        quoted = [m.span() for m in _QUOTED.finditer(sentence.text)]
        for token in doc:
            if any(start <= token.idx < end for start, end in quoted):
                continue
            found = _score(token, lexicon, settings.framing_subjectivity)
            if found is None:
                continue
            score, category = found
            left, right = _phrase(token)
            span = Span(article.id, sentence.start + left, sentence.start + right)
            term = sentence.text[left:right]
            # An outlet's own characterisation ("tame interview") outranks a lone word.
            score += PHRASE_BONUS * (" " in term)
            yield score, token.lower_, Framing(article.outlet, term, span, category)


def _score(token: Any, lexicon: Lexicon, threshold: float) -> tuple[float, str] | None:
    """Return (score, category) when the token is loaded or evaluative, else None."""
    word = token.lower_
    if word in lexicon.neutral or token.is_stop or not (token.is_alpha or "-" in word):
        return None
    if _stem(word) in lexicon.loaded:
        return LOADED_SCORE, "loaded"
    if token.pos_ == "ADJ" and lexicon.subjective.get(word, 0.0) >= threshold:
        return lexicon.subjective[word], "evaluative"
    return None


def _phrase(token: Any) -> tuple[int, int]:
    """Return the offsets of the token widened to its modifying adverbs and described noun."""
    first, last = token, token
    if token.pos_ != "ADJ":
        return token.idx, token.idx + len(token.text)
    for child in token.lefts:
        if child.dep_ == "advmod" and child.i == first.i - 1:
            first = child
    head = token.head
    if token.dep_ == "amod" and head.i > token.i and head.i - token.i <= 2 and head.pos_ == "NOUN":
        last = head
    return first.idx, last.idx + len(last.text)
