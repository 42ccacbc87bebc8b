"""Disagreements: the same fact reported with different numbers, dates, names or speakers.

Cheap detectors (no model), each keeping both versions with their outlets and spans:
- slots: two similar sentences of different outlets (TF-IDF cosine >= `compare_threshold`)
  that fill one slot differently, either a short replaced stretch between identical words
  (found with difflib) or a value beside the same content word ("Katie Holmes" vs "Katie
  Smith"); guards drop roundings ("5.6" ~ "5.58"), abbreviations ("UK" ~ "United Kingdom"),
  spellings, organisation words, reordered values, and values the other outlet also gives;
- ages: a named person whose age two outlets give differently;
- roles: a role ("host", "spokesman") that two outlets give to different people;
- speakers: one quotation put in different people's mouths by two outlets' sentences, and
  merged quotes with conflicting speakers (`Quote.conflicting_speakers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    tokens,
    voice_units,
    word_set,
)
from storydesk.models import Article, Disagreement, Quote, Span, Version
from storydesk.sentences import split_sentences
from storydesk.settings import Settings

MAX_SLOT_TOKENS = 3  # a replaced stretch this short is one slot as a whole
LOOSE_MARGIN = 0.2  # sentences this much above the threshold need no tight slot
SPELLING_RATIO = 0.75  # names this alike are one name spelled two ways
# A number in a loose slot conflicts only when neither outlet gives the other's number.
BOTH_UNKNOWN = True

_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*")

TITLES = word_set(
    """mr mrs ms dr prof sir lord lady president prime minister senator sen rep gov governor
    mayor chief officer judge justice king queen prince princess pope general gen col captain
    capt sgt lt det the a an he she it they we i this that these those his her their its in on
    at of for but and or so if as after before when while said says according"""
)
MIN_SLOT_WORDS = 4  # short sentences still carry names and numbers ("His name is Ann Lee.")
MAX_AGE = 120
_FULL_NAME = r"(?:[A-Z][\w'’-]+ )+[A-Z][\w'’-]+"
_AGE = re.compile(
    rf"\b(?P<age_a>\d{{1,3}})-year-old (?P<name_a>{_FULL_NAME})"
    rf"|(?P<name_b>{_FULL_NAME}), (?P<age_b>\d{{1,3}}),"
)
GENERIC_UNITS = frozenset(
    normalize(word)
    for word in word_set(
        """year years year-old years-old month months week weeks day days hour hours minute
        minutes time times people percent"""
    )
)
MIN_QUOTE_WORDS = 6
QUOTE_RATIO = 0.8  # quotations this alike (on normalized words) are the same quotation
_SAY = r"(?:said|says|told|added|wrote|tweeted)"
_SAYS = (
    re.compile(rf"(?P<name>{_FULL_NAME}|[A-Z][a-z]+)(?:, [^,\"“”]{{1,40}})?,? {_SAY}\b"),
    re.compile(rf"\b{_SAY}(?: [a-z]+){{0,3}} (?P<name>{_FULL_NAME}|[A-Z][a-z]+)"),
)
_QUOTATION = re.compile(r"[\"“]([^\"“”]+)[\"”]")
ROLES = word_set(
    """host presenter anchor moderator interviewer spokesman spokeswoman spokesperson chairman
    chairwoman chair ceo coach captain manager leader director judge editor referee"""
)
_NAME = r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}"
_ROLE_NAME = re.compile(r"\b(?i:(" + "|".join(sorted(ROLES)) + r"))\s+(" + _NAME + ")")


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
    found = _plausible_people(
        slot_disagreements(units, voices, sims, settings.compare_threshold)
        + quoted_speaker_disagreements(units, voices, sims, settings.compare_threshold),
        voices,
    )
    found += age_disagreements(voices) + role_disagreements(voices)
    found += speaker_disagreements(quotes, articles)
    # Two detectors may find the same conflict (an age in a tight slot, a quoted speaker).
    unique = {(d.kind == "speaker", frozenset(v.value for v in d.versions)): d for d in found}
    return tuple(dict.fromkeys(unique.values()))


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
    units: Sequence[Unit], voices: Sequence[Voice], sims: np.ndarray, threshold: float
) -> list[Disagreement]:
    """Find aligned units of two voices that differ in one number, date or name slot."""
    found: dict[tuple[str, str, str], Disagreement] = {}
    known = Known(
        tuple(_vocabulary(voice.article) for voice in voices),
        frozenset(w for voice in voices for w in _lowercase_words(voice.article)),
    )
    for i, j in zip(*np.nonzero(np.triu(sims, 1) >= threshold), strict=True):
        a, b = units[int(i)], units[int(j)]
        if voices[a.voice].article.outlet == voices[b.voice].article.outlet:
            continue
        # SequenceMatcher is not symmetric: look from both sides.
        both = [
            *_slot_diffs(a.text, b.text),
            *((k, x, y, t) for k, y, x, t in _slot_diffs(b.text, a.text)),
            *_neighbour_slots(a.text, b.text),
        ]
        strong = sims[i, j] >= threshold + LOOSE_MARGIN
        taken: list[tuple[str, str]] = []
        # Longest values first, so "Ellison" is not reported again inside "Mark Ellison".
        for kind, value_a, value_b, tight in sorted(
            dict.fromkeys(both), key=lambda c: -len(c[1]) - len(c[2])
        ):
            if any(value_a in x and value_b in y for x, y in taken):
                continue
            if not _contradicts(kind, (value_a, value_b), tight or strong, (a, b), known):
                continue
            taken.append((value_a, value_b))
            low, high = sorted((_norm_value(value_a), _norm_value(value_b)))
            if (kind, low, high) in found:
                continue
            found[kind, low, high] = Disagreement(
                kind,
                _topic(a.text, value_a),
                (
                    Version(value_a, voices[a.voice].outlets, a.span),
                    Version(value_b, voices[b.voice].outlets, b.span),
                ),
            )
    return list(found.values())


def _neighbour_slots(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield (kind, value in a, value in b, tight) for values beside the same content word.

    This catches slots that sentence-level diffs miss when the rest of the sentence is
    reworded ("letter to Katie Holmes" vs "letter Katie Smith has received").
    """
    tok_a, tok_b = tokens(text_a), tokens(text_b)
    slots_b: dict[tuple[str, str, str], list[int]] = {}
    for i, tok in enumerate(tok_b):
        kind = value_kind(tok.group(), tok.start() == 0)
        if kind is not None:
            for side in _neighbours(tok_b, i):
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
        for k, where in matches.items():
            shared = {word for side, word in sides if side in where}
            # "7-year-old Maria" vs "70-year-old Charles": a unit alone is no shared slot.
            if kind != "name" and len(where) < 2 and shared <= GENERIC_UNITS:
                continue
            if kind == "name" and where == {"right"} and _is_kind(tok_a[i + 1], "name"):
                continue  # "Michael Flynn" vs "Mike Flynn": one person, first name varies
            tight = first_name and "left" in where
            yield kind, _value(text_a, tok_a, i, i + 1), _value(text_b, tok_b, k, k + 1), tight


def _neighbours(toks: list[re.Match[str]], i: int) -> list[tuple[str, str]]:
    """Return ("left"/"right", word) for the nearest content words beside token i.

    Beside a date, a number is context too ("March 21, 2015" vs "March 21, 2021").
    """
    dated = value_kind(toks[i].group(), toks[i].start() == 0) == "date"
    out = []
    for side, step in (("left", -1), ("right", 1)):
        j = i + step
        while 0 <= j < len(toks) and (
            toks[j].group().lower() in SCALE_WORDS or toks[j].group() in "$£€"
        ):
            j += step
        if 0 <= j < len(toks):
            word = normalize(toks[j].group())
            if word not in ENGLISH_STOP_WORDS and (
                dated or (len(word) > 1 and not word[0].isdigit())
            ):
                out.append((side, word))
    return out


def _plausible_people(found: list[Disagreement], voices: Sequence[Voice]) -> list[Disagreement]:
    """Drop name disagreements that look like parts of organisations or one person's names.

    A person's surname ends a run of capitalised words ("Zenith Global Logistics" is a firm);
    an all-capitals word is an acronym ("ISD"); and two names the story ever writes side by
    side ("Delynn Swonger") belong to one person.
    """
    story = " ".join(voice.article.text for voice in voices)
    kept = []
    for item in found:
        if item.kind == "name":
            values = [v.value for v in item.versions]
            texts = [_span_text(v.span, voices) for v in item.versions]
            if any(v.isupper() or _inside_run(v, t) for v, t in zip(values, texts, strict=True)):
                continue
            if any(f"{x} {y}" in story for x in values for y in values if x != y):
                continue
        kept.append(item)
    return kept


def _inside_run(value: str, text: str) -> bool:
    """Tell whether a capitalised word follows the value (it is inside a longer name)."""
    at = text.find(value)
    after = text[at + len(value) :] if at >= 0 else ""
    return re.match(r" (?!And\b|Or\b)[A-Z][a-z]", after) is not None


def _span_text(span: Span, voices: Sequence[Voice]) -> str:
    article = next(v.article for v in voices if v.article.id == span.article_id)
    return article.text[span.start : span.end]


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
                yield kind, _value(text_a, tok_a, *run_a), _value(text_b, tok_b, *run_b), tight
                break


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
    return frozenset(normalize(t.group()) for t in tokens(article.clean_text or article.text))


@dataclass(frozen=True, slots=True)
class Known:
    """What the story's reports say anywhere: each voice's words, and words used in lower case."""

    vocab: tuple[frozenset[str], ...]
    lowercase: frozenset[str]


def _contradicts(
    kind: str, values: tuple[str, str], tight: bool, units: tuple[Unit, Unit], known: Known
) -> bool:
    """Tell a conflict from a paraphrase, a rounding, an abbreviation or a common word.

    The values must differ and neither may appear in the other sentence (a reordering). A
    number or date in a tight slot (identical words on both sides, or very similar sentences)
    conflicts; otherwise one side's value must be unknown to the other outlet's whole report.
    """
    (value_a, value_b), (a, b) = values, units
    terms_a, terms_b = _core(value_a), _core(value_b)
    if not terms_a or not terms_b or terms_a <= terms_b or terms_b <= terms_a:
        return False
    if kind == "number" and _rounded_alike(value_a, value_b):
        return False
    if kind == "date" and not _date_types(value_a) & _date_types(value_b):
        return False  # "Nov. 8" and "Wednesday" may name the same day
    if kind == "name" and not (tight and _distinct_names(value_a, value_b, known.lowercase)):
        return False
    sent_a = {normalize(t.group()) for t in tokens(a.text)}
    sent_b = {normalize(t.group()) for t in tokens(b.text)}
    if terms_a & sent_b or terms_b & sent_a:
        return False
    if tight and kind != "name":
        return True
    unknown_a, unknown_b = (
        not (terms_a & known.vocab[b.voice]),
        not (terms_b & known.vocab[a.voice]),
    )
    if kind == "number" and not tight and BOTH_UNKNOWN:
        return unknown_a and unknown_b
    return unknown_a or unknown_b


def _distinct_names(value_a: str, value_b: str, lowercase: frozenset[str]) -> bool:
    """Tell two names apart: not common words, abbreviations or spellings of one another."""
    words_a, words_b = value_a.replace(".", "").split(), value_b.replace(".", "").split()
    if any(w.lower() in lowercase or not _NAME_WORD.fullmatch(w) for w in words_a + words_b):
        return False
    joined_a, joined_b = "".join(words_a).lower(), "".join(words_b).lower()
    initials_a = "".join(w[0] for w in words_a).lower()
    initials_b = "".join(w[0] for w in words_b).lower()
    if joined_a in (initials_b, joined_b[: len(joined_a)]):
        return False
    if joined_b in (initials_a, joined_a[: len(joined_b)]):
        return False
    return SequenceMatcher(None, joined_a, joined_b).ratio() < SPELLING_RATIO


def _lowercase_words(article: Article) -> set[str]:
    """Return the words an article writes in lower case (so they are not names)."""
    return set(re.findall(r"\b[a-z][a-z'’-]+\b", article.clean_text or article.text))


def _core(value: str) -> set[str]:
    """Return the normalized words of a value without stopwords, scale words or currency."""
    words = {normalize(t.group()) for t in tokens(value)}
    return words - ENGLISH_STOP_WORDS - SCALE_WORDS - {"$", "£", "€"}


def _date_types(value: str) -> set[str]:
    """Return which parts of a date a value gives: weekday, month, year, time."""
    types = set()
    for tok in tokens(value):
        low = tok.group().lower()
        types |= {"weekday"} if low in WEEKDAYS else {"month"} if low in MONTHS else set()
        types |= {"year"} if re.fullmatch(r"(19|20)\d\d", low) else set()
        types |= {"time"} if ":" in low else set()
    return types


def _rounded_alike(value_a: str, value_b: str) -> bool:
    """Tell whether two numbers agree once the more precise one is rounded ("5.58" ~ "5.6")."""
    found_a = re.search(r"\d[\d,]*(?:\.(\d+))?", value_a)
    found_b = re.search(r"\d[\d,]*(?:\.(\d+))?", value_b)
    if found_a is None or found_b is None:
        return False
    x, y = (float(f.group().replace(",", "")) for f in (found_a, found_b))
    places = min(len(f.group(1) or "") for f in (found_a, found_b))
    return x != y and abs(x - y) <= 0.5 * 10**-places + 1e-9


def _topic(text: str, value: str) -> str:
    """Return a few words around the value: what the disagreement is about."""
    at = text.find(value)
    left = text[:at].split()[-5:] if at >= 0 else []
    right = text[at + len(value) :].split()[:5] if at >= 0 else []
    return " ".join([*left, "…", *right]).strip()


def quoted_speaker_disagreements(
    units: Sequence[Unit], voices: Sequence[Voice], sims: np.ndarray, threshold: float
) -> list[Disagreement]:
    """Find the same quotation that two outlets' sentences put in different people's mouths."""
    out = []
    for i, j in zip(*np.nonzero(np.triu(sims, 1) >= threshold), strict=True):
        a, b = units[int(i)], units[int(j)]
        if voices[a.voice].article.outlet == voices[b.voice].article.outlet:
            continue
        quote = _shared_quote(a.text, b.text)
        if quote is None:
            continue
        speaker_a, speaker_b = _speaker(a.text), _speaker(b.text)
        if not speaker_a or not speaker_b:
            continue
        if _surname(speaker_a) in b.text or _surname(speaker_b) in a.text:
            continue
        versions = (
            Version(speaker_a, voices[a.voice].outlets, a.span),
            Version(speaker_b, voices[b.voice].outlets, b.span),
        )
        topic = quote if len(quote) <= 80 else quote[:77] + "…"
        out.append(Disagreement("speaker", topic, versions))
    return out


def _shared_quote(text_a: str, text_b: str) -> str | None:
    """Return a quotation of at least six words that both texts carry (nearly) alike."""
    for quote_a in _QUOTATION.findall(text_a):
        words_a = [normalize(t.group()) for t in tokens(quote_a)]
        if len(words_a) < MIN_QUOTE_WORDS:
            continue
        for quote_b in _QUOTATION.findall(text_b):
            words_b = [normalize(t.group()) for t in tokens(quote_b)]
            if SequenceMatcher(None, words_a, words_b).ratio() >= QUOTE_RATIO:
                return str(quote_a)
    return None


def _speaker(text: str) -> str | None:
    """Return the one name beside a verb of saying outside the quotation marks, if any."""
    outside = _QUOTATION.sub(" ", text)
    names = {m.group("name") for pattern in _SAYS for m in pattern.finditer(outside)}
    names = {n for n in names if n.split()[0].lower() not in TITLES}
    people = [n for n in names if not any(n != m and n in m for m in names)]
    return people[0] if len(people) == 1 else None


def age_disagreements(voices: Sequence[Voice]) -> list[Disagreement]:
    """Find a person two outlets give different ages ("Ann Lee, 34," vs "35-year-old Ann Lee")."""
    ages = [_ages(voice.article) for voice in voices]
    out = []
    for a in range(len(voices)):
        for b in range(a + 1, len(voices)):
            if voices[a].article.outlet == voices[b].article.outlet:
                continue
            for surname in sorted(ages[a].keys() & ages[b].keys()):
                if len(ages[a][surname]) != 1 or len(ages[b][surname]) != 1:
                    continue
                (age_a, span_a), (age_b, span_b) = (
                    next(iter(ages[x][surname].items())) for x in (a, b)
                )
                if age_a != age_b:
                    versions = (
                        Version(age_a, voices[a].outlets, span_a),
                        Version(age_b, voices[b].outlets, span_b),
                    )
                    out.append(Disagreement("number", f"age of {surname}", versions))
    return out


def _ages(article: Article) -> dict[str, dict[str, Span]]:
    """Return surname -> {age: sentence span} for the full names an article gives an age."""
    found: dict[str, dict[str, Span]] = {}
    for sentence in split_sentences(article):
        for match in _AGE.finditer(sentence.text):
            name = match.group("name_a") or match.group("name_b")
            age = match.group("age_a") or match.group("age_b")
            if int(age) <= MAX_AGE:
                span = Span(article.id, sentence.start, sentence.end)
                found.setdefault(_surname(name), {}).setdefault(age, span)
    return found


def role_disagreements(voices: Sequence[Voice]) -> list[Disagreement]:
    """Find a role (host, spokesman, ...) that two outlets give to different people."""
    roles: list[dict[str, dict[str, Span]]] = []
    for voice in voices:
        found: dict[str, dict[str, Span]] = {}
        article = voice.article
        for sentence in split_sentences(article):
            for match in _ROLE_NAME.finditer(sentence.text):
                name = match.group(2).strip()
                span = Span(article.id, sentence.start, sentence.end)
                found.setdefault(match.group(1).lower(), {}).setdefault(name, span)
        roles.append(found)
    out = []
    for a in range(len(voices)):
        for b in range(a + 1, len(voices)):
            out.extend(_role_conflicts(voices, roles, a, b))
    return out


def _role_conflicts(
    voices: Sequence[Voice], roles: list[dict[str, dict[str, Span]]], a: int, b: int
) -> list[Disagreement]:
    if voices[a].article.outlet == voices[b].article.outlet:
        return []
    out = []
    text_a, text_b = voices[a].article.text, voices[b].article.text
    for role in roles[a].keys() & roles[b].keys():
        names_a, names_b = roles[a][role], roles[b][role]
        if len(names_a) != 1 or len(names_b) != 1:
            continue
        (name_a, span_a), (name_b, span_b) = (
            next(iter(names_a.items())),
            next(iter(names_b.items())),
        )
        if _surname(name_a) in text_b or _surname(name_b) in text_a:
            continue
        versions = (
            Version(name_a, voices[a].outlets, span_a),
            Version(name_b, voices[b].outlets, span_b),
        )
        out.append(Disagreement("name", role, versions))
    return out


def _surname(name: str) -> str:
    return name.split()[-1]


def speaker_disagreements(
    quotes: Sequence[Quote], articles: Sequence[Article]
) -> list[Disagreement]:
    """Turn quotes attributed to different speakers by different outlets into disagreements."""
    by_id = {article.id: article for article in articles}
    out = []
    for quote in quotes:
        if not quote.conflicting_speakers:
            continue
        speakers = [s for s in dict.fromkeys([quote.speaker, *quote.conflicting_speakers]) if s]
        versions = tuple(_speaker_version(name, quote, by_id) for name in speakers)
        if len(versions) >= 2:
            topic = quote.text if len(quote.text) <= 80 else quote.text[:77] + "…"
            out.append(Disagreement("speaker", topic, versions))
    return out


def _speaker_version(name: str, quote: Quote, by_id: dict[str, Article]) -> Version:
    """Find the occurrences of a quote whose surroundings name this speaker."""
    spans = [*quote.occurrences] or [quote.span]
    hits = []
    for span in spans:
        article = by_id.get(span.article_id)
        if article is None:
            continue
        window = article.text[max(0, span.start - 200) : span.end + 200]
        if _surname(name) in window:
            hits.append((article.outlet, span))
    if not hits:
        return Version(name, (), quote.span)
    return Version(name, tuple(dict.fromkeys(o for o, _ in hits)), hits[0][1])
