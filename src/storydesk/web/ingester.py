"""Ingest uploads in a worker process, one batch at a time.

Cleaning, deduping and clustering a batch is CPU work: in the server's process it would hold
the GIL and slow every page, and be slowed by them. A single worker also runs batches one at a
time, as clustering needs (it reads the stories it changes).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from storydesk import ingest
from storydesk.desk import Desk
from storydesk.errors import InputError, StorydeskError
from storydesk.settings import Settings
from storydesk.web.briefer import watch_parent

UPLOAD_NAME = "upload"
FORMATS_HELP = "send JSON, JSON Lines or an RSS/Atom feed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one upload did; `problem` says why nothing could be stored (then nothing was)."""

    read: int = 0
    added: int = 0
    already_stored: int = 0
    copies: int = 0
    stories: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    problem: str | None = None
    no_text: tuple[str, ...] = ()


class Ingester:
    """Runs uploads through the pipeline in a worker process (or, with in_process, here)."""

    def __init__(self, settings: Settings, *, in_process: bool = False) -> None:
        self.settings = settings
        self.in_process = in_process
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def run(self, data: bytes, *, fmt: str, outlet: str | None = None) -> Outcome:
        """Read and store the articles of an upload; block until done."""
        if self.in_process:
            with self._lock:
                return ingest_upload(self.settings, data, fmt, outlet)
        try:
            return self._get_pool().submit(ingest_upload, self.settings, data, fmt, outlet).result()
        except BrokenProcessPool as exc:
            with self._lock:
                self._pool = None
            raise StorydeskError("The ingest worker stopped; send the batch again.") from exc

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=watch_parent,
                    initargs=(os.getpid(),),
                )
            return self._pool

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


def ingest_upload(settings: Settings, data: bytes, fmt: str, outlet: str | None) -> Outcome:
    """Read an upload and store its articles (runs in the worker process).

    Args:
        settings: storydesk settings (settings.db is the database).
        data: the request body.
        fmt: its format ("jsonl", "feed", ...).
        outlet: the outlet of every article, if given.

    Returns:
        The Outcome; bad records are listed in `errors`, and the good ones are stored.
    """
    result = ingest.read_bytes(data, name=UPLOAD_NAME, settings=settings, outlet=outlet, fmt=fmt)
    errors = tuple(str(error) for error in result.errors)
    if not result.articles:
        return Outcome(errors=errors, problem=_no_articles(result.errors))
    with Desk(settings.db, settings=settings) as desk:
        report = desk.add(result.articles)
    return Outcome(
        report.read,
        report.added,
        report.already_stored,
        report.copies,
        report.stories,
        errors,
        no_text=report.no_text,
    )


def _no_articles(errors: tuple[InputError, ...]) -> str:
    if not errors:
        return f"No articles found in the request body; {FORMATS_HELP}."
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return f"No article could be read from the request body: {errors[0]}{more}"
