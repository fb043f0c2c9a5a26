"""Shared instructor plumbing for llama.cpp and OpenAI-compatible backends."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from pydantic import BaseModel

from qa_app.backends.base import Backend, StructuredResult, Timer, Usage
from qa_app.errors import BackendError, ExtractionError, ModelRequestError

log = logging.getLogger(__name__)


def llama_cpp_response_format(kwargs: dict) -> dict:
    """llama.cpp constrains decoding with {"type": "json_object", "schema": ...};
    instructor's JSON_SCHEMA mode sends OpenAI's {"type": "json_schema", ...}."""
    rf = kwargs.get("response_format")
    if rf and rf.get("type") == "json_schema":
        kwargs = dict(kwargs, response_format={"type": "json_object", "schema": rf["json_schema"]["schema"]})
    return kwargs


def _usage_of(completion) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage(calls=1)
    return Usage(getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0, calls=1)


def _text_of(completion) -> str:
    try:
        return completion.choices[0].message.content or ""
    except (AttributeError, IndexError):
        return ""


class InstructorBackend(Backend):
    """Subclasses provide `_create(**kwargs)` returning an OpenAI-style ChatCompletion."""

    def _create(self, **kwargs):  # pragma: no cover - abstract
        raise NotImplementedError

    def _counting_create(self, usage: Usage, raw: list[str]) -> Callable:
        def create(**kwargs):
            completion = self._create(**kwargs)
            usage.add(_usage_of(completion))
            raw.append(_text_of(completion))
            log.debug("raw model output: %s", raw[-1])
            return completion

        return create

    def structured(self, messages, response_model: type[BaseModel], max_retries: int = 2,
                   max_tokens: int = 1024) -> StructuredResult:
        import instructor
        from instructor.core import IncompleteOutputException, InstructorError, InstructorRetryException

        usage, raw = Usage(), []
        patched = instructor.patch(create=self._counting_create(usage, raw), mode=instructor.Mode.JSON_SCHEMA)
        with Timer() as t:
            try:
                value = patched(messages=messages, response_model=response_model, max_retries=max_retries,
                                max_tokens=max_tokens, temperature=0)
            except (BackendError, ModelRequestError):
                raise
            except InstructorRetryException as exc:
                cause = _root_cause(exc)
                if isinstance(cause, (BackendError, ModelRequestError)):
                    raise cause from exc  # the request failed; it was not the output
                last = raw[-1] if raw else ""
                attempts = getattr(exc, "n_attempts", None) or max_retries
                raise ExtractionError(
                    f"model output failed validation after {attempts} attempt(s): {_validation_summary(exc)}",
                ) from _with_raw(exc, last)
            except IncompleteOutputException as exc:
                raise ExtractionError(
                    f"model output was cut off at max_tokens={max_tokens} before the JSON was complete"
                ) from _with_raw(exc, raw[-1] if raw else "")
            except InstructorError as exc:
                raise ExtractionError(f"model output could not be used: {_short(exc)}") from _with_raw(exc, raw[-1] if raw else "")
        usage.seconds = t.seconds
        return StructuredResult(value, usage, raw[-1] if raw else json.dumps(value.model_dump()))


def _root_cause(exc: BaseException) -> BaseException:
    """The first of our request errors in the chain of `exc`, else its innermost cause."""
    seen = exc
    for _ in range(50):  # chains are short; never loop on a cycle
        nxt = seen.__cause__ or seen.__context__
        if nxt is None:
            break
        seen = nxt
        if isinstance(seen, (BackendError, ModelRequestError)):
            return seen
    return seen


def _validation_summary(exc: BaseException) -> str:
    """'N validation error(s): FIELD: MESSAGE' for the last failed attempt, else the first line."""
    from pydantic import ValidationError

    attempts = getattr(exc, "failed_attempts", None) or []
    last = getattr(attempts[-1], "exception", None) if attempts else None
    last = last if isinstance(last, ValidationError) else _root_cause(exc)
    if isinstance(last, ValidationError):
        errors = last.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ())) or "output"
        return f"{len(errors)} validation error(s); first: {where}: {first.get('msg', '')}"[:300]
    return _short(last if last is not exc else exc)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


class RawOutput(Exception):
    """Carries the last raw model output of a failed extraction."""

    def __init__(self, raw: str):
        super().__init__(raw[:2000])
        self.raw = raw


def _with_raw(exc: BaseException, raw: str) -> BaseException:
    carrier = RawOutput(raw)
    carrier.__cause__ = exc
    return carrier


def raw_output_of(exc: BaseException) -> str:
    """The last raw model output attached to an ExtractionError, if any."""
    cause = exc.__cause__
    return cause.raw if isinstance(cause, RawOutput) else ""
