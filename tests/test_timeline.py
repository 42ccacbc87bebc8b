"""Tests of the timeline: date expressions, resolution against publication, merging outlets."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from storydesk.models import Article, content_id
from storydesk.settings import Settings
from storydesk.timeline import best_mention, build_timeline

SATURDAY = date(2016, 4, 30)


def article(text: str, outlet: str, published: datetime | None) -> Article:
    """Build an article as ingest would."""
    return Article(
        id=content_id(outlet, "t", text), title="t", text=text, outlet=outlet, published=published
    )


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("He was confronted inside Parliament on Thursday by an MP.", "2016-04-28"),
        ("He was confronted inside Parliament on Saturday by an MP.", "2016-04-30"),
        ("The party will get the vote out on Thursday, he said.", "2016-05-05"),
        ("Police will study the shooting that happened on Thursday night.", "2016-04-28"),
        ("He said on 12 May that he would run again.", "2016-05-12"),
        ("He first made the remarks on April 3, 2015 in London.", "2015-04-03"),
        ("The minister resigned three days ago after the report.", "2016-04-27"),
        ("The minister resigned yesterday after the damning report.", "2016-04-29"),
        ("The committee met last week to discuss the complaint.", "2016-W16"),
        ("The party was founded in 1900 by trade unions.", "1900"),
        ("The rules were changed in March 2015 after a review.", "2015-03"),
        ("Two days before, on April 3, he had written to the board.", "2016-04-01"),
        ("Two days before the vote on April 12, he resigned.", "2016-04-10"),
        ("He was charged on Monday and two days later he was freed.", "2016-04-27"),
        # the offset dates the win; the sentence's event is Monday's
        ("Fans packed the streets on Monday, two days after the club's win.", "2016-04-25"),
        # the future of a report, unless the clause looks back ("who saw ...")
        ("The union said it would hold a meeting on Thursday to discuss it.", "2016-05-05"),
        ("Police said they would like to hear from anyone who saw him on Thursday.", "2016-04-28"),
        ("Officials said the minister was expected to arrive on Monday.", "2016-05-02"),
        ("He was expected to win, but lost on Thursday.", "2016-04-28"),
        ("The talks are expected to resume on Monday.", "2016-05-02"),
        # a date in a non-restrictive relative clause is background
        ("Ann Lee, who was due to fly on Friday, was told on Thursday it was off.", "2016-04-28"),
        ("On 2016-04-12 the board wrote back to him.", "2016-04-12"),
        ("She said crossings would be suspended until Tuesday.", "2016-05-03"),
        ("Exercises are running near the border through Tuesday.", "2016-05-03"),
        ("I would like to hear from anyone who saw him on Wednesday night.", "2016-04-27"),
        ("He said the line had been closed until at least Monday.", "2016-05-02"),
        ("A smaller boat is to run from Wednesday for islanders.", "2016-05-04"),
        ("We have milk until Thursday if we are careful.", "2016-05-05"),
        ("The road was closed from Monday after the flood.", "2016-04-25"),
        ("Evacuees would not be allowed home before Tuesday, he said.", "2016-05-03"),
        ("Residents may return on Tuesday at the earliest.", "2016-05-03"),
        ("The fire started before Tuesday's storm, police said.", "2016-04-26"),
        (
            "The plant is to close with the loss of 420 jobs, the firm told staff on Tuesday.",
            "2016-04-26",
        ),  # fmt: skip
    ],
)
def test_resolves_against_publication(text: str, when: str) -> None:
    mention = best_mention(text, SATURDAY)
    assert mention is not None and mention.when == when


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("The trial, due to begin on 18 January, will last a week.", "2027-01-18"),
        ("The inquiry is scheduled to report on 2 February.", "2027-02-02"),
        ("The new ferry will enter service on 20 November.", "2026-11-20"),
        ("He was born on 18 January in Kessmoor.", "2026-01-18"),
        ("The festival ran from 2 June to 5 June.", "2026-06-02"),
        ("Flights were cancelled due to fog on 18 January.", "2026-01-18"),
        ("The talks broke down on 20 November, she said.", "2025-11-20"),
    ],
)
def test_day_and_month_take_the_year_the_tense_points_to(text: str, when: str) -> None:
    # Published in September: a future January is next year's, a past November last year's.
    mention = best_mention(text, date(2026, 9, 14))
    assert mention is not None and mention.when == when


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Crossings would be suspended until at least Friday, the company said.", "until"),
        ("Evacuees would not be allowed home before Tuesday, he said.", "before"),
        ("The line will cut journey times by a third by 2031, ministers say.", "by"),
        ("There have been 11 collisions on the road since 2021, figures show.", "since"),
        ("A smaller boat is to run from Wednesday for islanders.", "from"),
        ("The exercise runs close to the border through Oct. 21, officials said.", "through"),
        ("He was confronted inside Parliament on Thursday by an MP.", ""),
        ("The party was founded in 1900 by trade unions.", ""),
    ],
)
def test_a_date_that_is_a_limit_keeps_its_word(text: str, bound: str) -> None:
    mention = best_mention(text, SATURDAY)
    assert mention is not None and mention.bound == bound
    events = build_timeline([article(text, "Daily A", datetime(2016, 4, 30, tzinfo=UTC))],
                            settings=Settings())  # fmt: skip
    assert [event.bound for event in events] == [bound]


def test_an_impossible_iso_date_is_no_date() -> None:
    assert best_mention("The file was stamped 2026-13-45 by the clerk.", SATURDAY) is None
    texts = ["The file was stamped 2026-13-45 by the clerk of the court.", "Ann Lee resigned."]
    articles = [article(text, f"Daily {i}", None) for i, text in enumerate(texts)]
    assert build_timeline(articles, settings=Settings()) == ()


def test_a_leap_day_that_cannot_move_year_keeps_its_own() -> None:
    for published in (date(2024, 9, 1), date(2024, 1, 10)):
        text = (
            "The trial will begin on 29 February."
            if published.month == 9
            else ("The talks broke down on 29 February.")
        )
        mention = best_mention(text, published)
        assert mention is not None and mention.when == "2024-02-29"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("He was confronted inside Parliament on Thursday by an MP.", "on Thursday"),
        ("He said it had been repeated two days before by the prime minister.", "two days before"),
        ("The minister resigned last week after the report.", "last week"),
        ("He said on 12 May that he would run again.", "12 May"),
    ],
)
def test_unresolved_without_publication_date(text: str, kept: str) -> None:
    mention = best_mention(text, None)
    assert mention is not None and mention.when is None and mention.expression == kept


def test_offset_without_anchor_stays_relative_even_when_published() -> None:
    mention = best_mention("It had been said two days before by the prime minister.", SATURDAY)
    assert mention is not None and mention.when is None


def test_no_date_no_mention() -> None:
    assert best_mention("The minister resigned after the damning report.", SATURDAY) is None


def test_timeline_merges_outlets_and_orders_events() -> None:
    sat = datetime(2016, 4, 30, 9, 0, tzinfo=UTC)
    fri = datetime(2016, 4, 29, 9, 0, tzinfo=UTC)
    a = article(
        "The mayor was suspended by the party on Thursday after the radio interview.\n"
        "He had made the remarks on April 3, 2016 at a rally in the city centre.\n",
        "Daily A",
        sat,
    )
    b = article(
        "The party suspended the former mayor yesterday after his radio interview.\n"
        "Critics said it had been repeated two days before by another politician.\n",
        "Daily B",
        fri,
    )
    copy = dataclasses.replace(article(a.text, "Wire C", sat), copy_of=a.id)
    events = build_timeline([a, b, copy], settings=Settings())
    assert [(e.when, e.resolved) for e in events] == [
        ("2016-04-03", True),
        ("2016-04-28", True),
        ("two days before", False),
    ]
    assert events[1].outlets == ("Daily A", "Wire C", "Daily B")
    assert events[0].outlets == ("Daily A", "Wire C")
    for event in events:
        owner = next(x for x in (a, b) if x.id == event.span.article_id)
        assert owner.text[event.span.start : event.span.end] == event.text


def test_timeline_keeps_relative_dates_when_publication_unknown() -> None:
    a = article("The mayor was suspended by the party on Thursday last.\n", "Daily A", None)
    (event,) = build_timeline([a], settings=Settings())
    assert not event.resolved and event.when == "on Thursday"


def test_empty_timeline() -> None:
    assert build_timeline([], settings=Settings()) == ()


def events_of(text: str) -> tuple:  # type: ignore[type-arg]
    """Return the timeline of one Daily A article published on Saturday morning."""
    return build_timeline(
        [article(text, "Daily A", datetime(2016, 4, 30, 9, 0))], settings=Settings()
    )


def test_relative_dates_a_speaker_says_are_not_events() -> None:
    text = (
        '"Today they were frightened, and tomorrow they will be stranded," she said.\n\n'
        "The ferry service was suspended today after the crash at the quay.\n\n"
        '"On 12 May we will open the new berth at the harbour," he said.\n'
    )
    events = events_of(text)
    assert [e.when for e in events] == ["2016-04-30", "2016-05-12"]
    assert "suspended today" in events[0].text


def test_a_date_under_could_or_might_is_no_event() -> None:
    text = (
        "A final ruling could be issued next year, lawyers for the council said.\n\n"
        "The harbour master might resign on Friday if the report is damning.\n\n"
        "Residents may return on Tuesday at the earliest, the council said.\n\n"
        "The council will vote on the repairs on Thursday.\n"
    )
    assert [e.when for e in events_of(text)] == ["2016-05-03", "2016-05-05"]


def test_a_relative_date_in_a_quotation_running_over_sentences_is_no_event() -> None:
    text = (
        '"Investors have been asking why the firm runs two plants when one is half empty.'
        ' Today they got their answer," the analyst said.\n\n'
        "The firm told staff on Tuesday that the Dunmere plant would close next March.\n"
    )
    assert [e.when for e in events_of(text)] == ["2016-04-26"]


def test_a_wire_dateline_is_no_part_of_the_event() -> None:
    text = (
        "PORT ARDEL, Feb 11 (Wirepoint) – Seventeen were hurt on Tuesday when a ferry hit a quay.\n"
    )
    wire = article(text, "Wire", datetime(2026, 2, 11, 10, 20, tzinfo=UTC))
    (event,) = build_timeline([wire], settings=Settings())
    assert event.text.startswith("Seventeen") and event.when == "2026-02-10"
    assert wire.text[event.span.start : event.span.end] == event.text


@pytest.mark.parametrize("text", ["It happened 99999999999 years ago in the valley.",
                                  "It happened 20000 years ago in the valley."])  # fmt: skip
def test_a_shift_past_the_calendar_stays_relative(text: str) -> None:
    mention = best_mention(text, SATURDAY)
    assert mention is not None and mention.when is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Construction is due to start in spring 2027 and trams would run in 2030.", "2027"),
        ("The first section opened in mid-2025.", "2025"),
        ("The deal closed in late 2024, officials said.", "2024"),
        ("Work should end by the summer of 2026.", "2026"),
    ],
)
def test_a_year_named_with_its_season_or_part_is_that_year(text: str, year: str) -> None:
    """ "in spring 2027" dates the event as "in 2027" does, and is the sentence's first event."""
    mention = best_mention(text, date(2026, 5, 22))
    assert mention is not None and mention.when == year


def test_a_wire_update_repeating_a_dated_sentence_is_one_event() -> None:
    """Two articles of one outlet (a story and its update) that repeat a dated sentence give it
    once; an update that changes its figure ("at least 62" to "at least 65") gives both."""
    noon = datetime(1998, 11, 13, 12, tzinfo=UTC)
    first = article(
        "Ocalan was detained in Rome on Thursday night.\n\nThe group was founded by Ocalan, a "
        "political science dropout, in 1978.\n\nAn Arctic cold wave and blizzards have "
        "killed at least 62 people throughout Europe, police and media reported on Thursday.",
        "Wire",
        noon,
    )
    update = article(
        "Italy refused to extradite Ocalan on Friday.\n\nThe group was founded by Ocalan, a "
        "political science dropout, in 1978.\n\nAn Arctic cold wave and blizzards have "
        "killed at least 65 people throughout Europe, police and media reported on Thursday.",
        "Wire",
        noon.replace(hour=18),
    )
    events = build_timeline([first, update], settings=Settings())
    founded = [e for e in events if "founded" in e.text]
    assert len(founded) == 1 and founded[0].outlets == ("Wire",)
    assert len([e for e in events if "killed at least" in e.text]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Xu Wen, who will go on trial on Monday, has been given a court-appointed lawyer.",
        "The storm, which began on Thursday, got its name from the constellation Leo.",
    ],
)
def test_a_date_only_in_an_aside_dates_no_event_of_the_sentence(text: str) -> None:
    assert events_of(text) == ()
    assert best_mention(text, date(2016, 4, 30)) is None
