"""Direct quotes of one parsed article and who says them.

`attribute_quotes` pairs each quoted stretch with its speech verb (or a caption-style label,
or "according to X"), carries a speaker over a quote that runs on from the paragraph before,
and adds the article's reported speech (`reported.indirect_quotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storydesk.lexicon import clean_name, is_passive, is_speech, quoted_as_saying
from storydesk.quotemarks import DOUBLE, Mark, inside, is_title
from storydesk.referents import Referents
from storydesk.reported import indirect_quotes

_COLON_NAME = re.compile(r"((?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+):\s*$")
_NOBODY: dict[str, Any] = {"speaker": None, "speaker_type": None, "verb": False}


def attribute_quotes(text: str, refs: Referents) -> list[dict[str, Any]]:
    """Return an article's direct and indirect quotes with their speakers, in text order.

    Args:
        text: the article's text (quote offsets index into it).
        refs: the article's parsed paragraphs and people, subjects already collected.

    Returns:
        Dicts with start, end, kind ("direct" or "indirect"), speaker (as written),
        speaker_type and verb (whether a speech verb governs the quote).
    """
    return _Speakers(text, refs).quotes()


@dataclass
class _Speakers:
    """The state of attributing one article's quotes."""

    text: str
    refs: Referents

    def quotes(self) -> list[dict[str, Any]]:
        """Find and attribute direct quotes, then indirect speech, in every paragraph."""
        quotes: list[dict[str, Any]] = []
        last: tuple[int, str | None] = (-1, None)
        pending: list[dict[str, Any]] = []  # a quote still open at its paragraph's end
        paras = zip(self.refs.paras, self.refs.quoted, strict=True)
        for index, ((base, doc), marks) in enumerate(paras):
            found = self._paragraph_quotes(index, base, doc, marks, last, pending)
            found += indirect_quotes(self.refs, doc, base, marks)
            quotes += found
            named = [q for q in found if q["speaker"] and _keep(q, self.text)]
            if named:
                last = (index, named[-1]["speaker"])
            elif doc.text.rstrip().endswith(":"):
                last = (index, self._colon_speaker(doc, base))
        kept = [q for q in quotes if _keep(q, self.text)]
        return sorted(kept, key=lambda q: q["start"])

    def _paragraph_quotes(
        self,
        index: int,
        base: int,
        doc: Any,
        marks: list[Mark],
        last: tuple[int, str | None],
        pending: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """Attribute one paragraph's direct quotes; extend a quote left open before it."""
        found: list[dict[str, Any]] = []
        open_quote = pending.pop() if pending else None
        for start, end, closed in marks:
            opens = not doc.text[:start].strip(DOUBLE + "‘' ")
            if open_quote is not None and opens:
                self._continue(open_quote, doc, base, (start, end, closed), marks)
            else:
                record = {"start": base + start, "end": base + end, "kind": "direct"}
                record.update(self._attribute(doc, base, start, end, marks))
                self._fill_speaker(record, found, opens, index, last)
                found.append(record)
                open_quote = record
            open_quote = None if closed else open_quote
        if open_quote is not None:
            pending.append(open_quote)
        return found

    def _continue(
        self, quote: dict[str, Any], doc: Any, base: int, mark: Mark, marks: list[Mark]
    ) -> None:
        """Extend a quote over a paragraph that opens with a quotation mark (newswire style)."""
        quote["end"] = base + mark[1]
        if quote["speaker"] is None:
            quote.update(self._attribute(doc, base, mark[0], mark[1], marks))

    def _fill_speaker(
        self,
        record: dict[str, Any],
        found: list[dict[str, Any]],
        opens: bool,
        index: int,
        last: tuple[int, str | None],
    ) -> None:
        """Give an unattributed quote the speaker of the quote before it in its paragraph,
        or, when it opens the paragraph, the previous paragraph's speaker."""
        earlier = [q for q in found if q["speaker"]]
        if record["speaker"] is None and earlier:
            record.update(speaker=earlier[-1]["speaker"], speaker_type="carried")
        elif record["speaker"] is None and opens:
            record.update(_carry(index, last))

    def _colon_speaker(self, doc: Any, base: int) -> str | None:
        """Return who speaks in a paragraph that ends 'X said:'."""
        sent = list(doc.sents)[-1]
        verbs = [t for t in sent if is_speech(t)]
        return self.refs.speaker_of(verbs[-1], base) if verbs else None

    def _attribute(
        self, doc: Any, base: int, start: int, end: int, marks: list[Mark]
    ) -> dict[str, Any]:
        """Find the speech verb of a quote and the speaker it names."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return dict(_NOBODY)
        label = self._colon_label(doc, start)
        if label is not None:
            return {"speaker": label, "speaker_type": "label", "verb": True}
        verb, governs = _governing_verb(span, marks)
        if verb is not None and not _spoken_to(verb):
            speaker = self.refs.speaker_of(verb, base, marks)
            if speaker is not None:
                return {"speaker": speaker, "speaker_type": "verb", "verb": governs}
        according = _according(span, marks)
        if according is not None:
            speaker = self.refs.resolve(according, base)
            return {"speaker": speaker, "speaker_type": "according", "verb": True}
        return {**_NOBODY, "verb": governs}

    def _colon_label(self, doc: Any, start: int) -> str | None:
        """Return the name in a caption-style "Gerry Adams: "..."" just before a quote."""
        match = _COLON_NAME.search(doc.text, 0, max(0, start - 1))
        if match is None:
            return None
        span = doc.char_span(*match.span(1), alignment_mode="expand")
        if span is None or not self.refs.name_of(span[-1]):
            return None
        if any(is_speech(t) for t in doc[span.sent.start : span.start]):
            return None  # "X told BBC Radio:": the verb's subject speaks, not the label
        return clean_name(match.group(1))


def _carry(index: int, last: tuple[int, str | None]) -> dict[str, Any]:
    """Give a quote that opens its paragraph the previous paragraph's speaker."""
    if last[1] is not None and last[0] == index - 1:
        return {"speaker": last[1], "speaker_type": "carried", "verb": False}
    return {}


def _governing_verb(span: Any, marks: list[Mark]) -> tuple[Any, bool]:
    """Return the speech verb (or noun) outside quotes that introduces the span.

    The flag tells whether the verb governs the quote in the parse (else it is only near).
    """
    for ancestor in span.root.ancestors:
        if not inside(ancestor.idx, marks) and is_speech(ancestor):
            return ancestor, True
    sents = list(span.doc.sents)
    region = [s for s in sents if s.start_char < span.end_char and s.end_char > span.start_char]
    candidates = [t for s in region for t in s if not inside(t.idx, marks) and is_speech(t)]
    if not candidates:
        nxt = [s for s in sents if s.start_char >= span.end_char][:1]
        candidates = [t for s in nxt for t in s if not inside(t.idx, marks) and is_speech(t)]
        candidates = [t for t in candidates if t.tag_ != "VBG"]
    if not candidates:
        return None, False
    return min(candidates, key=lambda t: _distance(t, span)), False


def _spoken_to(verb: Any) -> bool:
    """Tell whether a speech verb is passive with no agent: "he was accused of "body slamming"
    a reporter", "'Go home,' he was told": its subject is spoken of or to, and says nothing
    ("he was told by officers" names its speakers; "he was quoted as saying" speaks)."""
    if quoted_as_saying(verb) is not None:
        return False
    return is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children)


def _according(span: Any, marks: list[Mark]) -> Any:
    """Return the source token of an 'according to X' in the quote's sentence."""
    for token in span.sent:
        if token.lower_ == "according" and not inside(token.idx, marks):
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return obj
    return None


def _distance(token: Any, span: Any) -> int:
    if token.i < span.start:
        return span.start - token.i
    return token.i - span.end + 1


def _keep(quote: dict[str, Any], text: str) -> bool:
    """Drop scare quotes and titles: short quotes with no speech verb, unattributed fragments."""
    quoted = text[quote["start"] : quote["end"]]
    words = quoted.split()
    if is_title(quoted):
        return False  # a title or a name in quotation marks, not speech
    if quote.get("verb"):
        return True
    if len(words) <= 3:
        return False  # a scare quote near, but not governed by, a speech verb
    if quote["speaker"] is not None and quote.get("speaker_type") == "carried":
        return True
    return len(words) > 3 and quote["speaker"] is not None
