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

from storydesk.entity_cues import ORG_LAST
from storydesk.lexicon import clean_name
from storydesk.models import Article
from storydesk.quotemarks import find_quote_spans, paragraph_spans
from storydesk.referents import Referents
from storydesk.speakers import attribute_quotes
from storydesk.transcripts import with_transcript_quotes

VERSION = 24  # bump when the output of article_mentions changes (invalidates caches)
MAX_JOINED = 3  # capitalised words before "and" in a body's name ("the Lowmarsh and ...")
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
    for _, doc in parsed:
        joined_bodies(doc)
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


def joined_bodies(doc: Any) -> None:
    """Make a body's name that joins two words with "and" one entity, where the model tagged
    only its tail: "the Lowmarsh and Ardel Hospitals Trust", "the Arts and Humanities Research
    Council" (a name, after "the", that ends as a body's name does)."""
    from spacy.tokens import Span  # only a parsed doc comes here: spaCy is loaded already

    ents = list(doc.ents)
    for ent in list(ents):
        start = _joined_start(doc, ent)
        if start is not None:
            ents = [e for e in ents if e.end <= start or e.start >= ent.end]
            ents.append(Span(doc, start, ent.end, label="ORG"))
    if len(ents) != len(doc.ents) or any(a != b for a, b in zip(ents, doc.ents, strict=True)):
        doc.ents = sorted(ents, key=lambda e: e.start)


def _joined_start(doc: Any, ent: Any) -> int | None:
    """Return where "the X and <ent>" begins its name (at X), or None."""
    if ent.label_ != "ORG" or ent[-1].lower_ not in ORG_LAST or ent.start < 3:
        return None
    if ent[0].lower_ == "the" or doc[ent.start - 1].lower_ not in ("and", "&"):
        return None  # "the IMF and the World Bank": two bodies
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.pos_ == "NOUN" and after.is_lower:
        return None  # "the Treasury and Postal Service bill": a thing named after two bodies
    k = ent.start - 2
    while k >= 0 and ent.start - 2 - k < MAX_JOINED and _name_word(doc[k]):
        k -= 1
    if k == ent.start - 2 or k < 0 or doc[k].lower_ != "the":
        return None
    return k + 1


def _name_word(token: Any) -> bool:
    """Tell whether a token may open a body's name: a capitalised word other than "The"."""
    return bool(token.is_alpha and token.is_title and token.lower_ != "the")
