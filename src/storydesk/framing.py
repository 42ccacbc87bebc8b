"""Framing: the loaded or evaluative words each outlet chose, against the story's own vocabulary.

Two sources of evidence: TextBlob's subjectivity lexicon of English adjectives (shipped inside
the `textblob` package, no download) and a small packaged list of loaded news words (charged verbs
of saying, counted only as verbs, and dramatising labels) and of descriptive adjectives the
lexicon overrates ("dead", "past", "criminal"). A word counts as one outlet's framing when
that outlet uses it in its own voice (not inside quotation marks, a transcript speaker's
turn or reported speech, where it is a speaker's: "Mr Ferrant said his client was a careful
driver") and not every outlet of the story does (words all outlets share
are the story's neutral vocabulary). Each hit is widened to its phrase: adverbs that modify it
and the noun it describes ("relatively easy time").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from storydesk.mentions import DISABLE as MENTIONS_DISABLE
from storydesk.models import Article, Framing, Quote, Span
from storydesk.nlp import load_nlp
from storydesk.quotemarks import Mark, inside, quoted_stretches
from storydesk.sentences import split_sentences
from storydesk.settings import Settings
from storydesk.transcripts import transcript_turns

MAX_PER_OUTLET = 15
NOT_TAGGING = ("parser", "ner")
DEGREE_WORDS = frozenset(("very", "so", "too", "quite", "rather", "pretty", "fairly", "less"))
LOADED_SCORE = 0.8
PHRASE_BONUS = 0.5
MIN_POLARITY = 0.2  # lexicon words with no polarity in any sense describe, they do not judge
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Verbs that distance the writer from what follows only when a clause follows ("claimed that
# ...", "claimed to have ..."), not as plain reports ("claimed responsibility").
DISTANCING = frozenset(("claim", "admit"))
GRADED = frozenset(("condition", "conditions"))  # nouns a hospital grades (fair, good, ...)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Subjectivity scores of adjectives plus packaged loaded and neutral words."""

    subjective: dict[str, float]
    loaded: frozenset[str]
    neutral: frozenset[str]
    loaded_verbs: frozenset[str] = frozenset()


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
    lists: dict[str, set[str]] = {"loaded": set(), "loaded-verb": set(), "neutral": set()}
    listing = resources.files("storydesk") / "data" / "framing_terms.txt"
    for line in listing.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in lists:
            lists[parts[0]].add(parts[1])
    loaded = frozenset(_stem(word) for word in lists["loaded"])
    verbs = frozenset(_stem(word) for word in lists["loaded-verb"])
    return Lexicon(subjective, loaded | verbs, frozenset(lists["neutral"]), verbs)


def judges(word: str, threshold: float, lexicon: Lexicon | None = None) -> bool:
    """Tell whether a word, read out of its sentence, is loaded or an evaluative adjective
    ("disgraced", "defiant", "famous"; not "former" or "top", which describe)."""
    word, lexicon = word.lower(), lexicon or load_lexicon()
    if word in lexicon.neutral:
        return False
    return _stem(word) in lexicon.loaded or lexicon.subjective.get(word, 0.0) >= threshold


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Return the Porter stem of a word (so "slams" and "slammed" match "slam")."""
    return str(_porter().stem(word.lower()))


@lru_cache(maxsize=1)
def _porter() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def find_framing(
    articles: Sequence[Article], *, settings: Settings, quotes: Sequence[Quote] = ()
) -> tuple[Framing, ...]:
    """Find each outlet's loaded or evaluative wording.

    Args:
        articles: the story's cleaned articles (copies add nothing of their own and are skipped).
        settings: storydesk settings (`spacy_model`, `framing_subjectivity`).
        quotes: the story's quotes; the words of reported speech are the speaker's.

    Returns:
        Framing items, grouped by outlet, strongest first, at most 15 per outlet.
    """
    originals = [a for a in articles if a.copy_of is None] or list(articles)
    if not originals:
        return ()
    lexicon = load_lexicon()
    hits = list(_hits(originals, lexicon, settings, _reported(quotes)))
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


def _reported(quotes: Sequence[Quote]) -> dict[str, list[Mark]]:
    """Return the stretches of reported speech in each article (article id -> marks)."""
    stretches: dict[str, list[Mark]] = {}
    for quote in quotes:
        if quote.kind == "indirect":
            for span in quote.occurrences or (quote.span,):
                stretches.setdefault(span.article_id, []).append((span.start, span.end, True))
    return stretches


def _hits(
    articles: Sequence[Article],
    lexicon: Lexicon,
    settings: Settings,
    reported: dict[str, list[Mark]],
) -> Iterable[tuple[float, str, Framing]]:
    """Yield (score, word, framing) for every loaded or evaluative word in an outlet's voice."""
    # Only sentences with a candidate word outside quotation marks are worth parsing.
    sentences = [
        (a, s)
        for a in articles
        for s in split_sentences(a)
        if _candidate(s.text, lexicon, settings.framing_subjectivity)
    ]
    # Part-of-speech tags are all framing needs: no parser, no entities (several times faster).
    # The pipeline is the one quotes and entities load, so the model loads once per process.
    nlp = load_nlp(settings.spacy_model, disable=MENTIONS_DISABLE)
    docs = nlp.pipe((s.text for _, s in sentences), batch_size=64, disable=list(NOT_TAGGING))
    quoted = {
        a.id: quoted_stretches(a.text) + transcript_turns(a.text) + reported.get(a.id, [])
        for a in articles
    }
    for (article, sentence), doc in zip(sentences, docs, strict=True):
        for token in doc:
            if inside(sentence.start + token.idx, quoted[article.id]):
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


def _candidate(text: str, lexicon: Lexicon, threshold: float) -> bool:
    """Tell cheaply whether a sentence has a word that may be framing (before parsing it)."""
    words = re.findall(r"[a-z][a-z-]+", _QUOTED.sub(" ", text.lower()))
    return any(judges(word, threshold, lexicon) for word in words)


def _score(token: Any, lexicon: Lexicon, threshold: float) -> tuple[float, str] | None:
    """Return (score, category) when the token is loaded or evaluative, else None."""
    word = token.lower_
    if word in lexicon.neutral or token.is_stop or not (token.is_alpha or "-" in word):
        return None
    stem = _stem(word)
    if stem in lexicon.loaded_verbs and token.pos_ != "VERB":
        return None  # "blasts" in a quarry, insurance "claims": literal nouns
    if stem in DISTANCING and not _distances(token):
        return None  # "claimed responsibility", "admitted to hospital": plain report
    if stem in lexicon.loaded:
        return LOADED_SCORE, "loaded"
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ in GRADED:
        return None  # "in fair condition", "in good condition": a hospital's grade
    if token.pos_ == "ADJ" and lexicon.subjective.get(word, 0.0) >= threshold:
        return lexicon.subjective[word], "evaluative"
    return None


def _distances(token: Any) -> bool:
    """Tell whether a verb of saying governs a clause: "claimed that", "claimed to have"."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is None:
        return False
    if after.lower_ == "that":
        return True
    later = doc[token.i + 2] if token.i + 2 < len(doc) else None
    return after.lower_ == "to" and later is not None and later.pos_ in ("VERB", "AUX")


def _degree(word: str) -> bool:
    """Tell whether an adverb grades an adjective ("relatively", "very"), not "all" or "now"."""
    return word.endswith("ly") or word in DEGREE_WORDS


def _phrase(token: Any) -> tuple[int, int]:
    """Return the offsets of an adjective widened to the adverb before it and the noun after."""
    first, last = token, token
    if token.pos_ != "ADJ":
        return token.idx, token.idx + len(token.text)
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.pos_ == "ADV" and _degree(before.lower_):
        first = before
    if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN":
        last = doc[token.i + 1]
    return first.idx, last.idx + len(last.text)
