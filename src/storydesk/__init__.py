"""storydesk: read one story across many outlets.

    >>> from storydesk import open_desk
    >>> desk = open_desk("news.db")
    >>> desk.ingest(["examples/"])
    >>> briefing = desk.briefing(desk.stories()[0].id)

Names are imported on first use, so `import storydesk.models` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storydesk.desk import Desk, IngestReport, open_desk
    from storydesk.errors import StorydeskError
    from storydesk.models import Article, Briefing, Story
    from storydesk.pipeline import summarize_articles
    from storydesk.settings import Settings, load_settings

_EXPORTS = {
    "Article": "storydesk.models",
    "Briefing": "storydesk.models",
    "Story": "storydesk.models",
    "Desk": "storydesk.desk",
    "IngestReport": "storydesk.desk",
    "open_desk": "storydesk.desk",
    "StorydeskError": "storydesk.errors",
    "summarize_articles": "storydesk.pipeline",
    "Settings": "storydesk.settings",
    "load_settings": "storydesk.settings",
}

__all__ = [
    "Article",
    "Briefing",
    "Desk",
    "IngestReport",
    "Settings",
    "Story",
    "StorydeskError",
    "load_settings",
    "open_desk",
    "summarize_articles",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'storydesk' has no attribute '{name}'")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
