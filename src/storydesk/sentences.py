"""Fast sentence splitting of an article's clean text, with offsets into its raw text.

A cheap rule-based splitter (no model): it runs at ingest speed and is shared by every
stage that works on sentences, so they all agree on the same sentence ids and offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from storydesk.models import Article, Sentence

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "st",
        "jr",
        "sr",
        "mt",
        "ft",
        "rev",
        "hon",
        "pres",
        "supt",
        "det",
        "insp",
        "cllr",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "i.e",
        "e.g",
    ]
)

# A wire dateline opening a sentence: "PORT ARDEL, Feb 11 (Wirepoint) – ", "WASHINGTON (AP) — ",
# "LONDON — ", "(CNN) -- ", "(CNN) ". It says where the wire filed from, not what happened.
DATELINE = re.compile(
    r"(?:(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:,[^–—_\n()]{1,40})?\s*(?:\([^)\n]{1,30}\))?"
    r"|\([A-Za-z .]{1,20}\))\s*(?:[–—_]|--?)\s+|\((?:AP|CNN|Reuters|AFP)\)\s+)"
)


def dateline_end(text: str, start: int = 0, end: int | None = None) -> int:
    """Return where the sentence at `start` begins after its wire dateline (`start` if none).

    Only a dateline followed by a capitalised sentence counts, so "US - China talks" is kept.
    """
    end = len(text) if end is None else end
    match = DATELINE.match(text, start, end)
    if match and match.end() < end and text[match.end()].isupper():
        return match.end()
    return start


# Terminal punctuation and the closing quotes or brackets after it.
_CLOSER = r"[.!?…]+[\"'”’)\]]*"
# A candidate boundary: a closer, then whitespace.
_BOUNDARY = re.compile(_CLOSER + r"(?=\s+)")
# A text that ends as a sentence does.
SENTENCE_END = re.compile(_CLOSER + "$")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9]")
# Words that open sentences and never a name: after "D.C." they show the sentence ended.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i but and in on at this that his her their there after when
    while as if""".split()  # noqa: SIM905
)
# Abbreviations that also end sentences ("at 6 p.m. Most stayed ...", "Coty Inc. The company
# said"): there a word that opens sentences, and is no name, shows the sentence ended.
ENDING_ABBREVIATIONS = frozenset(
    "a.m p.m u.s u.k u.n e.u etc inc ltd co corp plc jr sr".split()  # noqa: SIM905
)
# Function words, which no name or month is (not "May", "Will"): after "p.m." or "Inc." they
# open a sentence.
STOP_WORDS = SENTENCE_OPENERS | frozenset(
    """a about above after again against all also although among any are as because been
    before being below between both by can could did do does during each either even every
    few for from had has have her here him his how however i if into is its just many
    me might more most much must my neither no nor not now of off once one only or other
    our out over own same several should since so some still such than that these they
    this those though through to too under until up upon very was we were what whatever
    when where whether which who whom whose why with within without would yet you your
    """.split()  # noqa: SIM905
)
# One capital, or capitals joined by full stops: "J", "O.J", "W.E.B" (a name's initials).
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of text[start:end]."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if not _is_boundary(text, match, end):
            continue
        spans.append((sent_start, match.end()))
        sent_start = _skip_space(text, match.end(), end)
    if sent_start < end and text[sent_start:end].strip():
        spans.append((sent_start, _rstrip(text, sent_start, end)))
    return spans


def _is_boundary(text: str, match: re.Match[str], end: int) -> bool:
    if not _NEXT_START.match(text, match.end(), end):
        return False
    if text[match.start()] != ".":
        return True
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, match.start() - 12) : match.start()])
    if word is None:
        return True
    token = word.group(1).lower()
    if token in ABBREVIATIONS:
        return token in ENDING_ABBREVIATIONS and _opens_sentence(text, match.end(), STOP_WORDS)
    # Initials such as "J. Smith" or "O.J. Simpson": single capitals before the full stop; but
    # "Washington, D.C. The ..." ends a sentence (a name's next word is not "The").
    if not _INITIALS.fullmatch(word.group(1)):
        return True
    return _opens_sentence(text, match.end(), SENTENCE_OPENERS)


def _opens_sentence(text: str, pos: int, openers: frozenset[str]) -> bool:
    """Tell whether the word after pos is one of the openers (quotes before it aside)."""
    after = text[pos : pos + 16].split(maxsplit=1)
    return bool(after) and after[0].lstrip("\"'“‘([").lower() in openers


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def iter_sentences(article: Article) -> Iterator[Sentence]:
    """Yield the sentences of the article's kept (non-junk) paragraphs, in order."""
    index = 0
    for para_start, para_end in article.kept_spans():
        for start, end in split_spans(article.text, para_start, para_end):
            yield Sentence(article.id, start, end, article.text[start:end], index)
            index += 1


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Return the sentences of the article's clean text."""
    return tuple(iter_sentences(article))


def split_many(articles: Sequence[Article]) -> dict[str, tuple[Sentence, ...]]:
    """Return each article's sentences, keyed by article id."""
    return {article.id: split_sentences(article) for article in articles}
