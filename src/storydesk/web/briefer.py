"""Write briefings in a worker process, so a slow briefing never stalls the pages others read.

A briefing runs spaCy over every article of a story: seconds of CPU. In the server's own
process it would hold the GIL and slow every other request; in a worker process the request
that needs it waits, and the rest go on. Requests for the same story wait for one briefing.
When a story has changed since its last briefing, that briefing is shown at once, marked as
being updated, while a worker writes the new one.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import threading
import zlib
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from storydesk import desk as desk_module
from storydesk.codec import from_jsonable, to_jsonable
from storydesk.desk import Desk
from storydesk.models import Briefing, Story
from storydesk.settings import Settings
from storydesk.web.views import StoryView, story_view

LOCKS = 64
LATEST = "web-latest-briefing"  # cache kind: the last briefing written for each story id
logger = logging.getLogger(__name__)


class Briefer:
    """Builds story views, writing missing briefings in `workers` processes (0: in the caller)."""

    def __init__(self, settings: Settings, *, workers: int = 1) -> None:
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._locks = tuple(threading.Lock() for _ in range(LOCKS))
        self._pending: set[str] = set()

    def view(self, desk: Desk, story_id: str) -> StoryView:
        """Return the story's view: its current briefing, or its last one while that is written.

        Args:
            desk: the request's open database.
            story_id: the story's current id.

        Returns:
            The StoryView; `stale` is True when it shows an older briefing of the story.
        """
        story = desk.story(story_id)
        if not is_cached(desk, story):
            older = latest_briefing(desk, story.id) if self.workers else None
            if older is not None:
                self._start(story.id)
                return replace(story_view(desk, story.id, briefing=older), stale=True)
            with self._locks[zlib.crc32(story.id.encode()) % LOCKS]:
                if not is_cached(desk, story):
                    self._write(desk, story.id)
        return story_view(desk, story.id)

    def _start(self, story_id: str) -> None:
        """Have an idle worker write the briefing; busy workers are left to readers who wait."""
        with self._pool_lock:
            if story_id in self._pending or len(self._pending) >= self.workers:
                return
            self._pending.add(story_id)
        future = self._get_pool().submit(write_briefing, self.settings, story_id)
        future.add_done_callback(lambda _: self._pending.discard(story_id))

    def _write(self, desk: Desk, story_id: str) -> None:
        """Write the briefing in a worker and wait for it (in this thread without workers)."""
        if self.workers:
            try:
                self._get_pool().submit(write_briefing, self.settings, story_id).result()
                return
            except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
                logger.warning("briefing worker died; writing %s in-process", story_id)
                with self._pool_lock:
                    self._pool = None
        remember(desk, desk.briefing(story_id))

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                # spawn, not fork: the server process runs threads
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            return self._pool

    def close(self) -> None:
        """Stop the worker processes."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


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
    # TODO(lead): a public Desk.cached_briefing(ref) would replace this private key function.
    key_of = getattr(desk_module, "_briefing_key", None)
    if key_of is not None:
        return desk.store.cache_get("briefing", key_of(story, desk.settings)) is not None
    latest = latest_briefing(desk, story.id)
    return latest is not None and latest.article_ids == story.article_ids
