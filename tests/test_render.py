"""Tests of the briefing writers: plain text, Markdown and the exported HTML page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storydesk.models import (
    Briefing,
    Comparison,
    Coverage,
    Disagreement,
    Entity,
    Fact,
    Quote,
    Span,
    SummarySentence,
    TimelineEvent,
    Version,
)
from storydesk.render.html import render_html
from storydesk.render.sections import NO_SUMMARY, render_markdown, render_text

ALL_JUNK = Briefing(
    story_id="s_1",
    headline="Ferry page",
    summary=(),
    outlets=("Daily A",),
    article_ids=("a1",),
    comparison=Comparison(coverage=(Coverage("Daily A", 1, 0, headlines=("Ferry page",)),)),
)


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html])
def test_a_story_with_no_text_left_says_so_and_keeps_its_coverage(render) -> None:
    out = render(ALL_JUNK)
    assert NO_SUMMARY in out
    assert "coverage" in out.lower() and "Daily A: 1 article, 0 words" in out


def test_the_html_page_lists_every_section_once_beside_its_summary() -> None:
    sentence = SummarySentence(
        text="The ferry struck the quay.", outlets=("Daily A",), span=Span("a1", 0, 26)
    )
    briefing = Briefing(
        story_id="s_2",
        headline="Ferry strikes quay",
        summary=(sentence,),
        outlets=("Daily A",),
        article_ids=("a1",),
        comparison=Comparison(coverage=(Coverage("Daily A", 1, 5),)),
    )
    page = render_html(briefing)
    assert page.count("<h2>Summary</h2>") == 1 and page.count("<h2>Coverage</h2>") == 1
    assert "The ferry struck the quay." in page and NO_SUMMARY not in page


def test_quotes_of_named_speakers_come_before_unattributed_ones() -> None:
    def quote(text: str, speaker: str | None) -> Quote:
        return Quote(text, speaker, "direct", Span("a1", 0, 5), outlets=("Daily A",))

    quotes = (
        quote("diktat", None),
        quote("spell the end", None),
        quote("We will appeal", "Ann Lee"),
    )
    briefing = Briefing("s_3", "Ferry", (), ("Daily A",), ("a1",), quotes=quotes)
    section = render_text(briefing).split("WHO SAID WHAT")[1]
    assert section.index("Ann Lee:") < section.index("Unattributed:")


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html])
def test_timeline_dates_read_as_a_reader_reads_them(render) -> None:
    events = (
        TimelineEvent("Talks begin next week.", Span("a1", 0, 22), "2026-W17", True, ("Daily A",)),
        TimelineEvent("Roads shut until 1 May.", Span("a1", 0, 22), "2026-05-01", True,
                      ("Daily A",), "until"),
        TimelineEvent("It was said two days before.", Span("a1", 23, 51), "two days before",
                      False, ("Daily A",)),
    )  # fmt: skip
    briefing = Briefing("s_4", "Talks", (), ("Daily A",), ("a1",), timeline=events)
    out = render(briefing)
    assert "week of 2026-04-20: Talks begin next week." in out and "2026-W17" not in out
    assert "two days before (relative): It was said two days before." in out
    assert "until 2026-05-01: Roads shut until 1 May." in out


def _counted(*published: datetime | None) -> Briefing:
    values = ("17", "14")
    versions = tuple(
        Version(value, (outlet,), Span("a1", 0, 2), when)
        for value, outlet, when in zip(values, ("Wire", "Gazette"), published, strict=True)
    )
    found = Disagreement("number", "people were injured", versions)
    return Briefing("s_5", "Ferry", (), ("Wire", "Gazette"), ("a1",),
                    comparison=Comparison(disagreements=(found,)))  # fmt: skip


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html])
def test_versions_published_apart_show_when(render) -> None:
    early, late = datetime(2026, 2, 11, 0, 0, tzinfo=UTC), datetime(2026, 2, 11, 10, 20, tzinfo=UTC)
    out = render(_counted(late, early))
    # midnight is a publication date given without a time: the day alone is shown
    assert "“17” [Wire] (2026-02-11 10:20) vs “14” [Gazette] (2026-02-11)" in out
    for same in (_counted(early, early), _counted(early, None)):
        assert "(2026-02-11" not in render(same)


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html])
def test_a_quotation_fact_names_its_speaker(render) -> None:
    fact = Fact('"Now we plan for it every July."', Span("a1", 0, 32), ("Daily A",),
                speaker="Dominika Ruell")  # fmt: skip
    briefing = Briefing("s_6", "Fire", (), ("Daily A", "Daily B"), ("a1",),
                        comparison=Comparison(single_source=(fact,)))  # fmt: skip
    out = render(briefing).replace("&#34;", '"')
    assert 'Only in Daily A: "Now we plan for it every July." — Dominika Ruell' in out


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html])
def test_entities_are_grouped_alike_in_every_output(render) -> None:
    entities = (Entity("Ann Lee", "PERSON"), Entity("Lane End Café", "FAC"),
                Entity("Kessmoor Labs", "ORG"), Entity("National Cup", "EVENT"),
                Entity("Swedish", "NORP"))  # fmt: skip
    briefing = Briefing("s_7", "Fire", (), ("Daily A",), ("a1",), entities=entities)
    out = render(briefing)
    for line in ("People: Ann Lee", "Organisations: Kessmoor Labs", "Places: Lane End Café",
                 "Other: National Cup"):  # fmt: skip
        assert line in out
    assert "Swedish" not in out  # a nationality describes a person; it is no party to the story
