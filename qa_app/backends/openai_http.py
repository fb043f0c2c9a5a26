"""Any OpenAI-compatible HTTP server: OpenAI, vLLM, Ollama, llama_cpp.server.

Transient faults (timeouts, connection resets, 429, 5xx) are retried by tenacity with
exponential backoff and a cap; everything else becomes a one-line BackendError.
"""

from __future__ import annotations

from qa_app.backends.base import BackendInfo, Capabilities, Timer, Usage
from qa_app.backends.instructor_base import InstructorBackend, llama_cpp_response_format
from qa_app.errors import BackendError

# How the server takes a JSON schema for constrained decoding.
STRUCTURED_OUTPUT_STYLES = ("json_schema", "llama_cpp")


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.InternalServerError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


class OpenAICompatibleBackend(InstructorBackend):
    def __init__(self, model: str, base_url: str | None, api_key: str | None, structured_output: str = "json_schema",
                 timeout: float = 120, max_attempts: int = 4):
        from openai import OpenAI

        if structured_output not in STRUCTURED_OUTPUT_STYLES:
            from qa_app.errors import ConfigError

            raise ConfigError(f"unknown structured output style {structured_output!r}; valid: {', '.join(STRUCTURED_OUTPUT_STYLES)}")
        self.model = model
        self.base_url = base_url or "https://api.openai.com/v1"
        self.structured_output = structured_output
        self.max_attempts = max_attempts
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
        from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

        @retry(retry=retry_if_exception(_is_transient), stop=stop_after_attempt(self.max_attempts),
               wait=wait_exponential(multiplier=0.5, max=8), reraise=True)
        def attempt():
            return self.client.chat.completions.create(**kwargs)

        try:
            return attempt()
        except openai.APIConnectionError as exc:
            raise BackendError(
                f"cannot connect to the model server at {self.base_url} ({type(exc.__cause__ or exc).__name__}); "
                "is it running? Set --base-url / QA_APP_BASE_URL"
            ) from exc
        except openai.AuthenticationError as exc:
            hint = "the API key was rejected" if self._has_key else "no API key set"
            raise BackendError(f"authentication failed at {self.base_url}: {hint}; set the key in the environment variable named by QA_APP_API_KEY_ENV (default OPENAI_API_KEY)") from exc
        except openai.NotFoundError as exc:
            raise BackendError(f"model {self.model!r} not found at {self.base_url} (404); check the model name") from exc
        except openai.APIStatusError as exc:
            raise BackendError(f"model server at {self.base_url} answered {exc.status_code}: {str(exc.message)[:200]}") from exc
        except (openai.APIError, ValueError) as exc:  # e.g. a body that is not JSON
            raise BackendError(f"model server at {self.base_url} returned an invalid response: {str(exc)[:200]}") from exc

    def complete(self, messages, max_tokens: int = 512) -> tuple[str, Usage]:
        with Timer() as t:
            completion = self._call({"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0})
        u = completion.usage
        text = completion.choices[0].message.content or ""
        return text, Usage(getattr(u, "prompt_tokens", 0), getattr(u, "completion_tokens", 0), t.seconds, 1)
