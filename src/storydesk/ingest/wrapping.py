"""Undo hard wrapping: text broken at a fixed width (PDF, OCR, e-mail) joined back into lines.

Every later stage reads a line as a paragraph, so a sentence wrapped over three lines would
be three paragraphs: three half-sentences in a summary, a caption rule fired on a fragment.
A text counts as hard-wrapped only when most of its lines fill the same width, most of the
full lines stop without closing a sentence and many of the lines after them go on in lower
case; a web page's paragraphs and a list of headlines never look like that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_LINES = 8
WIDTHS = (40, 120)  # the widths text is wrapped at: e-mail 72, PDF and OCR up to ~110
FULL = 0.75  # a line this share of the width long or longer filled it (was wrapped)
FULL_LINES = 0.5  # ... and this share of lines must be full
OPEN_ENDED = 0.5  # this share of full lines stops mid-sentence
LOWER_NEXT = 0.4  # ... and this share of those goes on in lower case
WIDTH_QUANTILE = 0.9
SENTENCE_CLOSERS = tuple('.!?:;"”’)')
# A line that starts a list item is never joined to the line above.
LIST_ITEM = re.compile(r"\s*(?:[-*•·▪]|\d{1,2}[.)]|[a-z][.)])\s")


def unwrap_lines(text: str) -> str:
    """Join the lines of a hard-wrapped text back into paragraphs; leave other texts alone.

    A line is joined to the one before when that one filled the width and either stopped
    mid-sentence or this one goes on in lower case. A hyphen at a break is kept ("well-"
    + "known" -> "well-known"), since it cannot be told from a word split in two.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if not width:
        return text
    out: list[str] = []
    previous = ""
    for line in lines:
        if out and _continues(previous.rstrip(), line, width):
            joined = out[-1].rstrip()
            out[-1] = joined + ("" if joined.endswith("-") else " ") + line.strip()
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


def wrap_width(lines: Sequence[str]) -> int:
    """Return the width a text is hard-wrapped at, or 0 when it is not hard-wrapped."""
    body = [line.rstrip() for line in lines if line.strip()]
    if len(body) < MIN_LINES:
        return 0
    lengths = sorted(len(line) for line in body)
    width = lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))]
    if not WIDTHS[0] <= width <= WIDTHS[1]:
        return 0
    full = [(a, b) for a, b in zip(body, body[1:], strict=False) if len(a) >= FULL * width]
    broken = [b for a, b in full if not a.endswith(SENTENCE_CLOSERS)]
    lower = sum(b[:1].islower() for b in broken)
    if (
        len(full) < FULL_LINES * (len(body) - 1)
        or len(broken) < OPEN_ENDED * len(full)
        or lower < LOWER_NEXT * len(broken)
    ):
        return 0
    return width


def _continues(previous: str, line: str, width: int) -> bool:
    """Tell whether a line goes on from the full line before it."""
    if not previous or not line.strip() or len(previous) < FULL * width:
        return False
    if LIST_ITEM.match(line):
        return False
    return not previous.endswith(SENTENCE_CLOSERS) or line.lstrip()[:1].islower()
