"""Slots: where two similar sentences of different outlets give different values.

A slot is a place both sentences fill with a number, a date or a name: a short replaced
stretch between identical words (found with difflib, from both sides), a value beside the same
content word or partner name ("Katie Holmes" vs "Katie Smith"), the one amount of a sort each
sentence gives, the one date beyond those both give, or the same slots within two quotations
once the attribution after one of them is cut. Whether a slot is a conflict is for
`storydesk.disagreements` to judge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.compare import (
    MONTHS,
    NUMBER_WORDS,
    SCALE_WORDS,
    WEEKDAYS,
    Unit,
    normalize,
    tokens,
    word_set,
)
from storydesk.disagree_amounts import date_types
from storydesk.disagree_people import ROLES, TITLES
from storydesk.event_dates import REPORTING
from storydesk.measures import CONVERSION

# (kind, value in a, value in b, tight): where two sentences fill one slot differently.
Slot = tuple[str, str, str, bool]
MAX_SLOT_TOKENS = 3  # a replaced stretch this short is one slot as a whole
KEY_REACH = 4  # at most this many words between a name and the amount it is given
FIRST_NAME_STEM = 3  # "Steve", "Stephen": first names sharing this many letters may be one
HEDGES = word_set(
    """about around nearly almost roughly approximately some over under above below more less
    fewer north south least most up estimated"""
)
SAYING = frozenset(normalize(word) for word in REPORTING)
# A span of time is a sort of amount too ("held for 14 months" vs "14 months of captivity");
# years are left out, as they are mostly ages and prison terms, told apart elsewhere.
DURATIONS = word_set("minutes hours days weeks months")
# A span counted from the day of a report: outlets writing on other days give other spans.
FROM_REPORT_DAY = word_set("ago until till left away")
REPORTING_WORDS = "|".join(sorted(REPORTING))
# A quotation's closing mark and the attribution after it: '...!!!” wrote Aimee Hardy, ...'.
ATTRIBUTION_TAIL = re.compile(
    r"[”\"]\s*,?\s+(?:\S+\s+){0,3}?(?:" + REPORTING_WORDS + r")\b.*", re.DOTALL
)
GENERIC_UNITS = frozenset(
    normalize(word)
    for word in word_set(
        """year years year-old years-old month months week weeks day days hour hours minute
        minutes time times people percent morning afternoon evening night"""
    )
)


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


def two_way_slots(text_a: str, text_b: str) -> Iterator[Slot]:
    """Yield `slot_diffs` looked at from both sides (SequenceMatcher is not symmetric)."""
    yield from slot_diffs(text_a, text_b)
    yield from ((k, x, y, t) for k, y, x, t in slot_diffs(text_b, text_a))


def quotation_slots(a: Unit, b: Unit) -> Iterator[tuple[Slot, tuple[Unit, Unit]]]:
    """Yield the slots of two units' quotations, when one gives its attribution after it.

    'They are releasing the drug to Josh!” wrote Aimee Hardy, Josh's mom' against "They are
    releasing the drug for Josh!": aligned whole, the quote's name pairs with the name in the
    attribution ("Josh's mom"), and the quote's own slot is lost. Each slot comes with the
    two quotations, which its checks then read instead of the whole sentences.
    """
    text_a, text_b = quotation_of(a.text), quotation_of(b.text)
    if (text_a, text_b) == (a.text, b.text):
        return
    pair = (replace(a, text=text_a), replace(b, text=text_b))
    for slot in two_way_slots(CONVERSION.sub("", text_a), CONVERSION.sub("", text_b)):
        yield slot, pair


def quotation_of(text: str) -> str:
    """Return a sentence without the attribution that follows its quotation, if any."""
    match = ATTRIBUTION_TAIL.search(text)
    return text[: match.start()] if match else text


def neighbour_slots(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
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
            if kind == "name" and shared <= SAYING:
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


def sole_amounts(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield ("number", a, b, False) when each text gives one amount of a sort, differently.

    An amount's sort is its currency sign and scale word ("$656 million", "12 percent"); two
    reports of one fact that each give a single such amount give it for the same thing, even
    when the wording around it changes ("a $325 million prize" vs "a jackpot of $656 million").
    """
    amounts_a, amounts_b = _amounts(text_a), _amounts(text_b)
    for sort in amounts_a.keys() & amounts_b.keys():
        if len(amounts_a[sort]) == 1 and len(amounts_b[sort]) == 1:
            yield "number", amounts_a[sort][0], amounts_b[sort][0], False


def keyed_amounts(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield ("number", a, b, False) for amounts both texts give one person by the same verb.

    "Ilsa Hernandez was left $15,000 and Maria Santos was given $30,965" against "(Maria
    Santos was given $20,000; Ilsa Hernandez was left $15,000)": listed in another order, each
    amount goes with the name and verb right before it.
    """
    keyed_b = _keyed(text_b)
    for key, (value_a, verbs_a) in _keyed(text_a).items():
        value_b, verbs_b = keyed_b.get(key, ("", frozenset()))
        if value_b and verbs_a & verbs_b and value_a != value_b:
            yield "number", value_a, value_b, False


def _keyed(text: str) -> dict[tuple[str, tuple[str, str]], tuple[str, frozenset[str]]]:
    """Return the amounts of a text that follow a name and a few lower-case words with no
    punctuation between ("Santos was given $20,000"), by the name and the amount's sort, with
    the content words between."""
    toks = tokens(text)
    found: dict[tuple[str, tuple[str, str]], tuple[str, frozenset[str]]] = {}
    for i, (value, sort) in _sorted_amounts(text, toks):
        start = i - 1 if sort[0] else i
        j = start - 1
        while j >= 0 and start - j <= KEY_REACH and toks[j].group()[:1].islower():
            j -= 1
        if j < 0 or j == start - 1 or not toks[j].group()[:1].isupper():
            continue
        if not re.fullmatch(r"[\w\s'’-]*", text[toks[j].end() : toks[start].start()]):
            continue  # "Santos, who earned $50,000": not what Santos was given
        between = toks[j + 1 : start]
        verbs = frozenset(
            normalize(t.group()) for t in between if t.group() not in ENGLISH_STOP_WORDS
        )
        if verbs:
            found[normalize(toks[j].group()), sort] = (value, verbs)
    return found


def sole_dates(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
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
    found: dict[tuple[str, str], list[str]] = {}
    for _, (value, sort) in _sorted_amounts(text, tokens(text)):
        found.setdefault(sort, []).append(value)
    return found


def _sorted_amounts(
    text: str, toks: list[re.Match[str]]
) -> Iterator[tuple[int, tuple[str, tuple[str, str]]]]:
    """Yield (token index, (amount, sort)) for the unhedged amounts with a currency sign, a
    scale word, a percent sign or a unit of time; the sort is that sign and word."""
    for i, tok in enumerate(toks):
        if not tok.group()[:1].isdigit() or not _is_kind(tok, "number"):
            continue
        if any(t.group().lower() in HEDGES for t in toks[max(0, i - 3) : i]):
            continue  # "north of 50 percent" allows 55 percent
        value = _value(text, toks, i, i + 1)
        sign = value[0] if value[0] in "$£€" else ""
        scale = normalize(value.split()[-1]) if value[-1:].isalpha() else ""
        if not (sign or scale):
            scale = _span_unit([t.group().lower() for t in toks[i + 1 : i + 3]])
        if sign or scale or tok.group().endswith("%"):
            yield i, (value, (sign, scale))


def duration_unit(text: str, value: str) -> str:
    """Return the unit of time right after a value in its text ("months" in "held for 20
    months"), or "" when none follows (see `_span_unit`)."""
    at = text.find(value)
    after = tokens(text[at + len(value) :])[:2] if at >= 0 else []
    return _span_unit([t.group().lower() for t in after])


def _span_unit(after: list[str]) -> str:
    """Return the unit of time that opens `after` (the words after a number), or "" when there
    is none or the span is counted from the day of the report ("2 days ago", "four days
    until"), which outlets writing on other days give differently."""
    if after and after[0] in DURATIONS and not set(after[1:]) & FROM_REPORT_DAY:
        return after[0]
    return ""


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


def slot_diffs(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
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
