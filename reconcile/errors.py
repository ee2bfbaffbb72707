"""Errors raised by the library; the CLI turns each into a one-line message."""

from __future__ import annotations


class ReconcileError(Exception):
    """Base class: something the user can fix, described in one line."""


class InputError(ReconcileError):
    """An input path, file or folder cannot be used."""


class ManifestError(ReconcileError):
    """A sources.toml manifest is malformed or names something that does not exist."""


class ModelError(ReconcileError):
    """The embedding model cannot be found, loaded or verified."""


class GoldError(ReconcileError):
    """A gold file for `reconcile eval` is malformed."""


class ReviewError(ReconcileError):
    """A reviews file is malformed or a review command cannot be applied."""


class CacheError(ReconcileError):
    """The embedding cache cannot be opened or written."""
