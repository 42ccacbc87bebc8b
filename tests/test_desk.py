"""End to end through the Python API: the seeds, idempotent ingest, briefings."""

import sqlite3
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
    assert "Mann" in summary
    assert all(s.outlets and set(s.outlets) <= {"ITV News", "i24NEWS"} for s in briefing.summary)
    for junk in SEED_JUNK:
        assert junk not in summary
    assert len({s.text for s in briefing.summary}) == len(briefing.summary)


@pytest.mark.slow
def test_briefing_is_cached_in_the_store(seeded) -> None:
    desk, _ = seeded
    story_id = desk.stories()[0].id
    first = desk.briefing(story_id)
    assert desk.store.conn.execute("SELECT COUNT(*) FROM cache").fetchone()[0] == 1
    assert desk.briefing(story_id) == first


def test_unknown_story_is_a_clear_error(seeded) -> None:
    desk, _ = seeded
    with pytest.raises(NotFoundError, match="storydesk stories"):
        desk.briefing("s_doesnotexist")
