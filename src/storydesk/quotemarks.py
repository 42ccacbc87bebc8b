"""Where quotation marks open and close, and the paragraphs an article is parsed in.

Plain-text helpers with no spaCy: `find_quote_spans` pairs double and single quotation marks
in one paragraph; `paragraph_spans` lists the kept paragraphs, cut to a size the parser takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storydesk.models import Article
from storydesk.sentences import split_spans

MAX_PARAGRAPH = 20_000
MAX_QUOTE_SENTENCES = 4  # sentences a fact may grow by to hold its whole quotation
DOUBLE = '"“”„«»'
_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[\w])")
_CLOSE_SINGLE = re.compile(r"(?<=[^\s])[’'](?=$|[\s.,;:!?)\]—–-])")

Mark = tuple[int, int, bool]  # quoted content (start, end) in a paragraph, and whether it closed


def find_quote_spans(text: str) -> list[Mark]:
    """Return (start, end, closed) of quoted content in one paragraph (offsets into text)."""
    spans = _double_spans(text)
    spans += [s for s in _single_spans(text) if not any(a <= s[0] < b for a, b, _ in spans)]
    result = []
    for start, end, closed in sorted(spans):
        start, end = trim(text, start, end)
        if end > start:
            result.append((start, end, closed))
    return result


def _double_spans(text: str) -> list[Mark]:
    """Pair double quotation marks in order of appearance (straight and curly alike)."""
    spans: list[Mark] = []
    opened: int | None = None
    for pos, char in enumerate(text):
        if char not in DOUBLE:
            continue
        if opened is None:
            opened = pos + 1
        else:
            spans.append((opened, pos, True))
            opened = None
    if opened is not None and text[opened:].strip():
        spans.append((opened, len(text), False))
    return spans


def _single_spans(text: str) -> list[Mark]:
    """Pair single quotation marks that open before a word and close after one."""
    spans = []
    closers = [m.start() for m in _CLOSE_SINGLE.finditer(text)]
    pos = 0
    for opener in _OPEN_SINGLE.finditer(text):
        if opener.start() < pos:
            continue
        close = next((c for c in closers if c > opener.end()), None)
        if close is None:
            break
        spans.append((opener.end(), close, True))
        pos = close + 1
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink quoted content past spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def is_title(quoted: str) -> bool:
    """Tell whether quoted words are a title or a name ("Baby Lucas"), not anyone's speech."""
    words = quoted.split()
    return len(words) <= 4 and all(w[:1].isupper() for w in words if w[:1].isalpha())


def quotes_balanced(text: str) -> bool:
    """Tell whether a text closes every quotation it opens (not part of a cut quotation)."""
    if text.count('"') % 2:
        return False
    opened = text.count("``") + text.count("“")
    closed = text.count("''") + text.count("”")
    return opened == closed or (opened == 0 and closed % 2 == 0)


def whole_quotation(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a stretch of whole sentences to the whole double-quoted quotations it cuts.

    '"This object has been in our care for sixty years.' and 'Couples have their photographs
    taken next to it," she said.' are one quotation split into sentences: taken alone, one
    has no speaker and the other no start. The stretch grows sentence by sentence within its
    paragraph, by at most MAX_QUOTE_SENTENCES; a longer quotation leaves it as it was.
    """
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    wide_start, wide_end = start, end
    for q_start, q_end, _ in _double_spans(text[para_start:para_end]):
        if q_start + para_start - 1 < end and q_end + para_start + 1 > start:
            wide_start = min(wide_start, q_start + para_start)
            wide_end = max(wide_end, q_end + para_start)
    if (wide_start, wide_end) == (start, end):
        return start, end
    sentences = [
        s for s in split_spans(text, para_start, para_end) if s[0] < wide_end and s[1] > wide_start
    ]
    added = sum(1 for s in sentences if s[1] <= start or s[0] >= end)
    if not sentences or added > MAX_QUOTE_SENTENCES:
        return start, end
    return min(sentences[0][0], start), max(sentences[-1][1], end)


def quoted_stretches(text: str) -> list[Mark]:
    """Return a whole text's quoted stretches, paragraph by paragraph (absolute offsets).

    A quotation may run over several sentences ('"The crew were brilliant. They had ...'):
    a sentence inside it is the speaker's even when it holds no quotation mark itself.
    """
    marks: list[Mark] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        marks += [(offset + a, offset + b, closed) for a, b, closed in find_quote_spans(line)]
        offset += len(line)
    return marks


def inside(pos: int, marks: Iterable[Mark]) -> bool:
    """Tell whether a local offset lies inside a quoted stretch (marks included)."""
    return any(start - 1 <= pos <= end for start, end, _ in marks)


def paragraph_spans(article: Article) -> list[tuple[int, int]]:
    """Return the kept paragraph spans (all paragraphs when nothing is junk).

    A paragraph longer than MAX_PARAGRAPH (a scrape with no line breaks) is cut at sentence
    ends, so the parser's memory stays bounded and spaCy's max_length is never hit.
    """
    spans: list[tuple[int, int]] = []
    for start, end in article.kept_spans():
        if end - start <= MAX_PARAGRAPH:
            spans.append((start, end))
            continue
        chunk_start = chunk_end = start
        for _, sent_end in split_spans(article.text, start, end):
            if sent_end - chunk_start > MAX_PARAGRAPH and chunk_end > chunk_start:
                spans.append((chunk_start, chunk_end))
                chunk_start = chunk_end
            chunk_end = sent_end
        spans.extend(_pieces(chunk_start, end))
    return spans


def _pieces(start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span into pieces of at most MAX_PARAGRAPH characters."""
    return [(s, min(s + MAX_PARAGRAPH, end)) for s in range(start, end, MAX_PARAGRAPH)]
