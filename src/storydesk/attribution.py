"""Attribution of a summary's sentences: the outlets and spans that carry each, and the
order a reader follows (when the story first carried each sentence).

Another outlet supports a sentence when one of its sentences is alike in words (cosine at
least `support_threshold`), says enough of it and gives no other figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from storydesk.models import Article, Sentence, Span, SummarySentence, report_order
from storydesk.sentences import split_sentences
from storydesk.similarity import cosine_matrix, numbers_conflict, shares_a_word, terms

if TYPE_CHECKING:
    from storydesk.summarize import Pool


def attribute(
    pool: Pool, chosen: Sequence[int], articles: Sequence[Article], threshold: float
) -> tuple[SummarySentence, ...]:
    """Name, for each chosen sentence, the outlets and spans that carry it."""
    others = [(a, s) for a in articles for s in split_sentences(a)]
    texts = [pool.candidates[i].text for i in chosen]
    similar = cosine_matrix(texts, [s.text for _, s in others]) if others else None
    by_id = {a.id: a for a in articles}
    summary = []
    for row, index in enumerate(chosen):
        candidate = pool.candidates[index]
        outlets = {a.outlet for a in pool.voices[candidate.voice]}
        best: dict[str, tuple[float, Sentence]] = {}
        own = set(terms(candidate.text))
        for col, (article, sentence) in enumerate(others):
            score = float(similar[row, col]) if similar is not None else 0.0
            if article.id == candidate.article.id or score < threshold:
                continue
            if not _carries(own, sentence.text, candidate.text):
                continue  # "Ardel Rovers 2 Bransholm City 1" names; it does not report
            if numbers_conflict(candidate.text, sentence.text):
                continue  # "31 to 22" does not support "31 to 24", however alike the words
            if article.id not in best or score > best[article.id][0]:
                best[article.id] = (score, sentence)
        outlets.update(by_id[aid].outlet for aid in best)
        support = tuple(
            Span(s.article_id, s.start, s.end) for _, s in sorted(best.values(), key=_span_key)
        )
        span = Span(candidate.article.id, candidate.start, candidate.end)
        summary.append(SummarySentence(candidate.text, span, tuple(sorted(outlets)), support))
    return _in_story_order(pool, chosen, summary, by_id)


SUPPORT_SHARE = 0.3  # share of a summary sentence's content words a supporting one must give
SUPPORT_WORDS = 3  # and at least this many of them (all but one, for a shorter sentence)


def _carries(own: set[str], text: str, said: str) -> bool:
    """Tell whether a sentence (text) says enough of a summary sentence (said, its content
    words own) to support it: a bare name ("O.J. Simpson.") is alike in words but reports
    nothing, and nor does a scoreline ("Ardel Rovers 2 Bransholm City 1"): some shared word
    must be written in lower case on one side, not a name."""
    shared = own & set(terms(text))
    needed = max(min(SUPPORT_WORDS, len(own) - 1), 1)
    if len(shared) < needed or len(shared) < SUPPORT_SHARE * len(own):
        return False
    return shares_a_word(said, text)


def _in_story_order(
    pool: Pool,
    chosen: Sequence[int],
    summary: Sequence[SummarySentence],
    by_id: dict[str, Article],
) -> tuple[SummarySentence, ...]:
    """Order sentences by when the story first carried them, then by place in that article
    (a date without a time comes after that day's timed reports).

    A lede one outlet ran first and another repeated later comes before a detail of the
    first outlet's; a sentence that leans on the one before it stays right after it.
    """
    first: dict[int, tuple[tuple[bool, date, bool, datetime], int]] = {}
    for index, sentence in zip(chosen, summary, strict=True):
        spans = [sentence.span, *sentence.support]
        first[index] = min((report_order(by_id[x.article_id]), x.start) for x in spans)
    keys = {}
    for index in chosen:
        lead = index
        while pool.candidates[lead].prev in first:
            lead = pool.candidates[lead].prev or 0
        candidate = pool.candidates[index]
        keys[index] = (first[lead], candidate.voice, candidate.position)
    order = sorted(range(len(chosen)), key=lambda k: keys[chosen[k]])
    return tuple(summary[k] for k in order)


def _span_key(item: tuple[float, Sentence]) -> tuple[str, int]:
    return item[1].article_id, item[1].start
