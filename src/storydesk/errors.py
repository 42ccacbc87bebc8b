"""Errors a user can see: one sentence each that says what went wrong and what to do."""

from __future__ import annotations


class StorydeskError(Exception):
    """Base class of every error storydesk reports to a user (no traceback)."""


class InputError(StorydeskError):
    """A file, URL or record could not be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class NotFoundError(StorydeskError):
    """A story or article id that the store does not know."""


class StoreError(StorydeskError):
    """The database could not be opened or written."""


class MissingExtraError(StorydeskError):
    """An optional backend needs packages that are not installed."""

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs optional packages: pip install 'storydesk[{extra}]'")


class SettingsError(StorydeskError):
    """A settings file or value is not valid."""
