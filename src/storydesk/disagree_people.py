"""Disagreements about people: ages, roles and who said a quotation.

Cheap detectors (no model) used by `storydesk.disagreements`, each keeping both versions with
their outlets and spans:
- ages: a named person whose age two outlets give differently;
- roles: a role ("host", "spokesman") that two outlets give to different people; a rank
  written as a title ("Captain Rosalind Teague") is held by many and is no role;
- first names: one surname with first names a letter apart ("Eleni" vs "Elena Marchetti");
- speakers: one quotation put in different people's mouths by two outlets' sentences, and
  merged quotes with conflicting speakers (`Quote.conflicting_speakers`); the speaker of a
  reworded statement as a slot of its own (`speaker_slots`);
- plausibility: which name disagreements name people at all (`plausible_people`), and the
  name tests the slot detector uses: a story's common words and surnames, two names told
  apart from a spelling or an abbreviation (`distinct_names`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from difflib import SequenceMatcher

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storydesk.compare import MONTHS, WEEKDAYS, Unit, Voice, normalize, tokens, word_set
from storydesk.models import Article, Disagreement, Quote, Span, Version
from storydesk.sentences import split_sentences

TITLES = word_set(
    """mr mrs ms dr prof sir lord lady president prime minister senator sen rep gov governor
    mayor chief officer judge justice king queen prince princess pope general gen col captain
    capt sgt lt det the a an he she it they we i this that these those his her their its in on
    at of for but and or so if as after before when while said says according"""
)
MAX_AGE = 120
# Words before a capitalised word that make it a place, not a surname ("South Africa").
PLACES = word_set(
    """north south east west northern southern eastern western central upper lower new old
    san santa santo sao los las la el le de del st saint fort port mount lake cape hong sri
    costa puerto great united city county gulf bay river"""
)
_FULL_NAME = r"(?:[A-Z][\w'’-]+ )+[A-Z][\w'’-]+"
_AGE = re.compile(
    rf"\b(?P<age_a>\d{{1,3}})-year-old (?P<name_a>{_FULL_NAME})"
    rf"|(?P<name_b>{_FULL_NAME}), (?:an? )?(?P<age_b>\d{{1,3}})(?:,|-year-old\b)"
)
MIN_QUOTE_WORDS = 6
QUOTE_RATIO = 0.8  # quotations this alike (on normalized words) are the same quotation
_SAY = r"(?:said|says|told|added|wrote|tweeted)"
_APPOSITIVE = rf"(?:, [a-z\d](?:(?! [A-Z][\w'’-]+ {_SAY}\b)[^,\"“”]){{0,39}})?"
_SAYS = (
    # "Hall, the police chief, said": an appositive in lower case, with no speaker of its own
    # ("Nine Network, Greig added" and "Rockford, just as Jack Lee said" are not the place's)
    re.compile(rf"\b(?P<name>{_FULL_NAME}|[A-Z][a-z]+){_APPOSITIVE},? {_SAY}\b"),
    # "said spokeswoman Ann Lee." but not "said Pinochet did not ...": there Lee speaks
    re.compile(
        rf"\b{_SAY}(?: [a-z][a-z-]*){{0,3}} (?P<name>{_FULL_NAME}|[A-Z][a-z]+)\b"
        r"(?=\s*(?:[,.;:!?\"”)]|$)| (?:on|in|at|during|after|before|when|while|as)\b)"
    ),
)
_QUOTATION = re.compile(r"[\"“]([^\"“”]+)[\"”]")
ROLES = word_set(
    """host presenter anchor moderator interviewer spokesman spokeswoman spokesperson chairman
    chairwoman chair ceo coach captain manager leader director judge editor referee"""
)
# a run of capitalised words after a place preposition, not a possessive ("in Nova Scotia",
# "off the coast of Canada", "a flight to Geneva"), or before a kind of place ("Iloilo province")
_PLACE_RUN = re.compile(
    r"\b(?:in|at|near|(?:coast|outskirts|province|state|capital|city) of|"
    r"(?:flight|flights|flying|bound|headed|route|routes) (?:to|for))\s+"
    r"((?:[A-Z][\w-]+ )*[A-Z][\w-]+)\b(?!['’])"
    r"|\b((?:[A-Z][\w-]+ )*[A-Z][\w-]+) (?:province|county|island|region|district)\b"
)
# A place and "to" right before a value: where a route ends ("New York to Geneva").
_ROUTE_START = re.compile(r"\b((?:[A-Z][\w-]+ )*[A-Z][\w-]+) to\s+$")
ROLE_MODIFIERS = word_set(
    "head chief deputy assistant associate senior acting interim majority minority executive"
)
_NAME = r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}"
_NAME_RUN = re.compile(r"\b[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)+\b")
NOT_NAMES = TITLES | ROLES | ENGLISH_STOP_WORDS | MONTHS | WEEKDAYS | PLACES
NOT_FIRST_NAMES = ENGLISH_STOP_WORDS | MONTHS | WEEKDAYS | PLACES  # titles may come first
# A name word: capitalised, each hyphened part too ("Franz-Joseph", not "Kong-based"), and
# no suffix or party tag ("Jr", "D-Mich").
_NAME_WORD = re.compile(r"(?!(?:Jr|Sr)\b|[DRI]-[A-Z])[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)*")
# overlapping: "Presenter Mel Grieve" gives both "Mel" and "Grieve" as words after a first name;
# a surname may have a second capital ("McCullough", "O'Brien", "DeSantis")
# a first name or title and the word after it, past a particle ("Lula da Silva", "bin Talal")
_FIRST_AND_LAST = re.compile(
    r"\b([A-Z][a-z]+)\.? (?:(?:da|de|di|do|dos|du|del|della|van|von|der|den|bin|ibn|al|el) )?"
    r"(?=([A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?)\b)"
)

# a capitalised word inside a sentence: right after a word in lower case ("said Hall")
_INNER_CAPITAL = re.compile(r"\b[a-z][a-z'’-]*,? ([A-Z][a-z'’-]+)\b")
SPELLING_RATIO = 0.75  # names this alike are one name spelled two ways
PERSON_KINDS = ("name", "speaker")  # disagreements whose values are people's names
HEADLINE_SHARE = 0.8  # a text capitalising this share of its longer words is a headline
MIN_VARIANT = 4
MAX_HOLDERS = 2  # a role held by more people than this across a story's reports is no one post
LEAD_WORDS = 2  # content words right before a name that make its slot ("burial cloth of")
LEAD_REACH = 4  # ... found among this many words before it
PLACE_BEFORE = word_set("in at near outside inside across throughout around")
_ROLE_NAME = re.compile(r"\b(?i:(" + "|".join(sorted(ROLES)) + r"))\s+(" + _NAME + ")")


def outlet_pairs(voices: Sequence[Voice]) -> Iterator[tuple[int, int]]:
    """Yield the index pairs (a < b) of voices from different outlets."""
    for a in range(len(voices)):
        for b in range(a + 1, len(voices)):
            if voices[a].article.outlet != voices[b].article.outlet:
                yield a, b


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
        speakers = _two_speakers(a.text, b.text)
        if speakers is None:
            continue
        speaker_a, speaker_b = speakers
        versions = (
            Version(speaker_a, voices[a.voice].outlets, a.span),
            Version(speaker_b, voices[b.voice].outlets, b.span),
        )
        topic = quote if len(quote) <= 80 else quote[:77] + "…"
        out.append(Disagreement("speaker", topic, versions))
    return out


def speaker_slots(text_a: str, text_b: str) -> Iterable[tuple[str, str, str, bool]]:
    """Yield ("speaker", speaker in a, speaker in b, False) when each text names one speaker.

    Two outlets' reports of one statement give its speaker the same slot, however the rest is
    worded ("Greig added: ..." vs "Asked ..., Greig said she'd ..."). A speaker the other
    text names too has another part in it ("Schmack said ... as McCullough said"), and a text
    that is little more than its speaker ("Trump said.") has no statement to share.
    """
    if min(len(text_a.split()), len(text_b.split())) < MIN_QUOTE_WORDS:
        return
    speakers = _two_speakers(text_a, text_b)
    if speakers is None:
        return
    speaker_a, speaker_b = speakers
    # "said spokeswoman Kristin Mears" vs "trauma director Dr. Raymond Fang said": two sources
    if _role_before(text_a, speaker_a) == _role_before(text_b, speaker_b):
        yield "speaker", speaker_a, speaker_b, False


def _two_speakers(text_a: str, text_b: str) -> tuple[str, str] | None:
    """Return each text's one speaker when neither text names the other's, else None."""
    speaker_a, speaker_b = _speaker(text_a), _speaker(text_b)
    if not speaker_a or not speaker_b:
        return None
    if _surname(speaker_a) in text_b or _surname(speaker_b) in text_a:
        return None
    return speaker_a, speaker_b


def _role_before(text: str, name: str) -> str:
    """Return the lower-case word that gives a speaker's role ("spokeswoman"), or ""."""
    words = [w for w in text[: text.find(name)].split() if not _is_title(w.rstrip(".") or w)]
    word = words[-1] if words else ""  # "family, Grieve said": after a comma, no role
    if not word.isalpha() or not word.islower() or word in ENGLISH_STOP_WORDS:
        return ""
    return "" if re.fullmatch(_SAY, word) else word


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
    names = {n for n in names if n.split()[0].lower() not in TITLES | WEEKDAYS | MONTHS}
    people = [n for n in names if not any(n != m and n in m for m in names)]
    return people[0] if len(people) == 1 else None


def age_disagreements(voices: Sequence[Voice]) -> list[Disagreement]:
    """Find a person two outlets give different ages ("Ann Lee, 34," vs "35-year-old Ann Lee")."""
    ages = [_ages(voice.article) for voice in voices]
    out = []
    for a, b in outlet_pairs(voices):
        for person in sorted(ages[a].keys() & ages[b].keys()):
            if len(ages[a][person]) != 1 or len(ages[b][person]) != 1:
                continue
            (age_a, span_a), (age_b, span_b) = (next(iter(ages[x][person].items())) for x in (a, b))
            if age_a != age_b:
                versions = (
                    Version(age_a, voices[a].outlets, span_a),
                    Version(age_b, voices[b].outlets, span_b),
                )
                out.append(Disagreement("number", f"age of {' '.join(person)}", versions))
    return out


def _ages(article: Article) -> dict[tuple[str, str], dict[str, Span]]:
    """Return (first name, surname) -> {age: sentence span} for the people given an age.

    The first name keeps relatives apart ("7-year-old Maria Ridulph", "Charles Ridulph, 70");
    a title before the name is skipped ("Judge Ann Lee" is Ann Lee).
    """
    found: dict[tuple[str, str], dict[str, Span]] = {}
    for sentence in split_sentences(article):
        for match in _AGE.finditer(sentence.text):
            name = match.group("name_a") or match.group("name_b")
            age = match.group("age_a") or match.group("age_b")
            if int(age) <= MAX_AGE:
                span = Span(article.id, sentence.start, sentence.end)
                found.setdefault(_person(name), {}).setdefault(age, span)
    return found


def _person(name: str) -> tuple[str, str]:
    """Return a full name's first name (after any titles or roles) and surname."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in TITLES | ROLES]
    return (words[0] if len(words) > 1 else "", _surname(name))


# Per role, the people an outlet gives it: name -> (where, whose role: "hamas", "" if unsaid).
Roles = dict[str, dict[str, tuple[Span, str]]]


def role_disagreements(voices: Sequence[Voice]) -> list[Disagreement]:
    """Find a role (host, spokesman, ...) that two outlets give to different people.

    Roles of different bodies are different slots: "Hamas spokesman Sami Abu Zuhri" and
    "State Department spokesman Mark Toner" do not disagree.
    """
    roles: list[Roles] = []
    for voice in voices:
        found: Roles = {}
        article = voice.article
        for sentence in split_sentences(article):
            for match in _ROLE_NAME.finditer(sentence.text):
                if _is_title(match.group(1)):
                    continue
                name = match.group(2).strip()
                span = Span(article.id, sentence.start, sentence.end)
                whose = _role_owner(sentence.text[: match.start()])
                found.setdefault(match.group(1).lower(), {}).setdefault(name, (span, whose))
        roles.append(found)
    # A role that three or more people hold across the reports is no single post: the head
    # coaches of several teams, the spokesmen of several bodies none of them names.
    for role in {role for found in roles for role in found}:
        holders = {_surname(name) for found in roles for name in found.get(role, {})}
        if len(holders) > MAX_HOLDERS:
            for found in roles:
                found.pop(role, None)
    out = []
    for a, b in outlet_pairs(voices):
        out.extend(_role_conflicts(voices, roles, a, b))
    return out


def _role_owner(before: str) -> str:
    """Return whose role it is, from the word before it: "Hamas", "minister's" ("" if none).

    Words that rank a role ("Majority Leader", "deputy spokesman") are passed over.
    """
    words = before.split()
    while words and words[-1].lower() in ROLE_MODIFIERS:
        words.pop()  # "House Majority Leader": the House's
    if not words:
        return ""
    word = words[-1].strip('"“”(,')
    possessive = word.endswith(("'s", "’s"))
    word = word.removesuffix("'s").removesuffix("’s")
    if not (possessive or word[:1].isupper()) or word.lower() in ENGLISH_STOP_WORDS:
        return ""
    return word.lower()


def _is_title(word: str) -> bool:
    """Tell a rank written as a title ("Captain Rosalind Teague") from a role ("captain").

    Many people hold one rank (a ship's captain, the harbourmaster who is a captain too), so
    a title names no one slot that two outlets could fill differently.
    """
    return word[0].isupper() and word.lower() in TITLES


def _role_conflicts(
    voices: Sequence[Voice], roles: list[Roles], a: int, b: int
) -> list[Disagreement]:
    out = []
    text_a, text_b = voices[a].article.text, voices[b].article.text
    for role in roles[a].keys() & roles[b].keys():
        names_a, names_b = roles[a][role], roles[b][role]
        if len(names_a) != 1 or len(names_b) != 1:
            continue
        (name_a, (span_a, whose_a)), (name_b, (span_b, whose_b)) = (
            next(iter(names_a.items())),
            next(iter(names_b.items())),
        )
        if _surname(name_a) in text_b or _surname(name_b) in text_a:
            continue
        if whose_a != whose_b:
            continue  # spokesmen of different bodies, or of a body and of one not named
        versions = (
            Version(name_a, voices[a].outlets, span_a),
            Version(name_b, voices[b].outlets, span_b),
        )
        out.append(Disagreement("name", role, versions))
    return out


def _surname(name: str) -> str:
    return name.split()[-1]


def speaker_disagreements(
    quotes: Sequence[Quote], articles: Sequence[Article], common: frozenset[str]
) -> list[Disagreement]:
    """Turn quotes attributed to different speakers by different outlets into disagreements.

    Only direct quotes count: two sources may well report one claim. Two forms of one name
    ("Pete" and "Peter Strella", "Archaeologist Giles Hamm") are one speaker, and an outlet
    that names both speakers around the quote (an interviewer and the person answering) takes
    no side: each side needs an outlet of its own. Words that three or more people say are a
    stock phrase, not one quote.
    """
    by_id = {article.id: article for article in articles}
    out = []
    for quote in quotes:
        if not quote.conflicting_speakers or quote.kind != "direct":
            continue  # two sources may well report one claim ("Israel TV said the two ...")
        speakers: list[str] = []
        for name in dict.fromkeys([quote.speaker, *quote.conflicting_speakers]):
            if name and all(distinct_names(name, other, common) for other in speakers):
                speakers.append(name)
        if len(speakers) > MAX_HOLDERS:
            continue  # words three or more people say are a stock phrase ("It was a panic")
        versions = [_speaker_version(name, quote, by_id) for name in speakers]
        versions = [v for v, own in zip(versions, _own_outlets(versions), strict=True) if own]
        if len(versions) >= 2:
            topic = quote.text if len(quote.text) <= 80 else quote.text[:77] + "…"
            out.append(Disagreement("speaker", topic, tuple(versions)))
    return out


def _own_outlets(versions: Sequence[Version]) -> list[set[str]]:
    """Return, per version, the outlets that give its speaker and no other version's."""
    return [
        set(version.outlets)
        - {o for k, other in enumerate(versions) if k != n for o in other.outlets}
        for n, version in enumerate(versions)
    ]


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


def name_variant_disagreements(voices: Sequence[Voice]) -> list[Disagreement]:
    """Find a person two outlets give first names one letter apart ("Eleni" vs "Elena Marchetti").

    Both must use only their own spelling, and neither may write the other's first name
    anywhere (two relatives, or a spelling the outlet also uses, are no conflict).
    Shortened forms ("Mike" vs "Michael") differ in length and are left alone.
    """
    names = [_full_names(voice.article) for voice in voices]
    words = [set(re.findall(r"\w+", voice.article.text)) for voice in voices]
    out = []
    for a, b in outlet_pairs(voices):
        for surname in sorted(names[a].keys() & names[b].keys()):
            if len(names[a][surname]) != 1 or len(names[b][surname]) != 1:
                continue
            (first_a, span_a), (first_b, span_b) = (
                next(iter(names[x][surname].items())) for x in (a, b)
            )
            if first_a in words[b] or first_b in words[a]:
                continue
            if _one_letter_apart(first_a, first_b):
                versions = (
                    Version(f"{first_a} {surname}", voices[a].outlets, span_a),
                    Version(f"{first_b} {surname}", voices[b].outlets, span_b),
                )
                out.append(Disagreement("name", f"first name of {surname}", versions))
    return out


def _full_names(article: Article) -> dict[str, dict[str, Span]]:
    """Return surname -> {first name: sentence span} for the "First Last" names of an article."""
    found: dict[str, dict[str, Span]] = {}
    for sentence in split_sentences(article):
        for match in _NAME_RUN.finditer(sentence.text):
            words = match.group().split()
            while words and words[0].lower().rstrip(".") in TITLES | ROLES:
                words = words[1:]  # "Mrs Eleni Marchetti", "Cyclist Eleni Marchetti"
            if len(words) != 2 or any(w.lower() in NOT_NAMES for w in words):
                continue  # a longer run is an organisation or a place
            first, last = words
            if not first.isalpha():
                continue
            span = Span(article.id, sentence.start, sentence.end)
            found.setdefault(last, {}).setdefault(first, span)
    return found


def _one_letter_apart(first: str, second: str) -> bool:
    """Tell whether two names of four letters or more differ in one letter, not the first."""
    if len(first) != len(second) or len(first) < MIN_VARIANT or first[0] != second[0]:
        return False
    return sum(x != y for x, y in zip(first, second, strict=True)) == 1


def same_person_slot(text_a: str, value_a: str, text_b: str, value_b: str) -> bool:
    """Tell whether two names fill one person's slot: the same content words lead up to both.

    "the burial cloth of Jesus" vs "the burial cloth of Ingersoll" name two people for one
    role; "the Four Seasons Hotel in Manhattan" vs "... in Midtown" name places, and a lone
    shared word ("significantly") is no slot.
    """
    lead_a, lead_b = _lead(text_a, value_a), _lead(text_b, value_b)
    return lead_a is not None and lead_a == lead_b


def _lead(text: str, value: str) -> tuple[str, ...] | None:
    """Return the last content words before a value, or None when a place preposition is."""
    at = text.find(value)
    if at < 0:
        return None
    before = [t.group() for t in tokens(text[:at])][-LEAD_REACH:]
    if not before or before[-1].lower() in PLACE_BEFORE:
        return None
    content = [normalize(w) for w in before if w.lower() not in ENGLISH_STOP_WORDS]
    return tuple(content[-LEAD_WORDS:]) if len(content) >= LEAD_WORDS else None


def distinct_names(value_a: str, value_b: str, common: frozenset[str]) -> bool:
    """Tell two names apart: not common words, abbreviations or spellings of one another."""
    # "Xu and Qin" vs "Hawthorne": a list of names fills a slot too
    words_a = [w for w in value_a.replace(".", "").split() if w not in ("and", "&")]
    words_b = [w for w in value_b.replace(".", "").split() if w not in ("and", "&")]
    if any(w.lower() in common or not _NAME_WORD.fullmatch(w) for w in words_a + words_b):
        return False
    joined_a, joined_b = "".join(words_a).lower(), "".join(words_b).lower()
    initials_a = "".join(w[0] for w in words_a).lower()
    initials_b = "".join(w[0] for w in words_b).lower()
    if joined_a in (initials_b, joined_b[: len(joined_a)]):
        return False
    if joined_b in (initials_a, joined_a[: len(joined_b)]):
        return False
    return SequenceMatcher(None, joined_a, joined_b).ratio() < SPELLING_RATIO


def common_words(articles: Sequence[Article]) -> frozenset[str]:
    """Return the words a story writes in lower case more often than capitalised in a sentence.

    Such words are not names ("the Police said" is "police"); a name that is also a word
    ("Chief Hall said" and "town hall") is written capitalised more often.
    """
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for article in articles:
        text = article.body_text
        lower.update(re.findall(r"\b[a-z][a-z'’-]+\b", text))
        capital.update(w.lower() for w in _INNER_CAPITAL.findall(text))
    return frozenset(w for w, n in lower.items() if n > capital[w])


def surnames(article: Article) -> set[str]:
    """Return the words an article writes after a first name or title ("Brian Austin")."""
    pairs = _FIRST_AND_LAST.findall(article.body_text)
    return {last for first, last in pairs if first.lower() not in NOT_FIRST_NAMES}


def plausible_people(found: list[Disagreement], voices: Sequence[Voice]) -> list[Disagreement]:
    """Drop name and speaker disagreements that look like parts of organisations or one
    person's names.

    A person's surname ends a run of capitalised words ("Zenith Global Logistics" is a firm);
    an all-capitals word is an acronym ("ISD"); and two names the story ever writes side by
    side ("Delynn Swonger") belong to one person. Two places (after "in" or "at" here, at the
    end of a route from a place, "New York to Geneva", or anywhere in the story: "to Geneva"
    and "in Geneva") are no people, and two outlets' places
    for one fact are nearly always one place named at two scales ("in Kenya and Tanzania" vs
    "in Africa"), which only a gazetteer could tell apart.
    """
    story = " ".join(voice.article.text for voice in voices)
    runs = [m.group(1) or m.group(2) for m in _PLACE_RUN.finditer(story)]
    places = set(runs) | {run.split()[-1] for run in runs}
    kept = []
    for item in found:
        if item.kind in PERSON_KINDS:
            values = [v.value for v in item.versions]
            texts = [_span_text(v.span, voices) for v in item.versions]
            if any(v.isupper() or _inside_run(v, t) for v, t in zip(values, texts, strict=True)):
                continue
            if any(f"{x} {y}" in story for x in values for y in values if x != y):
                continue
            if all(
                _after_place_word(v, t) or v in places or _route_end(v, t, places)
                for v, t in zip(values, texts, strict=True)
            ):
                continue
        kept.append(item)
    return kept


def _after_place_word(value: str, text: str) -> bool:
    """Tell whether a place preposition comes right before the value ("in Weberek")."""
    before = text[: max(text.find(value), 0)].split()
    return bool(before) and before[-1].lower() in PLACE_BEFORE


def _route_end(value: str, text: str, places: set[str]) -> bool:
    """Tell whether the value ends a route from a place ("from New York to Geneva")."""
    before = _ROUTE_START.search(text[: max(text.find(value), 0)])
    return before is not None and before.group(1) in places


def _inside_run(value: str, text: str) -> bool:
    """Tell whether a capitalised word follows the value (it is inside a longer name).

    In a headline every word is capitalised, so there a capital tells nothing.
    """
    if _headline_case(text):
        return False
    at = text.find(value)
    after = text[at + len(value) :] if at >= 0 else ""
    return re.match(r" (?!And\b|Or\b)[A-Z][a-z]", after) is not None


def _headline_case(text: str) -> bool:
    """Tell whether a text capitalises nearly all its longer words ("Watch Sen. Warren Grill")."""
    words = re.findall(r"\b[A-Za-z][a-z'’]{3,}\b", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= HEADLINE_SHARE * len(words)


def _span_text(span: Span, voices: Sequence[Voice]) -> str:
    article = next(v.article for v in voices if v.article.id == span.article_id)
    return article.text[span.start : span.end]
