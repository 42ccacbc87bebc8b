"""Event dates: the weekday or month a sentence gives an event ("quit on Tuesday").

A date belongs to an event when it follows the event's verb closely ("was arrested at his
home on Saturday", "charged ... in June"), or opens a sentence that has one event verb and
reports no one saying it ("In April, he was granted ..."; not "On Monday police said he was
arrested ..."). `storydesk.disagree_amounts` pairs two outlets' dates of one event.
"""

from __future__ import annotations

import re

from storydesk.compare import MONTHS, WEEKDAYS, normalize, tokens, word_set, word_table

_MONTH_NAMES = frozenset(m.capitalize() for m in MONTHS if len(m) > 3) - {"May"}
EVENT_REACH = 6  # an event date is at most this many words after its verb
EVENTS = word_table(
    {
        "resigned": "resigned quit resignation",
        "died": "died",
        "arrested": "arrested",
        "elected": "elected",
        "charged": "charged",
        "sentenced": "sentenced",
        "released": "released freed",
        "left": "left discharged",
        "granted": "granted",
    }
)
# Events whose verb has other senses too ("left the party", "left 17 people hurt"): their
# dates pair only in aligned sentences.
WIDE_EVENTS = frozenset({"left"})
REPORTING = word_set("said says told announced reported added confirmed wrote stated")


def event_dates(text: str) -> list[tuple[str, str]]:
    """Return (event, date) for each weekday or month given right after an event verb ("quit
    on Tuesday"), or opening a sentence that has one event verb ("In April, ... was granted")."""
    toks = tokens(text)
    found = []
    opening = _opening_date(toks)
    words = [t.group().lower() for t in toks]
    events = [EVENTS[normalize(w)] for w in words if w.endswith("ed") and normalize(w) in EVENTS]
    reported = any(w in REPORTING for w in words)  # "On Monday police said he was arrested"
    if opening is not None and len(set(events)) == 1 and not reported:
        return [(events[0], _date_text(text, toks, opening))]
    for i, tok in enumerate(toks):
        event = EVENTS.get(normalize(tok.group()))
        if event is None:
            continue
        for k in range(i + 1, min(i + 1 + EVENT_REACH, len(toks))):
            if toks[k].group().lower() in REPORTING:
                break
            if toks[k].group().lower() in WEEKDAYS or toks[k].group() in _MONTH_NAMES:
                found.append((event, _date_text(text, toks, k)))
                break
    return found


def _opening_date(toks: list[re.Match[str]]) -> int | None:
    """Return the token of a weekday or month that opens a sentence ("In April, ...")."""
    first = [t.group() for t in toks[:2]]
    if len(first) == 2 and first[0].lower() in ("in", "on", "by", "since"):
        day = first[1]
        return 1 if day.lower() in WEEKDAYS or day in _MONTH_NAMES else None
    return None


def _date_text(text: str, toks: list[re.Match[str]], k: int) -> str:
    """Return a weekday with the day and month after it ("Tuesday 17 March")."""
    end = k
    if (
        k + 2 < len(toks)
        and toks[k + 1].group().isdigit()
        and toks[k + 2].group().lower() in MONTHS
    ):
        end = k + 2
    return text[toks[k].start() : toks[end].end()]


def paired_dates(
    first: list[tuple[str, str]], second: list[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """Return (event, date, other date) for the one date each sentence gives one event, when
    the weekdays differ."""
    out = []
    for event in {e for e, _ in first} & {e for e, _ in second}:
        mine = [d for e, d in first if e == event]
        theirs = [d for e, d in second if e == event]
        if len(mine) != 1 or len(theirs) != 1:
            continue
        day_a, day_b = mine[0].split()[0], theirs[0].split()[0]
        same_kind = (day_a in _MONTH_NAMES) == (day_b in _MONTH_NAMES)  # not "January" v "Monday"
        if same_kind and day_a.lower() != day_b.lower():
            out.append((event, mine[0], theirs[0]))
    return out


def dated(event: str, date: str) -> str:
    """Return an event with the day or month it happened ("left saturday"), as a term."""
    return f"{event} {date.split()[0].lower()}"
