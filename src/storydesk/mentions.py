"""Per-article spaCy analysis for quotes and entities, as plain JSON-ready data.

`article_mentions(article, nlp)` parses an article's kept paragraphs once and returns a dict
of lists (entity mentions, roles, quotes with their speakers as written), so the pipeline
can cache it per article; `quotes.extract_quotes` and `entities.extract_entities` combine
such dicts across a story. Every offset indexes into `Article.text`.

The work is shared out: `quotemarks` finds quoted stretches and paragraphs, `referents`
learns who is who, `speakers` and `reported` attribute direct and reported speech, and
`transcripts` adds the turns of a transcript's speakers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from storydesk.lexicon import clean_name
from storydesk.models import Article
from storydesk.quotemarks import find_quote_spans, paragraph_spans
from storydesk.referents import Referents
from storydesk.speakers import attribute_quotes
from storydesk.transcripts import with_transcript_quotes

VERSION = 23  # bump when the output of article_mentions changes (invalidates caches)
DISABLE = ("lemmatizer",)  # we match inflected speech verbs ourselves; lemmas cost time


def article_mentions(article: Article, nlp: Any) -> dict[str, Any]:
    """Parse one article and return its entity mentions, roles and attributed quotes.

    Args:
        article: the article (its junk, if set, is skipped).
        nlp: a spaCy pipeline with parser and ner (see `storydesk.nlp.load_nlp`).

    Returns:
        A JSON-serialisable dict: article_id, version, entities [[start, end, label, text]],
        roles [[name, role]], descriptions [[text, name]], quotes [{start, end, kind,
        speaker (as written), speaker_type, verb}] — offsets into `article.text`.
    """
    return next(iter(mentions_many([article], nlp)))


def mentions_many(articles: Sequence[Article], nlp: Any) -> Iterator[dict[str, Any]]:
    """Yield `article_mentions` for each article, batching every paragraph through nlp.pipe."""
    spans = [paragraph_spans(article) for article in articles]
    texts = (
        article.text[s:e] for article, paras in zip(articles, spans, strict=True) for s, e in paras
    )
    docs = iter(nlp.pipe(texts, batch_size=64))
    for article, paras in zip(articles, spans, strict=True):
        parsed = [(start, next(docs)) for start, _ in paras]
        yield analyse(article, parsed)


def analyse(article: Article, parsed: list[tuple[int, Any]]) -> dict[str, Any]:
    """Return the mentions of one article from its parsed paragraphs (base offset, doc)."""
    refs = Referents(parsed, [find_quote_spans(doc.text) for _, doc in parsed])
    entities = refs.entities()
    refs.collect_subjects()
    quotes = attribute_quotes(article.text, refs)
    people = Counter(clean_name(text) for _, _, label, text in entities if label == "PERSON")
    persons = [name for name, _ in people.most_common()]
    quotes = with_transcript_quotes(quotes, article.text, article.kept_spans(), persons)
    return {
        "article_id": article.id,
        "version": VERSION,
        "entities": entities,
        "roles": refs.roles,
        "descriptions": refs.descriptions,
        "quotes": quotes,
    }
