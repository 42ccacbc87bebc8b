"""Who is who in one parsed article: named entities, roles, clause subjects and pronouns.

`Referents` walks an article's parsed paragraphs once to learn its people (names, surnames,
titles and appositions) and the subjects of its clauses in order, then resolves a speech
verb's subject, a pronoun or a description ("the former mayor") to the person it means.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storydesk.entity_cues import MASTHEAD_KINDS, shaped_as_body
from storydesk.lexicon import (
    DOCUMENTS,
    ENTITY_LABELS,
    HE_SHE,
    HONORIFICS,
    MEASURES,
    NAME_LABELS,
    NOT_ROLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    RELATIVES,
    SPEECH_NOUNS,
    SUBJECT_DEPS,
    THEY,
    TITLES,
    clean_name,
    description,
    entity_label,
    gender,
    honorific_start,
    is_org_description,
    is_person_description,
    is_possessed_person,
    is_speech,
    named_after_quote,
    person_before,
    quoted_as_saying,
    self_named,
    with_postmodifier,
)
from storydesk.quotemarks import Mark, inside

DAYS = frozenset({"DATE", "TIME"})  # "said Tuesday": a proper noun, but no one's name

MAX_ROLE_WORDS = 10  # a longer apposition is a story, not a role
GROUP_REACH = 600  # characters: how far back a "they" looks for its group
# "The company" is the latest organisation named before it, unless that names itself
# something else ("the Amalgamated Process Workers union", "Bransholm Police").
BUSINESS_NOUNS = frozenset({"company", "firm"})
GROUP_NOUNS = frozenset({"group", "gang"})  # likewise, unless a group of people was named
NOT_BUSINESSES = (ORG_NOUNS - BUSINESS_NOUNS) | frozenset(
    """police constabulary government court parliament senate congress army navy office
    bureau""".split()  # noqa: SIM905
)


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
    orgs: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)
    bodies: list[tuple[int, str]] = field(default_factory=list)  # organisations as subjects
    genders: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    roles: list[list[str]] = field(default_factory=list)
    descriptions: list[list[str]] = field(default_factory=list)

    # -- entities and roles -------------------------------------------------------------

    def entities(self) -> list[list[Any]]:
        """List entity mentions outside quotes, learn surnames and person roles."""
        found: list[list[Any]] = []
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            for ent in doc.ents:
                label = entity_label(ent)
                if label not in ENTITY_LABELS or inside(ent.start_char, marks):
                    continue
                start = honorific_start(ent)
                text = doc.text[start : ent.end_char]
                found.append([base + start, base + ent.end_char, label, text])
                if label == "PERSON":
                    self.surnames.add(clean_name(ent.text).split()[-1] if ent.text else "")
                    self._vote(clean_name(ent.text), doc.text[start : ent.start_char].strip())
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
            if first > 1 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_:
                first -= 2  # "Swedish-born striker", not "born striker"
        words = [t for t in doc[first:start] if t.lower_ not in HONORIFICS]
        dates = [i for i, t in enumerate(words) if t.ent_type_ in DAYS]
        if dates:  # "Thursday Trump", "2016 presidential candidate Trump": a date is no title
            words = words[dates[-1] + 1 :]
        if any(t.lower_ in NOT_ROLES for t in words):
            return  # "Media caption Gerry Adams": page furniture, not a title
        if words and words[-1].lower_ in MASTHEAD_KINDS:
            return  # "the daily Radikal": a paper's name, not a person's title
        if words and _titles(words[-1], ent):
            self.roles.append([name, "".join(t.text_with_ws for t in words).strip()])
            self._vote(name, words[-1].text)
        for child in ent.root.children:
            if child.dep_ == "appos" and child.ent_type_ == "" and child.pos_ == "NOUN":
                if {child.lower_, f"{child.lower_}s"} & MEASURES:
                    continue  # "Port Ardel, the first time the honour ...": no one's role
                role = _without_relative(child).strip(" ,")
                if len(role.split()) <= MAX_ROLE_WORDS:
                    self.roles.append([name, role])
                    self._vote(name, child.text)

    # -- genders -------------------------------------------------------------------------

    def _vote(self, name: str, word: str) -> None:
        """Count a word that tells a person's gender ("Mrs", "spokesman", a pronoun)."""
        said = gender(word)
        if said and name:
            self.genders[name.split()[-1]][said] += 1

    def _learn_pronouns(self, doc: Any, marks: list[Mark]) -> None:
        """Count the pronoun a named speaker's reported clause opens with ("Davis said she").

        Only that pattern is counted: a "his" elsewhere in the sentence often means someone else,
        and so does a pronoun of the gender of the speaker's own possessor ("her partner Dominic
        Hale said she": she is the partner's partner).
        """
        for verb in doc:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if subject is None or clause is None or not is_speech(verb) or inside(verb.idx, marks):
                continue
            name = self.name_of(subject)
            if not name or not self._is_person(name, subject):
                continue
            said = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            owners = {gender(t.lower_) for t in subject.subtree if t.dep_ == "poss"}
            for token in [said, *(said.children if said is not None else ())]:
                if token is None or token.pos_ != "PRON" or token.i <= verb.i:
                    continue
                if gender(token.lower_) not in owners:  # "her partner Dominic Hale said she"
                    self._vote(name, token.lower_)

    def _gender_of(self, name: str) -> str | None:
        """Return the gender the article's words give a person, if they agree enough."""
        votes = self.genders.get(name.split()[-1]) if name else None
        if not votes or votes["m"] == votes["f"]:
            return gender(name.split()[-1]) if name.islower() else None  # "mother"
        return "m" if votes["m"] > votes["f"] else "f"

    def _agrees(self, name: str, wanted: str | None) -> bool:
        """Tell whether a person may be referred to by a pronoun of the wanted gender."""
        known = self._gender_of(name)
        return wanted is None or known is None or known == wanted

    # -- subjects and antecedents --------------------------------------------------------

    def collect_subjects(self) -> None:
        """Record, in article order, clause subjects and person mentions outside quotes."""
        for (base, doc), marks in zip(self.paras, self.quoted, strict=True):
            self._learn_pronouns(doc, marks)
            for token in doc:
                if inside(token.idx, marks):
                    continue
                name = self.name_of(token)
                if name and token.ent_iob_ in ("B", "") and self._is_person(name, token):
                    self.persons.append((base + token.idx, name))
                    self._vote(name, _honorific(token))
                elif name and _organisation_named(token, name):
                    self.orgs.append((base + token.idx, name))
                if token.dep_ in SUBJECT_DEPS:
                    main = token.head.dep_ in ("ROOT", "conj") or is_speech(token.head)
                    person = self._subject_person(token, base) if main else None
                    self.subjects.append(_Subject(base + token.idx, person, main))
                    if main and person is None:
                        self._group_subject(token, base)

    def _group_subject(self, token: Any, base: int) -> None:
        """Record a plural or organisation subject that a later "they" may refer to."""
        if token.lower_ in THEY:
            group = self._group(base + token.idx)
        elif token.tag_ in ("NNS", "NNPS") or token.lower_ == "police":
            group = description(token) if token.lower_ not in MEASURES else None
        else:
            name = self.name_of(token)
            body = token.ent_type_ == "ORG" or shaped_as_body(name)  # tagged as a person
            group = name if body else None
            if group:
                self.bodies.append((base + token.idx, group))
        if group:
            self.groups.append((base + token.idx, group))

    def _body(self, offset: int) -> str | None:
        """Return the organisation an "it" at offset refers to: the latest one a clause has
        as its subject, if near."""
        for pos, body in reversed(self.bodies):
            if pos < offset:
                return body if offset - pos <= GROUP_REACH else None
        return None

    def _group(self, offset: int) -> str | None:
        """Return the group or organisation a "they" at offset refers to, if one is near."""
        for pos, group in reversed(self.groups):
            if pos < offset:
                return group if offset - pos <= GROUP_REACH else None
        return None

    def _subject_person(self, token: Any, base: int) -> str | None:
        """Return the person a clause subject names or refers to (None for anything else)."""
        name = self.name_of(token)
        if name and self._is_person(name, token):
            return name
        for child in token.children:  # "The Lord Mayor, Councillor Hendrik Solberg"
            named = self.name_of(child) if child.dep_ == "appos" else None
            if named and self._is_person(named, child):
                return named
        if name or token.lower_ in THEY:
            return None
        found = self.resolve(token, base, describe=False)
        if found is None and is_possessed_person(token):
            return description(token)  # "her mother": someone a later "she" may mean
        return found

    def _is_person(self, name: str, token: Any) -> bool:
        """Tell whether a name is a person's (by NER, a title such as "Mr", or a known
        person's surname)."""
        if name.lower() in TITLES | PERSON_NOUNS:
            return False  # "The Lord Mayor": a title, not a name (but "Peter King" is one)
        if _honorific(token):
            return True
        if shaped_as_body(name):
            return False  # "Kestrel Biologics declined", tagged as a person
        return token.ent_type_ == "PERSON" or name.split()[-1] in self.surnames

    def name_of(self, token: Any) -> str | None:
        """Return the name a token belongs to (entity or proper-noun compound), if any."""
        if token.ent_type_ in NAME_LABELS:
            start, end = _entity_bounds(token)
            return clean_name(token.doc[start:end].text) or None
        if token.pos_ == "PROPN" and token.dep_ != "compound" and token.ent_type_ not in DAYS:
            parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            first = parts[0].i if parts else token.i
            text = token.doc[first : token.i + 1].text  # as written: "Amankwah-Lowe"
            return clean_name(text) or None
        return None

    def _antecedent(
        self,
        offset: int,
        described: str | None = None,
        wanted: str | None = None,
        others: frozenset[str] = frozenset(),
    ) -> str | None:
        """Return the person a pronoun or description at offset most likely refers to.

        The latest main-clause subject that fits wins, else the latest person mentioned;
        a pronoun's gender (wanted) rules out people the article gives the other gender, and
        its clause rules out the others it names ("She told Davis": she is not Davis).
        """
        for subject in reversed(self.subjects):
            name = subject.name or ""
            fits = bool(name) and name.split()[-1] not in others
            fits = fits and (described is None or self._fits(name, described))
            if subject.offset < offset and subject.main and fits and self._agrees(name, wanted):
                return name
        for pos, name in reversed(self.persons):
            fits = name.split()[-1] not in others
            fits = fits and (described is None or self._fits(name, described))
            if pos < offset and fits and self._agrees(name, wanted):
                return name
        return None

    def _co_arguments(self, pronoun: Any) -> frozenset[str]:
        """Return the surnames a pronoun's own verb takes as object or recipient ("told Davis")."""
        verb = pronoun.head
        args = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        args += [g for c in verb.children if c.dep_ == "prep" for g in c.children]
        names = (self.name_of(a) for a in args if a.dep_ in ("dobj", "dative", "pobj"))
        return frozenset(n.split()[-1] for n in names if n)

    def _organisation(self, token: Any, offset: int) -> str | None:
        """Return the organisation a description such as "the trust" refers back to."""
        if not is_org_description(token):
            return None
        head = token.lower_
        for pos, name in reversed(self.orgs):
            if pos < offset and head in name.lower().split():
                return name
        if head in GROUP_NOUNS and (
            any(t.dep_ != "det" for t in token.lefts) or self._group_of_people(offset)
        ):
            return None  # "the rights group" says what it is; "a group of residents"
        if head in BUSINESS_NOUNS | GROUP_NOUNS:  # "Kestrel Biologics ..., the company said"
            people = {person.split()[-1] for _, person in self.persons}
            for pos, name in reversed(self.orgs):
                if pos >= offset or set(name.lower().split()) & NOT_BUSINESSES:
                    continue
                if name.split()[-1] not in people:  # a person the model once took for a firm
                    return name if offset - pos <= GROUP_REACH else None
        return None

    def _group_of_people(self, offset: int) -> bool:
        """Tell whether the article wrote "a group of" or "a gang of" before offset."""
        return any(
            re.search(r"\b(?:group|gang)s? of\b", doc.text[: max(0, offset - base)])
            for base, doc in self.paras
            if base < offset
        )

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
            token = _holder(_relative_antecedent(token))
            if token is None:
                return None  # a sign nobody is said to hold
        if token.ent_type_ == "NORP" and is_person_description(token):
            return self._described(token, base, describe)  # "the Republican"
        return self._named(token) or self._referred(token, base, describe)

    def _named(self, token: Any) -> str | None:
        """Return the name a token or its appositive gives ("the mayor, Ann Berg")."""
        name = self.name_of(token)
        appos = [self.name_of(c) for c in token.children if c.dep_ == "appos"]
        named = [a for a in appos if a]
        if name and (self._is_person(name, token) or not named):
            return name
        return named[0] if named else None  # "The Lord Mayor, Cllr Hendrik Solberg"

    def _referred(self, token: Any, base: int, describe: bool) -> str | None:
        """Return who an unnamed subject refers to: a pronoun's or description's antecedent,
        a statement's source, or (with describe) the subject's own words ("police")."""
        if token.lower_ in HE_SHE:
            others = self._co_arguments(token)
            return self._antecedent(base + token.idx, wanted=gender(token.lower_), others=others)
        if token.lower_ in THEY:
            return self._group(base + token.idx)
        if token.lower_ == "it" and is_speech(token.head):
            return self._body(base + token.idx)  # "In a statement, it said ..."
        if is_person_description(token):
            return self._described(token, base, describe)
        found = self._organisation(token, base + token.idx) if describe else None
        if found:
            return found
        if token.lower_ in SPEECH_NOUNS:
            source = _statement_source(token)  # "a statement from the White House"
            return self.resolve(source, base, describe) if source is not None else None
        if describe and token.pos_ in ("NOUN", "PROPN"):
            said = _person_appositive(token)  # unnamed: "police", "people familiar with ..."
            return with_postmodifier(said, description(said))
        return None

    def _described(self, token: Any, base: int, describe: bool) -> str | None:
        """Return the person a description refers to, else (with describe) its own words."""
        found = self._antecedent(base + token.idx, description(token))
        if found:
            self.descriptions.append([description(token, keep_det=True), found])
        return found or (description(token) if describe else None)

    # -- the speaker of a speech verb ----------------------------------------------------

    def speaker_of(self, verb: Any, base: int, marks: Sequence[Mark] = ()) -> str | None:
        """Return the resolved subject (or possessor, or agent) of a speech verb or noun."""
        if verb.pos_ == "NOUN":
            return self._noun_speaker(verb, base, marks)
        quoted = quoted_as_saying(verb)
        if quoted is not None:
            return self.resolve(quoted, base)
        token = verb
        for _ in range(4):
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            outside = [c for c in token.children if not inside(c.idx, marks)]
            subject = next((c for c in outside if c.dep_ == "nsubj"), None)
            subject = subject if subject is not None else named_after_quote(token, marks)
            if agent is not None and token.tag_ == "VBN":
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self.resolve(obj, base)
            if subject is None:
                subject = next((c for c in outside if c.dep_ == "nsubjpass"), None)
                if subject is not None and token == verb:
                    subject = None  # "X was told": X is the listener, not the speaker
            if subject is not None:
                return self.resolve(subject, base)
            if token.dep_ == "relcl":
                return self.resolve(token.head, base)
            if token.head == token or inside(token.head.idx, marks):
                break
            token = token.head
        return self._neighbour(verb, base)

    def _noun_speaker(self, noun: Any, base: int, marks: Sequence[Mark]) -> str | None:
        """Return whose a speech noun is: its owner, or the speaker of the verb it serves."""
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound")]
        owner = next((c for c in owners if c.dep_ == "poss" or self.name_of(c)), None)
        if owner is not None:
            return self.resolve(owner, base)
        head = noun.head.head if noun.head.pos_ == "ADP" else noun.head
        if head.pos_ == "VERB" and is_speech(head) and not inside(head.idx, marks):
            return self.speaker_of(head, base, marks)  # "X said in a statement"
        return None

    def _neighbour(self, verb: Any, base: int) -> str | None:
        """Return a name or pronoun right next to a verb the parse left without a subject,
        or the person noun whose phrase ends right before it ("..., a spokesman for the
        airline said Tuesday")."""
        doc = verb.doc
        for index in (verb.i + 1, verb.i - 1):
            if 0 <= index < len(doc) and (self.name_of(doc[index]) or doc[index].lower_ in HE_SHE):
                return self.resolve(doc[index], base, describe=False)
        person = person_before(verb)
        return self.resolve(person, base) if person is not None else None


def _without_relative(noun: Any) -> str:
    """Return a noun's phrase up to a relative clause on it: "a threat researcher at the
    security firm Brightmoor Labs" of "..., who has tracked Nightjar since it emerged"."""
    end = noun.right_edge.i + 1
    for token in noun.subtree:
        if token.dep_ == "relcl" and token.left_edge.i > noun.i:
            end = min(end, token.left_edge.i)
    return noun.doc[noun.left_edge.i : end].text


def _organisation_named(token: Any, name: str) -> bool:
    """Tell whether a token opens an organisation's name: one tagged so, one that a group
    calls itself ("a gang known as Nightjar"), or one that ends as a body's does though
    tagged as a person or not at all ("Kestrel Biologics")."""
    if token.ent_iob_ == "O":  # the head of a proper-noun compound the model left untagged
        return shaped_as_body(name)
    before = [t.text for t in token.doc[max(0, token.i - 3) : token.i]]
    opens = token.ent_iob_ == "B"
    return opens and (token.ent_type_ == "ORG" or self_named(before) or shaped_as_body(name))


def _titles(word: Any, ent: Any) -> bool:
    """Tell whether the noun before a name is its title ("the Labour MP John Mann"), not part
    of a noun phrase the name only qualifies ("waist-length Cher hair")."""
    return (
        word.pos_ in ("NOUN", "PROPN")
        and word.ent_type_ != "PERSON"
        and ent.start <= word.head.i < ent.end
    )


def _relative_antecedent(token: Any) -> Any:
    """Return what a relative pronoun refers to: the noun just before it, else the parse's.

    "Who" refers to a person: past a place or body ("a member of a commission on Syria who
    suggested ..."), it is the nearest person the noun phrase names or describes."""
    before = token.i - 1
    while before >= 0 and token.doc[before].is_punct:
        before -= 1
    personal = token.lower_ in ("who", "whom")
    noun = token.doc[before] if before >= 0 else None
    fits = noun is not None and (not personal or noun.ent_type_ in ("", "PERSON"))
    if noun is not None and noun.pos_ == "PROPN" and fits:
        return noun
    if personal:
        return _person_above(token.head.head) or token.head.head
    return token.head.head


def _person_above(token: Any) -> Any | None:
    """Return the nearest person up a noun phrase: a name, or a person noun (its name when it
    is in apposition to one: "Carla del Ponte, a member of ...")."""
    while True:
        if token.ent_type_ == "PERSON":
            return token
        if token.lower_ in PERSON_NOUNS:
            named = token.dep_ == "appos" and token.head.ent_type_ == "PERSON"
            return token.head if named else token
        if token.head == token or token.pos_ in ("VERB", "AUX"):
            return None
        token = token.head


def _person_appositive(token: Any) -> Any:
    """Return a person noun in apposition to an unnamed source ("a veteran ... officer")."""
    if token.lower_ in PERSON_NOUNS:
        return token
    found = (c for c in token.children if c.dep_ == "appos" and c.lower_ in PERSON_NOUNS)
    return next(found, token)


def _holder(token: Any) -> Any | None:
    """Return who holds a thing that "says" ("Rogovinhart held a sign that read ..."), else it.

    People, groups, organisations, names and documents ("a report that said") speak for
    themselves; a sign, a shirt or a note in a bag speaks for the subject of the clause it
    belongs to, and nobody when that clause has no subject (a caption: "A sign that read").
    """
    if token.pos_ != "NOUN" or token.ent_type_ or token.tag_ == "NNS":
        return token
    if token.lower_ in PERSON_NOUNS | ORG_NOUNS | DOCUMENTS | SPEECH_NOUNS:
        return token
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _entity_bounds(token: Any) -> tuple[int, int]:
    """Return the (start, end) token indices of the named entity a token is inside."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _honorific(token: Any) -> str:
    """Return the title just before a name ("Mr" of "Mr Reinholt"), or ""."""
    first = min([token.i, *(t.i for t in token.lefts if t.dep_ == "compound")])
    if token.ent_type_:
        first = min(first, _entity_bounds(token)[0])
    for index in (first, first - 1):
        if 0 <= index < token.i and token.doc[index].lower_ in HONORIFICS:
            return str(token.doc[index].text)
    return ""


def _statement_source(token: Any) -> Any:
    """Return whose a statement is: "Smith's statement", "a statement from the family"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
