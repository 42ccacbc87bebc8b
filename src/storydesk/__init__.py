"""storydesk: read one story across many outlets.

    >>> from storydesk import open_desk
    >>> desk = open_desk("news.db")
    >>> desk.ingest(["examples/"])
    >>> briefing = desk.briefing(desk.stories()[0].id)

Names are imported on first use, so `import storydesk.models` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

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

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'storydesk' has no attribute '{name}'")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
