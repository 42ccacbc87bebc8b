"""Reported (indirect) speech: "X said (that) ...", "..., X said" and "according to X, ...".

A reporting verb's clause complement with no direct quote in it becomes an indirect quote,
attributed to the verb's subject as `Referents` resolves it.
"""

from __future__ import annotations

import re
from typing import Any

from storydesk.lexicon import (
    RELATIVES,
    REPORT_VERBS,
    SUBJECT_DEPS,
    is_passive,
    person_before,
)
from storydesk.quotemarks import Mark, inside, is_title, trim
from storydesk.referents import Referents
from storydesk.sentences import dateline_end

_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", "…", ":")
# A wire dateline opening a sentence: "BRANSHOLM, Aug 20 (Wirepoint) – "


def indirect_quotes(
    refs: Referents, doc: Any, base: int, marks: list[Mark]
) -> list[dict[str, Any]]:
    """Find reported speech: a reporting verb's clause complement with no quote in it."""
    found: list[dict[str, Any]] = []
    if _is_headline(doc.text):
        return found
    for token in doc:
        if token.lower_ == "according" and not inside(token.idx, marks):
            found.extend(_according_clause(refs, token, base, marks))
        if token.lower_ not in REPORT_VERBS or inside(token.idx, marks) or _refused(token):
            continue
        reported = _reported_span(token, marks)
        if reported is None:
            continue
        speaker = refs.speaker_of(token, base, marks)
        if speaker is not None:
            found.append(_record(base, _unbracketed(doc.text, reported), speaker, "verb"))
    return _outermost(found)


def _is_headline(text: str) -> bool:
    """Tell whether a paragraph is a headline or standfirst: the editor's words, no sentence end.

    "Minister tells the Assembly the government will not pay" summarises; it reports no one.
    """
    return not text.rstrip().endswith(_SENTENCE_ENDS)


def _refused(verb: Any) -> bool:
    """Tell whether a reporting verb is negated or refused ("would not say", "declined to say"),
    or passive ("the company was warned to withdraw": it was told, it did not tell)."""
    if is_passive(verb) or any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_.startswith(("declin", "refus"))


def _record(base: int, span: tuple[int, int], speaker: str, how: str) -> dict[str, Any]:
    """Return an indirect quote record with document offsets."""
    return {
        "start": base + span[0],
        "end": base + span[1],
        "kind": "indirect",
        "speaker": speaker,
        "speaker_type": how,
        "verb": True,
    }


MID_CLAIM_WORDS = 3  # words after a mid-sentence "according to X," that finish the claim


def _according_clause(
    refs: Referents, token: Any, base: int, marks: list[Mark]
) -> list[dict[str, Any]]:
    """Return the claim of "according to X, ..." (the sentence without that phrase; the
    whole sentence when the phrase parts the subject from the main verb after it)."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return []
    sent = token.sent
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    start, end = (right, sent.end_char) if left <= sent.start_char else (sent.start_char, left)
    text = token.doc.text
    parted = left > sent.start_char and sent.root.i > token.i  # its verb comes after
    if parted and len(text[right : sent.end_char].split()) >= MID_CLAIM_WORDS:
        start, end = sent.start_char, sent.end_char  # "the Air Force, according to Kelly, has"
    start, end = trim(text, start, end)
    while start < end and text[start] in ",;:-– ":
        start += 1
    end = len(text[:end].rstrip(" ,.;:-–"))
    speaker = refs.resolve(source, base)
    if end - start < 15 or speaker is None or any(s < end and e > start for s, e, _ in marks):
        return []
    return [_record(base, _unbracketed(text, (start, end)), speaker, "according")]


def _unbracketed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop a bracket the report does not close or open: "(Kelly's group does not manage
    any of the spy satellites, he said." reports from "Kelly's"."""
    start, end = span
    if text[start:end].startswith("(") and ")" not in text[start:end]:
        start += 1
    if text[start:end].endswith(")") and "(" not in text[start:end]:
        end -= 1
    return start, end


def _reported_span(verb: Any, marks: list[Mark]) -> tuple[int, int] | None:
    """Return the (local) span of what a reporting verb reports, or None.

    "X said (that) CLAUSE." reports up to the sentence's end; "CLAUSE, X said." from the
    sentence's start to the attribution. A report that holds a direct quote is left to it.
    """
    sent = verb.sent
    text = verb.doc.text
    marks = [m for m in marks if not is_title(text[m[0] : m[1]])]  # "Baby Lucas" is a name
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    # "The company said X; the union says Y": the union's report is Y, after its verb.
    clause = next((c for c in clauses if c.i > verb.i), clauses[0] if clauses else None)
    if clause is not None and clause.i > verb.i:
        first = clause.left_edge
        if first.i < verb.i and first.lower_ in RELATIVES:
            return None  # "documents, which he said had been barred": its subject is elsewhere
        if first.lower_ == "that" and first.i + 1 < sent.end:
            first = verb.doc[first.i + 1]
        start, end = first.idx, _report_end(verb, clause, marks)
        end = min(end, _second_attribution(verb))
    elif clause is not None or (verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i):
        head = clause if clause is not None else verb.head
        if clause is None and verb.head.lower_ in REPORT_VERBS:
            return None  # "X said that the company was warned to ...": X's report, not content
        start = sent.start_char
        end = min(verb.left_edge.idx, verb.idx) if clause is None else _end(head.right_edge)
        person = person_before(verb)  # "CLAUSE, a spokesman for the airline said Tuesday"
        if person is not None and person.i > head.i:
            end = min(end, person.left_edge.idx)
        if clause is None and verb.head.left_edge.i > sent.start:
            return None
    else:
        return None
    return _clean_report(text, start, end, marks)


_TRAILING_JOIN = re.compile(r"[\s,;]+(?:but|and|or|yet)$")


def _clean_report(text: str, start: int, end: int, marks: list[Mark]) -> tuple[int, int] | None:
    """Trim a report's span (a dateline, end punctuation) and drop one holding a quote."""
    for mark_start, _mark_end, _ in marks:
        if start - 1 <= mark_start < end:
            before = text[start : mark_start - 1].rstrip()
            if not before.endswith((".", "!", "?")):
                return None  # the report holds a direct quote: that quote is the item
            end = len(before)
    start, end = trim(text, start, end)
    end = len(text[:end].rstrip(" ,.;:-–—\"'“”"))
    end = len(_TRAILING_JOIN.sub("", text[:end]))  # "... early Sunday morning, but"
    start = dateline_end(text, start, end)
    words = text[start:end].split()
    if len(words) < 4 or any(start - 1 <= m < end or start <= e <= end for m, e, _ in marks):
        return None
    return start, end


def _report_end(verb: Any, clause: Any, marks: list[Mark]) -> int:
    """Return where "X said CLAUSE" ends: the sentence's end, or the clause's when the speaker
    goes on to do something else ("..., but would not say why", "and appealed for ..."), to
    quote ("..., saying: "..."") or a semicolon ends the clause. A reporting verb in a relative
    clause ("a member who suggested that ...") reports no further than that clause."""
    clause_end = _end(clause.right_edge)
    text = verb.doc.text
    if text[clause_end:].lstrip().startswith(";"):
        return clause_end  # "X said CLAUSE; the union says ...": a new sentence in all but name
    for start, _, _ in marks:
        after = clause_end <= start - 1 < verb.sent.end_char
        if after and text[clause_end:start].lstrip().startswith((",", ";", ":", "—", "–")):
            return clause_end  # a new phrase quotes: ", adding: "...""
    for child in verb.rights:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "conj" and child.i > clause.i and not own_subject:
            return clause_end
    if verb.dep_ == "relcl":  # "..., who suggested that CLAUSE, and he accused ...": its own
        return max(clause_end, _end(verb.right_edge))
    return int(verb.sent.end_char)


def _second_attribution(verb: Any) -> int:
    """Return where a second attribution that the model hangs under the verb starts ("X said
    CLAUSE, private NTV television reported": "reported" is a clause of "said"), or the
    sentence's end."""
    end = int(verb.sent.end_char)
    for other in verb.children:
        if other.dep_ != "ccomp" or other.i <= verb.i:
            continue
        if other.lower_ not in REPORT_VERBS | {"reported", "reports"}:
            continue
        subject = next((c for c in other.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i <= verb.i or not _tail(other, subject):
            continue
        end = min(end, subject.left_edge.idx)
    return end


def _tail(verb: Any, subject: Any) -> bool:
    """Tell whether "SUBJECT VERB" closes its sentence after a comma, with at most a time
    after it (", private NTV television reported on Sunday."): an attribution, not content."""
    first = subject.left_edge
    if first.i == 0 or first.doc[first.i - 1].text != ",":
        return False
    return all(c.dep_ in ("prep", "npadvmod", "punct", "advmod") for c in verb.rights)


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _outermost(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop reported spans that lie inside another (nested reporting verbs)."""
    return [
        q
        for q in found
        if not any(o is not q and o["start"] <= q["start"] and q["end"] <= o["end"] for o in found)
    ]
