"""Word lists for quote attribution and what they tell about a spaCy token.

Speech verbs and nouns, person nouns, titles and honorifics, and the small token tests built
on them (is this a speech verb, a description of a person, a name with a title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storydesk.quotemarks import DOUBLE, Mark, inside  # DOUBLE only: "members’ interests" stays


def _words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word list."""
    return frozenset(text.split())


ENTITY_LABELS = _words("PERSON ORG GPE LOC NORP FAC EVENT WORK_OF_ART LAW PRODUCT")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
HONORIFICS = _words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. rev rev. sen sen. rep rep.
    """
)
SPEECH_VERBS = _words(
    """
    say said says saying tell told tells telling add added adds adding insist insisted insists
    insisting concede conceded concedes call called calls calling brand branded brands branding
    accuse accused accuses accusing slam slammed slams slamming describe described describes
    describing claim claimed claims claiming argue argued argues arguing warn warned warns
    warning explain explained explains explaining state stated states announce announced
    announces note noted notes noting admit admitted admits admitting acknowledge acknowledged
    acknowledges deny denied denies denying confirm confirmed confirms confirming allege alleged
    alleges assert asserted asserts reveal revealed reveals stress stressed stresses maintain
    maintained maintains suggest suggested suggests report reported write wrote writes writing
    contend contended predict predicted promise promised vow vowed vows testify testified recall
    recalled recalls complain complained complains emphasise emphasised emphasize emphasized
    agree agreed agrees shout shouted shouting yell yelled scream screamed ask asked asks asking
    reply replied replies respond responded responds quip quipped joke joked declare declared
    declares urge urged urges tweet tweeted tweets post posted continue continued remark
    remarked observe observed boast boasted lament lamented mutter muttered exclaim exclaimed
    whisper whispered remind reminded reminding talk talked talking conclude concluded cite cites
    cited stating chant recount recounted recounts plead pleaded pleads beg begged demand
    demanded demands reiterate reiterated reiterates laughed sighed grumbled gushed mused
    wondered disclosed protested objected caution cautioned cautions questioned read reads
    chanted chanting sing sang cry cried dub dubbed label labelled labeled quote quoted retort
    retorted counter countered charge charged criticise criticised criticize criticized condemn
    condemned blast blasted attack attacked hail hailed praise praised
    """
)
# Verbs whose clause complement is reported speech (indirect quotes).
REPORT_VERBS = _words(
    """
    say said says tell told tells add added adds insist insisted insists concede conceded
    concedes claim claimed claims argue argued argues warn warned warns explain explained state
    stated announce announced note noted admit admitted acknowledge acknowledged deny denied
    confirm confirmed confirms allege alleged assert asserted reveal revealed stress stressed
    maintain maintained suggest suggested contend contended predict predicted promise promised
    vow vowed testify testified complain complained emphasised emphasized agreed saying claiming
    insisting adding arguing warning writes wrote write cautioned cautions indicated indicates
    explains
    """
)
SPEECH_NOUNS = _words(
    """
    words comments comment remarks remark statement statements claim claims tweet tweets post
    message interview speech letter op-ed quote
    """
)
PERSON_NOUNS = _words(
    """
    mayor minister president spokesman spokeswoman spokesperson official leader mp senator
    governor chairman chairwoman chair chief director actor actress singer star officer lawyer
    attorney judge prosecutor congressman congresswoman secretary ambassador commissioner
    manager coach player host presenter journalist reporter editor founder executive ceo
    candidate politician premier chancellor king queen prince princess father mother wife
    husband son daughter man woman boy girl teenager suspect victim witness doctor professor
    researcher scientist author writer lawmaker representative member councillor councilor
    activist campaigner analyst economist expert adviser advisor spokesperson pastor priest
    bishop sheriff captain lieutenant sergeant detective inspector constable owner resident
    neighbour neighbor friend brother sister boss banker billionaire businessman comedian rapper
    musician
    """
)
TITLES = _words(
    """
    councillor cllr president senator governor mayor judge justice minister chancellor secretary
    general gen gen. colonel col col. captain capt capt. sergeant sgt sgt. lieutenant lt lt.
    detective det det. chief pope king queen prince princess representative congressman
    congresswoman commissioner officer coach sheriff bishop father pastor rabbi imam professor
    inspector superintendent supt constable dci di ds dc pc
    """
)
# The person nouns that are posts ("the museum's director"), not kin or a part in events
JOB_NOUNS = (PERSON_NOUNS | TITLES) - _words(
    """
    man woman boy girl teenager suspect victim witness father mother wife husband son daughter
    friend brother sister resident neighbour neighbor owner member
    """
)
NOT_ROLES = _words("caption image photo picture credit copyright file video playback getty")
RELATIVES = frozenset({"who", "that", "which", "whom"})
# Plural nouns of time and measure: never a group that "they" speaks for ("The minutes of
# delay felt endless ... the kids were blocked from helping, they say").
MEASURES = _words("seconds minutes hours days weeks months years decades times degrees percent")
HE_SHE = frozenset({"he", "she", "him", "her", "his"})
THEY = frozenset({"they", "them", "their"})
# Words that tell a person's gender: pronouns, honorifics and gendered person nouns.
MALE = _words(
    """
    he him his himself mr mr. sir lord spokesman chairman father husband son brother king
    prince congressman businessman man boy grandfather uncle nephew actor
    """
)
FEMALE = _words(
    """
    she her hers herself mrs mrs. ms ms. miss dame lady spokeswoman chairwoman mother wife
    daughter sister queen princess congresswoman businesswoman woman girl grandmother aunt
    niece actress
    """
)
# Speech verbs with an everyday sense too: with a thing as subject they report no one.
THING_VERBS = _words(
    """
    continue continued continues post posted charge charged attack attacked blast blasted
    hail hailed counter countered note noted notes state states report reported
    """
)
# Verbs through which a document speaks ("the report found that ...").
FINDING_VERBS = _words("find found finds conclude concluded concludes show showed shows shown")
# Nouns by which a story refers back to an organisation it has named ("the trust said").
ORG_NOUNS = _words(
    """
    company firm group trust council party club union bank university hospital agency
    ministry department authority board committee organisation organization charity school
    college museum centre center institute association federation league network station
    team commission service campaign airline carrier retailer operator gang
    """
)
# Documents that "say" things themselves (a physical object that says is held by someone).
DOCUMENTS = _words(
    """
    report reports study survey poll document documents filing complaint lawsuit indictment
    affidavit ruling memo memoir review audit analysis book article letter email law bill
    """
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def is_passive(verb: Any) -> bool:
    """Tell whether a verb is passive ("was warned", "was accused of ...")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def is_speech(token: Any) -> bool:
    """Tell whether a token is a speech verb or a speech noun ("said", "statement")."""
    if token.i >= 2 and token.doc[token.i - 2].lower_ == "so" and token.lower_ == "called":
        return False  # "so-called": a scare quote, not speech
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if token.lower_ in THING_VERBS and _thing_subject(token):
            return False  # "disruption was likely to continue": no one speaks
        return token.lower_ in SPEECH_VERBS or _document_finding(token)
    return token.pos_ == "NOUN" and token.lower_ in SPEECH_NOUNS


def _thing_subject(verb: Any) -> bool:
    """Tell whether a verb's subject is a thing: a singular common noun, not a person's.

    A verb with no subject of its own takes its head's ("disruption was likely to continue").
    """
    subject = None
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ not in ("xcomp", "acomp"):
            break
        verb = verb.head
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_ or subject.tag_ == "NNS":
        return False
    return subject.lower_ not in PERSON_NOUNS | ORG_NOUNS | DOCUMENTS | SPEECH_NOUNS


def _document_finding(verb: Any) -> bool:
    """Tell whether a document reports through a verb ("the report found", "the study shows")."""
    if verb.lower_ not in FINDING_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in DOCUMENTS for c in verb.children)


QUOTE_VERBS = frozenset(["quote", "quoted", "quotes", "quoting"])


def quoted_as_saying(verb: Any) -> Any | None:
    """Return whose words "X quoted Y as saying" and "Y was quoted (by X) as saying" give: Y.

    The wire's way of citing another outlet: the one quoted speaks, not the agency or paper
    that quotes ("the Anatolia news agency quoted President Demirel as saying").
    """
    quote = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "saying", under "as"
        quote = verb.head.head
    if quote.lower_ not in QUOTE_VERBS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "as" for c in quote.children):
        return None
    for dep in ("dobj", "nsubjpass"):
        found = next((c for c in quote.children if c.dep_ == dep), None)
        if found is not None:
            return found
    return None


def named_after_quote(verb: Any, marks: Sequence[Mark]) -> Any | None:
    """Return the speaker the parse hung on the last word of a quote taken for the verb's
    subject ("“No police. No firemen,” 17-year-old Zuhir Hersi, a DJ, said": Hersi, set in
    apposition to "firemen"), or None."""
    for child in verb.children:
        if child.dep_ != "nsubj" or not inside(child.idx, marks):
            continue
        for appos in child.children:
            named = appos.pos_ == "PROPN" or appos.ent_type_ in NAME_LABELS
            if appos.dep_ == "appos" and not inside(appos.idx, marks) and named:
                return appos
    return None


def person_before(verb: Any) -> Any | None:
    """Return the person noun whose phrase ends right before a verb that the parse left
    without a subject ("..., a spokesman for the airline said Tuesday"), or None."""
    if verb.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    token = verb.doc[verb.i - 1]
    while token.dep_ in ("pobj", "prep") and token.head.i < token.i:
        token = token.head
    return token if token.pos_ == "NOUN" and token.lower_ in PERSON_NOUNS else None


def gender(word: str) -> str | None:
    """Return "m" or "f" when a word tells a person's gender ("she", "Mrs", "spokesman")."""
    word = word.lower()
    for form in (word, word.removeprefix("step"), word.removeprefix("grand")):
        if form in MALE or form in FEMALE:
            return "m" if form in MALE else "f"
    return None


def is_definite(token: Any) -> bool:
    """Tell whether a noun has the definite article ("the mayor", not "a mayor")."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def is_person_description(token: Any) -> bool:
    """Tell whether a subject is a definite description of a person ("the former mayor").

    A party or nationality word with "the" ("the Republican") and an age ("the
    59-year-old") describe a person too.
    """
    if not is_definite(token):
        return False
    if (token.ent_type_ == "NORP" and token.tag_ == "NNP") or _is_age(token):
        return True
    if token.pos_ != "NOUN":
        return False
    return token.lower_ in PERSON_NOUNS or token.lower_.endswith(("ist", "ian", "man", "woman"))


def _is_age(token: Any) -> bool:
    """Tell whether a token ends an age used as a noun ("the 59-year-old")."""
    if token.lower_.endswith("year-old"):
        return True
    doc = token.doc
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 2].lower_ in ("year", "years")


def is_possessed_person(token: Any) -> bool:
    """Tell whether a noun is a person known by whose they are ("her mother", "his lawyer")."""
    if token.pos_ != "NOUN" or token.lower_ not in PERSON_NOUNS:
        return False
    return any(c.dep_ == "poss" for c in token.children)


def is_org_description(token: Any) -> bool:
    """Tell whether a subject is a definite description of an organisation ("the trust").

    "The Traditional Unionist Voice party" names its organisation, so does not refer back.
    """
    if token.pos_ != "NOUN" or token.lower_ not in ORG_NOUNS or not is_definite(token):
        return False
    return not any(t.pos_ == "PROPN" or t.ent_type_ for t in token.lefts)


MAX_SOURCE_WORDS = 6  # words after an unnamed source's noun that say which ("familiar with ...")


def description(token: Any, keep_det: bool = False) -> str:
    """Return a noun phrase's words up to its head ("former London mayor")."""
    first = token.left_edge
    if not keep_det and first.dep_ == "det" and first.i < token.i:
        first = token.doc[first.i + 1]
    return " ".join(token.doc.text[first.idx : token.idx + len(token.text)].split())


# People who speak for someone else, whom "for ..." tells apart ("a spokesperson for the
# prime minister").
SPOKESPEOPLE = _words("spokesperson spokesman spokeswoman lawyer lawyers attorney attorneys")


def with_postmodifier(source: Any, said: str) -> str:
    """Return an unnamed source with what tells it apart: "two people familiar with the call",
    "the register of members' interests", "figures shared with the Capital Observer", "a
    spokesperson for the prime minister"."""
    after = next((c for c in source.rights if c.dep_ in ("amod", "acl", "prep")), None)
    named_for = source.lower_ in SPOKESPEOPLE and after is not None and after.lower_ == "for"
    if after is None or (after.dep_ == "prep" and after.lower_ != "of" and not named_for):
        return said
    last = list(after.subtree)[-1]
    phrase = source.doc.text[after.idx : last.idx + len(last.text)]
    if named_for:
        phrase = phrase.split(",")[0]  # "for the prime minister, Annika Feld,": whom it names
    if len(phrase.split()) > MAX_SOURCE_WORDS or any(mark in phrase for mark in DOUBLE):
        return said  # "the government condemning the "repugnant murders"": quoting, not naming
    return " ".join(f"{said} {phrase}".split())


OLDEST = 119  # a bare number set off by commas after a name, up to this, is an age
# Person nouns whose appositive may as well be a body ("its owner, Fenwick Holdings").
_BODY_ROLES = _words("owner member host leader representative candidate player star partner")
_KIN = _words(
    """
    partner girlfriend boyfriend fiance fiancee fiancé fiancée grandmother grandfather uncle
    aunt cousin nephew niece stepfather stepmother grandson granddaughter colleague
    """
)


def entity_label(ent: Any) -> str:
    """Return an entity's label, a person where the text says so whatever the model's tag:
    a name given an age ("Rhiannon Doherty, 38, ...") or a person's role ("her partner
    Dominic Hale", "the association chairman, Neville Ashdown,")."""
    if ent.label_ in ("PERSON", "DATE", "CARDINAL", "TIME", "MONEY", "PERCENT", "QUANTITY"):
        return str(ent.label_)
    if _aged(ent) or _in_role(ent) or _ranked(ent):
        return "PERSON"
    return str(ent.label_)


# Ranks and honorifics that open only a person's name ("Captain Anders Holloway" is no firm);
# not "General", "King" or "Bishop", which open firms and towns too.
_RANKS = HONORIFICS | _words(
    """
    captain capt capt. cllr councillor sergeant sgt sgt. lieutenant lt lt. detective det det.
    inspector superintendent supt constable senator governor gov gov. mayor judge professor
    pastor rabbi imam
    """
)
MAX_RANKED_WORDS = 4  # "Detective Chief Inspector Omar Sandoval" is a person; longer is a body


def _ranked(ent: Any) -> bool:
    """Tell whether a name opens with a rank and is capitalised names after it."""
    words = list(ent)
    if len(words) < 2 or len(words) > MAX_RANKED_WORDS + 1 or words[0].lower_ not in _RANKS:
        return False
    return all(w.text[:1].isupper() and w.lower_ not in ORG_NOUNS for w in words[1:])


def _aged(ent: Any) -> bool:
    if ent.end + 2 >= len(ent.doc):
        return False
    comma, age, closing = ent.doc[ent.end : ent.end + 3]
    aged = age.dep_ == "appos" and age.head == ent.root and age.text.isdigit()
    return aged and comma.text == closing.text == "," and 0 < int(age.text) <= OLDEST


def _in_role(ent: Any) -> bool:
    """Tell whether a name is given a person's role just before it, as a title or an apposition."""
    root = ent.root
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.dep_ == "compound" and before.head == root:
        role = before
    elif root.dep_ == "appos" and root.head.i < ent.start:
        role = root.head
    else:
        return False
    if role.pos_ != "NOUN" or role.lower_ not in PERSON_NOUNS | _KIN:
        return False
    if role.lower_ in _BODY_ROLES:
        return any(c.dep_ == "poss" and c.lower_ in HE_SHE for c in role.children)
    return True


def honorific_start(ent: Any) -> int:
    """Return the start of an entity extended over an honorific just before it ("Mr")."""
    if ent.label_ == "PERSON" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in HONORIFICS:
        return int(ent.doc[ent.start - 1].idx)
    return int(ent.start_char)


# A possessive ending a name, however its apostrophe was typed ("Shah's", "Family‘s").
POSSESSIVE = re.compile(r"['’‘]s?$")


def clean_name(text: str) -> str:
    """Strip honorifics, possessives, 'the' and stray punctuation from a name (a scraped page's
    "WOODLAND HILLS >>", a caption's "Soultrait Provocative:")."""
    text = POSSESSIVE.sub("", unclosed(text.strip())).strip(" ,.-–—\"'“”‘’").rstrip(" :;(<>|»«")
    words = text.split()
    while len(words) > 1 and words[0].lower() in _STRIP:
        words = words[1:]
    while len(words) > 2 and words[-1].rstrip(".,") in POST_NOMINALS | RANKS_BEFORE:
        words = words[:-1]  # "Julian Ferrant KC" is Julian Ferrant, whom "Ferrant" names too
    return " ".join(words)


def unclosed(text: str) -> str:
    """Return text cut before a bracket it opens and never closes: "Federal Bureau of
    Investigation (FBI" tagged without its ")" is the bureau."""
    cut = text.rfind(" (")
    return text[:cut] if cut > 0 and text.count("(") > text.count(")") else text


_STRIP = HONORIFICS | TITLES | {"the", "former", "prime", "deputy", "vice"}
# Abbreviated ranks, which open the next name and never end one: "New York Police Department
# Sgt. Ann Lee" tagged up to the rank is the department.
RANKS_BEFORE = frozenset("Sgt Det Lt Capt Cmdr Cpl Insp Supt Gen Col Maj Adm".split())  # noqa: SIM905
# Letters after a person's name, as written (a name's own last word is never in capitals).
POST_NOMINALS = frozenset(
    "KC QC MP MSP MEP MLA AM TD OBE MBE CBE KBE DBE PhD MD Esq".split()  # noqa: SIM905
)


# Groups that go by a name ("a gang known as Nightjar"): the name is an organisation's.
GROUPS = _words("gang group collective cartel militia faction movement band")


def self_named(before: Sequence[str]) -> bool:
    """Tell whether the words before a name make it what a group calls itself: "a ransomware
    gang known as Nightjar", "the group, which calls itself Nightjar" (a place or person is
    never "itself")."""
    words = [w.lower().strip(",") for w in before[-3:]]
    if words[-1:] == ["itself"]:
        return True
    if words[-2:] == ["known", "as"]:
        return len(words) == 3 and words[0] in GROUPS
    return words[-1:] == ["called"] and len(words) >= 2 and words[-2] in GROUPS
