"""Shared fixtures: settings, a temporary database, the seeds and a CLI runner."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storydesk.models import Article, content_id
from storydesk.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings with the database in a temporary folder."""
    return Settings(db=str(tmp_path / "test.db"))


@pytest.fixture
def seed_paths() -> list[str]:
    """The two seed articles (skipped when ../shared/seeds is absent)."""
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    if len(paths) != 2:
        pytest.skip("../shared/seeds is not available")
    return paths


def make_article(
    text: str,
    *,
    title: str = "A headline",
    outlet: str = "Test Outlet",
    published: datetime | None = None,
    external_id: str | None = None,
) -> Article:
    """Build an article the way ingest does (content-hash id)."""
    return Article(
        id=content_id(outlet, title, text),
        title=title,
        text=text,
        outlet=outlet,
        published=published or datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        external_id=external_id,
    )
