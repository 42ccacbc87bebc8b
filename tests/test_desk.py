"""End to end through the Python API: the seeds, idempotent ingest, briefings."""

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storydesk import open_desk
from storydesk.errors import NotFoundError

SEED_JUNK = ("Join our official WhatsApp group", "Click below to watch:", "Credit: LBC")


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    lines = list(conn.iterdump())
    conn.close()
    return lines


@pytest.fixture
def seeded(tmp_path: Path, seed_paths: list[str]):
    desk = open_desk(tmp_path / "seeds.db")
    report = desk.ingest(seed_paths)
    yield desk, report
    desk.close()


def test_seeds_form_one_story_of_two_articles(seeded) -> None:
    desk, report = seeded
    assert (report.read, report.added, report.errors) == (2, 2, ())
    stories = desk.stories()
    assert len(stories) == 1
    assert len(stories[0].article_ids) == 2
    assert stories[0].outlets == ("ITV News", "i24NEWS")


def test_ingesting_the_same_files_twice_changes_nothing(tmp_path: Path, seed_paths) -> None:
    path = tmp_path / "twice.db"
    with open_desk(path) as desk:
        desk.ingest(seed_paths)
    before = dump(path)
    with open_desk(path) as desk:
        report = desk.ingest(seed_paths)
    assert (report.added, report.already_stored) == (0, 2)
    assert dump(path) == before


@pytest.mark.slow
def test_seed_briefing_is_attributed_and_free_of_junk(seeded) -> None:
    desk, _ = seeded
    briefing = desk.briefing(desk.stories()[0].id)
    summary = " ".join(s.text for s in briefing.summary)
    assert "apologis" in summary and "Livingstone" in summary
    assert "confronted" in summary
    # The summary keeps the concepts several outlets share (measured best on Multi-News);
    # who confronted him comes from the quotes, attributed to their speaker.
    mann = [q for q in briefing.quotes if q.speaker == "John Mann"]
    assert any("racist" in q.text for q in mann)
    assert all(s.outlets and set(s.outlets) <= {"ITV News", "i24NEWS"} for s in briefing.summary)
    for junk in SEED_JUNK:
        assert junk not in summary
    assert len({s.text for s in briefing.summary}) == len(briefing.summary)


@pytest.mark.slow
def test_seeds_all_keep_news_text(seeded) -> None:
    _, report = seeded
    assert report.no_text == ()


def test_a_page_that_cleaning_empties_is_stored_and_reported(tmp_path: Path) -> None:
    page = tmp_path / "gone.txt"
    page.write_text(
        "Ferry page\nSorry, the page you requested was not found.\n"
        "Click here to go to the home page.\n"
    )
    with open_desk(tmp_path / "junk.db") as desk:
        report = desk.ingest([page])
        assert report.added == 1 and len(report.no_text) == 1
        assert desk.article(report.no_text[0]).clean_text == ""
        # no "Ferry page" story of an error page
        assert desk.stories() == [] and report.stories == ()


def test_briefing_is_cached_in_the_store(seeded) -> None:
    desk, _ = seeded
    story_id = desk.stories()[0].id
    first = desk.briefing(story_id)
    count = "SELECT COUNT(*) FROM cache WHERE kind = ?"
    assert desk.store.conn.execute(count, ("briefing",)).fetchone()[0] == 1
    assert desk.store.conn.execute(count, ("mentions",)).fetchone()[0] == 2
    assert desk.briefing(story_id) == first


@pytest.mark.slow
def test_a_new_briefing_reuses_the_cached_parses(seeded, monkeypatch) -> None:
    desk, _ = seeded
    story_id = desk.stories()[0].id
    first = desk.briefing(story_id)

    def no_spacy(*args, **kwargs):
        raise AssertionError("spaCy was loaded although every article's parse is cached")

    monkeypatch.setattr("storydesk.entities.load_nlp", no_spacy)
    desk.settings = replace(desk.settings, summary_words=60)
    second = desk.briefing(story_id)
    assert second.quotes == first.quotes and second.entities == first.entities
    assert sum(len(s.text.split()) for s in second.summary) <= 60


def test_unknown_story_is_a_clear_error(seeded) -> None:
    desk, _ = seeded
    with pytest.raises(NotFoundError, match="storydesk stories"):
        desk.briefing("s_doesnotexist")


def test_adding_loads_only_the_stories_within_reach_in_time(tmp_path: Path, monkeypatch) -> None:
    from storydesk import pipeline
    from storydesk.models import Article, content_id

    def news(text: str, when: datetime | None) -> Article:
        return Article(id=content_id(text), title=f"{text.split()[1]} report", text=text,
                       outlet="Daily A", published=when)  # fmt: skip

    march = datetime(2026, 3, 2, tzinfo=UTC)
    seen: list[list[str]] = []
    real = pipeline.process

    def spy(articles, **kwargs):
        seen.append([story.id for story in kwargs["stories"]])
        return real(articles, **kwargs)

    monkeypatch.setattr(pipeline, "process", spy)
    with open_desk(tmp_path / "reach.db") as desk:
        desk.add([news("The harbour bridge closed for repairs on Monday.", march)])
        old = desk.stories()[0].id
        desk.add([news("The river ferry resumed its crossings on Friday.", march.replace(month=4))])
        desk.add([news("A new mayor was elected in the town on Sunday.", march.replace(year=2027))])
        desk.add([news("An undated notice about the town library opening hours.", None)])
    assert old in seen[1]  # a month later: the March story is within reach
    assert seen[2] == []  # a year later: nothing is
    assert len(seen[3]) == 3  # an undated article reaches every story


@pytest.mark.slow
def test_a_feed_read_one_article_at_a_time_makes_the_stories_of_one_ingest(
    tmp_path: Path,
) -> None:
    from storydesk.ingest import read_paths
    from storydesk.settings import Settings

    examples = Path(__file__).resolve().parents[1] / "examples"
    articles = read_paths([str(examples)], settings=Settings()).articles
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.id))
    at_once = open_desk(tmp_path / "batch.db")
    at_once.add(ordered)
    one_by_one = open_desk(tmp_path / "feed.db")
    for article in ordered:
        one_by_one.add([article])

    def groups(desk) -> set[frozenset[str]]:
        return {frozenset(story.article_ids) for story in desk.stories()}

    assert groups(one_by_one) == groups(at_once)
    assert sum(len(s.article_ids) for s in one_by_one.stories()) == len(ordered)
    at_once.close()
    one_by_one.close()
