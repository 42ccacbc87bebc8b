"""Hard-wrapped text (PDF, OCR, e-mail) is joined back into paragraphs; other text is not."""

from __future__ import annotations

import textwrap

from storydesk.ingest import read_bytes
from storydesk.ingest.wrapping import unwrap_lines, wrap_width
from storydesk.settings import Settings

PARAGRAPHS = [
    "The harbour board voted on Tuesday to close the north quay for repairs after divers "
    "found cracks in two of its piles, a decision that will divert the island ferry to the "
    "old fish dock for at least six weeks.",
    "Ann Lee, who chairs the board, said the repairs could not wait for the summer season "
    "because the cracks had widened since the last inspection in the spring.",
    "Traders on the fish dock said they had not been consulted and asked the board to "
    "publish the divers' report in full before the work begins next month.",
]


def wrapped(width: int = 72) -> str:
    return "\n".join(textwrap.fill(p, width) for p in PARAGRAPHS)


def test_a_hard_wrapped_text_is_joined_into_its_paragraphs() -> None:
    assert wrap_width(wrapped().split("\n")) > 0
    assert unwrap_lines(wrapped()).split("\n") == PARAGRAPHS
    assert unwrap_lines(wrapped(60)).split("\n") == PARAGRAPHS


def test_list_items_and_a_hyphen_at_a_break_are_kept() -> None:
    text = wrapped() + "\n- The quay closes on\n- The ferry moves on"
    lines = unwrap_lines(text).split("\n")
    assert lines[-2:] == ["- The quay closes on", "- The ferry moves on"]
    hyphen = "A" * 60 + " well-\nknown " + "b" * 60 + "\n"
    assert "well-known" in unwrap_lines(wrapped() + "\n" + hyphen * 3)


def test_paragraphs_and_headline_lists_are_left_alone() -> None:
    assert unwrap_lines("\n".join(PARAGRAPHS)) == "\n".join(PARAGRAPHS)
    headlines = "\n".join(
        f"Harbour board votes to close north quay for repairs, part {n}" for n in range(12)
    )
    assert unwrap_lines(headlines) == headlines
    short = "Ferry diverted\nQuay closed"
    assert unwrap_lines(short) == short


def test_a_wrapped_text_file_is_read_as_paragraphs() -> None:
    raw = ("Quay to close for repairs\n\n" + wrapped()).encode()
    article = read_bytes(raw, name="letter.txt", settings=Settings()).articles[0]
    assert article.title == "Quay to close for repairs"
    assert article.text.split("\n") == PARAGRAPHS
