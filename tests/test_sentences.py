import pytest

from storydesk.sentences import dateline_end, split_sentences, split_spans
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Brandvold left. He said no.", ["Mr. Brandvold left.", "He said no."]),
        ("It rose 3.5 points. Then it fell.", ["It rose 3.5 points.", "Then it fell."]),
        ('"Why?" she asked. Nobody knew.', ['"Why?" she asked.', "Nobody knew."]),
        ("He met J. Smith at 5 p.m. on Friday.", ["He met J. Smith at 5 p.m. on Friday."]),
        ('She said: "We will win." Then she left.', ['She said: "We will win."', "Then she left."]),
        ("The U.S. team won. Fans cheered!", ["The U.S. team won.", "Fans cheered!"]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("Actor O.J. Simpson left. He waved.", ["Actor O.J. Simpson left.", "He waved."]),
        ("J.K. Rowling and W.E.B. Du Bois spoke.", ["J.K. Rowling and W.E.B. Du Bois spoke."]),
        (
            "He flew to Washington, D.C. The trip was short.",
            ["He flew to Washington, D.C.", "The trip was short."],
        ),
        ("She took vitamin C. It helped.", ["She took vitamin C.", "It helped."]),
        (  # an abbreviation that can end a sentence, before a word that opens one
            "They left before 6 p.m. Most stayed with relatives.",
            ["They left before 6 p.m.", "Most stayed with relatives."],
        ),
        ("It opened at 5 p.m. Sunday as planned.", ["It opened at 5 p.m. Sunday as planned."]),
        ("It shut at 5 p.m. May 12 for repairs.", ["It shut at 5 p.m. May 12 for repairs."]),
        (
            'He works for Vey Systems Inc. "We are hiring," it said.',
            ["He works for Vey Systems Inc.", '"We are hiring," it said.'],
        ),
        ("He joined the U.S. Army in 2001.", ["He joined the U.S. Army in 2001."]),
        ("Dr. No spoke first.", ["Dr. No spoke first."]),
    ],
)
def test_split_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_spans(text)] == expected


def test_sentences_keep_offsets_into_raw_text_and_never_cross_paragraphs() -> None:
    text = "Ledger closes today\n\nThe council voted. It was close\nA new line starts here."
    article = make_article(text)
    sentences = split_sentences(article)
    assert [s.text for s in sentences] == [
        "Ledger closes today",
        "The council voted.",
        "It was close",
        "A new line starts here.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("PORT ARDEL, Feb 11 (Wirepoint) – Seventeen people were hurt.", "Seventeen"),
        ("WASHINGTON (AP) — The Senate voted.", "The Senate"),
        ("LONDON — The mayor spoke.", "The mayor"),
        ("(CNN) The storm hit.", "The storm"),
        ("US - china talks ended.", "US - china"),
        ("The mayor spoke on Monday.", "The mayor"),
    ],
)
def test_a_wire_dateline_is_not_part_of_the_sentence(text: str, rest: str) -> None:
    assert text[dateline_end(text) :].startswith(rest)
