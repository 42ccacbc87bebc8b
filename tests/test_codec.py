from datetime import UTC, datetime

from storydesk.codec import from_jsonable, to_jsonable
from storydesk.models import (
    Briefing,
    Comparison,
    Coverage,
    Disagreement,
    Quote,
    Span,
    SummarySentence,
    Version,
)


def test_briefing_round_trips_through_json() -> None:
    span = Span("a1", 3, 20)
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    briefing = Briefing(
        story_id="s_1",
        headline="Bridge closes",
        summary=(SummarySentence("The bridge closed.", span, ("A", "B"), (Span("b1", 0, 9),)),),
        outlets=("A", "B"),
        article_ids=("a1", "b1"),
        quotes=(Quote("We will reopen", "Ilse Brandvold", "direct", span, ("A",), (span,)),),
        comparison=Comparison(
            disagreements=(
                Disagreement(
                    "number", "injured", (Version("14", ("A",), span), Version("17", ("B",), span))
                ),
            ),
            coverage=(Coverage("A", 1, 300, when, when, ("Bridge closes",)),),
        ),
        first_seen=when,
    )
    data = to_jsonable(briefing)
    assert data["first_seen"] == "2026-03-01T09:00:00+00:00"
    assert data["summary"][0]["outlets"] == ["A", "B"]
    assert from_jsonable(Briefing, data) == briefing
