"""One error hierarchy. The CLI turns these into one-line messages and exit codes."""

from __future__ import annotations


class QaAppError(Exception):
    """Base class for every error the user should see as a one-line message."""

    exit_code = 1


class ConfigError(QaAppError):
    """A setting, option or model spec is invalid."""

    exit_code = 2


class InputError(QaAppError):
    """An input file or line cannot be used (empty, binary, too large, malformed...)."""


class StoreError(QaAppError):
    """The store cannot be opened, is locked, or is inconsistent."""


class EmbedderMismatchError(StoreError):
    """The store was built with a different embedder than the one requested."""


class BackendError(QaAppError):
    """A model backend failed: unreachable, bad credentials, invalid output."""


class ExtractionError(QaAppError):
    """Extraction of one article failed after the allowed retries."""
