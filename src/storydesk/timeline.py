"""Timeline: the story's dated events, relative dates resolved against publication dates.

Every sentence that carries a date expression is an event, except a relative date inside a
quotation ("Today they were frightened," she said): that is talk, not an event; nor is a date
under "could" or "might" ("could be issued next year"): a possibility. Absolute dates ("12 May
2016", "April 28") are read with dateutil; relative ones ("Thursday", "yesterday", "last week",
"three days ago") are resolved against the article's publication date when it is known, and
kept as written (resolved=False) otherwise. "Two days before/later" counts from another date in
the same sentence, never from the publication date (that would state what no source says); "on
Monday, two days after the win" is Monday's event. A date in an aside (", who had been due to
fly on Friday,") dates the aside, not the sentence: it gives way to the sentence's own, and
alone dates no event ("Xu, who will go on trial on Monday, has been given a lawyer"). A wire
dateline is no date of the event. A weekday is the most recent such day on or before
publication, or the next one when the sentence speaks of the future ("will", "is to", "next",
"until", "is expected to", a report's "said it would", a deadline under a modal). Resolved
dates are ISO 8601: a day (2016-04-28), a week (2016-W17), a month (2016-04) or a year (2016).
A date that is a limit keeps the word that makes it one ("until at least Friday", "since 2021",
"through Oct. 21"), so the timeline does not read as if something happened that day. The same
event reported by several outlets (same date, similar sentence) is merged into one with all
their outlets, and so is one outlet's sentence repeated, nearly word for word and with the same
figures, in a later update.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from storydesk.compare import group_voices, similarity_matrix
from storydesk.models import Article, Sentence, Span, TimelineEvent
from storydesk.quotemarks import Mark, inside, quoted_stretches
from storydesk.sentences import dateline_end, split_sentences
from storydesk.settings import Settings
from storydesk.similarity import numbers_conflict

MERGE_THRESHOLD = 0.3  # similarity at which two outlets' dated sentences are one event
# ... and at which one outlet's sentence in two of its articles is one (a wire's update
# repeating "Of Marxist inspiration, the PKK was founded ... in 1978").
REPEAT_THRESHOLD = 0.8
MIN_WORDS = 5

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
_UNIT = r"(?:day|week|month|year)s?"
# "in spring 2027", "by the summer of 2026", "in early 2025", "in mid-2025": still that year.
_PART_OF_YEAR = (
    r"(?:(?:the )?(?:early |late )?(?:spring|summer|autumn|fall|winter)(?: of)? "
    r"|(?:early|late) |mid-)"
)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("iso", rf"\b{_YEAR}-\d\d-\d\d\b"),
        (
            "absolute",
            rf"\b{_MONTH} {_DAY}(?:,? {_YEAR})?\b|\b{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?",
        ),
        ("month", rf"\b{_MONTH},? {_YEAR}\b"),
        ("ago", rf"(?i:\b{_COUNT} {_UNIT} ago\b)"),
        ("offset", rf"(?i:\b{_COUNT} {_UNIT} (?:before|earlier|later|after)\b)"),
        ("weekday", rf"(?i:\b(?:last|next|this|on) )?\b{_WEEKDAY}\b"),
        ("period", r"(?i:\b(?:last|this|next|earlier this|later this) (?:week|month|year)\b)"),
        (
            "day",
            r"(?i:\b(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening)"
            r"|last night)\b)",
        ),
        ("year", rf"\b(?:in|since|until|by|during) {_PART_OF_YEAR}?({_YEAR})\b"),
    )
)
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|is to|are to|is set to|going to|gonna|next|scheduled (?:to|for)"
    r"|(?:is|are) expected to"
    r"|due to (?:be|begin|start|open|close|end|finish|run|resume|return|appear|stand|face"
    r"|meet|vote|sit|arrive|leave|take|hold|hear|report|publish|launch|expire|come))\b"
)
# "until at least Friday", "from Saturday": a day something runs to or from is ahead.
_UNTIL = re.compile(r"(?i)\b(?:until|till|through|from)(?: at least| as early as)? (?:on )?$")
_PAST = re.compile(r"(?i)\b(?:was|were|had|happened|occurred|did)\b")
# A past report after a future marker: "is to close ..., the company told staff on Tuesday"
# (Tuesday is when it told them).
_REPORTED = re.compile(
    r"(?i)\b(?:said|told|announced|confirmed|reported|revealed|stated|wrote|added|agreed"
    r"|decided|voted|approved|signed)\b"
)
# "would not be allowed home before Tuesday", "could be fixed by Friday": a deadline ahead.
_DEADLINE = re.compile(r"(?i)\b(?:before|by)(?: at least)? (?:on |next )?$")
_MODAL = re.compile(r"(?i)\b(?:would|could|can|will|may|might|should|must|won't|cannot|can't)\b")
_EARLIEST = re.compile(r"(?i)^\W*at the (?:earliest|latest)\b")
FUTURE_WINDOW = 100  # characters between "will ..." and the date it governs
YEAR_AHEAD_DAYS = 60  # a future day and month this far before publication is next year's


def _is_future(before: str, after: str = "") -> bool:
    """Tell whether a future marker governs what follows ("will vote on Thursday").

    So does "until" or "from" right before the date, unless the sentence is in the past
    ("until at least" always looks ahead, even backshifted: "had been suspended until at
    least Friday"), a deadline under a modal ("would not be allowed home before Tuesday")
    and a date "at the earliest". "Would" alone does not: "I would like to hear from anyone
    who saw ... on Wednesday night" looks back.
    """
    if _EARLIEST.search(after) or (_DEADLINE.search(before) and _MODAL.search(before)):
        return True
    until = _UNTIL.search(before)
    if until and ("least" in until.group(0) or not _PAST.search(before)):
        return True
    return _future_marker(before)


def _future_marker(before: str) -> bool:
    """Tell whether a word of the future ("will", "is due to begin", a reported "said it
    would") governs what follows."""
    marks = [*_FUTURE.finditer(before), *_REPORTED_FUTURE.finditer(before)]
    if not marks:
        return False
    last = max(marks, key=lambda m: m.end())
    between = before[last.end() :]
    past = _PAST.search(between) or _REPORTED.search(between)
    if last.re is _REPORTED_FUTURE and _PAST_VERB.search(between):
        return False  # "said they would like to hear from anyone who saw ... on Wednesday"
    return len(between) <= FUTURE_WINDOW and not past


# The future of a report: "the union said it would hold a meeting on Thursday", "Mubarak
# was expected to arrive on Monday".
_REPORTED_FUTURE = re.compile(
    r"(?i)\b(?:(?:said|says|told [\w'’]+|announced|confirmed|added|warned|promised)(?: that)?"
    r"(?: [\w'’-]+){0,4}? would|(?:was|were) expected to)\b"
)
_PAST_VERB = re.compile(
    r"(?i)\b(?:saw|was|were|had|did|went|came|left|took|made|lost|won|got|gave|ran|fell|held"
    r"|met|began|found|brought|sent|spent|kept|struck|but|\w+ed)\b"
)


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_OFFSETS = {"yesterday": -1, "last night": -1, "tomorrow": 1}


# Dates that only a calendar date makes an event when a speaker says them: "Today they were
# frightened", "ten years ago a fire like this was rare" are talk, not the story's events.
_DEICTIC_KINDS = frozenset({"day", "ago", "period", "weekday", "offset"})


def _quoted_deixis(sentence: Sentence, mention: Mention, quoted: list[Mark]) -> bool:
    """Tell whether a relative date sits inside a quotation (what a speaker said), one that
    opens in the sentence or runs on from the sentence before ('... Today they got ...')."""
    if mention.kind not in _DEICTIC_KINDS:
        return False
    return inside(sentence.start + _position(sentence.text, mention), quoted)


def _position(text: str, mention: Mention) -> int:
    """Return where a mention stands in its sentence."""
    return max(text.find(mention.expression), 0)


# "could be issued next year", "might resign on Friday": a possibility, not an event.
# ("may" is as often a permission: "residents may return on Tuesday at the earliest").
_POSSIBLE = re.compile(r"\b(?:could|might)\b")


def _speculative(text: str, mention: Mention) -> bool:
    """Tell whether a possibility ("could", "might") governs the date."""
    before = text[: _position(text, mention)]
    marks = list(_POSSIBLE.finditer(before))
    return bool(marks) and len(before) - marks[-1].end() <= FUTURE_WINDOW


@dataclass(frozen=True, slots=True)
class Mention:
    """A date expression found in a sentence and what it resolves to (None if it cannot),
    with the word that makes it a limit ("until", "before", ...; see `TimelineEvent.bound`)."""

    kind: str
    expression: str
    when: str | None
    bound: str = ""


def build_timeline(articles: Sequence[Article], *, settings: Settings) -> tuple[TimelineEvent, ...]:
    """Build the story's timeline from its articles' dated sentences.

    Args:
        articles: the story's articles, cleaned and deduped (a copy adds its outlet, not events).
        settings: storydesk settings (unused for now; kept for the stage contract).

    Returns:
        Events with a resolved ISO date first, in date order, then events whose date stays
        relative, in reading order; each with every outlet that reports it.
    """
    del settings
    events = []
    for voice in group_voices(articles):
        published = voice.article.published
        quoted = quoted_stretches(voice.article.text)
        for sentence in map(_without_dateline, split_sentences(voice.article)):
            if len(sentence.text.split()) < MIN_WORDS:
                continue
            mention = best_mention(sentence.text, published.date() if published else None)
            if mention is None or _quoted_deixis(sentence, mention, quoted):
                continue
            if _speculative(sentence.text, mention):
                continue
            span = Span(voice.article.id, sentence.start, sentence.end)
            when = mention.when or mention.expression
            events.append(TimelineEvent(sentence.text, span, when, mention.when is not None,
                                        voice.outlets, mention.bound))  # fmt: skip
    return tuple(sorted(_merge(events), key=_order))


def _without_dateline(sentence: Sentence) -> Sentence:
    """Cut a wire dateline ("KENDRY CROSS, July 6 (Wirepoint) -") off a sentence: it dates
    the report, not the event."""
    cut = dateline_end(sentence.text)
    return replace(sentence, start=sentence.start + cut, text=sentence.text[cut:])


def find_mentions(text: str, published: date | None) -> list[Mention]:
    """Return every date expression of a sentence, resolved when possible."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if kind == "iso" and not _valid_day(match.group(0)):
                continue  # "2026-13-45" is no date
            taken.append(match.span())
            expression = match.group(0)
            before, after = text[: match.start()], text[match.end() :]
            # A day and month are put in next year only on a plain word of the future.
            future = _future_marker(before) if kind == "absolute" else _is_future(before, after)
            when = resolve(kind, expression, published, future=future)
            mentions.append(Mention(kind, expression, when, _bound(before, expression)))
    return mentions


# "until at least Friday", "before Tuesday", "by 2031", "since 2021": a limit, not the day.
_BOUND = re.compile(
    r"(?i)\b(until|till|through|before|by|from|after|since)(?: at least| as early as)?(?: on)? $"
)


def _bound(before: str, expression: str) -> str:
    """Return the word that makes a date a limit, before it or opening it ("since 2021")."""
    found = _BOUND.search(before) or _BOUND.search(expression.split(" ", 1)[0] + " ")
    return found.group(1).lower() if found else ""


def best_mention(text: str, published: date | None) -> Mention | None:
    """Return the sentence's most specific date outside its asides, resolving "N days before"
    against it."""
    mentions = find_mentions(text, published)
    anchors = [m for m in mentions if m.when and len(m.when) == 10 and m.kind != "offset"]
    for mention in mentions:
        if mention.kind != "offset" or not anchors:
            continue
        if not _dates_another_event(text, mention, anchors[0]):
            when = _shift(date.fromisoformat(anchors[0].when or ""), mention.expression)
            return Mention(mention.kind, mention.expression, when, mention.bound)
    asides = [match.span() for match in _ASIDE.finditer(text)]
    mentions = [m for m in mentions if not _aside(_position(text, m), asides)]
    resolved = [m for m in mentions if m.when]
    if resolved:
        return max(resolved, key=lambda m: len(m.when or ""))
    return mentions[0] if mentions else None


# ", who had been due to have surgery on Tuesday,": background to the sentence's own event.
_ASIDE = re.compile(r", (?:who|which|whose|whom) [^,;]*[,;]")


def _aside(at: int, asides: Sequence[tuple[int, int]]) -> bool:
    """Tell whether a position lies in a non-restrictive relative clause."""
    return any(start <= at < end for start, end in asides)


# "N days after the win": the offset dates the event it names, not the sentence's own.
_EVENT_NAMED = re.compile(r" +[\w'’]")


def _dates_another_event(text: str, offset: Mention, anchor: Mention) -> bool:
    """Tell whether an offset dates another event than the sentence's, which its anchor dates:
    "fans packed the streets on Monday, two days after the win" happened on Monday (the win
    two days earlier), where "two days before the vote on 5 May" and "two days later" count
    from their anchor."""
    if not offset.expression.lower().endswith(("after", "before")):
        return False
    at = _position(text, offset)
    return bool(_EVENT_NAMED.match(text, at + len(offset.expression))) and (
        _position(text, anchor) < at
    )


def resolve(
    kind: str, expression: str, published: date | None, *, future: bool = False
) -> str | None:
    """Return the ISO date (day, week, month or year) an expression names, or None."""
    if kind == "iso":
        return expression
    if kind in ("absolute", "month", "year"):
        return _absolute(kind, expression, published, future=future)
    if published is None or kind == "offset":
        return None
    low = expression.lower()
    if kind == "ago":
        return _shift(published, low, sign=-1)
    if kind == "weekday":
        return _weekday(low, published, future=future).isoformat()
    if kind == "period":
        return _period(low, published)
    return (published + timedelta(days=_DAY_OFFSETS.get(low, 0))).isoformat()


def _absolute(
    kind: str, expression: str, published: date | None, *, future: bool = False
) -> str | None:
    """Read an explicit date; a missing year comes from the publication date.

    A day and month well past at publication are of next year when the sentence speaks of
    the future ("the trial, due to begin on 18 January", published in September); one well
    ahead of publication is of last year ("December 28" in a January report) unless the
    sentence speaks of the future ("will open on 18 November", published in September).
    """
    has_year = re.search(_YEAR, expression) is not None
    if kind == "year":
        return re.findall(_YEAR, expression)[0]
    if not has_year and published is None:
        return None
    default = datetime(published.year if published else 2000, 1, 1)
    try:
        parsed = date_parser.parse(expression.replace(" of ", " "), default=default, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if kind == "month":
        return parsed.strftime("%Y-%m")
    day = parsed.date()
    if not has_year and published is not None:
        if day > published + timedelta(days=31) and not future:
            day = _in_year(day, day.year - 1)
        elif future and day < published - timedelta(days=YEAR_AHEAD_DAYS):
            day = _in_year(day, day.year + 1)
    return day.isoformat()


def _valid_day(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def _in_year(day: date, year: int) -> date:
    """Return the same day and month in another year (29 February stays where it is)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day


def _weekday(low: str, published: date, *, future: bool) -> date:
    """Return the weekday nearest before (or, for the future, after) publication."""
    target = next(i for i, name in enumerate(_WEEKDAYS) if name in low)
    back = (published.weekday() - target) % 7
    if low.startswith("last") and back == 0:
        back = 7
    if low.startswith("next") or (future and not low.startswith("last")):
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    return published - timedelta(days=back)


def _period(low: str, published: date) -> str:
    """Return the ISO week, month or year that "last week", "this month"... names."""
    step = -1 if low.startswith("last") else 1 if low.startswith("next") else 0
    if low.endswith("week"):
        year, week, _ = (published + timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if low.endswith("month"):
        return (published + relativedelta(months=step)).strftime("%Y-%m")
    return str(published.year + step)


def _shift(anchor: date, expression: str, sign: int | None = None) -> str | None:
    """Move a date by "three days", "a week"... back ("ago", "before") or forward."""
    low = expression.lower()
    match = re.match(rf"({_COUNT}) ({_UNIT})", low)
    if match is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS[match.group(1)]
    if sign is None:
        sign = -1 if re.search(r"before|earlier|ago", low) else 1
    unit = match.group(2).rstrip("s")
    try:
        moved = anchor + sign * relativedelta(**{f"{unit}s": count})
    except (OverflowError, ValueError):
        return None  # "99999999999 years ago": no calendar date
    if unit == "month":
        return moved.strftime("%Y-%m")
    if unit == "year":
        return str(moved.year)
    return moved.isoformat()


def _merge(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Fold the same event reported by several outlets into one with all their outlets."""
    if not events:
        return []
    sims = similarity_matrix([event.text for event in events])
    merged: list[TimelineEvent] = []
    owner: dict[int, int] = {}
    for i, event in enumerate(events):
        match = next((owner[j] for j in range(i) if _one_event(events[j], event, sims[i, j])), None)
        if match is None:
            owner[i] = len(merged)
            merged.append(event)
            continue
        owner[i] = match
        kept = merged[match]
        outlets = tuple(dict.fromkeys([*kept.outlets, *event.outlets]))
        merged[match] = replace(kept, outlets=outlets)
    return merged


def _one_event(first: TimelineEvent, second: TimelineEvent, similarity: float) -> bool:
    """Tell whether two dated sentences report one event: the same date, and alike enough
    (two outlets' wordings, or one outlet's sentence repeated in another of its articles)."""
    if first.when != second.when:
        return False
    if first.outlets != second.outlets:
        return similarity >= MERGE_THRESHOLD
    if numbers_conflict(first.text, second.text):
        return False  # "at least 62 people" in one update and "at least 65" in the next
    return first.span.article_id != second.span.article_id and similarity >= REPEAT_THRESHOLD


def _order(event: TimelineEvent) -> tuple[int, date, str]:
    """Sort resolved events by the first day they name, relative ones after them."""
    if not event.resolved:
        return (1, date.min, "")
    when = event.when
    if "-W" in when:
        start = datetime.strptime(when + "-1", "%G-W%V-%u").date()
    else:
        parts = [int(p) for p in when.split("-")] + [1, 1]
        start = date(parts[0], parts[1], parts[2])
    return (0, start, when)
