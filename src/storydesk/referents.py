"""Who is who in one parsed article: named entities, roles, clause subjects and pronouns.

`Referents` walks an article's parsed paragraphs once to learn its people (names, surnames,
titles and appositions) and the subjects of its clauses in order, then resolves a speech
verb's subject, a pronoun or a description ("the former mayor") to the person it means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storydesk.lexicon import (
    ENTITY_LABELS,
    HE_SHE,
    HONORIFICS,
    NAME_LABELS,
    NOT_ROLES,
    RELATIVES,
    SPEECH_NOUNS,
    SUBJECT_DEPS,
    clean_name,
    description,
    honorific_start,
    is_person_description,
    is_speech,
)
from storydesk.quotemarks import Mark, inside


@dataclass(slots=True)
class _Subject:
    """A clause subject in article order, with the person it names (if any)."""

    offset: int
    name: str | None
    main: bool


@dataclass
class Referents:
    """The people of one article, learnt from its parsed paragraphs (base offset, doc)."""

    paras: list[tuple[int, Any]]
    quoted: list[list[Mark]]
    surnames: set[str] = field(default_factory=set)
    subjects: list[_Subject] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)
    roles: list[list[str]] = field(default_factory=list)
    descriptions: list[list[str]] = field(default_factory=list)

    # -- entities and roles -------------------------------------------------------------

    def entities(self) -> list[list[Any]]:
        """List entity mentions outside quotes, learn surnames and person roles."""
        found: list[list[Any]] = []
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for ent in doc.ents:
                if ent.label_ not in ENTITY_LABELS or inside(ent.start_char, marks):
                    continue
                start = honorific_start(ent)
                text = doc.text[start : ent.end_char]
                found.append([base + start, base + ent.end_char, ent.label_, text])
                if ent.label_ == "PERSON":
                    self.surnames.add(clean_name(ent.text).split()[-1] if ent.text else "")
                    self._role(ent)
        found.extend(self._missed_surnames())
        return sorted(found)

    def _missed_surnames(self) -> list[list[Any]]:
        """Return mentions of a known person's surname that NER did not tag ("Livingstone left")."""
        found: list[list[Any]] = []
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for token in doc:
                if token.ent_type_ or token.pos_ != "PROPN" or token.text not in self.surnames:
                    continue
                if inside(token.idx, marks) or token.dep_ == "compound":
                    continue
                start = token.idx
                if token.i > 0 and token.doc[token.i - 1].lower_ in HONORIFICS:
                    start = token.doc[token.i - 1].idx
                end = token.idx + len(token.text)
                found.append([base + start, base + end, "PERSON", doc.text[start:end]])
        return found

    def _role(self, ent: Any) -> None:
        """Record a title before a name ("MP John Mann") or an apposition after it."""
        name = clean_name(ent.text)
        doc = ent.doc
        start = ent.start
        first = start
        while first > 0 and doc[first - 1].dep_ in ("compound", "amod", "nmod", "nummod"):
            first -= 1
        words = [t for t in doc[first:start] if t.lower_ not in HONORIFICS]
        if any(t.lower_ in NOT_ROLES for t in words):
            return  # "Media caption Gerry Adams": page furniture, not a title
        if words and words[-1].pos_ in ("NOUN", "PROPN") and words[-1].ent_type_ != "PERSON":
            self.roles.append([name, " ".join(t.text for t in words)])
        for child in ent.root.children:
            if child.dep_ == "appos" and child.ent_type_ == "" and child.pos_ == "NOUN":
                role = doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
                if len(role.split()) <= 8:
                    self.roles.append([name, role])

    # -- subjects and antecedents --------------------------------------------------------

    def collect_subjects(self) -> None:
        """Record, in article order, clause subjects and person mentions outside quotes."""
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for token in doc:
                if inside(token.idx, marks):
                    continue
                name = self.name_of(token)
                if name and token.ent_iob_ in ("B", "") and self._is_person(name, token):
                    self.persons.append((base + token.idx, name))
                if token.dep_ in SUBJECT_DEPS:
                    main = token.head.dep_ in ("ROOT", "conj") or is_speech(token.head)
                    person = self._subject_person(token, base) if main else None
                    self.subjects.append(_Subject(base + token.idx, person, main))

    def _subject_person(self, token: Any, base: int) -> str | None:
        """Return the person a clause subject names or refers to (None for anything else)."""
        name = self.name_of(token)
        if name:
            return name if self._is_person(name, token) else None
        return self.resolve(token, base, describe=False)

    def _is_person(self, name: str, token: Any) -> bool:
        """Tell whether a name is a person's (by NER, or a known person's surname)."""
        if token.ent_type_ == "PERSON":
            return True
        return name.split()[-1] in self.surnames

    def name_of(self, token: Any) -> str | None:
        """Return the name a token belongs to (entity or proper-noun compound), if any."""
        if token.ent_type_ in NAME_LABELS:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                return clean_name(ent.text) or None
        if token.pos_ == "PROPN" and token.dep_ != "compound":
            parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            text = " ".join(t.text for t in [*parts, token])
            return clean_name(text) or None
        return None

    def _antecedent(self, offset: int, described: str | None = None) -> str | None:
        """Return the person a pronoun or description at offset most likely refers to."""
        for subject in reversed(self.subjects):
            fits = described is None or self._fits(subject.name or "", described)
            if subject.offset < offset and subject.main and subject.name and fits:
                return subject.name
        for pos, name in reversed(self.persons):
            if pos < offset and (described is None or self._fits(name, described)):
                return name
        return None

    def _fits(self, name: str, described: str) -> bool:
        """Tell whether a person may be called by a description (role words agree if known)."""
        surname = name.split()[-1] if name else ""
        known = [role.lower() for who, role in self.roles if who.split()[-1:] == [surname]]
        head = described.lower().split()[-1]
        return not known or any(head in role for role in known)

    def resolve(self, token: Any, base: int, describe: bool = True) -> str | None:
        """Return the person or organisation a subject token names, resolving pronouns.

        With `describe`, an unnamed source is returned as its noun phrase ("police").
        """
        if token.lower_ in RELATIVES and token.head.dep_ == "relcl":
            token = _relative_antecedent(token)
        name = self.name_of(token)
        if name:
            return name
        for child in token.children:
            if child.dep_ == "appos" and self.name_of(child):
                return self.name_of(child)
        if token.lower_ in HE_SHE:
            return self._antecedent(base + token.idx)
        if is_person_description(token):
            found = self._antecedent(base + token.idx, description(token))
            if found:
                self.descriptions.append([description(token, keep_det=True), found])
            return found
        if describe and token.pos_ in ("NOUN", "PROPN") and token.lower_ not in SPEECH_NOUNS:
            return description(token)  # an unnamed source: "police", "the company"
        return None

    # -- the speaker of a speech verb ----------------------------------------------------

    def speaker_of(self, verb: Any, base: int, marks: Sequence[Mark] = ()) -> str | None:
        """Return the resolved subject (or possessor, or agent) of a speech verb or noun."""
        if verb.pos_ == "NOUN":
            owners = [c for c in verb.children if c.dep_ in ("poss", "compound")]
            owner = next((c for c in owners if c.dep_ == "poss" or self.name_of(c)), None)
            return self.resolve(owner, base) if owner is not None else None
        token = verb
        for _ in range(4):
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            outside = [c for c in token.children if not inside(c.idx, marks)]
            subject = next((c for c in outside if c.dep_ == "nsubj"), None)
            if agent is not None and token.tag_ == "VBN":
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self.resolve(obj, base)
            if subject is None:
                subject = next((c for c in outside if c.dep_ == "nsubjpass"), None)
                if subject is not None and token is verb:
                    subject = None  # "X was told": X is the listener, not the speaker
            if subject is not None:
                return self.resolve(subject, base)
            if token.dep_ == "relcl":
                return self.resolve(token.head, base)
            if token.head is token or inside(token.head.idx, marks):
                break
            token = token.head
        return self._neighbour(verb, base)

    def _neighbour(self, verb: Any, base: int) -> str | None:
        """Return a name or pronoun right next to a verb the parse left without a subject."""
        doc = verb.doc
        for index in (verb.i + 1, verb.i - 1):
            if 0 <= index < len(doc) and (self.name_of(doc[index]) or doc[index].lower_ in HE_SHE):
                return self.resolve(doc[index], base, describe=False)
        return None


def _relative_antecedent(token: Any) -> Any:
    """Return what a relative pronoun refers to: the noun just before it, else the parse's."""
    before = token.i - 1
    while before >= 0 and token.doc[before].is_punct:
        before -= 1
    if before >= 0 and token.doc[before].pos_ == "PROPN":
        return token.doc[before]
    return token.head.head
