"""Compare the outlets of one story: agreed facts, single-source facts, disagreements, coverage.

Facts are aligned cheaply: every substantive sentence (long ones split into clauses) becomes a
TF-IDF vector of stemmed content words, names and numbers, and units of different voices whose
cosine similarity reaches `settings.compare_threshold` report the same thing. A copy group
(`copy_of`) is one voice: its outlets all count as support, but it never corroborates itself.
Disagreements live in `storydesk.disagreements`, framing in `storydesk.framing`; this module
holds what they share (voices, units, tokens, similarity).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
    utc,
)
from storydesk.quotemarks import find_quote_spans, is_title, quotes_balanced, whole_quotation
from storydesk.sentences import dateline_end, split_sentences
from storydesk.settings import Settings
from storydesk.similarity import COUNT_WORDS, figures_conflict, numbers, shares_a_word

MIN_WORDS = 8  # shorter units are captions, bylines or fragments, not facts
MAX_AGREED = 20
MAX_SINGLE_PER_OUTLET = 10
SINGLE_MARGIN = 0.8  # "only in X" needs every other outlet below this share of the threshold
_TOKEN = re.compile(r"[$£€]|\d+(?:[.,:]\d+)*%?|\w+(?:['’.-]\w+)*")
_CLAUSE_BREAK = re.compile(
    r"(?:;\s+|\s+[-–—]\s+|,\s+(?=(?:after|before|while|when|during|despite|although|but|as|"
    r"which|who|whose|where|(?:in|of|by) which)\s))"
)


# A relative clause closed by a comma and followed by its main clause's verb.
_INSERTED = re.compile(
    r"(?:which|who|whose|where)\s[^,;]{1,100},\s+(?:would|will|has|had|have|is|was|were|are"
    r"|said|says|can|could|should|may|might|must|did|does|do)\b"
)


def word_set(text: str) -> frozenset[str]:
    """Return the set of whitespace-separated words of a literal word list."""
    return frozenset(text.split())


MONTHS = word_set(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_MONTH_ORDER = """january february march april may june july august september october november
    december jan feb mar apr may jun jul aug sep oct nov dec"""
MONTH_NUMBERS = {
    month: f"month{1 + i % 12}"
    for i, month in enumerate(re.findall(r"\w+", _MONTH_ORDER))
    if month != "may"
} | {"sept": "month9"}
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
NUMBER_WORDS = {word: str(value) for word, value in COUNT_WORDS.items()}
SCALE_WORDS = word_set("million millions billion billions trillion percent per cent")


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
    sentence: Span | None = None  # the whole sentence a clause was cut from


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
    units, sims = voice_units(voices)
    near = _apart_on_speakers(units, sims, quotes)
    sims = _apart_on_figures(units, near, voices)
    groups = align(units, sims, settings.compare_threshold)
    agreed, single = _facts(groups, units, voices, (sims, near), settings.compare_threshold)
    if len({voice.article.outlet for voice in voices}) < 2:
        single = ()  # with one independent outlet, "only in X" would say nothing
    return Comparison(
        agreed=_with_speakers(agreed, quotes),
        single_source=_with_speakers(single, quotes),
        disagreements=_disagreements(articles, settings=settings, quotes=quotes),
        framing=find_framing(articles, settings=settings, quotes=quotes),
        coverage=coverage(articles),
    )


def _with_speakers(facts: Sequence[Fact], quotes: Sequence[Quote]) -> tuple[Fact, ...]:
    """Name the speaker of a fact that is a quotation silent on who said it."""
    named = []
    for fact in facts:
        found = _quotes_at(fact.span, quotes)
        speaker = quotes[found[0]].speaker if found else None
        silent = speaker is not None and speaker.split()[-1].lower() not in fact.text.lower()
        named.append(replace(fact, speaker=speaker) if silent else fact)
    return tuple(named)


def _quotes_at(span: Span, quotes: Sequence[Quote]) -> list[int]:
    """Return the indexes of the direct quotes with a known speaker that overlap a span."""
    return [
        k
        for k, quote in enumerate(quotes)
        if quote.kind == "direct"
        and quote.speaker
        and any(
            said.article_id == span.article_id and said.start < span.end and span.start < said.end
            for said in quote.occurrences or (quote.span,)
        )
    ]


def _disagreements(
    articles: Sequence[Article], *, settings: Settings, quotes: Sequence[Quote]
) -> tuple[Disagreement, ...]:
    # Imported here: storydesk.disagreements builds on this module's tokens and voices.
    from storydesk.disagreements import find_disagreements

    return find_disagreements(articles, settings=settings, quotes=quotes)


def voice_units(
    voices: Sequence[Voice], *, clauses: bool = True, min_words: int = MIN_WORDS
) -> tuple[list[Unit], np.ndarray]:
    """Return every voice's units (clauses or whole sentences) and their pairwise similarity."""
    units = [
        unit
        for index, voice in enumerate(voices)
        for unit in split_units(voice, index, clauses=clauses, min_words=min_words)
    ]
    return units, similarity_matrix([unit.text for unit in units])


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


def split_units(
    voice: Voice, index: int, *, clauses: bool = True, min_words: int = MIN_WORDS
) -> list[Unit]:
    """Split a voice's sentences into units; long sentences are cut at clause boundaries."""
    article = voice.article
    units: list[Unit] = []
    for sentence in split_sentences(article):
        begin = dateline_end(article.text, sentence.start, sentence.end)  # not the fact's
        cuts = [(begin, sentence.end)]
        if clauses:
            cuts = _clauses(article.text, begin, sentence.end)
        for start, end in cuts:
            text = article.text[start:end]
            if _is_substantive(text, min_words):
                whole = Span(article.id, begin, sentence.end)
                units.append(Unit(index, Span(article.id, start, end), text, len(units), whole))
    return units


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence at clause boundaries when both sides keep enough words.

    A relative clause set between commas inside the main one ("the council, which owns the
    museum, would commission ...") is no boundary: cutting there parts a subject from its verb.
    """
    cuts = [start]
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if _INSERTED.match(text, match.end(), end):
            continue
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


def _is_substantive(text: str, min_words: int = MIN_WORDS) -> bool:
    """Keep statements; drop captions, calls to action and fragments."""
    stripped = text.rstrip()
    return _word_count(stripped) >= min_words and not stripped.endswith(":")


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
    if low in MONTH_NUMBERS:
        return MONTH_NUMBERS[low]
    if low[:1].isdigit():
        return low.replace(",", "").rstrip("%")
    return str(_stemmer().stem(low))


def word_table(kinds: dict[str, str]) -> dict[str, str]:
    """Return a lookup from each normalized word of the lists to its kind: {"jobs": "jobs
    workers"} gives {"job": "jobs", "worker": "jobs"}."""
    return {normalize(word): kind for kind, words in kinds.items() for word in words.split()}


def tokens(text: str) -> list[re.Match[str]]:
    """Return the word, number and currency tokens of text."""
    return list(_TOKEN.finditer(text))


def content_terms(text: str) -> list[str]:
    """Return the normalized content words, names and numbers of a text (for TF-IDF)."""
    found = []
    for match in tokens(text):
        low = match.group().lower()
        if low in ENGLISH_STOP_WORDS or (len(low) < 2 and not low.isdigit()):
            continue
        found.append(normalize(match.group()))
    return found


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


def _apart_on_figures(
    units: Sequence[Unit], sims: np.ndarray, voices: Sequence[Voice]
) -> np.ndarray:
    """Return the similarities with units that give other figures set apart (no shared fact).

    "31 to 22" and "31 to 24" are the disagreement, not a fact both outlets report. A clause
    that gives no figure counts its sentence's: "the master of the ferry that struck a quay
    wall ... has been stood down" (", which left 17 people injured") does not back "Fourteen
    people were injured when a ferry struck the quay wall".
    """
    figures = [numbers(unit.text) or numbers(_sentence_text(unit, voices)) for unit in units]
    apart = sims.copy()
    for i, j in zip(*np.nonzero(sims > 0.1), strict=True):  # pairs that may align at all
        if i < j and figures_conflict(figures[i], figures[j]):
            apart[i, j] = apart[j, i] = 0.0
    return apart


def _apart_on_speakers(
    units: Sequence[Unit], sims: np.ndarray, quotes: Sequence[Quote]
) -> np.ndarray:
    """Return the similarities with units quoting other people set apart (no shared fact).

    '"We have taken the difficult decisions," she said' (the mayor) and '"They have taken a
    decision about my home," she said' (a resident) share words, not a fact. The same words
    given to two speakers are one quote, and stay together (a disagreement on who said them).
    """
    quoted = [frozenset(_quotes_at(unit.span, quotes)) for unit in units]
    apart = sims.copy()
    for i, j in zip(*np.nonzero(sims > 0.1), strict=True):
        if i < j and quoted[i] and quoted[j] and not quoted[i] & quoted[j]:
            speakers_i = {_surname(quotes[k].speaker) for k in quoted[i]}
            if not speakers_i & {_surname(quotes[k].speaker) for k in quoted[j]}:
                apart[i, j] = apart[j, i] = 0.0
    return apart


def _backs(member: Unit, shown: Unit, voices: Sequence[Voice]) -> bool:
    """Tell whether an aligned unit reports what the shown one says: on more than a name or a
    post ("Officials at the National Cyber Resilience Centre believe ..."), with the count the
    shown unit gives for what both name, and quoting no other words."""
    return (
        shares_a_word(shown.text, member.text)
        and not _count_left_out(shown, member, voices)
        and not _other_words_quoted(shown.text, member.text)
    )


def _count_left_out(shown: Unit, member: Unit, voices: Sequence[Voice]) -> bool:
    """Tell whether a unit names what the shown one counts, without the count: "operations
    would continue to be postponed" reports no "140 planned operations had been postponed"."""
    # Imported here: storydesk.disagree_amounts builds on this module's tokens and voices.
    from storydesk.disagree_amounts import quantities_in

    words = {normalize(t.group()) for t in tokens(member.text)}
    given = numbers(_sentence_text(member, voices))
    return any(
        kind.removeprefix("head:") in words and not numbers(quantity.text) <= given
        for quantity in quantities_in(shown.text)
        for kind in quantity.kinds
        if kind.startswith("head:")
    )


def _other_words_quoted(shown: str, text: str) -> bool:
    """Tell whether two units quote different words: 'would "not be drawn into negotiating
    with criminals"' and 'thanked staff for "an extraordinary effort"' are two things one
    person said, not one fact (a quotation of fewer than two content words tells nothing)."""
    if not (quotes_balanced(shown) and quotes_balanced(text)):
        return False  # a clause cut inside a quotation: its marks pair up wrongly
    quoted = [
        {
            term
            for start, end, closed in find_quote_spans(t)
            if closed and not is_title(t[start:end])
            for term in content_terms(t[start:end])
        }
        for t in (shown, text)
    ]
    return all(len(words) >= 2 for words in quoted) and not quoted[0] & quoted[1]


def _surname(name: str | None) -> str:
    return (name or "").split()[-1].lower() if name else ""


def _sentence_text(unit: Unit, voices: Sequence[Voice]) -> str:
    """Return the whole sentence of a unit (a clause's sentence, or the unit itself)."""
    if unit.sentence is None:
        return unit.text
    return voices[unit.voice].article.text[unit.sentence.start : unit.sentence.end]


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
    groups: list[list[int]],
    units: Sequence[Unit],
    voices: Sequence[Voice],
    similarities: tuple[np.ndarray, np.ndarray],
    threshold: float,
) -> tuple[tuple[Fact, ...], tuple[Fact, ...]]:
    """Split aligned groups into agreed facts and single-source facts, most salient first.

    similarities: units set apart on figures (what aligns), and not (what is near). A unit
    that nearly matches another outlet's (similarity within SINGLE_MARGIN of the threshold,
    whatever its figures) is in neither list: "only in X" must be a safe claim.
    """
    sims, near = similarities
    centrality = sims.mean(axis=1) if len(units) else np.zeros(0)
    outlet = np.array([voices[u.voice].article.outlet for u in units])
    elsewhere = [float(near[i, outlet != outlet[i]].max(initial=0.0)) for i in range(len(units))]
    agreed: list[tuple[float, Fact]] = []
    single: dict[int, float] = {}  # unit -> salience, for units only one outlet reports
    for group in groups:
        # A whole quotation and a whole sentence read better than part of a quotation or a
        # clause ("after comments he made ..."); a clause cut mid-sentence is shown as cut.
        lead = max(
            group,
            key=lambda i: (
                quotes_balanced(units[i].text),
                units[i].text[:1].isupper(),
                centrality[i],
            ),
        )
        # The group is chained ("Seventeen were injured when ..." ~ "the ferry that struck
        # ..." ~ "Fourteen were injured when ..."): an outlet backs the shown unit only when
        # its own unit matches that one (figures that differ set units apart already).
        members = [
            units[i]
            for i in group
            if i == lead or (sims[lead, i] >= threshold and _backs(units[i], units[lead], voices))
        ]
        independent = {voices[u.voice].article.outlet for u in members}
        outlets = tuple(sorted({o for u in members for o in voices[u.voice].outlets}))
        fact = Fact(_shown(units[lead]), units[lead].span, outlets, tuple(u.span for u in members))
        if len(independent) >= 2:
            agreed.append((len(independent) + float(centrality[lead]), fact))
        elif max(elsewhere[i] for i in group) < threshold * SINGLE_MARGIN:
            unit = units[lead]
            score = float(centrality[lead]) + 1.0 / (1 + unit.position) + _names(unit.text) / 20
            single[lead] = score
    top_agreed = [fact for _, fact in sorted(agreed, key=lambda x: -x[0])[:MAX_AGREED]]
    by_outlet: dict[str, list[tuple[float, Fact]]] = {}
    for score, fact in _single_facts(single, units, voices):
        by_outlet.setdefault(fact.outlets[0], []).append((score, fact))
    top_single = [
        fact
        for outlet in sorted(by_outlet)
        for _, fact in sorted(by_outlet[outlet], key=lambda x: -x[0])[:MAX_SINGLE_PER_OUTLET]
    ]
    return tuple(top_agreed), tuple(top_single)


def _single_facts(
    single: dict[int, float], units: Sequence[Unit], voices: Sequence[Voice]
) -> list[tuple[float, Fact]]:
    """Turn single-source units into facts a reader can follow.

    When single-source clauses make up most of their sentence, the whole sentence is the
    fact; a lone clause of a shared sentence is one only if it reads as a sentence ("who
    teaches at ..." does not).
    """
    clauses: dict[Span | None, list[int]] = {}
    for i, unit in enumerate(units):
        clauses.setdefault(unit.sentence, []).append(i)
    facts, done = [], set()
    for i, score in single.items():
        unit, voice = units[i], voices[units[i].voice]
        whole = unit.sentence
        if whole in done:
            continue
        if whole is not None and _mostly_single(clauses[whole], single, units):
            done.add(whole)
            text = voice.article.text[whole.start : whole.end]
            best = max(single.get(j, 0.0) for j in clauses[whole])
            facts.append((best, Fact(text, whole, voice.outlets, (whole,))))
        elif whole is None or _reads_whole(unit.text):
            facts.append((score, Fact(unit.text, unit.span, voice.outlets, (unit.span,))))
    return _whole_quotations(facts, {v.article.id: v.article.text for v in voices})


def _whole_quotations(
    facts: list[tuple[float, Fact]], texts: dict[str, str]
) -> list[tuple[float, Fact]]:
    """Widen each fact to the whole quotations it cuts, and merge facts that then overlap.

    A quotation split into sentences is one fact: alone, its first sentence has no end and
    its last no start (see `quotemarks.whole_quotation`).
    """
    ordered = sorted(facts, key=lambda f: (f[1].span.article_id, f[1].span.start))
    joined: list[tuple[float, Fact]] = []
    for score, fact in ordered:
        text = texts.get(fact.span.article_id, "")
        start, end = whole_quotation(text, fact.span.start, fact.span.end)
        if joined and joined[-1][1].span.article_id == fact.span.article_id:
            last_score, last = joined[-1]
            if start < last.span.end:  # the same quotation as the fact before
                start, end = last.span.start, max(end, last.span.end)
                span = Span(fact.span.article_id, start, end)
                merged = Fact(text[start:end], span, last.outlets, last.support + fact.support)
                joined[-1] = (max(last_score, score), merged)
                continue
        if (start, end) != (fact.span.start, fact.span.end):
            span = Span(fact.span.article_id, start, end)
            fact = Fact(text[start:end], span, fact.outlets, fact.support)
        joined.append((score, fact))
    return joined


def _mostly_single(members: list[int], single: dict[int, float], units: Sequence[Unit]) -> bool:
    """Tell whether the single-source clauses hold at least half of a sentence's words."""
    total = sum(_word_count(units[j].text) for j in members)
    own = sum(_word_count(units[j].text) for j in members if j in single)
    return 2 * own >= total


def _shown(unit: Unit) -> str:
    """Return a unit's text as a reader sees it: a clause cut from its sentence shows "…"
    where the sentence goes on ("… as the company moves production to Valmont.")."""
    text, whole = unit.text, unit.sentence
    if whole is not None and unit.span.end < whole.end and text.rstrip()[-1:] not in ".!?\"”’'":
        text = text.rstrip(" ,;:-–—") + " …"
    if whole is not None and unit.span.start > whole.start and text[:1].islower():
        text = "… " + text
    return text


def _reads_whole(text: str) -> bool:
    """Tell whether a clause reads as a sentence: a capital or quote first, a full stop last."""
    body = text.strip()
    starts = body[:1].isupper() or body[:1] in "\"“‘'"
    return starts and body[-1:] in ".!?\"”’'"


def _names(text: str) -> int:
    return len(re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", text))


def coverage(articles: Sequence[Article]) -> tuple[Coverage, ...]:
    """Summarise per outlet: articles, words, first and last publication, headlines."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet, []).append(article)
    out = []
    for outlet, items in sorted(by_outlet.items()):
        dates = sorted((a.published for a in items if a.published is not None), key=utc)
        words = sum(len(a.body_text.split()) for a in items)
        headlines = tuple(dict.fromkeys(a.title for a in items if a.title))
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        out.append(Coverage(outlet, len(items), words, first, last, headlines))
    return tuple(out)
