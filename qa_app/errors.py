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


class StoreIntegrityError(StoreError):
    """SQLite, the vector index and the lexical index disagree, or a store file is damaged."""


class ModelRequestError(ExtractionError):
    """One model request failed after its retries (timed out, server error, not JSON):
    the article is recorded as failed and the batch goes on."""


class ServerUnreachableError(BackendError):
    """The model server could not be reached: `kind` is "connection" (refused, reset) or
    "timeout" (no answer within the timeout)."""

    def __init__(self, message: str, kind: str = "connection"):
        super().__init__(message)
        self.kind = kind


class BatchStoppedError(BackendError):
    """A batch stopped early (the model server kept failing); what was done is saved."""


class InterruptedRun(QaAppError):
    """Ctrl-C: the message says what was saved and how to resume."""

    exit_code = 130
