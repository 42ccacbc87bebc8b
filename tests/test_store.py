import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from storydesk.errors import NotFoundError, StoreError
from storydesk.models import Junk, Story
from storydesk.store import SCHEMA_VERSION, Store
from tests.conftest import make_article


@pytest.fixture
def db(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    yield store
    store.close()


def test_new_database_is_migrated_and_in_wal_mode(db: Store) -> None:
    assert db.schema_version() == SCHEMA_VERSION
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this storydesk"):
        Store(path)


def test_articles_round_trip_with_junk_and_metadata(db: Store) -> None:
    text = "Line one.\n\nJoin our WhatsApp group"
    article = replace(
        make_article(text, external_id="ext-1"),
        metadata=(("section", '"politics"'),),
        clean_text="Line one.",
        junk=(Junk(11, len(text), "call-to-action"),),
    )
    with db.transaction():
        assert db.add_articles([article]) == 1
        assert db.add_articles([article]) == 0
    assert db.get_articles([article.id]) == [article]
    assert db.get_article("ext-1") == article
    assert db.get_article(article.id[:8]) == article
    with pytest.raises(NotFoundError, match="storydesk stories"):
        db.get_article("nope")


def test_failed_transaction_stores_nothing(db: Store) -> None:
    article = make_article("Some text.")
    with pytest.raises(RuntimeError), db.transaction():
        db.add_articles([article])
        raise RuntimeError("boom")
    assert db.count_articles() == 0


def test_stories_merge_keeps_the_absorbed_id_resolving(db: Store) -> None:
    a, b, c = (make_article(t, outlet=o) for t, o in [("A.", "X"), ("B.", "Y"), ("C.", "Z")])
    with db.transaction():
        db.add_articles([a, b, c])
        db.save_stories([Story("s_1", (a.id,), "First"), Story("s_2", (b.id, c.id), "Second")])
    assert {s.id for s in db.list_stories()} == {"s_1", "s_2"}
    with db.transaction():
        db.save_stories([Story("s_1", (a.id, b.id, c.id), "First", aliases=("s_2",))])
    merged = db.get_story("s_2")
    assert merged.id == "s_1"
    assert merged.article_ids == (a.id, b.id, c.id)
    assert merged.outlets == ("X", "Y", "Z")
    assert [s.id for s in db.list_stories()] == ["s_1"]
    with pytest.raises(NotFoundError):
        db.get_story("s_9")


def test_cache_put_and_get(db: Store) -> None:
    assert db.cache_get("briefing", "k") is None
    db.cache_put("briefing", "k", "{}")
    db.cache_put("briefing", "k", '{"a": 1}')
    assert db.cache_get("briefing", "k") == '{"a": 1}'
