"""Disagreements between paraphrases: one quantity or event date in differently worded sentences.

The slot detectors in `storydesk.disagreements` need two sentences similar enough to align.
Reports of one fact are often reworded beyond that ("Fourteen people were injured" vs "left 17
people injured"; "valued at £4 million" vs "worth an estimated £2.5 million"). Here two
sentences of different outlets are paired on what a quantity counts instead: a kind word in
the words after it ("people were injured/hurt", "jobs", "hectares") or, in aligned sentences,
a verb right before it ("killed at least 12 people"), a crowd ("a crowd of",
"in front of"), a value ("valued", "worth" with a currency) or, in aligned sentences, the noun
ending the phrase after it ("380 permanent employees"). A date (a weekday, or a month) is
paired on its event verb ("resigned on Tuesday" vs "quit on Wednesday", "charged in March" vs
"charged ... in June"), a weekday only with a weekday; a date opening a sentence goes with the
sentence's one event verb, unless the sentence reports someone saying it ("In April, he was
granted ..."; not "On Monday police said he was arrested ...").

Guards: each sentence, and each outlet's whole report, gives one value of that kind; parts
("another 3,000 jobs", "99 more") are no counts; the quantities are not compatible once
hedges are read as ranges ("more than a dozen" holds 14 and 17; "more than a thousand" holds
"about 1,100"; "500-odd" holds "roughly 600"); one of the values is unknown to the other
outlet's whole report (a date: as the date of that event); and the sentences share some
words (TF-IDF cosine >= `PAIR_FLOOR`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.compare import (
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    Unit,
    Voice,
    normalize,
    tokens,
    word_set,
    word_table,
)
from storydesk.event_dates import WIDE_EVENTS, dated, event_dates, paired_dates
from storydesk.measures import CONVERSION, across_units
from storydesk.models import Disagreement, Version
from storydesk.sentences import dateline_end
from storydesk.transcripts import SPEAKER_LABEL

STRONG_MARGIN = 0.2  # sentences this far above the threshold give one count of a kind
PAIR_FLOOR = 0.1  # paraphrases of one fact still share a few words (a place, a name)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")  # a number written in digits ("1,200", "5.6")
APPROX = 0.1  # "about 1,200" is read as 1,080-1,320
NEAR = 3  # a quantity's head word is at most this many words after it
# A range of numbers: "1 through 5", "10-20", "3 to 6" (not "from 3 to 6", a change).
NUMBER_RANGE = re.compile(
    r"(?<!from )\b(\d[\d,]*(?:\.\d+)?)\s*(?:through|thru|-|–|\bto\b)\s*(\d[\d,]*(?:\.\d+)?)\b"
)

# Currency signs, and the wires' "dlrs" ("fallen below dlrs 50 billion").
CURRENCY = frozenset({"$", "£", "€", "dlrs"})
SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9}
LOWER_BOUNDS = word_set("more over above least exceeding upwards")
UPPER_BOUNDS = word_set("less fewer under below most")
NEARLY = word_set("nearly almost close")  # "nearly 37,000" is read as 33,300-37,000
APPROXIMATE = word_set("about around roughly approximately some estimated circa reportedly")
# Head words of one kind of count, by their normalized (stemmed) form.
CONCEPTS = word_table(
    {
        "injured": "injured injuries hurt wounded",
        "dead": "dead died killed deaths fatalities",
        "jobs": "jobs employees workers staff redundancies posts positions",
        "area": "hectares acres",
        "crowd": "crowd spectators attendance",
        "value": "valued worth value valuation",
        "evacuated": "evacuated evacuees",
        "arrested": "arrested arrests",
    }
)
GENERIC = frozenset(
    normalize(w)
    for w in word_set("""people persons others year years month months week weeks day days
    hour hours minute minutes time times percent cent per""")
)
CROWD_BEFORE = ("crowd of", "attendance of", "in front of")
VERB_KINDS = frozenset({"dead", "injured", "evacuated", "arrested"})  # "killed 12 people"
VERB_REACH = 4  # the verb is at most this many words before the count
BETWEEN_VERB = (
    LOWER_BOUNDS | UPPER_BOUNDS | NEARLY | APPROXIMATE | word_set("a an at than as to of least")
)
INCREMENTS = word_set("another further additional extra")
DIFFERENCE_UNITS = word_set(
    """years months weeks days hours minutes seconds percent times points degrees year month
    week day hour minute"""
)
COMPARATIVES = word_set("later earlier longer shorter older younger higher lower more fewer less")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence, the range its hedge allows, and what it counts."""

    text: str
    low: float
    high: float
    hedge: str
    kinds: frozenset[str]


def amount_disagreements(
    units: Sequence[Unit], voices: Sequence[Voice], sims: np.ndarray, threshold: float
) -> list[Disagreement]:
    """Find two outlets' reworded sentences that count or date the same thing differently.

    Counts paired only on the noun after them ("212 passengers") need aligned sentences
    (similarity >= threshold); counts of a known kind (injured, jobs, crowd, value) do not.
    A kind counts only where each report gives one value of it, or where the two sentences
    are nearly one wording (similarity >= threshold + STRONG_MARGIN).

    Returns:
        Number and date disagreements, one per pair of values.
    """
    quantities = [quantities_in(CONVERSION.sub("", unit.text)) for unit in units]
    events = [event_dates(unit.text) for unit in units]
    vocab = [_vocabulary(voice) for voice in voices]
    for unit, told in zip(units, events, strict=True):  # a date is known with its event
        vocab[unit.voice] |= {dated(event, date) for event, date in told}
    sole = _sole_kinds(units, quantities, len(voices))
    found: dict[tuple[str, frozenset[str]], Disagreement] = {}
    for i, j in zip(*np.nonzero(np.triu(sims, 1) >= PAIR_FLOOR), strict=True):
        a, b = units[int(i)], units[int(j)]
        if voices[a.voice].article.outlet == voices[b.voice].article.outlet:
            continue
        both = sole[a.voice] & sole[b.voice]
        if sims[i, j] >= threshold + STRONG_MARGIN:  # one fact, nearly one wording
            both = frozenset(_base(k) for q in quantities[i] + quantities[j] for k in q.kinds)
        pairs = [
            ("number", x, y, _terms(x), _terms(y))
            for kind, x, y in _paired(quantities[i], quantities[j], sims[i, j] >= threshold)
            if kind in both
        ]
        pairs += [
            ("date", x, y, frozenset({dated(event, x)}), frozenset({dated(event, y)}))
            for event, x, y in paired_dates(events[i], events[j])
            if event not in WIDE_EVENTS or sims[i, j] >= threshold
        ]
        apart_units = across_units(a.text, b.text) if pairs else set()
        for kind, value_a, value_b, terms_a, terms_b in pairs:
            # One value must be news to the other outlet, or it is an update both report
            # (a date: news as the date of that event, "left hospital on Saturday").
            if terms_a <= vocab[b.voice] and terms_b <= vocab[a.voice]:
                continue
            if (value_a, value_b) in apart_units:  # one measure, its units in the other order
                continue
            key = (kind, frozenset((_norm(value_a), _norm(value_b))))
            found.setdefault(key, _disagreement(kind, (a, value_a), (b, value_b), voices))
    return list(found.values())


def without_datelines(units: Sequence[Unit]) -> list[Unit]:
    """Cut a wire dateline ("PORT ARDEL, Feb 11 (Wirepoint) – ") from the units that open with one.

    A dateline names where the wire filed from, not the fact; left in, it pulls a sentence's
    similarity to other outlets' wording of the same fact below the alignment threshold.
    A transcript's speaker label ("TRUMP: Tomorrow they will say ...") is cut the same way:
    left in, the speaker's name reads as the fact's own.
    """
    out = []
    for unit in units:
        cut = dateline_end(unit.text) or _label_end(unit.text)
        if cut:
            span = replace(unit.span, start=unit.span.start + cut)
            unit = replace(unit, span=span, text=unit.text[cut:])
        out.append(unit)
    return out


def _label_end(text: str) -> int:
    """Return where a unit's words begin after a speaker label in capitals (0 if none)."""
    label = SPEAKER_LABEL.match(text)
    return label.end() if label and text[label.end() : label.end() + 1].strip() else 0


def _disagreement(
    kind: str, first: tuple[Unit, str], second: tuple[Unit, str], voices: Sequence[Voice]
) -> Disagreement:
    (a, value_a), (b, value_b) = first, second
    versions = (
        Version(value_a, voices[a.voice].outlets, a.span),
        Version(value_b, voices[b.voice].outlets, b.span),
    )
    return Disagreement(kind, _topic(a.text, value_a), versions)


def _sole_kinds(
    units: Sequence[Unit], quantities: list[list[Quantity]], count: int
) -> list[frozenset[str]]:
    """Return, per voice, the kinds of count its report gives one value for (however often)."""
    values: list[dict[str, set[float]]] = [{} for _ in range(count)]
    for unit, found in zip(units, quantities, strict=True):
        for quantity in found:
            for kind in quantity.kinds:
                values[unit.voice].setdefault(_base(kind), set()).add(quantity.low)
    return [frozenset(k for k, v in kinds.items() if len(v) == 1) for kinds in values]


def _paired(
    first: list[Quantity], second: list[Quantity], aligned: bool
) -> list[tuple[str, str, str]]:
    """Return the values of the one quantity of a kind each sentence gives, when they conflict."""
    out = []
    mine_all = [(q, _usable(q.kinds, aligned)) for q in first]
    theirs_all = [(q, _usable(q.kinds, aligned)) for q in second]
    for kind in sorted(set().union(*(k for _, k in mine_all), *(k for _, k in theirs_all))):
        mine = [q for q, kinds in mine_all if kind in kinds]
        theirs = [q for q, kinds in theirs_all if kind in kinds]
        if len(mine) != 1 or len(theirs) != 1 or _currency(mine[0]) != _currency(theirs[0]):
            continue
        if conflicting(mine[0], theirs[0]):
            out.append((kind, mine[0].text, theirs[0].text))
    return out


def _usable(kinds: frozenset[str], aligned: bool) -> set[str]:
    """Return the kinds a quantity can be paired on: a head noun's or a verb's need alignment."""
    if aligned:
        return {_base(kind) for kind in kinds}
    return {kind for kind in kinds if not kind.startswith(("head:", "verb:"))}


def _base(kind: str) -> str:
    """Return the kind a verb gives ("verb:dead" is "dead"): only how it was found differs."""
    return kind.removeprefix("verb:")


def _currency(quantity: Quantity) -> str:
    return quantity.text[0] if quantity.text[0] in "$£€" else ""


def conflicting(first: Quantity, second: Quantity) -> bool:
    """Tell whether two quantities cannot both be true once their hedges are read as ranges."""
    return first.high < second.low or second.high < first.low


def quantities_in(text: str) -> list[Quantity]:
    """Return the counted quantities of a text (numbers with a head word, crowd or value)."""
    toks = tokens(text)
    words = [normalize(t.group()) for t in toks]
    found = []
    for i, tok in enumerate(toks):
        number = _number(toks, i)
        if number is None:
            continue
        value, end = number
        kinds = _kinds(text, toks, words, i, end)
        if toks[i - 1 if i else 0].group() in "$£€" and i:
            kinds |= {"value"} & frozenset(CONCEPTS.get(w, "") for w in words)
        if kinds:
            low, high, hedge = hedged_range(text, toks, i, value)
            start = toks[i - 1].start() if i and toks[i - 1].group() in "$£€" else tok.start()
            found.append(Quantity(text[start : toks[end - 1].end()], low, high, hedge, kinds))
    return found


def _number(toks: list[re.Match[str]], i: int) -> tuple[float, int] | None:
    """Return a count at token i (digits or a number word, with its scale) and its end."""
    word = toks[i].group().lower()
    nxt = toks[i + 1].group().lower() if i + 1 < len(toks) else ""
    prev = toks[i - 1].group().lower() if i else ""
    if word in NUMBER_WORDS and int(NUMBER_WORDS[word]) >= 2:
        value = float(NUMBER_WORDS[word])
    elif word == "dozen":
        value = 12.0
    elif _DIGITS.fullmatch(word) and not re.fullmatch(r"(19|20)\d\d", word):
        value = float(word.replace(",", ""))
    else:
        return None
    if nxt in MONTHS or prev in MONTHS or nxt in ("am", "pm") or nxt.startswith("year"):
        return None  # a day of the month, a time or an age
    if _odd(toks, i):
        return value, i + 2  # "500-odd satellites": a round figure, read as a range
    if _attached(toks, i):
        return None  # "88th", "2-1", "50-minute": an ordinal, a score or a compound
    if prev in CURRENCY and i > 1:
        prev = toks[i - 2].group().lower()
    if prev in INCREMENTS or nxt in ("more", "others", "other"):
        return None  # "another 3,000 jobs", "99 more": a part, not the whole count
    if nxt in SCALES:
        return value * SCALES[nxt], i + 2
    return value, i + 1


def _odd(toks: list[re.Match[str]], i: int) -> bool:
    """Tell whether token i is a round figure with "-odd" after it ("500-odd")."""
    return toks[i].string[toks[i].end() : toks[i].end() + 5].lower() in ("-odd ", "-odd")


def _attached(toks: list[re.Match[str]], i: int) -> bool:
    """Tell whether token i is glued to a word or number before or after it."""
    text = toks[i].string
    before = text[toks[i].start() - 1 : toks[i].start()] if toks[i].start() else ""
    after = text[toks[i].end() : toks[i].end() + 1]
    return bool(re.fullmatch(r"[\w-]", after or " ")) or before == "-"


def _plain_noun(word: str, norm: str) -> bool:
    """Tell whether a word may be a count's head noun: lower case, or a people's name in the
    plural ("40,000 Haitians"); not a stopword or unit."""
    cased = word.islower() or (word[1:].islower() and word.endswith("s") and len(word) > 3)
    stop = norm in ENGLISH_STOP_WORDS | GENERIC or word.lower() in ENGLISH_STOP_WORDS
    return word.isalpha() and cased and not stop


def _break_before(text: str, toks: list[re.Match[str]], k: int) -> bool:
    return re.search(r"[,;.:()–—]", text[toks[k - 1].end() : toks[k].start()]) is not None


def _head(text: str, toks: list[re.Match[str]], words: list[str], end: int) -> str | None:
    """Return the noun ending the short phrase after a count ("380 permanent employees would")."""
    k = end
    while k < len(toks) and not _break_before(text, toks, k):
        if not _plain_noun(toks[k].group(), words[k]):
            break
        k += 1
        if toks[k - 1].group()[0].isupper():
            named = k < len(toks) and toks[k].group()[:1].isupper()  # "3 Doors Down"
            return None if named else words[k - 1]  # "40,000 Haitians living in"
    if k == end or k - end > NEAR:
        return None
    return words[k - 1]


def _kinds(
    text: str, toks: list[re.Match[str]], words: list[str], i: int, end: int
) -> frozenset[str]:
    """Return what the quantity at toks[i:end] counts, from the words right after or before it."""
    kinds = set()
    for k in range(end, min(end + NEAR, len(toks))):
        if _break_before(text, toks, k):
            break  # the head word is in the same phrase
        if words[k] in CONCEPTS:
            kinds.add(CONCEPTS[words[k]])
    head = _head(text, toks, words, end)
    kinds |= {f"head:{head}"} if head else set()
    start = i - 1 if i and toks[i - 1].group() in "$£€" else i
    before = text[max(0, toks[start].start() - 20) : toks[start].start()].lower().rstrip()
    if any(before.endswith(phrase) for phrase in CROWD_BEFORE):
        kinds.add("crowd")
    kinds |= _verb_before(text, toks, words, start, end)
    return frozenset(kinds) - {"value"}


def _verb_before(
    text: str, toks: list[re.Match[str]], words: list[str], start: int, end: int
) -> set[str]:
    """Return the kind a verb right before a count gives it ("killed at least 12 people").

    Hedges may stand between ("injuring an estimated 40 people"); a count of time after the
    number is no count of people ("killed three days after").
    """
    if end < len(toks) and words[end] in GENERIC - {normalize("people"), normalize("persons")}:
        return set()
    k = start - 1
    while k >= 0 and start - k <= VERB_REACH and toks[k].group().lower() in BETWEEN_VERB:
        k -= 1
    if (
        k < 0
        or start - k > VERB_REACH
        or any(_break_before(text, toks, m) for m in range(k + 1, start + 1))
    ):
        return set()
    word = toks[k].group()
    if not word.islower() or not word.endswith(("ed", "ing")) or words[k] not in CONCEPTS:
        return set()
    kind = CONCEPTS[words[k]]
    return {f"verb:{kind}"} if kind in VERB_KINDS else set()


def hedged_range(
    text: str, toks: list[re.Match[str]], i: int, value: float
) -> tuple[float, float, str]:
    """Return the range a quantity's hedge allows ("more than 1,000": 1,000 to infinity;
    "500-odd": 500 to 600)."""
    if _odd(toks, i):
        return value, _odd_top(value), "odd"
    before = [t.group().lower() for t in toks[max(0, i - 4) : i]]
    before = [w for w in before if w not in ("a", "an", "than", "to", "of", *CURRENCY)]
    hedge = before[-1] if before else ""
    if toks[i].group().lower() in ("dozen", "thousand", "hundred") and hedge not in (
        LOWER_BOUNDS | UPPER_BOUNDS | NEARLY | APPROXIMATE
    ):
        hedge = "about"  # "a thousand people" is a round figure
    if hedge in LOWER_BOUNDS:
        return value, math.inf, hedge
    if hedge in UPPER_BOUNDS:
        return 0.0, value, hedge
    if hedge in NEARLY:
        return value * (1 - APPROX), value, hedge
    if hedge in APPROXIMATE:
        return value * (1 - APPROX), value * (1 + APPROX), hedge
    return value, value, ""


def _odd_top(value: float) -> float:
    """Return where an "-odd" figure ends: a step of its last digit that is not a zero, at
    most a fifth more ("500-odd" up to 600, "1,500-odd" to 1,600, "453-odd" to 454)."""
    step = 1.0
    while value >= step * 10 and value % (step * 10) == 0:
        step *= 10
    return value + min(step, value * 2 * APPROX)


def hedged_alike(text_a: str, value_a: str, text_b: str, value_b: str) -> bool:
    """Tell whether two differently hedged values can both hold ("more than a thousand", "1,100").

    Values hedged alike ("about 50" vs "about 70") are left to the caller: one outlet changed
    the number, not the way of reporting it.
    """
    range_a, range_b = value_range(text_a, value_a), value_range(text_b, value_b)
    if range_a is None or range_b is None or range_a[2] == range_b[2]:
        return False
    return not (range_a[1] < range_b[0] or range_b[1] < range_a[0])


def parts_differ(text_a: str, value_a: str, text_b: str, value_b: str) -> bool:
    """Tell whether either value counts a part or a difference that the other does not.

    "another 3,000 jobs" and "99 more" add a part; "ten million years later" and "20 percent
    higher" give the difference between two values, which outlets may measure from anywhere.
    Two parts added the same way ("a further 9 percent" vs "a further 13 percent", "18 more
    than" vs "29 more than") are one part, given two values.
    """
    part_a, part_b = _part(text_a, value_a), _part(text_b, value_b)
    alike = part_a in INCREMENTS or part_a.startswith("more ")
    return bool(part_a or part_b) and (part_a != part_b or not alike)


def _part(text: str, value: str) -> str:
    """Return the word that makes a value a part ("another") or a difference, or ""."""
    at = text.find(value)
    if at < 0:
        return ""
    before = re.findall(r"\w+", text[:at])[-1:]
    after = [w.lower() for w in re.findall(r"\w+", text[at + len(value) :])[:2]]
    if after[:1] == ["more"]:  # "18 more than last winter": "more than" is its part
        return " ".join(after)
    if before and before[0].lower() in INCREMENTS:
        return before[0].lower()
    if len(after) == 2 and after[0] in DIFFERENCE_UNITS and after[1] in COMPARATIVES:
        return "difference"
    return ""


def value_range(text: str, value: str) -> tuple[float, float, str] | None:
    """Return the hedged range of a value found in a text, or None when it is no plain count."""
    at = text.find(value)
    if at < 0:
        return None
    toks = tokens(text)
    for i, tok in enumerate(toks):
        if tok.start() >= at and tok.group() not in "$£€":
            number = _number(toks, i)
            if number is None and _years(toks, i):  # "more than 10 years" holds 12 years
                return hedged_range(text, toks, i, float(tok.group().replace(",", "")))
            return hedged_range(text, toks, i, number[0]) if number else None
    return None


def _years(toks: list[re.Match[str]], i: int) -> bool:
    """Tell whether token i is a number of years ("12 years", "a 12-year term")."""
    nxt = toks[i + 1].group().lower() if i + 1 < len(toks) else ""
    return _DIGITS.fullmatch(toks[i].group()) is not None and nxt.startswith("year")


def _vocabulary(voice: Voice) -> frozenset[str]:
    article = voice.article
    return frozenset(normalize(t.group()) for t in tokens(article.body_text))


def _terms(value: str) -> frozenset[str]:
    words = {normalize(t.group()) for t in tokens(value)}
    return frozenset(words - ENGLISH_STOP_WORDS - CURRENCY - {"million", "billion"})


def _norm(value: str) -> str:
    return " ".join(normalize(t.group()) for t in tokens(value))


def _topic(text: str, value: str) -> str:
    """Return a few words around the value: what the disagreement is about."""
    text = text[dateline_end(text) :]
    at = text.find(value)
    left = text[:at].split()[-5:] if at >= 0 else []
    right = text[at + len(value) :].split()[:5] if at >= 0 else []
    return " ".join([*left, "…", *right]).strip()


def is_age(text: str, value: str) -> bool:
    """Tell whether a number gives an age ("15-year-old", "15 years old", "aged 15")."""
    at = text.find(value)
    if at < 0:
        return False
    after, before = text[at + len(value) :], text[:at]
    return re.match(r"[- ]years?[- ]old\b", after) is not None or before.endswith("aged ")


def in_span(text: str, value: str, other: str, other_text: str) -> bool:
    """Tell whether a year opens a span of years ("1994-96") that holds the other year.

    A year that opens a span of its own is the other span's start ("1976-83" vs "1977-83").
    """
    found = re.search(rf"\b{re.escape(value)}[-–](\d{{2}}|\d{{4}})\b", text)
    if re.search(rf"\b{re.escape(other)}[-–]\d", other_text):
        return False
    if found is None or not re.fullmatch(r"(19|20)\d\d", value) or not other.isdigit():
        return False
    end = found.group(1)
    last = int(value[:2] + end) if len(end) == 2 else int(end)
    return int(value) <= int(other) <= last


def in_number_range(text: str, value: str, other: str, other_text: str) -> bool:
    """Tell whether a number opens a range that holds the other's numbers.

    "their boarding group, numbered 1 through 5" holds "Groups 3, 4 and 5". "from 13 to 16" is
    a change, not a range; and a number that opens a range of its own is the other range's
    start ("7-10 inches" vs "5-10 inches").
    """
    found = NUMBER_RANGE.search(text, max(text.find(value), 0))
    numbers = [float(x.replace(",", "")) for x in _DIGITS.findall(other)]
    if not found or found.group(1) != value or not numbers:
        return False
    theirs = NUMBER_RANGE.search(other_text, max(other_text.find(other), 0))
    if theirs and theirs.group(1) == other:
        return False
    low, high = float(value.replace(",", "")), float(found.group(2).replace(",", ""))
    return low < high and all(low <= n <= high for n in numbers)


def date_types(value: str) -> set[str]:
    """Return which parts of a date a value gives: weekday, month, year, time."""
    types = set()
    for tok in tokens(value):
        low = tok.group().lower()
        types |= {"weekday"} if low in WEEKDAYS else {"month"} if low in MONTHS else set()
        types |= {"year"} if re.fullmatch(r"(19|20)\d\d", low) else set()
        types |= {"time"} if ":" in low else set()
    return types


def rounded_alike(value_a: str, value_b: str) -> bool:
    """Tell whether two numbers agree once the more precise one is rounded ("5.58" ~ "5.6")."""
    found_a = re.search(r"\d[\d,]*(?:\.(\d+))?", value_a)
    found_b = re.search(r"\d[\d,]*(?:\.(\d+))?", value_b)
    if found_a is None or found_b is None:
        return False
    x, y = (float(f.group().replace(",", "")) for f in (found_a, found_b))
    places = min(len(f.group(1) or "") for f in (found_a, found_b))
    return x != y and abs(x - y) <= 0.5 * 10**-places + 1e-9
