"""Framing: charged verbs count as verbs only; descriptive adjectives are not framing."""

from __future__ import annotations

import pytest

from storydesk.framing import find_framing, load_lexicon
from storydesk.models import Article, content_id
from storydesk.settings import Settings


def article(text: str, outlet: str) -> Article:
    return Article(id=content_id(outlet, text), title="t", text=text, outlet=outlet)


def terms(*texts: str) -> set[tuple[str, str]]:
    articles = [article(text, f"Daily {i}") for i, text in enumerate(texts)]
    return {(f.outlet, f.term.lower()) for f in find_framing(articles, settings=Settings())}


@pytest.mark.slow
def test_a_charged_verb_is_framing_but_the_same_word_as_a_noun_is_not() -> None:
    found = terms(
        "The minister slammed the quarry plan at a meeting in the town hall on Monday.",
        "Two slams of the quarry door and three blasts were heard by residents on Monday.",
    )
    assert ("Daily 0", "slammed") in found
    assert not any(outlet == "Daily 1" for outlet, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    "descriptive",
    [
        "Police said one man was dead and criminal charges were likely after the past week.",
        # uses common in news that the lexicon scores as subjective
        "He arrived at the court in a dark suit as foreign diplomats and a grand jury from "
        "remote areas waited.",
        # medical and family descriptions; a hospital's grade of a condition
        "A pregnant passenger and her half brother were in critical condition after the crossing; "
        "two others were in fair condition and one in good condition.",
    ],
)
def test_descriptive_adjectives_are_not_framing(descriptive: str) -> None:
    found = terms(
        descriptive,
        "The chaotic scenes at the hospital were described by officers on Tuesday morning.",
    )
    assert not any(outlet == "Daily 0" for outlet, _ in found)
    assert any(outlet == "Daily 1" and "chaotic" in term for outlet, term in found)


def test_the_lexicon_keeps_verbs_apart_from_the_other_loaded_words() -> None:
    lexicon = load_lexicon()
    assert "slam" in lexicon.loaded_verbs and "slam" in lexicon.loaded
    assert "chaotic" not in lexicon.loaded_verbs
    assert {"dead", "past", "criminal"} <= lexicon.neutral


@pytest.mark.slow
def test_claimed_frames_a_clause_but_not_a_plain_report() -> None:
    found = terms(
        "The gang claimed responsibility for the attack, and a patient was admitted to hospital.",
        "The gang claimed to have stolen the records, and the trust admitted that it was hacked.",
    )
    assert not any(outlet == "Daily 0" for outlet, _ in found)
    assert {("Daily 1", "claimed"), ("Daily 1", "admitted")} <= found


@pytest.mark.slow
def test_a_word_inside_a_quotation_of_several_sentences_is_the_speakers() -> None:
    quoted = terms(
        '"The ferry crew were brilliant. They were heroic and calm," a passenger said.',
        "The ferry struck the quay at dawn, the harbour master said.",
    )
    assert not any(term in ("brilliant", "heroic") for _, term in quoted)
    own = terms(
        "The brilliant ferry crew were heroic, the passenger said.",
        "The ferry struck the quay at dawn, the harbour master said.",
    )
    assert any("brilliant" in term for _, term in own)


TRANSCRIPT = """ANN ROOK, HOST:
The harbour board met tonight. Our correspondent Tom Vale was there.
TOM VALE, BYLINE: The brilliant new ferry plan passed by one vote.
ROOK: And the chair?
MAYOR DEL CASTRO: It is a disgraceful plan and a cruel one.
ROOK: Thank you.
CASTRO: The board was heroic."""


@pytest.mark.slow
def test_a_transcript_speakers_words_are_not_the_outlets_framing() -> None:
    found = terms(TRANSCRIPT, "The harbour board approved the ferry plan on Monday night.")
    assert any(outlet == "Daily 0" and "brilliant" in term for outlet, term in found)
    spoken = ("disgraceful", "cruel", "heroic")
    assert not any(word in term for _, term in found for word in spoken)


@pytest.mark.slow
def test_framing_and_quotes_share_one_loaded_model() -> None:
    from storydesk.nlp import load_nlp
    from storydesk.quotes import extract_quotes

    articles = [article('"It was a disgraceful plan," Ann Lee said of the harbour.', "Daily 0")]
    load_nlp.cache_clear()
    find_framing(articles, settings=Settings())
    extract_quotes(articles, settings=Settings())
    assert load_nlp.cache_info().misses == 1


@pytest.mark.slow
def test_reported_speech_is_the_speakers_not_the_outlets_framing() -> None:
    from storydesk.quotes import extract_quotes

    articles = [
        article("Mr Ferrant said his client was a competent and careful driver.", "Daily 0"),
        article("The defiant minister arrived at court on Monday with his lawyer.", "Daily 1"),
    ]
    quotes = extract_quotes(articles, settings=Settings())
    found = {
        (f.outlet, f.term.lower())
        for f in find_framing(articles, settings=Settings(), quotes=quotes)
    }
    assert not any(outlet == "Daily 0" for outlet, _ in found)
    assert any(outlet == "Daily 1" and "defiant" in term for outlet, term in found)
    # Without the quotes, the lawyer's words would be read as the outlet's.
    alone = {f.outlet for f in find_framing(articles, settings=Settings())}
    assert "Daily 0" in alone
