"""A registry of swappable backends under versioned names ("tfidf.v1", "minilm.v1", ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from storydesk.errors import StorydeskError

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {}


def register(kind: str, name: str) -> Callable[[F], F]:
    """Register the decorated factory as backend `name` of `kind`; a second registration raises."""

    def decorate(func: F) -> F:
        backends = _REGISTRY.setdefault(kind, {})
        if name in backends:
            raise ValueError(f"A {kind} backend named '{name}' is already registered.")
        backends[name] = func
        return func

    return decorate


def get(kind: str, name: str) -> Callable[..., Any]:
    """Return the backend `name` of `kind`, or raise a StorydeskError listing the known ones."""
    backends = _REGISTRY.get(kind, {})
    if name not in backends:
        known = ", ".join(sorted(backends)) or "none"
        raise StorydeskError(f"Unknown {kind} backend '{name}'; known: {known}.")
    return backends[name]


def names(kind: str) -> list[str]:
    """Return the registered backend names of `kind`."""
    return sorted(_REGISTRY.get(kind, {}))
