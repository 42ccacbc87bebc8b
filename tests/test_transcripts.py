"""Transcripts: speakers' turns, the person a label names, and turns as direct quotes."""

from __future__ import annotations

import pytest

from storydesk.mentions import DISABLE, article_mentions
from storydesk.models import Article, Junk, content_id
from storydesk.nlp import load_nlp
from storydesk.quotes import combine_quotes
from storydesk.settings import Settings
from storydesk.transcripts import (
    label_speaker,
    speaker_turns,
    transcript_quotes,
    transcript_turns,
    with_transcript_quotes,
)

BROADCAST = """ANN ROOK, HOST:
The harbour board met tonight. Our correspondent Tom Vale was there.
TOM VALE, BYLINE: The new ferry plan passed by one vote.
ROOK: And the mayor?
MAYOR DEL CASTRO: It is a plan we can be proud of.
ROOK: Thank you.
CASTRO: The board was brave."""

INTERVIEW = """Mike Brown, an astronomer, found the comet in May. (Interview by The Harbour Times)
HT: When did you know?
MB: Within a minute. The comet was moving against the stars.
HT: What comes next?
MB: We will measure its orbit over the next month."""


def test_turns_of_hosts_and_correspondents_are_left_out() -> None:
    turns = [(label, BROADCAST[s:e]) for label, s, e in speaker_turns(BROADCAST)]
    assert turns == [
        ("MAYOR DEL CASTRO", "It is a plan we can be proud of.\n"),
        ("CASTRO", "The board was brave."),
    ]
    assert [(s, e) for s, e, _ in transcript_turns(BROADCAST)] == [
        (s, e) for _, s, e in speaker_turns(BROADCAST)
    ]


def test_section_labels_do_not_make_a_transcript() -> None:
    text = "UPDATE: The ferry sailed.\nRELATED: Harbour news\nUPDATE: It docked.\nThe crew cheered."
    assert speaker_turns(text) == []


def test_a_label_names_a_person_by_surname_or_initials() -> None:
    people = ["DEL CASTRO", "Ines Del Castro", "Mike Brown"]
    assert label_speaker("MAYOR DEL CASTRO", people) == "Ines Del Castro"
    assert label_speaker("CASTRO", people) == "Ines Del Castro"
    assert label_speaker("MB", people) == "Mike Brown"
    assert label_speaker("HT", people) is None  # the interviewer: nobody the text names
    assert label_speaker("TOM VALE", people) == "Tom Vale"


def test_a_turn_is_a_quote_up_to_junk_and_not_twice() -> None:
    lines = ["AMIN: Ahoy.", "BB: Aye.", "AMIN: It will sail.", "Subscribe now", "Aye.", "BB: Yes."]
    text = "\n".join(lines)
    starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    kept = [(s, s + len(x)) for s, x in zip(starts, lines, strict=True) if x != "Subscribe now"]
    people = ["Ann Lee", "Al Amin", "Bo Berg"]
    quotes = transcript_quotes(text, kept, people, [])
    assert [text[q["start"] : q["end"]] for q in quotes] == [
        "Ahoy.",
        "Aye.",
        "It will sail.",
        "Yes.",
    ]
    assert [q["speaker"] for q in quotes] == ["Al Amin", "Bo Berg", "Al Amin", "Bo Berg"]
    sail = text.index("It will sail")
    # In quotation marks, so found already:
    found = [{"start": sail, "end": sail + 12, "kind": "direct"}]
    assert len(transcript_quotes(text, kept, people, found)) == 3


@pytest.mark.slow
def test_an_interviewees_answers_are_quotes_under_their_name() -> None:
    nlp = load_nlp(Settings().spacy_model, disable=DISABLE)
    article = Article(id=content_id("t", INTERVIEW), title="t", text=INTERVIEW, outlet="Times")
    quotes = combine_quotes([article], [article_mentions(article, nlp)])
    answers = {q.text: q.speaker for q in quotes}
    assert answers["Within a minute. The comet was moving against the stars."] == "Mike Brown"
    assert answers["We will measure its orbit over the next month."] == "Mike Brown"
    assert not any("When did you know" in text for text in answers)


@pytest.mark.slow
def test_a_turn_cut_by_cleaning_is_not_quoted_past_the_junk() -> None:
    nlp = load_nlp(Settings().spacy_model, disable=DISABLE)
    text = INTERVIEW.replace("the stars.", "the stars.\nSubscribe to The Harbour Times\nOdd.")
    junk_start = text.index("Subscribe")
    junk = (Junk(junk_start, text.index("\nOdd"), "newsletter"),)
    article = Article(id="a", title="t", text=text, outlet="Times", junk=junk)
    quotes = combine_quotes([article], [article_mentions(article, nlp)])
    assert "Within a minute. The comet was moving against the stars." in {q.text for q in quotes}


def test_a_turn_replaces_reported_speech_read_inside_it_but_not_a_quotation() -> None:
    text = "AMIN: My son says he is still cross.\nBB: Yes.\nAMIN: Fine.\nBB: No."
    kept = [(0, 36), (37, 45), (46, 57), (58, 65)]
    reported = {"start": 18, "end": 35, "kind": "indirect", "speaker": "My son"}
    quoted = {"start": 41, "end": 45, "kind": "direct", "speaker": "Bo Berg"}
    quotes = with_transcript_quotes([reported, quoted], text, kept, ["Al Amin", "Bo Berg"])
    assert [(text[q["start"] : q["end"]], q["speaker"]) for q in quotes] == [
        ("My son says he is still cross.", "Al Amin"),
        ("Yes.", "Bo Berg"),
        ("Fine.", "Al Amin"),
        ("No.", "Bo Berg"),
    ]
    assert quotes[1] is quoted
