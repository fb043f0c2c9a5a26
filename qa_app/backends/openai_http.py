"""Any OpenAI-compatible HTTP server: OpenAI, vLLM, Ollama, llama_cpp.server.

Every request has a timeout (`--timeout`, QA_APP_TIMEOUT) and all its attempts together a
budget (QA_APP_RETRY_BUDGET). Transient faults (timeouts, connection resets, 429, 5xx, a
body that is not JSON) are retried by tenacity with exponential backoff within that budget;
then the request fails with a one-line reason that names the fault:
- ModelRequestError (timed out, server error 500, not JSON): that article fails, the batch goes on;
- ServerUnreachableError (connection refused): that article fails; a batch stops after a
  few in a row;
- BackendError (wrong key, unknown model): every article would fail, so the batch stops.
"""

from __future__ import annotations

import time

from qa_app.backends.base import BackendInfo, Capabilities, Timer, Usage
from qa_app.backends.instructor_base import InstructorBackend, llama_cpp_response_format
from qa_app.errors import BackendError, ModelRequestError, ServerUnreachableError

# How the server takes a JSON schema for constrained decoding.
STRUCTURED_OUTPUT_STYLES = ("json_schema", "llama_cpp")


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APIConnectionError, openai.InternalServerError, openai.RateLimitError,
                        openai.APIResponseValidationError, ValueError)):
        return True  # APIConnectionError includes APITimeoutError; ValueError: a body that is not JSON
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


class OpenAICompatibleBackend(InstructorBackend):
    def __init__(self, model: str, base_url: str | None, api_key: str | None, structured_output: str = "json_schema",
                 timeout: float = 60, max_attempts: int = 4, retry_budget: float = 120):
        from openai import OpenAI

        if structured_output not in STRUCTURED_OUTPUT_STYLES:
            from qa_app.errors import ConfigError

            raise ConfigError(f"unknown structured output style {structured_output!r}; valid: {', '.join(STRUCTURED_OUTPUT_STYLES)}")
        self.model = model
        self.base_url = base_url or "https://api.openai.com/v1"
        self.structured_output = structured_output
        self.max_attempts = max(1, max_attempts)
        self.timeout = timeout
        self.retry_budget = max(retry_budget, timeout)
        # tenacity does the retrying, so the client itself does not.
        self.client = OpenAI(base_url=self.base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=0)
        self._has_key = bool(api_key)
        self.info = BackendInfo("openai-compatible", model, {"base_url": self.base_url, "structured_output": structured_output})
        self.capabilities = Capabilities(constrained=True, writes_answers=True, concurrent=True)

    @property
    def identity(self) -> str:
        return f"openai-compatible:{self.model}@{self.base_url}"

    def _create(self, **kwargs):
        if self.structured_output == "llama_cpp":
            kwargs = llama_cpp_response_format(kwargs)
        kwargs["model"] = self.model
        return self._call(kwargs)

    def _call(self, kwargs: dict):
        import openai
        from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential

        deadline = time.monotonic() + self.retry_budget
        attempts = 0

        def attempt():
            nonlocal attempts
            attempts += 1
            # The last attempt gets what is left of the budget, never more than the timeout.
            timeout = max(1.0, min(self.timeout, deadline - time.monotonic()))
            return self.client.with_options(timeout=timeout).chat.completions.create(**kwargs)

        retrying = Retrying(retry=retry_if_exception(_is_transient),
                            stop=stop_after_attempt(self.max_attempts) | stop_after_delay(self.retry_budget),
                            wait=wait_exponential(multiplier=0.5, max=8), reraise=True)
        try:
            return retrying(attempt)
        except Exception as exc:  # noqa: BLE001 - turned into one of our errors, or re-raised
            error = self._error(exc, attempts)
            if error is exc:
                raise
            raise error from exc

    def _error(self, exc: BaseException, attempts: int) -> BaseException:
        """Our error for what the client raised after `attempts` attempts."""
        import openai

        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        where = f"the model server at {self.base_url}"
        if isinstance(exc, openai.APITimeoutError):
            return ServerUnreachableError(
                f"timed out after {self.timeout:g} s waiting for {where} ({tries}); "
                "raise --timeout / QA_APP_TIMEOUT if the model is slow", kind="timeout")
        if isinstance(exc, openai.APIConnectionError):
            return ServerUnreachableError(
                f"cannot connect to {where} ({type(exc.__cause__ or exc).__name__}, {tries}); "
                "is it running? Set --base-url / QA_APP_BASE_URL", kind="connection")
        if isinstance(exc, openai.AuthenticationError):
            hint = "the API key was rejected" if self._has_key else "no API key set"
            return BackendError(f"authentication failed at {self.base_url}: {hint}; set the key in the environment "
                                "variable named by QA_APP_API_KEY_ENV (default OPENAI_API_KEY)")
        if isinstance(exc, openai.NotFoundError):
            return BackendError(f"model {self.model!r} not found at {self.base_url} (404); check the model name")
        if isinstance(exc, (openai.InternalServerError, openai.RateLimitError)) or (
                isinstance(exc, openai.APIStatusError) and exc.status_code >= 500):
            return ModelRequestError(f"server error {exc.status_code} from {where} ({tries}): {_first_line(exc.message)}")
        if isinstance(exc, openai.APIStatusError):
            return BackendError(f"{where} answered {exc.status_code}: {_first_line(exc.message)}")
        if isinstance(exc, (openai.APIResponseValidationError, ValueError)):
            return ModelRequestError(f"{where} answered with a body that is not a JSON chat completion ({tries}): "
                                     f"{_first_line(str(exc))}")
        if isinstance(exc, openai.APIError):
            return BackendError(f"{where} returned an invalid response: {_first_line(str(exc))}")
        return exc

    def complete(self, messages, max_tokens: int = 512) -> tuple[str, Usage]:
        with Timer() as t:
            completion = self._call({"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0})
        u = completion.usage
        text = completion.choices[0].message.content or ""
        return text, Usage(getattr(u, "prompt_tokens", 0), getattr(u, "completion_tokens", 0), t.seconds, 1)


def _first_line(text: object) -> str:
    lines = str(text).strip().splitlines()
    return lines[0][:200] if lines else ""
