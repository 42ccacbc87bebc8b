"""The only module that writes SQL: schema, migrations, upserts and queries.

SQLite in one file (WAL) is the default. The SQL sticks to what PostgreSQL also accepts
(TEXT/INTEGER columns, ISO-8601 timestamps as TEXT, `ON CONFLICT ... DO NOTHING/UPDATE`);
only the connection set-up (PRAGMAs) and the `?` placeholder style are SQLite's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from storydesk.errors import NotFoundError, StoreError
from storydesk.models import Article, Junk, Story

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            external_id TEXT,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            outlet TEXT NOT NULL,
            url TEXT,
            byline TEXT,
            published TEXT,
            source TEXT,
            format TEXT NOT NULL,
            metadata TEXT NOT NULL,
            clean_text TEXT,
            copy_of TEXT
        )""",
        "CREATE INDEX articles_external_id ON articles (external_id)",
        "CREATE INDEX articles_outlet ON articles (outlet)",
        """CREATE TABLE junk (
            article_id TEXT NOT NULL REFERENCES articles (id),
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (article_id, start_char)
        )""",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            headline TEXT NOT NULL,
            first_seen TEXT,
            last_seen TEXT
        )""",
        """CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles (id),
            story_id TEXT NOT NULL REFERENCES stories (id),
            position INTEGER NOT NULL
        )""",
        "CREATE INDEX story_articles_story ON story_articles (story_id)",
        """CREATE TABLE story_aliases (
            alias TEXT PRIMARY KEY,
            story_id TEXT NOT NULL
        )""",
        """CREATE TABLE cache (
            kind TEXT NOT NULL,
            cache_key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (kind, cache_key)
        )""",
    ),
}

ARTICLE_COLUMNS = (
    "id, seq, external_id, title, body, outlet, url, byline, published, source, format, "
    "metadata, clean_text, copy_of"
)


class Store:
    """A storydesk database: articles, their junk spans, stories and a result cache."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA busy_timeout = 10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open database {self.path}: {exc}.") from exc

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction: all of it is stored, or none."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        """Return the schema version of the open database (0 when empty)."""
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if row is None:
            return 0
        value = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(value[0]) if value else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"Database {self.path} has schema {current}, newer than this storydesk "
                f"({SCHEMA_VERSION}); upgrade storydesk."
            )
        if current == SCHEMA_VERSION:
            return
        with self.transaction():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version]:
                    self.conn.execute(statement)
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    # -- articles -------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Return the subset of `ids` already stored."""
        found: set[str] = set()
        id_list = list(ids)
        for chunk in _chunks(id_list, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert articles (and their junk spans) not stored yet; return how many were new."""
        row = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()
        seq = int(row[0])
        added = 0
        for article in articles:
            seq += 1
            cursor = self.conn.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                _article_row(article, seq),
            )
            if cursor.rowcount:
                added += 1
                self._insert_junk(article)
        return added

    def _insert_junk(self, article: Article) -> None:
        self.conn.executemany(
            "INSERT INTO junk (article_id, start_char, end_char, reason) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id, start_char) DO NOTHING",
            [(article.id, j.start, j.end, j.reason) for j in article.junk],
        )

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """Return the stored articles with these ids, in the given order (unknown ids skipped)."""
        by_id: dict[str, Article] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ).fetchall()
            junk = self._junk_for([row[0] for row in rows])
            for row in rows:
                by_id[row[0]] = _article_from_row(row, junk.get(row[0], ()))
        return [by_id[i] for i in ids if i in by_id]

    def _junk_for(self, ids: list[str]) -> dict[str, tuple[Junk, ...]]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT article_id, start_char, end_char, reason FROM junk "
            f"WHERE article_id IN ({marks}) ORDER BY article_id, start_char",
            ids,
        )
        found: dict[str, list[Junk]] = {}
        for article_id, start, end, reason in rows:
            found.setdefault(article_id, []).append(Junk(start, end, reason))
        return {key: tuple(value) for key, value in found.items()}

    def get_article(self, ref: str) -> Article:
        """Return the article with this id, id prefix or external id."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE id = ? OR external_id = ? ORDER BY seq LIMIT 1",
            (ref, ref),
        ).fetchone()
        if row is None and len(ref) >= 6:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE id LIKE ? ORDER BY seq LIMIT 1", (ref + "%",)
            ).fetchone()
        if row is None:
            raise NotFoundError(
                f"No article '{ref}' in this database; 'storydesk stories' lists them."
            )
        return self.get_articles([row[0]])[0]

    def all_article_ids(self) -> list[str]:
        """Return every article id in ingest order."""
        return [row[0] for row in self.conn.execute("SELECT id FROM articles ORDER BY seq")]

    def articles_of_outlets(self, outlets: Iterable[str], limit: int = 200) -> list[Article]:
        """Return up to `limit` recent stored articles per outlet (for boilerplate stats)."""
        ids: list[str] = []
        for outlet in sorted(set(outlets)):
            rows = self.conn.execute(
                "SELECT id FROM articles WHERE outlet = ? ORDER BY seq DESC LIMIT ?",
                (outlet, limit),
            )
            ids.extend(row[0] for row in rows)
        return self.get_articles(ids)

    def count_articles(self) -> int:
        """Return the number of stored articles."""
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- stories --------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Store new or changed stories; their aliases (absorbed stories) now resolve to them.

        Aliases are taken in first: an absorbed story's articles move to its survivor, then
        every story's own list decides where each article is (a repair may split as it merges).
        """
        for story in stories:
            for alias in story.aliases:
                self._absorb(alias, story.id)
        for story in stories:
            self.conn.execute(
                "INSERT INTO stories (id, headline, first_seen, last_seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, "
                "first_seen = excluded.first_seen, last_seen = excluded.last_seen",
                (story.id, story.headline, _iso(story.first_seen), _iso(story.last_seen)),
            )
            self.conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, position) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, "
                "position = excluded.position",
                [(aid, story.id, pos) for pos, aid in enumerate(story.article_ids)],
            )

    def _absorb(self, alias: str, story_id: str) -> None:
        if alias == story_id:
            return
        self.conn.execute(
            "INSERT INTO story_aliases (alias, story_id) VALUES (?, ?) "
            "ON CONFLICT (alias) DO UPDATE SET story_id = excluded.story_id",
            (alias, story_id),
        )
        self.conn.execute(
            "UPDATE story_aliases SET story_id = ? WHERE story_id = ?", (story_id, alias)
        )
        self.conn.execute(
            "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (story_id, alias)
        )
        self.conn.execute("DELETE FROM stories WHERE id = ?", (alias,))

    def resolve_story_id(self, ref: str) -> str:
        """Return the current id of a story id, alias or unique id prefix."""
        if self.conn.execute("SELECT 1 FROM stories WHERE id = ?", (ref,)).fetchone():
            return ref
        row = self.conn.execute(
            "SELECT story_id FROM story_aliases WHERE alias = ?", (ref,)
        ).fetchone()
        if row:
            return str(row[0])
        rows = self.conn.execute(
            "SELECT id FROM stories WHERE id LIKE ? LIMIT 2", (ref + "%",)
        ).fetchall()
        if len(ref) >= 4 and len(rows) == 1:
            return str(rows[0][0])
        raise NotFoundError(f"No story '{ref}' in this database; 'storydesk stories' lists them.")

    def get_story(self, ref: str) -> Story:
        """Return the story with this id (or an alias of it)."""
        story_id = self.resolve_story_id(ref)
        return self._stories_where("s.id = ?", (story_id,))[0]

    def list_stories(self) -> list[Story]:
        """Return every story, the most recently active first."""
        return self._stories_where("1 = 1", ())

    def stories_since(self, since: datetime) -> list[Story]:
        """Return the stories active at or after `since`, and those with no date at all."""
        condition = "(s.last_seen IS NULL OR s.last_seen >= ?)"
        return self._stories_where(condition, (since.isoformat(),))

    def _stories_where(self, condition: str, params: tuple[object, ...]) -> list[Story]:
        rows = self.conn.execute(
            "SELECT s.id, s.headline, s.first_seen, s.last_seen, sa.article_id, a.outlet "
            "FROM stories s JOIN story_articles sa ON sa.story_id = s.id "
            f"JOIN articles a ON a.id = sa.article_id WHERE {condition} "
            "ORDER BY s.last_seen DESC NULLS LAST, s.id, sa.position",
            params,
        ).fetchall()
        aliases = self._aliases()
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(row)
        return [_story_from_rows(group, aliases.get(sid, ())) for sid, group in grouped.items()]

    def _aliases(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for alias, story_id in self.conn.execute(
            "SELECT alias, story_id FROM story_aliases ORDER BY alias"
        ):
            found.setdefault(story_id, []).append(alias)
        return {key: tuple(value) for key, value in found.items()}

    # -- cache ----------------------------------------------------------------------------

    def cache_get(self, kind: str, key: str) -> str | None:
        """Return a cached value (e.g. a briefing as JSON), or None."""
        row = self.conn.execute(
            "SELECT value FROM cache WHERE kind = ? AND cache_key = ?", (kind, key)
        ).fetchone()
        return None if row is None else str(row[0])

    def cache_put(self, kind: str, key: str, value: str) -> None:
        """Store a derived value under (kind, key); the key should hash all of its inputs."""
        self.conn.execute(
            "INSERT INTO cache (kind, cache_key, value) VALUES (?, ?, ?) "
            "ON CONFLICT (kind, cache_key) DO UPDATE SET value = excluded.value",
            (kind, key, value),
        )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _article_row(article: Article, seq: int) -> tuple[object, ...]:
    metadata = json.dumps(dict(article.metadata), sort_keys=True, ensure_ascii=False)
    return (
        article.id,
        seq,
        article.external_id,
        article.title,
        article.text,
        article.outlet,
        article.url,
        article.byline,
        _iso(article.published),
        article.source,
        article.format,
        metadata,
        article.clean_text,
        article.copy_of,
    )


def _article_from_row(row: Sequence[object], junk: tuple[Junk, ...]) -> Article:
    metadata = json.loads(str(row[11]))
    return Article(
        id=str(row[0]),
        external_id=_opt(row[2]),
        title=str(row[3]),
        text=str(row[4]),
        outlet=str(row[5]),
        url=_opt(row[6]),
        byline=_opt(row[7]),
        published=_parse_time(_opt(row[8])),
        source=_opt(row[9]),
        format=str(row[10]),
        metadata=tuple(sorted((str(k), str(v)) for k, v in metadata.items())),
        clean_text=_opt(row[12]),
        junk=junk,
        copy_of=_opt(row[13]),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _story_from_rows(rows: list[tuple[str, ...]], aliases: tuple[str, ...]) -> Story:
    first = rows[0]
    return Story(
        id=first[0],
        headline=first[1],
        first_seen=_parse_time(first[2]),
        last_seen=_parse_time(first[3]),
        article_ids=tuple(row[4] for row in rows),
        outlets=tuple(sorted({row[5] for row in rows})),
        aliases=aliases,
    )
