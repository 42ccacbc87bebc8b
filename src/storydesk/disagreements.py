"""Disagreements: the same fact reported with different numbers, dates, names or speakers.

Cheap detectors (no model), each keeping both versions with their outlets and spans:
- slots (here): two similar sentences of different outlets (TF-IDF cosine >=
  `compare_threshold`) that fill one slot differently: a short replaced stretch between
  identical words (found with difflib), a value beside the same content word or partner name
  ("Katie Holmes" vs "Katie Smith", "Greig and Christian"), the one amount of a sort each
  sentence gives ("a $325 million prize" vs "a jackpot of $656 million"), or, in very similar
  sentences, the one year, month or weekday beyond those both give. Guards drop roundings
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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.compare import (
    MONTHS,
    NUMBER_WORDS,
    SCALE_WORDS,
    WEEKDAYS,
    Unit,
    Voice,
    group_voices,
    normalize,
    similarity_matrix,
    tokens,
    voice_units,
    word_set,
)
from storydesk.disagree_amounts import (
    REPORTING,
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
    ROLES,
    TITLES,
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
from storydesk.models import Article, Disagreement, Quote, Version
from storydesk.settings import Settings

# (kind, value in a, value in b, tight): where two sentences fill one slot differently.
Slot = tuple[str, str, str, bool]
MAX_SLOT_TOKENS = 3  # a replaced stretch this short is one slot as a whole
LOOSE_MARGIN = 0.2  # sentences this much above the threshold need no tight slot
FIRST_NAME_STEM = 3  # "Steve", "Stephen": first names sharing this many letters may be one
# A number in a loose slot conflicts only when neither outlet gives the other's number.
BOTH_UNKNOWN = True

_SAYING = frozenset(normalize(word) for word in REPORTING)
_REPORTING_WORDS = "|".join(sorted(REPORTING))
# "130 kph (81 mph)": a measure restated in other units is no second value
_CONVERSION = re.compile(
    r" \((?:minus |about |some )?[\d.,]+[- ]?(?:mph|kph|km/h|kilomet(?:er|re)s?|km|miles?|feet|"
    r"ft|met(?:er|re)s?|degrees(?: [A-Z]\w*)?|[CF]|Fahrenheit|Celsius|pounds|lbs?|kg|"
    r"kilograms?|tons?|tonnes?|acres|hectares|sq\.? \w+|square \w+)\)"
)
# A quotation's closing mark and the attribution after it: '...!!!” wrote Aimee Hardy, ...'.
ATTRIBUTION_TAIL = re.compile(
    r"[”\"]\s*,?\s+(?:\S+\s+){0,3}?(?:" + _REPORTING_WORDS + r")\b.*", re.DOTALL
)
MIN_SLOT_WORDS = 2  # short sentences still carry names and numbers ("His name is Ann Lee.")
GENERIC_UNITS = frozenset(
    normalize(word)
    for word in word_set(
        """year years year-old years-old month months week weeks day days hour hours minute
        minutes time times people percent morning afternoon evening night"""
    )
)
HEDGES = word_set(
    """about around nearly almost roughly approximately some over under above below more less
    fewer north south least most up estimated"""
)


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
    for found_one in found:
        key = (
            found_one.kind == "speaker",
            frozenset(_norm_value(v.value) for v in found_one.versions),
        )
        unique[key] = _with_outlets(found_one, unique[key]) if key in unique else found_one
    return tuple(unique.values())


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
    for i, j in zip(*np.nonzero(np.triu(sims, 1) >= threshold), strict=True):
        a, b = units[int(i)], units[int(j)]
        if voices[a.voice].article.outlet == voices[b.voice].article.outlet:
            continue
        text_a, text_b = _CONVERSION.sub("", a.text), _CONVERSION.sub("", b.text)
        both = [
            *_two_way_slots(text_a, text_b),
            *_neighbour_slots(text_a, text_b),
            *_sole_amounts(text_a, text_b),
            *speaker_slots(text_a, text_b),
        ]
        strong = sims[i, j] >= threshold + LOOSE_MARGIN
        if strong:  # very similar sentences: their one differing date is the same date
            both.extend(_sole_dates(a.text, b.text))
        compared = dict.fromkeys(both, (a, b))
        compared.update(_quotation_slots(a, b))
        taken: list[tuple[str, str]] = []
        # Longest values first, so "Ellison" is not reported again inside "Mark Ellison".
        for (kind, value_a, value_b, tight), sides in sorted(
            compared.items(), key=lambda c: -len(c[0][1]) - len(c[0][2])
        ):
            if any(value_a in x and value_b in y for x, y in taken):
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


def _two_way_slots(text_a: str, text_b: str) -> Iterator[Slot]:
    """Yield `_slot_diffs` looked at from both sides (SequenceMatcher is not symmetric)."""
    yield from _slot_diffs(text_a, text_b)
    yield from ((k, x, y, t) for k, y, x, t in _slot_diffs(text_b, text_a))


def _quotation_slots(a: Unit, b: Unit) -> Iterator[tuple[Slot, tuple[Unit, Unit]]]:
    """Yield the slots of two units' quotations, when one gives its attribution after it.

    'They are releasing the drug to Josh!” wrote Aimee Hardy, Josh's mom' against "They are
    releasing the drug for Josh!": aligned whole, the quote's name pairs with the name in the
    attribution ("Josh's mom"), and the quote's own slot is lost. Each slot comes with the
    two quotations, which its checks then read instead of the whole sentences.
    """
    text_a, text_b = _quotation(a.text), _quotation(b.text)
    if (text_a, text_b) == (a.text, b.text):
        return
    pair = (replace(a, text=text_a), replace(b, text=text_b))
    for slot in _two_way_slots(_CONVERSION.sub("", text_a), _CONVERSION.sub("", text_b)):
        yield slot, pair


def _quotation(text: str) -> str:
    """Return a sentence without the attribution that follows its quotation, if any."""
    match = ATTRIBUTION_TAIL.search(text)
    return text[: match.start()] if match else text


def _with_outlets(found: Disagreement, earlier: Disagreement) -> Disagreement:
    """Add an earlier find's outlets to the versions giving their value (one side each)."""
    also: dict[str, tuple[str, ...]] = {}
    for version in earlier.versions:
        also[_norm_value(version.value)] = (
            also.get(_norm_value(version.value), ()) + version.outlets
        )
    sides = [set(v.outlets) for v in found.versions]
    versions = []
    for version, own in zip(found.versions, sides, strict=True):
        others = set().union(*(side for side in sides if side is not own))
        extra = [o for o in also.get(_norm_value(version.value), ()) if o not in others]
        versions.append(
            replace(version, outlets=tuple(dict.fromkeys(version.outlets + tuple(extra))))
        )
    return replace(found, versions=tuple(versions))


def _neighbour_slots(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield (kind, value in a, value in b, tight) for values beside the same content word.

    This catches slots that sentence-level diffs miss when the rest of the sentence is
    reworded ("letter to Katie Holmes" vs "letter Katie Smith has received").
    """
    tok_a, tok_b = tokens(text_a), tokens(text_b)
    slots_b: dict[tuple[str, str, str], list[int]] = {}
    sides_b: dict[int, list[tuple[str, str]]] = {}
    for i, tok in enumerate(tok_b):
        kind = value_kind(tok.group(), tok.start() == 0)
        if kind is not None:
            sides_b[i] = _neighbours(tok_b, i)
            for side in sides_b[i]:
                slots_b.setdefault((kind, *side), []).append(i)
    for i, tok in enumerate(tok_a):
        kind = value_kind(tok.group(), tok.start() == 0)
        if kind is None:
            continue
        # A shared first name before two surnames is a tight slot: one person, two names.
        first_name = i > 0 and _is_kind(tok_a[i - 1], "name") and kind == "name"
        sides = _neighbours(tok_a, i)
        matches: dict[int, set[str]] = {}
        for side in sides:
            for k in slots_b.get((kind, *side), []):
                matches.setdefault(k, set()).add(side[0])
        # "winds of 120 kph ... gusts of 150 kph" vs "130 kph ... 160 kph": a value with two
        # partners placed alike has no one partner (the sentence diff pairs them in order).
        best = max((len(where) for where in matches.values()), default=0)
        partners = {tok_b[k].group() for k, where in matches.items() if len(where) == best}
        if len(partners) > 1:
            continue
        for k, where in matches.items():
            if len(where) < best:
                continue
            shared = {word for side, word in sides if side in where}
            # "7-year-old Maria" vs "70-year-old Charles": a unit alone is no shared slot.
            if kind != "name" and len(where) < 2 and shared <= GENERIC_UNITS:
                continue
            if kind == "name" and where == {"right"} and _is_kind(tok_a[i + 1], "name"):
                continue  # "Michael Flynn" vs "Mike Flynn": one person, first name varies
            if kind == "name" and shared <= _SAYING:
                continue  # "Qin said" vs "Ms. Hu said": a speaker's slot (`speaker_slots`)
            if kind == "number" and where == {"left"} and _counts_apart(sides, sides_b[k]):
                continue  # "included six drownings" vs "included 71 people": two counts
            tight = first_name and bool({"left", "first"} & where)
            yield kind, _value(text_a, tok_a, i, i + 1), _value(text_b, tok_b, k, k + 1), tight


def _counts_apart(sides_a: list[tuple[str, str]], sides_b: list[tuple[str, str]]) -> bool:
    """Tell whether two numbers count different things: each has its noun, and they differ."""
    right_a = [word for side, word in sides_a if side == "right"]
    right_b = [word for side, word in sides_b if side == "right"]
    return bool(right_a and right_b) and right_a != right_b


def _sole_amounts(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield ("number", a, b, False) when each text gives one amount of a sort, differently.

    An amount's sort is its currency sign and scale word ("$656 million", "12 percent"); two
    reports of one fact that each give a single such amount give it for the same thing, even
    when the wording around it changes ("a $325 million prize" vs "a jackpot of $656 million").
    """
    amounts_a, amounts_b = _amounts(text_a), _amounts(text_b)
    for sort in amounts_a.keys() & amounts_b.keys():
        if len(amounts_a[sort]) == 1 and len(amounts_b[sort]) == 1:
            yield "number", amounts_a[sort][0], amounts_b[sort][0], False


def _sole_dates(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield ("date", a, b, False) when, beyond the dates both give, each gives one more.

    Dates are compared by part (year, month, weekday): "In 1992 he made his first visit ...
    in a 1991 war" vs "In 1994, when he made his first visit, ... in 1991".
    """
    dates_a, dates_b = _dates(text_a), _dates(text_b)
    for sort in ("year", "month", "weekday"):
        only_a = dates_a.get(sort, set()) - dates_b.get(sort, set())
        only_b = dates_b.get(sort, set()) - dates_a.get(sort, set())
        if len(only_a) == 1 and len(only_b) == 1:
            yield "date", only_a.pop(), only_b.pop(), False


def _dates(text: str) -> dict[str, set[str]]:
    """Return the dates of a text by part, leaving out days of reporting ("said Monday")."""
    found: dict[str, set[str]] = {}
    toks = tokens(text)
    for i, tok in enumerate(toks):
        if i > 0 and toks[i - 1].group().lower() in REPORTING:
            continue  # "police said Monday": the day of the report, not of the fact
        if _is_kind(tok, "date"):
            for sort in date_types(tok.group()):
                found.setdefault(sort, set()).add(tok.group())
    return found


def _amounts(text: str) -> dict[tuple[str, str], list[str]]:
    """Return the exact amounts of a text with a currency sign or scale word, by those words."""
    toks = tokens(text)
    found: dict[tuple[str, str], list[str]] = {}
    for i, tok in enumerate(toks):
        if not tok.group()[:1].isdigit() or not _is_kind(tok, "number"):
            continue
        if any(t.group().lower() in HEDGES for t in toks[max(0, i - 3) : i]):
            continue  # "north of 50 percent" allows 55 percent
        value = _value(text, toks, i, i + 1)
        sign = value[0] if value[0] in "$£€" else ""
        scale = normalize(value.split()[-1]) if value[-1:].isalpha() else ""
        if sign or scale or tok.group().endswith("%"):
            found.setdefault((sign, scale), []).append(value)
    return found


def _neighbours(toks: list[re.Match[str]], i: int) -> list[tuple[str, str]]:
    """Return ("left"/"right", word) for the nearest content words beside token i.

    Beside a date, a number is context too ("March 21, 2015" vs "March 21, 2021").
    """
    kind = value_kind(toks[i].group(), toks[i].start() == 0)
    out = []
    for side, step in (("left", -1), ("right", 1)):
        j = i + step
        while 0 <= j < len(toks) and (
            toks[j].group().lower() in SCALE_WORDS or toks[j].group() in "$£€"
        ):
            j += step
        # A name's partner is its neighbour too ("Greig and Christian presented").
        if kind == "name" and 0 <= j + step < len(toks) and toks[j].group() in ("and", "&"):
            j += step if _is_kind(toks[j + step], "name") else 0
        if kind == "date" and side == "left" and j <= 0 and _opening(toks, j):
            out.append((side, "^"))  # "In 1985, protesters ...": the date frames the sentence
        elif 0 <= j < len(toks):
            word = normalize(toks[j].group())
            # the stopword test on the word as written: "has" stems to "ha", no stopword
            if toks[j].group().lower() not in ENGLISH_STOP_WORDS and (
                kind == "date" or (len(word) > 1 and not word[0].isdigit())
            ):
                out.append((side, word))
            # "Steve Bannon" vs "Stephen Thornbury": a first name's forms share its start
            if kind == "name" and side == "left" and _is_kind(toks[j], "name"):
                out.append(("first", word[:FIRST_NAME_STEM]))
    return out


def _opening(toks: list[re.Match[str]], j: int) -> bool:
    """Tell whether a date right after token j opens its sentence ("In 1985," "On Friday,")."""
    return j < 0 or toks[0].group().lower() in ("in", "on", "since", "by", "until")


def _slot_diffs(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield (kind, value in a, value in b, tight) where two texts fill a slot differently.

    A slot is a replaced stretch between identical words: a short one (the whole stretch is
    the slot) or, for a longer one, the values at its edge right beside identical content
    words ("Kevin | Spacey was" vs "Kevin | Smith has been").
    """
    tok_a, tok_b = tokens(text_a), tokens(text_b)
    norm_a = [normalize(t.group()) for t in tok_a]
    norm_b = [normalize(t.group()) for t in tok_b]
    opcodes = SequenceMatcher(None, norm_a, norm_b, autojunk=False).get_opcodes()
    for pos, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace":
            continue
        before, after = _anchor(opcodes, pos - 1, norm_a), _anchor(opcodes, pos + 1, norm_a)
        small = max(i2 - i1, j2 - j1) <= MAX_SLOT_TOKENS
        tight = small and before and after
        for kind in ("date", "number", "name"):
            if small and (before or after):
                run_a, run_b = _run(tok_a, i1, i2, kind), _run(tok_b, j1, j2, kind)
            elif before:
                run_a, run_b = _edge(tok_a, i1, i2, kind, 1), _edge(tok_b, j1, j2, kind, 1)
            elif after:
                run_a, run_b = _edge(tok_a, i1, i2, kind, -1), _edge(tok_b, j1, j2, kind, -1)
            else:
                break
            if run_a and run_b:
                if (
                    kind == "name"
                    and small
                    and (_described(tok_a, i1, i2, run_a) or _described(tok_b, j1, j2, run_b))
                ):
                    break  # "Wang Youcai" vs "Wang's wife, Hu Jiangxia": another person
                yield kind, _value(text_a, tok_a, *run_a), _value(text_b, tok_b, *run_b), tight
                break


def _described(toks: list[re.Match[str]], i1: int, i2: int, run: tuple[int, int]) -> bool:
    """Tell whether a replaced stretch describes the name it holds ("wife, Hu Jiangxia")."""
    outside = [t.group() for t in toks[i1 : run[0]] + toks[run[1] : i2]]
    return any(w.isalpha() and w.islower() and w not in ENGLISH_STOP_WORDS for w in outside)


def _is_kind(tok: re.Match[str], kind: str) -> bool:
    return value_kind(tok.group(), tok.start() == 0) == kind


def _run(toks: list[re.Match[str]], i1: int, i2: int, kind: str) -> tuple[int, int] | None:
    """Return the stretch from the first to the last value of this kind in toks[i1:i2]."""
    hits = [i for i in range(i1, i2) if _is_kind(toks[i], kind)]
    return (hits[0], hits[-1] + 1) if hits else None


def _edge(
    toks: list[re.Match[str]], i1: int, i2: int, kind: str, step: int
) -> tuple[int, int] | None:
    """Return the values of this kind at the start (step 1) or end (step -1) of toks[i1:i2]."""
    i = i1 if step == 1 else i2 - 1
    while i1 <= i < i2 and _is_kind(toks[i], kind):
        i += step
    if i == (i1 if step == 1 else i2 - 1):
        return None
    return (i1, i) if step == 1 else (i + 1, i2)


def _anchor(opcodes: Sequence[tuple[str, int, int, int, int]], near: int, norm: list[str]) -> bool:
    """Tell whether opcode `near` is an identical stretch with a telling word in it."""
    if not 0 <= near < len(opcodes) or opcodes[near][0] != "equal":
        return False
    _, i1, i2, _, _ = opcodes[near]
    words = norm[i1:i2]
    return len(words) >= 3 or any(w not in ENGLISH_STOP_WORDS | GENERIC_UNITS for w in words)


def _value(text: str, toks: list[re.Match[str]], i1: int, i2: int) -> str:
    """Return the text of toks[i1:i2], widened to a currency sign or scale word beside it."""
    if i1 > 0 and toks[i1 - 1].group() in "$£€":
        i1 -= 1
    if i2 < len(toks) and toks[i2].group().lower() in SCALE_WORDS:
        i2 += 1
    return text[toks[i1].start() : toks[i2 - 1].end()]


def _norm_value(value: str) -> str:
    return " ".join(normalize(t.group()) for t in tokens(value))


def _vocabulary(article: Article) -> frozenset[str]:
    """Return every normalized token of an article's clean text (to tell omission from conflict)."""
    return frozenset(normalize(t.group()) for t in tokens(article.body_text))


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
        in_number_range(a.text, value_a, value_b) or in_number_range(b.text, value_b, value_a)
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
    sent_a, sent_b = _word_counts(a.text), _word_counts(b.text)
    if _moved(terms_a, sent_a, sent_b) or _moved(terms_b, sent_b, sent_a):
        return False
    if tight and not person:
        return True
    if tight:  # a new surname is a new person, though both outlets report the first name
        return not _core(value_a.split()[-1]) <= known.vocab[b.voice] or not (
            _core(value_b.split()[-1]) <= known.vocab[a.voice]
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
        return unknown_a and unknown_b
    return unknown_a or unknown_b


def _reported_on(text: str, value: str) -> bool:
    """Tell whether a date follows "said": "a top official said Saturday" (a study "reported
    Wednesday in the journal" is the news itself)."""
    return re.search(rf"\b(?:said|says) (?:on )?{re.escape(value)}\b", text) is not None


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
