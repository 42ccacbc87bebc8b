"""Shared fixtures: settings, a temporary database, the seeds and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class CliResult:
    """Exit code and captured output of one CLI run."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Callable[..., CliResult]:
    """Run `storydesk ARGS...` in-process against a temporary database."""
    from storydesk.cli import main

    db = str(tmp_path / "cli.db")

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(["--db", db, *args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
