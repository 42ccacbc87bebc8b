"""Who said what: direct and indirect quotes with their speakers, merged across outlets.

Each article is parsed once (`mentions.article_mentions`, cacheable per article); this module
puts speakers under the story's canonical names and folds the same words reported by several
outlets (small wording changes, ellipses, other quotation marks) into one `Quote`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.entities import (
    Mentions,
    Names,
    build_names,
    load_mentions,
    looks_personal,
    named_body,
)
from storydesk.lexicon import ORG_NOUNS
from storydesk.models import Article, Quote, Span
from storydesk.settings import Settings

_WORD = re.compile(r"[\w*]+(?:['’][\w]+)*")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*[\"“”‘']?")
SHORT = 4  # quotes shorter than this (in words) merge only when their words match in full
EXACT_WORDS = 8  # quotes shorter than this merge only when every content word is matched


def extract_quotes(
    articles: Sequence[Article],
    *,
    settings: Settings,
    mentions: Mapping[str, Mentions] | None = None,
) -> tuple[Quote, ...]:
    """Return the story's quotes, each with its canonical speaker and every outlet carrying it.

    Args:
        articles: the story's articles (cleaned; junk spans are skipped).
        settings: storydesk settings (spacy_model, quote_merge_threshold).
        mentions: optional cache, article id -> `mentions.article_mentions` result.

    Returns:
        Quotes in order of first appearance; `span` is the first occurrence, `occurrences`
        all of them, `conflicting_speakers` the speakers when outlets disagree on who spoke.
    """
    items = load_mentions(articles, settings=settings, cached=mentions)
    return combine_quotes(articles, items, threshold=settings.quote_merge_threshold)


@dataclass(frozen=True, slots=True)
class _Raw:
    """One quote occurrence in one article, speaker already canonical."""

    article: Article
    start: int
    end: int
    kind: str
    speaker: str | None
    words: tuple[str, ...]


@dataclass
class _Group:
    """Occurrences of the same words across articles."""

    first: _Raw
    members: list[_Raw] = field(default_factory=list)

    def quote(self) -> Quote:
        """Build the merged Quote (majority speaker; all speakers listed when they differ).

        Named speakers win over unnamed sources ("a spokesman"), which never conflict; nor
        does a body ("Police") conflict with one named speaker.
        """
        given = [m.speaker for m in self.members if m.speaker]
        named = [s for s in given if s[:1].isupper()] or given
        speakers = Counter(named)
        order = list(dict.fromkeys(named))
        speaker = self.first.speaker
        if speakers:
            top = max(speakers.values())
            speaker = next(s for s in order if speakers[s] == top)
        first = self.first
        # A body ("Police") and the one named person speaking for it are no conflict.
        persons = sum(_personal(s) for s in order)
        return Quote(
            text=quote_text(first.article.text, first.start, first.end),
            speaker=speaker,
            kind=first.kind,
            span=Span(first.article.id, first.start, first.end),
            outlets=tuple(dict.fromkeys(m.article.outlet for m in self.members)),
            occurrences=tuple(Span(m.article.id, m.start, m.end) for m in self.members),
            conflicting_speakers=tuple(order) if persons > 1 else (),
        )


def _personal(name: str) -> bool:
    """Tell whether a speaker's name is a person's ("Selvane County Council" is a body's)."""
    words = name.split()
    return looks_personal(words) and words[-1].lower() not in ORG_NOUNS


def combine_quotes(
    articles: Sequence[Article], items: Sequence[Mentions], *, threshold: float = 0.75
) -> tuple[Quote, ...]:
    """Canonicalise speakers across the story and merge repeated quotes."""
    names = build_names(items)
    raws = _full_names(
        _one_case(
            [
                raw
                for article, item in zip(articles, items, strict=True)
                for raw in _raws(article, item, names)
            ],
            bodies=list(names.orgs),
        )
    )
    groups: list[_Group] = []
    for raw in raws:
        group = next((g for g in groups if _same(g.first, raw, threshold)), None)
        if group is None:
            group = _Group(raw)
            groups.append(group)
        group.members.append(raw)
    return tuple(group.quote() for group in groups)


def _raws(article: Article, item: Mentions, names: Names) -> list[_Raw]:
    """Turn one article's quote records into occurrences with canonical speakers."""
    raws = []
    for quote in item["quotes"]:
        speaker = quote["speaker"]
        if speaker:
            speaker = names.canonical(speaker, article.id)
        text = article.text[quote["start"] : quote["end"]]
        words = normalise(text)
        if words and not _only_a_time(text):
            raws.append(_Raw(article, quote["start"], quote["end"], quote["kind"], speaker, words))
    return raws


# Words of a quoted time phrase ("from next month", "for the rest of this week at least").
_TIME_PHRASE = """from in for within until by at least the next last this coming some a few several
of rest over not day days week weeks fortnight month months year years hour hours minute minutes
morning afternoon evening night tonight today tomorrow"""
_TIME_WORDS = frozenset(_TIME_PHRASE.split())


def _only_a_time(text: str) -> bool:
    """Tell whether quoted words only say when ("in the next fortnight"): no one's speech."""
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and all(w in _TIME_WORDS for w in words)


def _one_case(raws: list[_Raw], bodies: Sequence[str] = ()) -> list[_Raw]:
    """Write each speaker one way: "police" and "Police" (opening a sentence) are one speaker,
    under the capitalised form; so are a body's description and its name ("county council",
    "Selvane County Council") when the story names one such body (as a speaker or among
    `bodies`, its organisations)."""
    forms: dict[str, Counter[str]] = {}
    for raw in raws:
        if raw.speaker:
            forms.setdefault(raw.speaker.lower(), Counter())[raw.speaker] += 1
    best = {key: max(c, key=lambda f: (f[:1].isupper(), c[f])) for key, c in forms.items()}
    named = list(dict.fromkeys(n for n in [*best.values(), *bodies] if n[:1].isupper()))
    for key, form in best.items():
        if not form[:1].isupper():
            best[key] = named_body(form, named) or form
    return [replace(r, speaker=best[r.speaker.lower()]) if r.speaker else r for r in raws]


def _full_names(raws: list[_Raw]) -> list[_Raw]:
    """Give a speaker named by surname alone ("Ozkul") the full name of the one speaker of
    the story it ends ("Ahmet Ozkul"), where the names table did not (the model may not tag
    the full name as a person)."""
    speakers = {r.speaker for r in raws if r.speaker}
    full: dict[str, set[str]] = {}
    for name in speakers:
        if " " in name and _personal(name):
            full.setdefault(name.split()[-1], set()).add(name)
    named = {
        name: next(iter(full[name]))
        for name in speakers
        if " " not in name and len(full.get(name, ())) == 1
    }
    return [replace(r, speaker=named[r.speaker]) if r.speaker in named else r for r in raws]


def normalise(text: str) -> tuple[str, ...]:
    """Return a quote's word stems, lowercased, without punctuation, marks or ellipses."""
    return tuple(_stem(w.replace("’", "'")) for w in _WORD.findall(text.lower()))


def _stem(word: str) -> str:
    """Strip a common inflection so "supported" and "supporting" compare equal."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def _same(a: _Raw, b: _Raw, threshold: float) -> bool:
    """Tell whether two occurrences carry the same words (allowing edits and ellipses)."""
    if a.kind != b.kind:
        return False
    short, long = sorted((a.words, b.words), key=len)
    if len(short) < SHORT:
        return _contains(long, short) and len(long) < 2 * SHORT
    blocks = SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    if sum(block.size for block in blocks) / len(short) < threshold:
        return False
    if len(short) >= EXACT_WORDS:
        return True
    # A few words with another content word are another remark ("can't depend on miracles"
    # vs "can't rely any longer on miracles"), not an edit of one.
    matched = {i for block in blocks for i in range(block.a, block.a + block.size)}
    return all(w in ENGLISH_STOP_WORDS for i, w in enumerate(short) if i not in matched)


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))


def quote_text(text: str, start: int, end: int) -> str:
    """Return a quote's words as one line (a quote over paragraphs loses its breaks and marks)."""
    return " ".join(_PARAGRAPH_BREAK.sub(" ", text[start:end]).split())


def quote_records(quotes: Sequence[Quote], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Return JSON-ready dicts, one per quote, for `storydesk quotes --format json`.

    Args:
        quotes: merged quotes (from `extract_quotes`).
        articles: the articles their spans point into.

    Returns:
        Dicts with speaker, kind, text, outlets, conflicting_speakers, the first occurrence's
        article_id, external_id, outlet, start, end, and every occurrence likewise.
    """
    by_id = {a.id: a for a in articles}
    records = []
    for quote in quotes:
        record: dict[str, Any] = {
            "speaker": quote.speaker,
            "kind": quote.kind,
            "text": quote.text,
            "outlets": list(quote.outlets),
            "conflicting_speakers": list(quote.conflicting_speakers),
        }
        record.update(_occurrence(quote.span, by_id))
        record["occurrences"] = [_occurrence(span, by_id) for span in quote.occurrences]
        records.append(record)
    return records


def _occurrence(span: Span, by_id: Mapping[str, Article]) -> dict[str, Any]:
    article = by_id.get(span.article_id)
    return {
        "article_id": span.article_id,
        "external_id": article.external_id if article else None,
        "outlet": article.outlet if article else None,
        "start": span.start,
        "end": span.end,
    }
