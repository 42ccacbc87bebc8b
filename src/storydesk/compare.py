"""Compare the outlets of one story: agreed facts, single-source facts, disagreements, coverage.

Facts are aligned cheaply: every substantive sentence (long ones split into clauses) becomes a
TF-IDF vector of stemmed content words, names and numbers, and units of different voices whose
cosine similarity reaches `settings.compare_threshold` report the same thing. A copy group
(`copy_of`) is one voice: its outlets all count as support, but it never corroborates itself.
Disagreements are found where two aligned units differ in one slot only (a number, a date or a
name between identical words), where the same role is held by different people, and where
quotes carry conflicting speakers. Framing lives in `storydesk.framing`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from storydesk.framing import find_framing
from storydesk.models import (
    Article,
    Comparison,
    Coverage,
    Disagreement,
    Fact,
    Quote,
    Span,
    Version,
)
from storydesk.sentences import split_sentences
from storydesk.settings import Settings

MIN_WORDS = 8  # shorter units are captions, bylines or fragments, not facts
MAX_AGREED = 20
MAX_SINGLE_PER_OUTLET = 10
MAX_SLOT_TOKENS = 3  # a disagreement replaces at most this many tokens on each side

_TOKEN = re.compile(r"[$£€]|\d+(?:[.,:]\d+)*%?|\w+(?:['’.-]\w+)*")
_CLAUSE_BREAK = re.compile(
    r"(?:;\s+|\s+[-–—]\s+|,\s+(?=(?:after|before|while|when|during|despite|although|but|as|"
    r"which|who|whose|where|(?:in|of|by) which)\s))"
)


def _words(text: str) -> frozenset[str]:
    """Return the set of whitespace-separated words of a literal word list."""
    return frozenset(text.split())


MONTHS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_SMALL = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty"""
NUMBER_WORDS = {word: str(i) for i, word in enumerate(_SMALL.split())} | {
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000"
}  # fmt: skip
SCALE_WORDS = _words("million millions billion billions trillion percent per cent")
TITLES = _words(
    """mr mrs ms dr prof sir lord lady president prime minister senator sen rep gov governor
    mayor chief officer judge justice king queen prince princess pope general gen col captain
    capt sgt lt det the a an he she it they we i this that these those his her their its in on
    at of for but and or so if as after before when while said says according"""
)
ROLES = _words(
    """host presenter anchor moderator interviewer spokesman spokeswoman spokesperson chairman
    chairwoman chair ceo coach captain manager leader director judge editor referee"""
)
_NAME = r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}"
_ROLE_NAME = re.compile(r"\b(?i:(" + "|".join(sorted(ROLES)) + r"))\s+(" + _NAME + ")")


@dataclass(frozen=True, slots=True)
class Voice:
    """One independent report: an article and the outlets of its copies."""

    article: Article
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence or clause of one voice, with offsets into its article's text."""

    voice: int
    span: Span
    text: str
    position: int


def compare(
    articles: Sequence[Article], *, settings: Settings, quotes: Sequence[Quote] = ()
) -> Comparison:
    """Compare how the outlets of one story report it.

    Args:
        articles: the story's articles, cleaned (`clean_text`/`junk`) and deduped (`copy_of`).
        settings: storydesk settings (`compare_threshold`, `framing_subjectivity`).
        quotes: the story's merged quotes; conflicting speakers become disagreements.

    Returns:
        A Comparison: facts reported by at least two independent outlets (most outlets first),
        facts only one outlet reports (top 10 per outlet by salience), disagreements with both
        versions, each outlet's loaded or evaluative wording, and coverage per outlet.
    """
    voices = group_voices(articles)
    units = [unit for index, voice in enumerate(voices) for unit in split_units(voice, index)]
    sims = similarity_matrix([unit.text for unit in units])
    groups = align(units, sims, settings.compare_threshold)
    agreed, single = _facts(groups, units, voices, sims)
    disagreements = (
        slot_disagreements(units, voices, sims, settings.compare_threshold)
        + role_disagreements(voices)
        + speaker_disagreements(quotes, articles)
    )
    return Comparison(
        agreed=agreed,
        single_source=single,
        disagreements=tuple(disagreements),
        framing=find_framing(articles, settings=settings),
        coverage=coverage(articles),
    )


def group_voices(articles: Sequence[Article]) -> list[Voice]:
    """Fold copy groups into voices: the original (or first copy present) speaks for all."""
    by_id = {article.id: article for article in articles}
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(_root(article, by_id), []).append(article)
    voices = []
    for root, members in groups.items():
        lead = by_id.get(root, members[0])
        outlets = tuple(dict.fromkeys(member.outlet for member in [lead, *members]))
        voices.append(Voice(lead, outlets))
    return voices


def _root(article: Article, by_id: dict[str, Article]) -> str:
    seen = {article.id}
    current = article
    while current.copy_of is not None and current.copy_of not in seen:
        seen.add(current.copy_of)
        if current.copy_of not in by_id:
            return current.copy_of
        current = by_id[current.copy_of]
    return current.id


def split_units(voice: Voice, index: int) -> list[Unit]:
    """Split a voice's sentences into units; long sentences are cut at clause boundaries."""
    article = voice.article
    units: list[Unit] = []
    for sentence in split_sentences(article):
        for start, end in _clauses(article.text, sentence.start, sentence.end):
            text = article.text[start:end]
            if _is_substantive(text):
                units.append(Unit(index, Span(article.id, start, end), text, len(units)))
    return units


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence at clause boundaries when both sides keep enough words."""
    cuts = [start]
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if _word_count(text[cuts[-1] : match.start()]) >= MIN_WORDS and (
            _word_count(text[match.end() : end]) >= MIN_WORDS
        ):
            cuts.append(match.end())
    spans = []
    for left, right in zip(cuts, [*cuts[1:], end], strict=True):
        stop = right
        while stop > left and text[stop - 1] in " ,;-–—":
            stop -= 1
        spans.append((left, stop))
    return spans


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _is_substantive(text: str) -> bool:
    """Keep statements; drop captions, calls to action and fragments."""
    stripped = text.rstrip()
    return _word_count(stripped) >= MIN_WORDS and not stripped.endswith(":")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=65536)
def normalize(token: str) -> str:
    """Return the comparable form of a token: lower-cased, stemmed, number words as digits."""
    low = token.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    if low[:1].isdigit():
        return low.replace(",", "")
    return str(_stemmer().stem(low))


def tokens(text: str) -> list[re.Match[str]]:
    """Return the word, number and currency tokens of text."""
    return list(_TOKEN.finditer(text))


def content_terms(text: str) -> list[str]:
    """Return the normalized content words, names and numbers of a text (for TF-IDF)."""
    terms = []
    for match in tokens(text):
        low = match.group().lower()
        if low in ENGLISH_STOP_WORDS or (len(low) < 2 and not low.isdigit()):
            continue
        terms.append(normalize(match.group()))
    return terms


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Return the TF-IDF cosine similarity of every pair of texts."""
    if not texts:
        return np.zeros((0, 0))
    vectorizer = TfidfVectorizer(analyzer=content_terms, sublinear_tf=True)
    try:
        matrix: csr_matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no terms at all
        return np.zeros((len(texts), len(texts)))
    return np.asarray((matrix @ matrix.T).toarray())


def align(units: Sequence[Unit], sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Group units of different voices that report the same thing (best match per voice)."""
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    voices = np.array([unit.voice for unit in units])
    for i, unit in enumerate(units):
        for voice in set(voices.tolist()) - {unit.voice}:
            others = np.flatnonzero(voices == voice)
            best = others[np.argmax(sims[i, others])]
            if sims[i, best] >= threshold:
                parent[find(i)] = find(int(best))
    groups: dict[int, list[int]] = {}
    for i in range(len(units)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _facts(
    groups: list[list[int]], units: Sequence[Unit], voices: Sequence[Voice], sims: np.ndarray
) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    """Split aligned groups into agreed facts and single-source facts, most salient first."""
    centrality = sims.mean(axis=1) if len(units) else np.zeros(0)
    agreed: list[tuple[float, Fact]] = []
    single: dict[str, list[tuple[float, Fact]]] = {}
    for group in groups:
        members = [units[i] for i in group]
        independent = {voices[u.voice].article.outlet for u in members}
        lead = max(group, key=lambda i: (centrality[i], -units[i].position))
        outlets = tuple(sorted({o for u in members for o in voices[u.voice].outlets}))
        fact = Fact(units[lead].text, units[lead].span, outlets, tuple(u.span for u in members))
        if len(independent) >= 2:
            agreed.append((len(independent) + float(centrality[lead]), fact))
        else:
            unit = units[lead]
            score = float(centrality[lead]) + 1.0 / (1 + unit.position) + _names(unit.text) / 20
            single.setdefault(voices[unit.voice].article.outlet, []).append((score, fact))
    top_agreed = [fact for _, fact in sorted(agreed, key=lambda x: -x[0])[:MAX_AGREED]]
    top_single = [
        fact
        for outlet in sorted(single)
        for _, fact in sorted(single[outlet], key=lambda x: -x[0])[:MAX_SINGLE_PER_OUTLET]
    ]
    return tuple(top_agreed), tuple(top_single)


def _names(text: str) -> int:
    return len(re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", text))


def value_kind(token: str, first: bool) -> str | None:
    """Classify a token as a "number", "date" or "name" value, or None."""
    low = token.lower().rstrip(".")
    if low in MONTHS and token[0].isupper() and low != "may":
        return "date"
    if low in WEEKDAYS or re.fullmatch(r"\d{1,2}:\d\d", low):
        return "date"
    if re.fullmatch(r"(19|20)\d\d", low):
        return "date"
    if low in NUMBER_WORDS or low[:1].isdigit():
        return "number"
    if token[0].isupper() and not first and low not in TITLES and low not in ROLES:
        return "name"
    return None


def slot_disagreements(
    units: Sequence[Unit], voices: Sequence[Voice], sims: np.ndarray, threshold: float
) -> list[Disagreement]:
    """Find aligned units of two voices that differ in one number, date or name slot."""
    found: dict[tuple[str, str, str], Disagreement] = {}
    vocab = [_vocabulary(voice.article) for voice in voices]
    for i, j in zip(*np.nonzero(np.triu(sims, 1) >= threshold), strict=True):
        a, b = units[int(i)], units[int(j)]
        if voices[a.voice].article.outlet == voices[b.voice].article.outlet:
            continue
        for kind, value_a, value_b in _slot_diffs(a.text, b.text):
            if not _contradicts(value_a, value_b, a, b, vocab):
                continue
            low, high = sorted((_norm_value(value_a), _norm_value(value_b)))
            key = (kind, low, high)
            if key in found:
                continue
            found[key] = Disagreement(
                kind,
                _topic(a.text, value_a),
                (
                    Version(value_a, voices[a.voice].outlets, a.span),
                    Version(value_b, voices[b.voice].outlets, b.span),
                ),
            )
    return list(found.values())


def _slot_diffs(text_a: str, text_b: str) -> Iterable[tuple[str, str, str]]:
    """Yield (kind, value in a, value in b) for single-slot replacements between two texts."""
    tok_a, tok_b = tokens(text_a), tokens(text_b)
    norm_a = [normalize(t.group()) for t in tok_a]
    norm_b = [normalize(t.group()) for t in tok_b]
    matcher = SequenceMatcher(None, norm_a, norm_b, autojunk=False)
    opcodes = matcher.get_opcodes()
    for pos, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace" or max(i2 - i1, j2 - j1) > MAX_SLOT_TOKENS:
            continue
        if not _anchored(opcodes, pos, norm_a):
            continue
        kinds_a = {value_kind(t.group(), t.start() == 0) for t in tok_a[i1:i2]}
        kinds_b = {value_kind(t.group(), t.start() == 0) for t in tok_b[j1:j2]}
        for kind in ("date", "number", "name"):
            if kind in kinds_a and kind in kinds_b:
                yield kind, _value(text_a, tok_a, i1, i2), _value(text_b, tok_b, j1, j2)
                break


def _anchored(opcodes: Sequence[tuple[str, int, int, int, int]], pos: int, norm: list[str]) -> bool:
    """Require identical content words right before or after the replaced slot."""
    for near in (pos - 1, pos + 1):
        if 0 <= near < len(opcodes) and opcodes[near][0] == "equal":
            _, i1, i2, _, _ = opcodes[near]
            words = norm[i1:i2]
            if len(words) >= 3 or any(w not in ENGLISH_STOP_WORDS for w in words):
                return True
    return False


def _value(text: str, toks: list[re.Match[str]], i1: int, i2: int) -> str:
    """Return the replaced text, widened to a currency sign or scale word beside it."""
    if i1 > 0 and toks[i1 - 1].group() in "$£€":
        i1 -= 1
    if i2 < len(toks) and toks[i2].group().lower() in SCALE_WORDS:
        i2 += 1
    return text[toks[i1].start() : toks[i2 - 1].end()]


def _norm_value(value: str) -> str:
    return " ".join(normalize(t.group()) for t in tokens(value))


def _vocabulary(article: Article) -> frozenset[str]:
    """Return every normalized token of an article's clean text (to tell omission from conflict)."""
    return frozenset(normalize(t.group()) for t in tokens(article.clean_text or article.text))


def _contradicts(value_a: str, value_b: str, a: Unit, b: Unit, vocab: list[frozenset[str]]) -> bool:
    """Tell a conflict from a paraphrase: one side's value is unknown to the other outlet."""
    terms_a = {normalize(t.group()) for t in tokens(value_a)} - set(ENGLISH_STOP_WORDS)
    terms_b = {normalize(t.group()) for t in tokens(value_b)} - set(ENGLISH_STOP_WORDS)
    if not terms_a or not terms_b or terms_a <= terms_b or terms_b <= terms_a:
        return False
    sent_a = {normalize(t.group()) for t in tokens(a.text)}
    sent_b = {normalize(t.group()) for t in tokens(b.text)}
    a_unknown = not (terms_a & vocab[b.voice]) and not (terms_b & sent_a)
    b_unknown = not (terms_b & vocab[a.voice]) and not (terms_a & sent_b)
    return a_unknown or b_unknown


def _topic(text: str, value: str) -> str:
    """Return a few words around the value: what the disagreement is about."""
    at = text.find(value)
    left = text[:at].split()[-5:] if at >= 0 else []
    right = text[at + len(value) :].split()[:5] if at >= 0 else []
    return " ".join([*left, "…", *right]).strip()


def role_disagreements(voices: Sequence[Voice]) -> list[Disagreement]:
    """Find a role (host, spokesman, ...) that two outlets give to different people."""
    roles: list[dict[str, dict[str, Span]]] = []
    for voice in voices:
        found: dict[str, dict[str, Span]] = {}
        article = voice.article
        for sentence in split_sentences(article):
            for match in _ROLE_NAME.finditer(sentence.text):
                name = match.group(2).strip()
                start = sentence.start + match.start()
                span = Span(article.id, start, sentence.start + match.end())
                found.setdefault(match.group(1).lower(), {}).setdefault(name, span)
        roles.append(found)
    out = []
    for a in range(len(voices)):
        for b in range(a + 1, len(voices)):
            out.extend(_role_conflicts(voices, roles, a, b))
    return out


def _role_conflicts(
    voices: Sequence[Voice], roles: list[dict[str, dict[str, Span]]], a: int, b: int
) -> list[Disagreement]:
    if voices[a].article.outlet == voices[b].article.outlet:
        return []
    out = []
    text_a, text_b = voices[a].article.text, voices[b].article.text
    for role in roles[a].keys() & roles[b].keys():
        names_a, names_b = roles[a][role], roles[b][role]
        if len(names_a) != 1 or len(names_b) != 1:
            continue
        (name_a, span_a), (name_b, span_b) = (
            next(iter(names_a.items())),
            next(iter(names_b.items())),
        )
        if _surname(name_a) in text_b or _surname(name_b) in text_a:
            continue
        versions = (
            Version(name_a, voices[a].outlets, span_a),
            Version(name_b, voices[b].outlets, span_b),
        )
        out.append(Disagreement("name", role, versions))
    return out


def _surname(name: str) -> str:
    return name.split()[-1]


def speaker_disagreements(
    quotes: Sequence[Quote], articles: Sequence[Article]
) -> list[Disagreement]:
    """Turn quotes attributed to different speakers by different outlets into disagreements."""
    by_id = {article.id: article for article in articles}
    out = []
    for quote in quotes:
        if not quote.conflicting_speakers:
            continue
        speakers = [s for s in dict.fromkeys([quote.speaker, *quote.conflicting_speakers]) if s]
        versions = tuple(_speaker_version(name, quote, by_id) for name in speakers)
        if len(versions) >= 2:
            topic = quote.text if len(quote.text) <= 80 else quote.text[:77] + "…"
            out.append(Disagreement("speaker", topic, versions))
    return out


def _speaker_version(name: str, quote: Quote, by_id: dict[str, Article]) -> Version:
    """Find the occurrences of a quote whose surroundings name this speaker."""
    spans = [*quote.occurrences] or [quote.span]
    hits = []
    for span in spans:
        article = by_id.get(span.article_id)
        if article is None:
            continue
        window = article.text[max(0, span.start - 200) : span.end + 200]
        if _surname(name) in window:
            hits.append((article.outlet, span))
    if not hits:
        return Version(name, (), quote.span)
    return Version(name, tuple(dict.fromkeys(o for o, _ in hits)), hits[0][1])


def coverage(articles: Sequence[Article]) -> tuple[Coverage, ...]:
    """Summarise per outlet: articles, words, first and last publication, headlines."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet, []).append(article)
    out = []
    for outlet, items in sorted(by_outlet.items()):
        dates = sorted(a.published for a in items if a.published is not None)
        words = sum(len((a.clean_text or a.text).split()) for a in items)
        headlines = tuple(dict.fromkeys(a.title for a in items if a.title))
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        out.append(Coverage(outlet, len(items), words, first, last, headlines))
    return tuple(out)
