"""Attributed extractive multi-document summaries of one story.

Sentences are drawn from every outlet's clean text, selected by a registered backend under a
word budget, ordered by time and position, and each names the outlets that carry it: its own
article's outlet, the outlets of syndicated copies, and outlets with a close paraphrase (see
`storydesk.attribution`). The concept-coverage backends open with the lead of the story's
first report when its time is known to the minute: what happened, as it was first told.

Backends (kind "summarizer"): "ilp.v1" (weighted-bigram coverage solved exactly as an integer
program, Gillick & Favre 2009), "greedy.v1" (the same objective, greedy budgeted submodular
selection), "lexrank.v1" (TF-IDF cosine graph centrality, Erkan & Radev 2004) and "lead.v1"
(the first sentences of each article, round robin).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from storydesk import registry
from storydesk.attribution import attribute
from storydesk.models import Article, Sentence, SummarySentence, report_order, utc
from storydesk.native import quiet_stdout
from storydesk.quotemarks import quotes_balanced
from storydesk.sentences import dateline_end, split_sentences
from storydesk.settings import Settings
from storydesk.similarity import bigrams, cosine_matrix, term_matrix, terms

KIND = "summarizer"
Concept = tuple[str, str]
MIN_WORDS = 6
MAX_WORDS = 80
# Two sentences at or above this content-word cosine say the same thing: never select both.
DUPLICATE = 0.5
ILP_SECONDS = 10.0  # a safety net: solves take < 1 s of CPU; the limit is wall time

# Sentences opening like this lean on the sentence before them for their meaning.
_NEEDS_ANTECEDENT = re.compile(
    r"^[\"'“‘`]*(?:He|She|They|It|His|Her|Their|Its|Him|Them|This|These|Those|That|However|"
    r"But|Also|And|Yet|Still|Meanwhile|Moreover|Furthermore|Instead|Nevertheless|Nonetheless|"
    r"Then|Thus|So|Or|Besides|Otherwise|Likewise|Similarly|Indeed|Such)\b"
)
# "..., he said." names its speaker only through the sentence before; so does "Seventeen others
# died ..." its first count.
_PRONOUN_SOURCE = re.compile(r",[\"'”’]* (?:he|she|they) (?:said|says|added|told \w+)\.?$")
_OTHERS = re.compile(r"^(?:[\w-]+ others|Others|Another)\b")
# A person named by title and surname alone leans on the sentence that gave the full name.
_TITLED_SURNAME = re.compile(r"^[\"'“‘]*(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.? ([A-Z][\w'’-]+)\b")
_FULL_NAME = re.compile(
    r"\b(?!(?:Mr|Mrs|Ms|Miss|Dr|Prof)\b)[A-Z][a-z]+(?: [A-Z]\.)? ([A-Z][\w'’-]+)\b"
)
_JUNK = re.compile(
    r"https?:|www\.|@\w|\bcredit:|\bphoto:|\bimage:|\bpictured:|click|subscribe|newsletter|"
    r"sign up|whatsapp|cookies|all rights reserved|copyright|getty images|\(ap photo|"
    r"advertisement|read more|related:|follow us|staff photographer|send us|hear from you|"
    r"\b\w+\.(?:com|org|net|co\.uk)\b",
    re.IGNORECASE,
)
_CLOSERS = "\"'”’)]`"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may enter the summary, with what selection needs to know about it."""

    article: Article
    voice: int  # index of its copy group (one voice), in time order
    position: int  # sentence index in its article
    start: int
    end: int
    text: str
    words: int
    prev: int | None  # candidate index of the sentence it leans on, when it needs one
    needs_prev: bool


@dataclass(frozen=True, slots=True)
class Pool:
    """What a backend selects from: candidates, voices and the word budget."""

    candidates: tuple[Candidate, ...]
    voices: tuple[tuple[Article, ...], ...]  # representative first, then its copies
    sentences: tuple[tuple[Sentence, ...], ...]  # all clean sentences of each representative
    duplicates: tuple[tuple[int, int], ...]
    budget: int


def summarize(
    articles: Sequence[Article], *, settings: Settings, words: int | None = None
) -> tuple[SummarySentence, ...]:
    """Summarise one story's articles into attributed sentences.

    Args:
        articles: the story's articles, cleaned (clean_text/junk set; an article without
            clean_text counts as wholly kept) and deduped (copy_of set).
        settings: storydesk settings (summarizer backend, summary_words, support_threshold).
        words: word budget; settings.summary_words when None.

    Returns:
        Summary sentences ordered by the time the story first carried them and their place
        in that article, each with its source span and the sorted outlets (with spans) that
        carry it.
    """
    budget = settings.summary_words if words is None else words
    backend = registry.get(KIND, settings.summarizer)
    pool = build_pool(articles, budget=budget)
    if not pool.candidates or budget <= 0:
        return ()
    chosen = _within_budget(pool, backend(pool, settings=settings))
    return attribute(pool, chosen, articles, settings.support_threshold)


def build_pool(articles: Sequence[Article], *, budget: int) -> Pool:
    """Collect the candidate sentences of each voice (copy group) and their duplicates."""
    voices = _voices(articles)
    candidates: list[Candidate] = []
    all_sentences = []
    for voice_index, voice in enumerate(voices):
        sentences = split_sentences(voice[0])
        all_sentences.append(sentences)
        candidates.extend(_candidates(voice[0], voice_index, sentences, offset=len(candidates)))
    if not candidates:
        candidates = _fallback_candidates(voices, all_sentences)
    return Pool(tuple(candidates), voices, tuple(all_sentences), _duplicates(candidates), budget)


def _voices(articles: Sequence[Article]) -> tuple[tuple[Article, ...], ...]:
    """Group copies with their representative; order groups by time, then input order."""
    by_id = {article.id: article for article in articles}
    groups: dict[str, list[Article]] = {}
    ordered = sorted(enumerate(articles), key=lambda pair: (_time_key(pair[1]), pair[0]))
    for _, article in ordered:
        groups.setdefault(_root(article, by_id), []).append(article)
    voices = []
    for root, members in groups.items():
        first = by_id.get(root, members[0])
        voices.append((first, *[m for m in members if m is not first]))
    return tuple(voices)


def _root(article: Article, by_id: dict[str, Article]) -> str:
    """Follow copy_of links (within the given articles) to the representative's id."""
    seen = {article.id}
    current = article
    while current.copy_of and current.copy_of not in seen:
        seen.add(current.copy_of)
        if current.copy_of not in by_id:
            return current.copy_of
        current = by_id[current.copy_of]
    return current.id


def _time_key(article: Article) -> float:
    """Return the publication time as a timestamp (unknown times sort last)."""
    published = article.published
    if published is None:
        return math.inf
    return utc(published).timestamp()


def _candidates(
    article: Article, voice: int, sentences: Sequence[Sentence], *, offset: int
) -> list[Candidate]:
    """Return the readable sentences of one article as candidates.

    A sentence that leans on another (a pronoun opener, a bare quotation: the one before; a
    titled surname, "Mr Aberline will visit ...": the one that gave the full name) is a
    candidate only with that one, and `prev` points to it.
    """
    found: list[Candidate] = []
    last: tuple[int, int] | None = None  # (position, candidate index) of the previous candidate
    introduced: dict[str, int | None] = {}  # surname -> candidate giving the full name
    for sentence in sentences:
        start = dateline_end(article.text, sentence.start, sentence.end)
        text = article.text[start : sentence.end]
        needs_prev = bool(_NEEDS_ANTECEDENT.match(text)) or _bare_quote(text)
        needs_prev = needs_prev or bool(_PRONOUN_SOURCE.search(text) or _OTHERS.match(text))
        prev = last[1] if last and last[0] == sentence.index - 1 else None
        titled = _TITLED_SURNAME.match(text)
        if titled and not needs_prev and titled.group(1) in introduced:
            needs_prev, prev = True, introduced[titled.group(1)]
        keep = _readable(text, article.title) and not (needs_prev and prev is None)
        for surname in _FULL_NAME.findall(text):
            introduced.setdefault(surname, offset + len(found) if keep else None)
        if keep:
            found.append(
                Candidate(
                    article,
                    voice,
                    sentence.index,
                    start,
                    sentence.end,
                    text,
                    len(text.split()),
                    prev if needs_prev else None,
                    needs_prev,
                )
            )
            last = (sentence.index, offset + len(found) - 1)
    return found


def _fallback_candidates(
    voices: Sequence[tuple[Article, ...]], all_sentences: Sequence[Sequence[Sentence]]
) -> list[Candidate]:
    """Return the long enough, whole sentences when none passes all the readability rules."""
    found = []
    for voice, sentences in enumerate(all_sentences):
        for sentence in sentences:
            text = sentence.text
            long_enough = len(text.split()) >= MIN_WORDS and not _JUNK.search(text)
            if long_enough and quotes_balanced(text) and not _NEEDS_ANTECEDENT.match(text):
                found.append(
                    Candidate(
                        voices[voice][0],
                        voice,
                        sentence.index,
                        sentence.start,
                        sentence.end,
                        text,
                        len(text.split()),
                        None,
                        False,
                    )
                )
    return found


def _bare_quote(text: str) -> bool:
    """Tell whether a sentence is one quotation with no speaker: it leans on the one before."""
    body = text.strip()
    if len(body) < 2 or body[0] not in '"“' or body.rstrip(".!?")[-1:] not in '"”':
        return False
    inner = body[1:].rstrip(".!?")[:-1]
    return '"' not in inner and "”" not in inner and "“" not in inner


def _readable(text: str, title: str) -> bool:
    """Tell whether a sentence can stand in a summary (whole, not junk, not a caption)."""
    count = len(text.split())
    # A sentence starts with a capital, a digit or an opening quote; anything else is a fragment.
    starts_well = text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“‘'`("
    if count < MIN_WORDS or count > MAX_WORDS or not starts_well:
        return False
    if text.rstrip(_CLOSERS)[-1:] not in (".", "!", "?"):
        return False
    if text.strip() == title.strip() or _JUNK.search(text):
        return False
    return quotes_balanced(text) and not _headline(text)


def _headline(text: str) -> bool:
    """Tell whether text looks like a headline: shouting, or most words capitalised."""
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) >= 0.5 * len(letters):
        return True
    words = [w for w in text.split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _duplicates(candidates: Sequence[Candidate]) -> tuple[tuple[int, int], ...]:
    """Return the candidate pairs that say the same thing."""
    if len(candidates) < 2:
        return ()
    texts = [c.text for c in candidates]
    similar = np.triu(cosine_matrix(texts, texts) >= DUPLICATE, k=1)
    return tuple((int(i), int(j)) for i, j in zip(*np.nonzero(similar), strict=True))


def _within_budget(pool: Pool, chosen: Sequence[int]) -> list[int]:
    """Return the chosen candidates in summary order, dropping any that overflow the budget."""
    kept: list[int] = []
    total = 0
    for index in dict.fromkeys(chosen):
        candidate = pool.candidates[index]
        if total + candidate.words <= pool.budget:
            kept.append(index)
            total += candidate.words
    return sorted(kept, key=lambda i: (pool.candidates[i].voice, pool.candidates[i].position))


# Concept-coverage backends -------------------------------------------------------------


def concept_weights(
    pool: Pool, *, lead: int = 1, lead_bonus: float = 2.0, min_df: int | None = None
) -> dict[Concept, float]:
    """Weight each bigram by the voices using it, plus lead_bonus per voice leading with it.

    Bigrams of two stop words are not concepts, nor are those used by too few voices (min_df;
    by default 3 of 6+ voices, 2 of 2-5); with a single voice every bigram is.
    """
    df: Counter[Concept] = Counter()
    in_lead: Counter[Concept] = Counter()
    for sentences in pool.sentences:
        seen: set[Concept] = set()
        for sentence in sentences:
            grams = set(bigrams(sentence.text))
            if sentence.index < lead:
                in_lead.update(grams - seen)
            seen |= grams
        df.update(seen)
    voices = len(pool.sentences)
    if min_df is None:
        min_df = 3 if voices >= 6 else 2 if voices >= 2 else 1
    weights = {g: n + lead_bonus * in_lead[g] for g, n in df.items() if n >= min_df}
    return weights or {g: float(n) for g, n in df.items()}


def _coverage(pool: Pool, weights: dict[Concept, float]) -> list[set[Concept]]:
    """Return the concepts each candidate covers."""
    return [set(bigrams(c.text)) & weights.keys() for c in pool.candidates]


@registry.register(KIND, "ilp.v1")
def ilp_summary(
    pool: Pool,
    *,
    settings: Settings,
    position_bonus: float = 1.0,
    **options: Any,
) -> list[int]:
    """Select candidates that maximise weighted concept coverage, exactly, with an ILP.

    Args:
        pool: the candidates, duplicates and word budget.
        settings: storydesk settings (unused; kept for the backend signature).
        position_bonus: value per word of a sentence, divided by 1 + its position.
        options: concept weighting options of `concept_weights`.

    Returns:
        Indices of the selected candidates.
    """
    weights = concept_weights(pool, **options)
    own, shared = _concept_groups(_coverage(pool, weights), weights)
    if not shared and not own.any():
        return _fill(pool, range(len(pool.candidates)))
    result = _solve(pool, own + _sentence_bonus(pool, position_bonus), shared)
    if result is None:
        return greedy_summary(pool, settings=settings, position_bonus=position_bonus, **options)
    return result


def _sentence_bonus(pool: Pool, position_bonus: float) -> np.ndarray:
    """Return each candidate's value beyond its concepts: more the earlier in its article, and
    a value no coverage outweighs for the lead of the story's first report (what happened, as
    it was first told), so the summary opens with it whenever it fits."""
    bonus = np.array([c.words * position_bonus / (1 + c.position) for c in pool.candidates])
    lead = _first_report_lead(pool)
    if lead is not None:
        bonus[lead] += FIRST_REPORT_VALUE
    return bonus


FIRST_REPORT_VALUE = 1000.0  # above any candidate's concept weights
LEAD_SENTENCES = 2  # the first report's lead is among its first sentences (after a subhead)


def _first_report_lead(pool: Pool) -> int | None:
    """Return the candidate that leads the earliest report, when it is known to the minute (a
    date without a time comes after that day's timed reports, and is no sure first), or None."""
    dated = [(report_order(v[0]), i) for i, v in enumerate(pool.voices) if v[0].published]
    if not dated or min(dated)[0][2]:  # the first report is dated to the day only
        return None
    voice = min(dated)[1]
    own = [j for j, c in enumerate(pool.candidates) if c.voice == voice]
    first = min(own, key=lambda j: pool.candidates[j].position, default=None)
    if first is None or pool.candidates[first].position >= LEAD_SENTENCES:
        return None
    return first


def _concept_groups(
    covers: Sequence[set[Concept]], weights: dict[Concept, float]
) -> tuple[np.ndarray, list[tuple[float, tuple[int, ...]]]]:
    """Fold concepts with the same sentences into one; those of one sentence into its value.

    Returns:
        Each candidate's value from concepts only it has, and (weight, candidates) of the
        concepts several candidates share. This shrinks the ILP without changing its optimum.
    """
    users: dict[Concept, list[int]] = {}
    for j, cover in enumerate(covers):
        for concept in cover:
            users.setdefault(concept, []).append(j)
    grouped: dict[tuple[int, ...], list[float]] = {}
    for concept in sorted(users):
        grouped.setdefault(tuple(users[concept]), []).append(weights[concept])
    own = np.zeros(len(covers))
    shared = []
    for js, values in sorted(grouped.items()):
        if len(js) == 1:
            own[js[0]] += math.fsum(values)
        else:
            shared.append((math.fsum(values), js))
    return own, shared


def _solve(
    pool: Pool, value: np.ndarray, shared: list[tuple[float, tuple[int, ...]]]
) -> list[int] | None:
    """Solve the coverage ILP with HiGHS; None when it finds no solution in time.

    Variables: one per candidate (x_j), then one per shared concept group (c_k), binary.
    Maximise value.x + weight.c subject to the word budget, c_k <= sum of its x_j, dangling
    openers (x_j <= x_prev) and duplicates (x_a + x_b <= 1).
    """
    n = len(pool.candidates)
    rows: list[tuple[list[int], list[float], float]] = [
        (list(range(n)), [float(c.words) for c in pool.candidates], float(pool.budget))
    ]
    for k, (_, js) in enumerate(shared):
        rows.append(([n + k, *js], [1.0] + [-1.0] * len(js), 0.0))
    for j, c in enumerate(pool.candidates):
        if c.prev is not None:
            rows.append(([j, c.prev], [1.0, -1.0], 0.0))
    for a, b in pool.duplicates:
        rows.append(([a, b], [1.0, 1.0], 1.0))
    row_ids = [r for r, (cols, _, _) in enumerate(rows) for _ in cols]
    matrix = sparse.csr_matrix(
        (
            [v for _, vals, _ in rows for v in vals],
            (row_ids, [c for cols, _, _ in rows for c in cols]),
        ),
        shape=(len(rows), n + len(shared)),
    )
    objective = -np.concatenate([value, [w for w, _ in shared]])
    with quiet_stdout():  # HiGHS may print a debug line to stdout, even when silent
        result = milp(
            objective,
            constraints=LinearConstraint(matrix, -np.inf, np.array([b for _, _, b in rows])),
            integrality=np.ones(n + len(shared)),
            bounds=Bounds(0, 1),
            options={"time_limit": ILP_SECONDS},
        )
    if result.x is None:
        return None
    return [j for j in range(n) if result.x[j] > 0.5]


@registry.register(KIND, "greedy.v1")
def greedy_summary(
    pool: Pool,
    *,
    settings: Settings,
    position_bonus: float = 1.0,
    **options: Any,
) -> list[int]:
    """Select candidates greedily by weighted concept gain per word (budgeted submodular).

    Args:
        pool: the candidates, duplicates and word budget.
        settings: storydesk settings (unused; kept for the backend signature).
        position_bonus: value per word of a sentence, divided by 1 + its position.
        options: concept weighting options of `concept_weights`.

    Returns:
        Indices of the selected candidates.
    """
    weights = concept_weights(pool, **options)
    covers = _coverage(pool, weights)
    bonus = _sentence_bonus(pool, position_bonus)
    chosen: list[int] = []
    covered: set[Concept] = set()
    while True:
        best, best_gain = None, 0.0
        for j in _feasible(pool, chosen):
            gain = math.fsum([bonus[j], *(weights[g] for g in covers[j] - covered)])
            gain /= pool.candidates[j].words
            if gain > best_gain:
                best, best_gain = j, gain
        if best is None:
            return chosen
        chosen.append(best)
        covered |= covers[best]


def _feasible(pool: Pool, chosen: Sequence[int]) -> list[int]:
    """Return the candidates that may still join the chosen ones."""
    used = sum(pool.candidates[j].words for j in chosen)
    taken = set(chosen)
    blocked = {b for a, b in pool.duplicates if a in taken} | {
        a for a, b in pool.duplicates if b in taken
    }
    return [
        j
        for j, c in enumerate(pool.candidates)
        if j not in taken
        and j not in blocked
        and used + c.words <= pool.budget
        and (c.prev is None or c.prev in taken)
    ]


def _fill(pool: Pool, ranked: Sequence[int] | range) -> list[int]:
    """Take candidates in rank order while they fit, skipping duplicates and dangling ones."""
    chosen: list[int] = []
    for j in ranked:
        if j in _feasible(pool, chosen):
            chosen.append(j)
    return chosen


# Baseline backends -----------------------------------------------------------------------


@registry.register(KIND, "lead.v1")
def lead_summary(pool: Pool, *, settings: Settings) -> list[int]:
    """Select each voice's first sentence in time order, then each second one, and so on.

    Args:
        pool: the candidates, duplicates and word budget.
        settings: storydesk settings (unused; kept for the backend signature).

    Returns:
        Indices of the selected candidates.
    """
    per_voice: dict[int, list[int]] = {}
    for j, candidate in enumerate(pool.candidates):
        per_voice.setdefault(candidate.voice, []).append(j)
    depth = max(len(js) for js in per_voice.values())
    ranked = [js[k] for k in range(depth) for _, js in sorted(per_voice.items()) if k < len(js)]
    return _fill(pool, ranked)


@registry.register(KIND, "lexrank.v1")
def lexrank_summary(
    pool: Pool, *, settings: Settings, threshold: float = 0.1, damping: float = 0.85
) -> list[int]:
    """Select the most central candidates of the TF-IDF cosine graph (LexRank).

    Args:
        pool: the candidates, duplicates and word budget.
        settings: storydesk settings (unused; kept for the backend signature).
        threshold: cosine above which two sentences are linked.
        damping: probability of following a link in the random walk.

    Returns:
        Indices of the selected candidates.
    """
    scores = lexrank_scores([c.text for c in pool.candidates], threshold=threshold, damping=damping)
    ranked = sorted(range(len(scores)), key=lambda j: (-scores[j], j))
    return _fill(pool, ranked)


def lexrank_scores(
    texts: Sequence[str], *, threshold: float = 0.1, damping: float = 0.85
) -> np.ndarray:
    """Return the LexRank centrality of each text by power iteration."""
    vectors = term_matrix([terms(t) for t in texts], idf=True)
    links = np.asarray((vectors @ vectors.T).todense()) > threshold
    degree = links.sum(axis=1, keepdims=True)
    transition = links / np.maximum(degree, 1)
    n = len(texts)
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - damping) / n + damping * (transition.T @ scores)
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores
