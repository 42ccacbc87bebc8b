"""Disagreements: the same fact reported with different numbers, dates, names or speakers.

Cheap detectors (no model), each keeping both versions with their outlets and spans:
- slots (judged here, found by `storydesk.slots`): two similar sentences of different
  outlets (TF-IDF cosine >= `compare_threshold`) that fill one slot differently: a short
  replaced stretch between identical words (found with difflib), a value beside the same
  content word or partner name ("Katie Holmes" vs "Katie Smith", "Greig and Christian"), the
  one amount of a sort each sentence gives ("a $325 million prize" vs "a jackpot of $656
  million"), in very similar sentences the one year, month or weekday beyond those both give,
  or a slot of two quotations once one's attribution is cut. Guards drop roundings
  ("5.6" ~ "5.58"), hedged amounts ("north of 50 percent"), abbreviations ("UK" ~ "United
  Kingdom"), spellings, organisation words, reordered values, days of reporting ("said
  Monday") and values the other outlet also gives; a name outside a tight slot must replace
  a person both outlets name by someone the other outlet never mentions;
- ages, roles and speakers (`storydesk.disagree_people`): a person two outlets give
  different ages, a role given to different people, first names a letter apart ("Eleni" vs
  "Elena Marchetti"), one quotation put in different mouths;
- reworded counts and event dates (`storydesk.disagree_amounts`): sentences paired on what
  a number counts ("14 people were injured" vs "left 17 people hurt") or on an event verb.
Wire datelines are cut from sentences before they are aligned.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.compare import (
    SCALE_WORDS,
    WEEKDAYS,
    Unit,
    Voice,
    group_voices,
    normalize,
    similarity_matrix,
    tokens,
    voice_units,
)
from storydesk.disagree_amounts import (
    amount_disagreements,
    date_types,
    hedged_alike,
    in_number_range,
    in_span,
    is_age,
    parts_differ,
    rounded_alike,
    without_datelines,
)
from storydesk.disagree_people import (
    PERSON_KINDS,
    age_disagreements,
    common_words,
    distinct_names,
    name_variant_disagreements,
    plausible_people,
    quoted_speaker_disagreements,
    role_disagreements,
    same_person_slot,
    speaker_disagreements,
    speaker_slots,
    surnames,
)
from storydesk.measures import CONVERSION, across_units, restated_slots
from storydesk.models import Article, Disagreement, Quote, Span, Version, utc
from storydesk.settings import Settings
from storydesk.slots import (
    Slot,
    duration_unit,
    keyed_amounts,
    neighbour_slots,
    quotation_of,
    quotation_slots,
    sole_amounts,
    sole_dates,
    two_way_slots,
)

LOOSE_MARGIN = 0.2  # sentences this much above the threshold need no tight slot
# Two numbers conflict only in sentences this much above the threshold: loosely similar
# sentences that give different numbers mostly count different things ("China won 137 of 337
# gold medals" vs "Chinese women swimmers won 12 of the 16 golds").
NUMBER_MARGIN = 0.1
# A number in a loose slot conflicts only when neither outlet gives the other's number.
BOTH_UNKNOWN = True

MIN_SLOT_WORDS = 2  # short sentences still carry names and numbers ("His name is Ann Lee.")


def find_disagreements(
    articles: Sequence[Article], *, settings: Settings, quotes: Sequence[Quote] = ()
) -> tuple[Disagreement, ...]:
    """Find only the disagreements between the outlets of one story (see `compare`).

    Args:
        articles: the story's articles, cleaned and deduped.
        settings: storydesk settings (`compare_threshold`).
        quotes: the story's merged quotes.

    Returns:
        Number, date and name disagreements, then conflicting speakers.
    """
    voices = group_voices(articles)
    units, sims = voice_units(voices, clauses=False, min_words=MIN_SLOT_WORDS)
    cut = without_datelines(units)
    if cut != units:
        units, sims = cut, similarity_matrix([unit.text for unit in cut])
    common = common_words([voice.article for voice in voices])
    found = plausible_people(
        slot_disagreements(units, voices, sims, settings.compare_threshold, common)
        + quoted_speaker_disagreements(units, voices, sims, settings.compare_threshold),
        voices,
    )
    found += amount_disagreements(units, voices, sims, settings.compare_threshold)
    found += age_disagreements(voices) + role_disagreements(voices)
    found += name_variant_disagreements(voices)
    found += plausible_people(speaker_disagreements(quotes, articles, common), voices)
    # Two detectors, or two pairs of outlets, may find the same conflict (an age in a tight
    # slot, a quoted speaker; "17" in two outlets against "12" in a third): one entry, with
    # every outlet on the side of the value it gives.
    unique: dict[tuple[bool, frozenset[str]], Disagreement] = {}
    for found_one in _without_speaker_twins(found):
        speaker = found_one.kind == "speaker"
        key = (speaker, frozenset(_value_key(v.value, speaker) for v in found_one.versions))
        if key in unique:
            found_one = _fuller(found_one, unique[key]) if speaker else found_one
            found_one = _with_outlets(found_one, unique[key])
        unique[key] = found_one
    return tuple(_dated(found_one, articles) for found_one in unique.values())


def _value_key(value: str, speaker: bool) -> str:
    """Return what makes two versions one value: its normalized words; for a speaker, the
    surname ("Delynn" and "Dallas Delynn" speak for one side of one conflict)."""
    words = _norm_value(value)
    return words.split()[-1] if speaker and words else words


def _fuller(found: Disagreement, earlier: Disagreement) -> Disagreement:
    """Return the one of two finds of a speaker conflict that gives the fuller names."""
    length = len("".join(v.value for v in found.versions))
    return found if length >= len("".join(v.value for v in earlier.versions)) else earlier


def _without_speaker_twins(found: list[Disagreement]) -> list[Disagreement]:
    """Drop a name conflict that is a speaker conflict of the same two sentences.

    '"Like, how can they do that?" says Delynn' against '... says Swonger' is one conflict, over
    who said it, not a second one over a name; the same two names in other sentences ("Delynn
    was charged" vs "Swonger was charged") are another fact and stay.
    """

    def values_and_spans(one: Disagreement) -> tuple[frozenset[str], frozenset[Span]]:
        values = frozenset(_norm_value(v.value) for v in one.versions)
        return values, frozenset(v.span for v in one.versions)

    spoken = {values_and_spans(one) for one in found if one.kind == "speaker"}
    return [one for one in found if one.kind == "speaker" or values_and_spans(one) not in spoken]


def _dated(found: Disagreement, articles: Sequence[Article]) -> Disagreement:
    """Stamp each version with when its outlets first published it in the story (the
    earliest of their articles; unknown if any of them has no date)."""
    versions = []
    for version in found.versions:
        own = [a for a in articles if a.outlet in version.outlets]
        times = [a.published for a in own if a.published is not None]
        first = min(times, key=utc) if times and len(times) == len(own) else None
        versions.append(replace(version, published=first))
    return replace(found, versions=tuple(versions))


def slot_disagreements(
    units: Sequence[Unit],
    voices: Sequence[Voice],
    sims: np.ndarray,
    threshold: float,
    common: frozenset[str],
) -> list[Disagreement]:
    """Find aligned units of two voices that differ in one number, date or name slot.

    `common` holds the story's words that are no names (`common_words`).
    """
    found: dict[tuple[str, str, str], Disagreement] = {}
    known = Known(
        tuple(_vocabulary(voice.article) for voice in voices),
        common,
        frozenset(w for voice in voices for w in surnames(voice.article)),
    )
    quoted = quotation_similarity(units)
    for i, j in zip(*np.nonzero(np.triu(np.maximum(sims, quoted), 1) >= threshold), strict=True):
        a, b = units[int(i)], units[int(j)]
        if voices[a.voice].article.outlet == voices[b.voice].article.outlet:
            continue
        strong = sims[i, j] >= threshold + LOOSE_MARGIN
        numbers = sims[i, j] >= threshold + NUMBER_MARGIN
        compared = dict(quotation_slots(a, b))
        if sims[i, j] >= threshold:  # not aligned on their quotations alone
            compared = {**_sentence_slots(a, b, strong), **compared}
        taken: list[tuple[str, str]] = []
        apart_units = across_units(a.text, b.text)
        # Longest values first, so "Ellison" is not reported again inside "Mark Ellison".
        for (kind, value_a, value_b, tight), sides in sorted(
            compared.items(), key=lambda c: -len(c[0][1]) - len(c[0][2])
        ):
            if any(value_a in x and value_b in y for x, y in taken):
                continue
            if (value_a, value_b) in apart_units:
                continue  # "500 kilometers (300 miles)" and "300 miles (480 kilometers)"
            if kind == "number" and not numbers:
                continue
            if not _contradicts(kind, (value_a, value_b), tight or strong, sides, known):
                continue
            taken.append((value_a, value_b))
            low, high = sorted((_norm_value(value_a), _norm_value(value_b)))
            pair = Disagreement(
                kind,
                _topic(a.text, value_a),
                (
                    Version(value_a, voices[a.voice].outlets, a.span),
                    Version(value_b, voices[b.voice].outlets, b.span),
                ),
            )
            earlier = found.get((kind, low, high))
            found[kind, low, high] = pair if earlier is None else _with_outlets(earlier, pair)
    return list(found.values())


def _sentence_slots(a: Unit, b: Unit, strong: bool) -> dict[Slot, tuple[Unit, Unit]]:
    """Return the slots of two aligned sentences, each with the sentences to check it in."""
    text_a, text_b = CONVERSION.sub("", a.text), CONVERSION.sub("", b.text)
    both = [
        *two_way_slots(text_a, text_b),
        *neighbour_slots(text_a, text_b),
        *sole_amounts(text_a, text_b),
        *keyed_amounts(text_a, text_b),
        *speaker_slots(text_a, text_b),
        *restated_slots(a.text, b.text),
    ]
    if strong:  # very similar sentences: their one differing date is the same date
        both.extend(sole_dates(a.text, b.text))
    return dict.fromkeys(both, (a, b))


def quotation_similarity(units: Sequence[Unit]) -> np.ndarray:
    """Return the similarity of units' quotations without the attribution after them.

    '"They are releasing the drug to Josh!" wrote Aimee Hardy, Josh's mom, on her Facebook
    page' and '"They are releasing the drug for Ben!"' share their quotation but fall below
    the threshold as whole sentences. Pairs where neither sentence has such an attribution
    score 0 (their sentence similarity holds).
    """
    texts = [quotation_of(unit.text) for unit in units]
    cut = np.array([text != unit.text for unit, text in zip(units, texts, strict=True)])
    if not cut.any():
        return np.zeros((len(units), len(units)))
    return similarity_matrix(texts) * (cut[:, None] | cut[None, :])


def _with_outlets(found: Disagreement, earlier: Disagreement) -> Disagreement:
    """Add an earlier find's outlets to the versions giving their value (one side each)."""
    speaker = found.kind == "speaker"
    also: dict[str, tuple[str, ...]] = {}
    for version in earlier.versions:
        key = _value_key(version.value, speaker)
        also[key] = also.get(key, ()) + version.outlets
    sides = [set(v.outlets) for v in found.versions]
    versions = []
    for version, own in zip(found.versions, sides, strict=True):
        others = set().union(*(side for side in sides if side is not own))
        extra = [o for o in also.get(_value_key(version.value, speaker), ()) if o not in others]
        versions.append(
            replace(version, outlets=tuple(dict.fromkeys(version.outlets + tuple(extra))))
        )
    return replace(found, versions=tuple(versions))


def _norm_value(value: str) -> str:
    return " ".join(normalize(t.group()) for t in tokens(value))


def _vocabulary(article: Article) -> frozenset[str]:
    """Return every normalized token of an article's clean text (to tell omission from
    conflict), and each number with the word after it ("20 month")."""
    words = [normalize(t.group()) for t in tokens(article.body_text)]
    pairs = zip(words, words[1:], strict=False)
    counted = (f"{w} {after}" for w, after in pairs if w[:1].isdigit())
    return frozenset([*words, *counted])


@dataclass(frozen=True, slots=True)
class Known:
    """What the story's reports say: each voice's words, common (lower-case) words, surnames."""

    vocab: tuple[frozenset[str], ...]
    common: frozenset[str]
    surnames: frozenset[str]


def _contradicts(
    kind: str, values: tuple[str, str], tight: bool, units: tuple[Unit, Unit], known: Known
) -> bool:
    """Tell a conflict from a paraphrase, a rounding, an abbreviation or a common word.

    The values must differ and neither may be moved (given by the other sentence too). A
    number or date in a tight slot (identical words on both sides, or very similar sentences)
    conflicts; otherwise one side's value must be unknown to the other outlet's whole report
    (for a name in a tight slot: its surname; for a loose name: exactly one side, so the other
    is someone both outlets write about).
    """
    (value_a, value_b), (a, b) = values, units
    terms_a, terms_b = _core(value_a), _core(value_b)
    if not terms_a or not terms_b or terms_a <= terms_b or terms_b <= terms_a:
        return False
    if kind == "number" and rounded_alike(value_a, value_b):
        return False
    if kind == "number" and hedged_alike(a.text, value_a, b.text, value_b):
        return False
    if kind == "number" and parts_differ(a.text, value_a, b.text, value_b):
        return False
    if kind == "number" and (
        in_number_range(a.text, value_a, value_b, b.text)
        or in_number_range(b.text, value_b, value_a, a.text)
    ):
        return False  # "numbered 1 through 5" holds "Groups 3, 4 and 5"
    if kind == "number" and is_age(a.text, value_a) != is_age(b.text, value_b):
        return False  # "his four sons" vs "his 15-year-old son": a count and an age
    if (
        kind == "date"
        and not tight
        and (_reported_on(a.text, value_a) or _reported_on(b.text, value_b))
    ):
        return False  # "officials said Sunday": the day of a report, not of the fact
    if kind == "date" and not date_types(value_a) & date_types(value_b):
        return False  # "Nov. 8" and "Wednesday" may name the same day
    if kind == "date" and (
        in_span(a.text, value_a, value_b, b.text) or in_span(b.text, value_b, value_a, a.text)
    ):
        return False  # "the war of 1994-96" holds "1996"
    person = kind in PERSON_KINDS
    if person and not distinct_names(value_a, value_b, known.common):
        return False
    texts = (a.text, b.text)
    if kind == "date":  # "..., the daily said Saturday": that Saturday is no moved value
        texts = (_without_report_day(a.text), _without_report_day(b.text))
    sent_a, sent_b = _word_counts(texts[0]), _word_counts(texts[1])
    if _moved(terms_a, sent_a, sent_b) or _moved(terms_b, sent_b, sent_a):
        return False
    if tight and not person:
        return True
    if tight:  # a new surname is a new person, though both outlets report the first name
        return _new_surname(value_a, known.vocab[b.voice]) or _new_surname(
            value_b, known.vocab[a.voice]
        )
    unknown_a, unknown_b = (
        not (terms_a & known.vocab[b.voice]),
        not (terms_b & known.vocab[a.voice]),
    )
    if person:
        if unknown_a and unknown_b:  # each names someone the other never mentions
            return same_person_slot(a.text, value_a, b.text, value_b)
        # One outlet names someone the other never mentions, in place of a person both name.
        known_one = value_a if unknown_b else value_b
        return unknown_a != unknown_b and known_one.split()[-1] in known.surnames
    if kind == "number" and not tight and BOTH_UNKNOWN:
        spans = _unknown_spans(values, units, known)
        return all(spans) if spans else unknown_a and unknown_b
    return unknown_a or unknown_b


def _new_surname(value: str, vocab: frozenset[str]) -> bool:
    """Tell whether a person's surname, or one of several people's ("Montgomery and Qin"),
    is unknown to an outlet's report."""
    people = re.split(r",|&|\band\b", value)
    return any(not _core(person.split()[-1]) <= vocab for person in people if person.split())


def _unknown_spans(
    values: tuple[str, str], units: tuple[Unit, Unit], known: Known
) -> tuple[bool, bool] | None:
    """Tell, for two spans of time in one unit ("held for 20 months" vs "14 months of
    captivity"), whether each is unknown to the other outlet as a span in that unit, though
    the other report may give the bare number elsewhere; None for other values."""
    (value_a, value_b), (a, b) = values, units
    unit = duration_unit(a.text, value_a)
    digits = value_a[:1].isdigit() and value_b[:1].isdigit()  # as `_vocabulary` pairs them
    if not (digits and unit and unit == duration_unit(b.text, value_b)):
        return None
    unit = normalize(unit)
    return (
        not {f"{t} {unit}" for t in _core(value_a)} & known.vocab[b.voice],
        not {f"{t} {unit}" for t in _core(value_b)} & known.vocab[a.voice],
    )


_SAID = r"\b(?:said|says) "  # before the day of a report
_REPORT_DAY = re.compile(rf"({_SAID})(?:on )?(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})\b")


def _reported_on(text: str, value: str) -> bool:
    """Tell whether a date follows "said": "a top official said Saturday" (a study "reported
    Wednesday in the journal" is the news itself)."""
    return re.search(rf"{_SAID}(?:on )?{re.escape(value)}\b", text) is not None


def _without_report_day(text: str) -> str:
    """Return a sentence without the weekday of its report ("the daily said Saturday")."""
    return _REPORT_DAY.sub(r"\1", text)


def _word_counts(text: str) -> Counter[str]:
    """Count a text's normalized words, and the parts of hyphened ones ("al-Megrahi")."""
    words = [normalize(t.group()) for t in tokens(text)]
    return Counter(words + [part for w in words if "-" in w for part in w.split("-") if part])


def _moved(terms: set[str], own: Counter[str], other: Counter[str]) -> bool:
    """Tell whether the other sentence gives a value as often as its own: moved, not changed.

    "16 months ago ... and 13 others" vs "16 months ago ... and 16 others" changes a value
    that the other sentence also gives elsewhere; "from 13 to 16" vs "from 16 to 13" moves two.
    """
    return any(other[t] >= max(own[t], 1) for t in terms)


def _core(value: str) -> set[str]:
    """Return the normalized words of a value without stopwords, scale words or currency."""
    words = {normalize(t.group()) for t in tokens(value)}
    return words - ENGLISH_STOP_WORDS - SCALE_WORDS - {"$", "£", "€"}


def _topic(text: str, value: str) -> str:
    """Return a few words around the value: what the disagreement is about."""
    at = text.find(value)
    left = text[:at].split()[-5:] if at >= 0 else []
    right = text[at + len(value) :].split()[:5] if at >= 0 else []
    return " ".join([*left, "…", *right]).strip()
