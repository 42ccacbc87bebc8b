from dataclasses import replace

from storydesk.models import Junk, content_id
from tests.conftest import make_article


def test_content_id_is_stable_and_sensitive() -> None:
    assert content_id("a", "b") == content_id("a", "b")
    assert content_id("a", "b") != content_id("ab", "")
    assert content_id("x", prefix="s_").startswith("s_")


def test_kept_spans_skip_blank_lines_and_junk() -> None:
    text = "First paragraph here.\n\nClick below to watch:\n\nSecond one.  \n"
    junk_start = text.index("Click")
    article = make_article(text)
    dropped = replace(article, junk=(Junk(junk_start, junk_start + 21, "call-to-action"),))
    assert [text[s:e] for s, e in article.kept_spans()] == [
        "First paragraph here.",
        "Click below to watch:",
        "Second one.",
    ]
    assert [text[s:e] for s, e in dropped.kept_spans()] == ["First paragraph here.", "Second one."]


def test_kept_spans_keep_the_rest_of_a_partly_dropped_line() -> None:
    text = "The mayor spoke on Monday. Credit: LBC"
    start = text.index("Credit")
    article = make_article(text)
    cut = replace(article, junk=(Junk(start, len(text), "photo-credit"),))
    assert [text[s:e] for s, e in cut.kept_spans()] == ["The mayor spoke on Monday."]
