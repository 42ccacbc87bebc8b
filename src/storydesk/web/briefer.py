"""Write briefings in a worker process, so a slow briefing never stalls the pages others read.

A briefing runs spaCy over every article of a story: seconds of CPU. In the server's own
process it would hold the GIL and slow every other request; in a worker process the request
that needs it waits, and the rest go on. Requests for the same story share one briefing job.
When a story has changed since its last briefing, that briefing is shown at once, marked as
being updated, while a worker writes the new one. A page may also stop waiting after a while
and say that the briefing is being written (it reloads itself).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import threading
import time
import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from storydesk.codec import from_jsonable, to_jsonable
from storydesk.desk import Desk
from storydesk.models import Briefing, Story
from storydesk.settings import Settings
from storydesk.web.views import StoryView, story_view

LOCKS = 64
PARENT_POLL_SECONDS = 1.0
QUEUED_PER_WORKER = 4  # more waiting jobs only delay the pages that wait for them
LATEST = "web-latest-briefing"  # cache kind: the last briefing written for each story id
logger = logging.getLogger(__name__)


class Briefer:
    """Builds story views, writing missing briefings in `workers` processes (0: in the caller)."""

    def __init__(self, settings: Settings, *, workers: int = 1) -> None:
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._jobs: dict[str, Future[None]] = {}
        self._story_locks = tuple(threading.Lock() for _ in range(LOCKS))

    def view(self, desk: Desk, story_id: str, *, wait: float | None = None) -> StoryView:
        """Return the story's view: its current briefing, or its last one while that is written.

        Args:
            desk: the request's open database.
            story_id: the story's id (or an alias or prefix of it).
            wait: at most this many seconds to wait for a briefing never written before; then
                the view is `pending` (no briefing yet), as it is at once when the workers
                have enough queued. None waits as long as it takes.

        Returns:
            The StoryView; `stale` when it shows an older briefing, `pending` when none yet.
        """
        story = desk.story(story_id)
        if is_cached(desk, story):
            return story_view(desk, story.id)
        if not self.workers:
            with self._story_locks[zlib.crc32(story.id.encode()) % LOCKS]:
                remember(desk, desk.briefing(story.id))
            return story_view(desk, story.id)
        older = latest_briefing(desk, story.id)
        if older is not None:
            self._job(story.id, only_if_idle=True)
            return replace(story_view(desk, story.id, briefing=older), stale=True)
        return self._await(desk, story, wait)

    def _await(self, desk: Desk, story: Story, wait: float | None) -> StoryView:
        """Wait for the worker's briefing; when the workers are busy or time is up, say so."""
        job = self._job(story.id)
        try:
            if job is None:
                raise FutureTimeout
            job.result(timeout=wait)
        except FutureTimeout:
            return story_view(desk, story.id, briefing=placeholder(story), pending=True)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
            logger.warning("briefing worker died; writing %s in-process", story.id)
            with self._lock:
                self._pool = None
        return story_view(desk, story.id)

    def _job(self, story_id: str, *, only_if_idle: bool = False) -> Future[None] | None:
        """Return the worker job writing a story's briefing, starting one if needed."""
        with self._lock:
            job = self._jobs.get(story_id)
            limit = self.workers if only_if_idle else self.workers * QUEUED_PER_WORKER
            if job is not None or len(self._jobs) >= limit:
                return job
            if self._pool is None:
                # spawn, not fork: the server process runs threads
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=context,
                    initializer=watch_parent,
                    initargs=(os.getpid(),),
                )
            job = self._pool.submit(write_briefing, self.settings, story_id)
            self._jobs[story_id] = job
        job.add_done_callback(lambda _: self._forget(story_id))
        return job

    def _forget(self, story_id: str) -> None:
        with self._lock:
            self._jobs.pop(story_id, None)

    def close(self) -> None:
        """Stop the worker processes."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


def watch_parent(parent: int) -> None:
    """Exit this worker when the server process is gone (else it would wait for jobs forever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def placeholder(story: Story) -> Briefing:
    """Return an empty briefing for a story whose briefing is still being written."""
    return Briefing(
        story_id=story.id,
        headline=story.headline,
        summary=(),
        outlets=story.outlets,
        article_ids=(),
        first_seen=story.first_seen,
        last_seen=story.last_seen,
    )


def write_briefing(settings: Settings, story_id: str) -> None:
    """Write a story's briefing into the store's cache (runs in a worker process)."""
    with Desk(settings.db, settings=settings) as desk:
        remember(desk, desk.briefing(story_id))


def remember(desk: Desk, briefing: Briefing) -> None:
    """Keep a story's briefing as its latest, to show while a newer one is being written."""
    with desk.store.transaction():
        desk.store.cache_put(LATEST, briefing.story_id, json.dumps(to_jsonable(briefing)))


def latest_briefing(desk: Desk, story_id: str) -> Briefing | None:
    """Return the last briefing written for a story id, if any."""
    cached = desk.store.cache_get(LATEST, story_id)
    return None if cached is None else from_jsonable(Briefing, json.loads(cached))


def is_cached(desk: Desk, story: Story) -> bool:
    """Return True if the story's current briefing is in the store's cache."""
    return desk.cached_briefing(story.id) is not None
