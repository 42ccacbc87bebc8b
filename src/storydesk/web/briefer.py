"""Write briefings in a worker process, so a slow briefing never stalls the pages others read.

A briefing runs spaCy over every article of a story: seconds of CPU. In the server's own
process it would hold the GIL and slow every other request; in a worker process the request
that needs it waits, and the rest go on. Requests for the same story wait for one briefing.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import zlib
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from storydesk import desk as desk_module
from storydesk.desk import Desk
from storydesk.models import Story
from storydesk.settings import Settings
from storydesk.web.views import StoryView, story_view

LOCKS = 64
logger = logging.getLogger(__name__)


class Briefer:
    """Builds story views, writing missing briefings in `workers` processes (0: in the caller)."""

    def __init__(self, settings: Settings, *, workers: int = 1) -> None:
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._locks = tuple(threading.Lock() for _ in range(LOCKS))

    def view(self, desk: Desk, story_id: str) -> StoryView:
        """Return the story's view, its briefing written first by a worker when not cached."""
        with self._locks[zlib.crc32(story_id.encode()) % LOCKS]:
            story = desk.story(story_id)
            if self.workers and not is_cached(desk, story):
                self._write(story.id)
            return story_view(desk, story.id)

    def _write(self, story_id: str) -> None:
        try:
            self._get_pool().submit(write_briefing, self.settings, story_id).result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
            logger.warning("briefing worker died; writing the briefing of %s in-process", story_id)
            with self._pool_lock:
                self._pool = None

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
        desk.briefing(story_id)


def is_cached(desk: Desk, story: Story) -> bool:
    """Return True if the story's current briefing is in the store's cache."""
    # TODO(lead): a public Desk.cached_briefing(ref) would replace this private key function.
    key_of = getattr(desk_module, "_briefing_key", None)
    if key_of is None:
        return False
    return desk.store.cache_get("briefing", key_of(story, desk.settings)) is not None
