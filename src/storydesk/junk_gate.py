"""Fast matching of the junk rule table: gates that pass most paragraphs before any rule runs.

A line no rule's start pattern matches, holding no rule's trigger word and no tail mark an
end pattern needs, is content; most paragraphs are rejected by these checks alone, so the
whole table (`junk_rules.RULES`) is tried only on the few lines that could be junk.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from storydesk.junk_rules import RULES, TAIL

_I = re.IGNORECASE


def _any_start(indexes: Sequence[int]) -> re.Pattern[str]:
    """Return one pattern matching where any of these rules' start patterns matches."""
    parts = []
    for index in indexes:
        start = RULES[index].start
        if start is not None:
            case = "i" if start.flags & re.IGNORECASE else "-i"
            parts.append(f"(?{case}:{start.pattern})")
    return re.compile("|".join(parts) or "(?!)")


class Gate(NamedTuple):
    """What a line must show for any of some rules to match it: all but a few lines lack it."""

    rules: tuple[int, ...]  # indexes in RULES, in order
    start: re.Pattern[str]
    triggers: tuple[str, ...]
    end: re.Pattern[str] | None


def _gate(indexes: tuple[int, ...]) -> Gate:
    rules = [RULES[i] for i in indexes]
    ends = "|".join(f"(?:{r.end.pattern})" for r in rules if r.end)
    return Gate(
        rules=indexes,
        start=_any_start(indexes),
        triggers=_fewest(t for rule in rules for t in rule.triggers),
        end=re.compile(ends, _I) if ends else None,
    )


def _fewest(triggers: Iterable[str]) -> tuple[str, ...]:
    """Return the triggers without those holding another ("subscribe" holds "subscri")."""
    unique = tuple(dict.fromkeys(triggers))
    return tuple(t for t in unique if not any(u != t and u in t for u in unique))


# No rule looks at a longer line (the longest limit, a caption's): a paragraph, not junk.
MAX_WORDS = max(rule.max_words for rule in RULES)
MAX_CHARS = 2000
# Gates: a line no start pattern matches, without any trigger and without a tail pattern
# hit, is content; most paragraphs are rejected by these checks alone. A line of more
# than GATE_WORDS[i - 1] and at most GATE_WORDS[i] words is checked only against the
# rules that look at lines that long (GATES[i]): long paragraphs skip most checks.
GATE_WORDS = sorted({rule.max_words for rule in RULES})
GATES = tuple(_gate(tuple(i for i, r in enumerate(RULES) if r.max_words >= w)) for w in GATE_WORDS)
# Every `end` pattern needs one of these in the tail; checking for them first is cheaper.
END_MARKS = ("(", "/", "pic", "press", "the latest", "the details", "video by", "video cour", "|")
# ... or ends with one of these words (a teaser's "Read more", "Click here", a time stamp).
END_WORDS = ("more", "here", "gallery", " am", " pm", "a.m", "p.m", " et")


def classify(line: str, lower: str, words: int) -> str | None:
    """Return the reason of the first rule matching a stripped line, or None for content.

    `lower` is the line lower-cased and `words` its word count as rules see it
    (`line.count(" ") + 1`). Equal to trying every rule in order, but most paragraphs are
    passed by the gate alone: no start pattern, trigger or tail mark of any rule.
    """
    index = bisect_left(GATE_WORDS, words)
    if index == len(GATES):
        return None
    gate = GATES[index]
    started = gate.start.match(line) is not None
    marked = _tail_marked(lower)
    if not started and not _may_match_elsewhere(gate, line, lower, marked):
        return None
    for i in gate.rules:
        if RULES[i].matches(line, lower, started=started, tail_marked=marked):
            return RULES[i].reason
    return None


def _may_match_elsewhere(gate: Gate, line: str, lower: str, tail_marked: bool) -> bool:
    """Tell whether a line holds a trigger, or a tail mark and a tail pattern match."""
    # map() over the bound method keeps the loop in C: several times faster than a for loop.
    if any(map(lower.__contains__, gate.triggers)):
        return True
    return tail_marked and gate.end is not None and bool(gate.end.search(line[-TAIL:]))


def _tail_marked(lower: str) -> bool:
    """Tell whether the end of a lower-cased line holds what some end pattern needs."""
    if lower[-12:].rstrip(" .!»>)…").endswith(END_WORDS):
        return True
    return any(map(lower[-TAIL:].__contains__, END_MARKS))
