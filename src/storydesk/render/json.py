"""JSON output: the data types as plain JSON, the same shape the HTTP API returns."""

from __future__ import annotations

import json
from typing import Any

from storydesk.codec import to_jsonable


def render_json(value: Any) -> str:
    """Return value (a Briefing, Story, list of them, ...) as indented JSON."""
    return json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)
