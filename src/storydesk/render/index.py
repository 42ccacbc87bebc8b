"""The index of an export: one row per story briefing, linking to its file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from storydesk.models import Story
from storydesk.render.html import environment
from storydesk.render.sections import md_escape, when_shown

INDEX_NAMES = {"json": "index.json", "markdown": "index.md", "html": "index.html"}


def index_rows(stories: Sequence[Story], files: Sequence[str]) -> list[dict[str, Any]]:
    """Return one row per story: id, headline, file, articles, outlets, first and last seen
    (ISO 8601, or None when no article of the story has a date)."""
    return [
        {
            "id": story.id,
            "headline": story.headline,
            "file": file,
            "articles": len(story.article_ids),
            "outlets": list(story.outlets),
            "first_seen": story.first_seen.isoformat() if story.first_seen else None,
            "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        }
        for story, file in zip(stories, files, strict=True)
    ]


def render_index(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    """Render an export's index as JSON, a Markdown table or a standalone HTML page."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False)
    rows = [{**row, "first_seen": _shown(row["first_seen"]), "last_seen": _shown(row["last_seen"])}
            for row in rows]  # fmt: skip
    if fmt == "html":
        return environment().get_template("index.html").render(rows=rows)
    lines = [
        "# storydesk briefings",
        "",
        "| Story | Articles | Outlets | First seen | Last seen |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        headline = md_escape(row["headline"] or row["id"]).replace("|", "\\|")
        outlets = ", ".join(row["outlets"]).replace("|", "/")
        lines.append(
            f"| [{headline}]({row['file']}) | {row['articles']} | {outlets}"
            f" | {row['first_seen']} | {row['last_seen']} |"
        )
    return "\n".join(lines) + "\n"


def _shown(when: str | None) -> str:
    return when_shown(datetime.fromisoformat(when) if when else None)
