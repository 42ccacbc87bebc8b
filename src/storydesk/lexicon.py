"""Word lists for quote attribution and what they tell about a spaCy token.

Speech verbs and nouns, person nouns, titles and honorifics, and the small token tests built
on them (is this a speech verb, a description of a person, a name with a title).
"""

from __future__ import annotations

import re
from typing import Any


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
    cited stating chant
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
    """
)
NOT_ROLES = _words("caption image photo picture credit copyright file video playback getty")
RELATIVES = frozenset({"who", "that", "which", "whom"})
HE_SHE = frozenset({"he", "she", "him", "her", "his"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def is_speech(token: Any) -> bool:
    """Tell whether a token is a speech verb or a speech noun ("said", "statement")."""
    if token.i >= 2 and token.doc[token.i - 2].lower_ == "so" and token.lower_ == "called":
        return False  # "so-called": a scare quote, not speech
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return token.lower_ in SPEECH_VERBS
    return token.pos_ == "NOUN" and token.lower_ in SPEECH_NOUNS


def is_person_description(token: Any) -> bool:
    """Tell whether a subject is a definite description of a person ("the former mayor")."""
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or token.pos_ != "NOUN":
        return False
    return token.lower_ in PERSON_NOUNS or token.lower_.endswith(("ist", "ian", "man", "woman"))


def description(token: Any, keep_det: bool = False) -> str:
    """Return a noun phrase's words up to its head ("former London mayor")."""
    first = token.left_edge
    if not keep_det and first.dep_ == "det" and first.i < token.i:
        first = token.doc[first.i + 1]
    return " ".join(token.doc.text[first.idx : token.idx + len(token.text)].split())


def honorific_start(ent: Any) -> int:
    """Return the start of an entity extended over an honorific just before it ("Mr")."""
    if ent.label_ == "PERSON" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in HONORIFICS:
        return int(ent.doc[ent.start - 1].idx)
    return int(ent.start_char)


def clean_name(text: str) -> str:
    """Strip honorifics, possessives, 'the' and stray punctuation from a name."""
    text = re.sub(r"['’]s?$", "", text.strip()).strip(" ,.-–—\"'“”‘’")
    words = text.split()
    while len(words) > 1 and words[0].lower() in _STRIP:
        words = words[1:]
    return " ".join(words)


_STRIP = HONORIFICS | TITLES | {"the", "former", "prime", "deputy", "vice"}
