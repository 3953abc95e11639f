"""Errors the model raises. Each carries a sentence a person understands; the UI and the server
decide how to show it (a dialog, a JSON body with a status code)."""

from __future__ import annotations


class ModelError(Exception):
    """Base of every error the model raises on purpose. ``code`` (with ``params``) names the
    sentence for pages that say it in the reader's language (the phone page's catalogue has
    ``error.<code>``); ``message`` is the English."""

    def __init__(self, message: str, code: str | None = None, params: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = params or {}


class NotFound(ModelError):
    """The thing asked for does not exist (or not in this run)."""


class InvalidInput(ModelError):
    """The input breaks a rule: empty text, too long, out of range."""


class Conflict(ModelError):
    """The input is fine but the run's state refuses it (step not taking notes, run ended...)."""


class Forbidden(ModelError):
    """The caller may not do this (somebody else's note, a wrong key)."""


class WorkshopFileError(ModelError):
    """A workshop file could not be loaded; ``problems`` has one line per problem with its place."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
