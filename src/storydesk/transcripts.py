"""Transcripts: who speaks each turn of an interview or broadcast printed as "NAME: words".

A transcript's turns are its speakers' words though no quotation mark shows it: framing
leaves them out of the outlet's own voice, and "who said what" lists them as direct quotes
under the speaker the label names ("TRUMP:" -> Donald Trump, "MB:" -> Mike Brown).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storydesk.quotemarks import Mark

# A transcript's speaker label opening a line: "MCEVERS:", "KELLY MCEVERS, HOST:", "MB:".
SPEAKER_LABEL = re.compile(
    r"^(?:[A-Z][A-Z.'’-]* +){0,3}(?P<name>[A-Z](?:[A-Z.'’-]*[A-Z])?)(?:, *(?P<role>[A-Z][A-Z ]+))?:"
    r"(?: |$)",
    re.MULTILINE,
)
# Roles and labels of the outlet's own staff, whose turns are the outlet's voice.
STAFF_ROLES = frozenset(("HOST", "BYLINE", "ANCHOR", "CORRESPONDENT", "REPORTER", "MODERATOR"))
STAFF_LABELS = frozenset(("REPORTER", "Q", "THE FACTS"))
TRANSCRIPT_MIN_TURNS = 2  # a transcript: two speakers who each speak at least twice


def transcript_turns(text: str) -> list[Mark]:
    """Return the stretches a transcript's speakers say, other than the outlet's own staff."""
    return [(start, end, True) for _, start, end in speaker_turns(text)]


def speaker_turns(text: str) -> list[tuple[str, int, int]]:
    """Return (label, start, end) of every turn of a transcript's speakers but the staff's.

    A text is a transcript when two speaker labels ("MCEVERS:", "TRUMP:") open at least two
    lines each; a section label ("UPDATE:", "RELATED:") does not make one. A turn runs from its
    label to the next label; the label is the speaker as written ("PRESIDENT DONALD TRUMP",
    "MB"). Turns of hosts, correspondents and interviewers are left out.
    """
    labels = list(SPEAKER_LABEL.finditer(text))
    counts: dict[str, int] = {}
    for label in labels:
        counts[label["name"]] = counts.get(label["name"], 0) + 1
    if sum(n >= TRANSCRIPT_MIN_TURNS for n in counts.values()) < 2:
        return []
    staff = {m["name"] for m in labels if m["role"] and m["role"].strip() in STAFF_ROLES}
    turns = []
    for label, after in zip(labels, [*labels[1:], None], strict=True):
        head = label.group().split(":")[0]
        if label["name"] in staff or head in STAFF_LABELS:
            continue
        turns.append((head.split(",")[0], label.end(), after.start() if after else len(text)))
    return turns


def transcript_quotes(
    text: str,
    kept: Sequence[tuple[int, int]],
    people: Sequence[str],
    found: Sequence[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Return a direct quote for each speaker's turn that no quotation mark holds already.

    Args:
        text: the article's text.
        kept: its kept paragraph spans (a turn stops at the first junk inside it).
        people: the persons the article names, most mentioned first, to resolve labels.
        found: the quotes found already (a turn a direct one overlaps is not added again).

    Returns:
        Quote records like `speakers.attribute_quotes`'s, with speaker_type "transcript".
    """
    quotes = []
    for label, start, end in speaker_turns(text):
        span = _kept_stretch(text, kept, start, end)
        direct = (q for q in found if q["kind"] == "direct")
        if span is None or any(_overlap(q, *span) for q in direct):
            continue
        speaker = label_speaker(label, people)
        if speaker is None:
            continue  # initials of nobody the text names: most often the interviewer's
        quotes.append(
            {
                "start": span[0],
                "end": span[1],
                "kind": "direct",
                "speaker": speaker,
                "speaker_type": "transcript",
                "verb": True,
            }
        )
    return quotes


def with_transcript_quotes(
    quotes: Sequence[dict[str, Any]],
    text: str,
    kept: Sequence[tuple[int, int]],
    people: Sequence[str],
) -> list[dict[str, Any]]:
    """Return the quotes plus the transcript's turns, which replace reported speech inside them.

    A turn ("MB: My daughter says she is still mad") is the speaker's own words; reported speech
    read inside it gives the wrong speaker ("My daughter").
    """
    turns = transcript_quotes(text, kept, people, quotes)
    if not turns:
        return list(quotes)
    kept_quotes = [
        q
        for q in quotes
        if q["kind"] == "direct" or not any(_overlap(q, t["start"], t["end"]) for t in turns)
    ]
    return sorted(kept_quotes + turns, key=lambda q: q["start"])


def _overlap(quote: dict[str, Any], start: int, end: int) -> bool:
    return bool(quote["start"] < end and start < quote["end"])


def _kept_stretch(
    text: str, kept: Sequence[tuple[int, int]], start: int, end: int
) -> tuple[int, int] | None:
    """Return the turn's first run of kept paragraphs (up to a junk line), or None."""
    first = last = None
    for k_start, k_end in kept:
        if k_end <= start or k_start >= end:
            continue
        if last is not None and text[last:k_start].strip():
            break  # junk between two kept paragraphs ends the turn's quote
        first = max(k_start, start) if first is None else first
        last = min(k_end, end)
    if first is None or last is None or not text[first:last].strip():
        return None
    return first, last


def label_speaker(label: str, people: Sequence[str]) -> str | None:
    """Return the person a speaker label names: by surname, by initials, else as written.

    "PRESIDENT DONALD TRUMP" and "TRUMP" give the article's "Donald Trump"; "MB" gives its
    "Mike Brown". Initials no person matches give None: most often the interviewer's ("WP" for
    The Washington Post), or someone the text never names.
    """
    words = label.split()
    surname = words[-1].lower()
    people = [p for p in people if not p.isupper()]  # the label itself, read as a name
    for person in people:
        parts = person.split()
        if len(parts) >= 2 and parts[-1].lower() == surname:
            return person
    if len(words) == 1 and len(label) <= 3:
        matches = [p for p in people if _initials(p, len(label)) == label]
        return matches[0] if len(set(matches)) == 1 else None
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def _initials(name: str, count: int) -> str:
    """Return the initials of a name's last `count` words ("Astronomer Mike Brown", 2: "MB")."""
    words = name.split()
    return "".join(w[0] for w in words[-count:]).upper() if len(words) >= count else ""
