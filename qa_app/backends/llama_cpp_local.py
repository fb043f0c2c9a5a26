"""A local GGUF model through llama-cpp-python, with JSON-schema (grammar) constrained decoding."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from qa_app.backends.base import BackendInfo, Capabilities, Timer, Usage
from qa_app.backends.instructor_base import InstructorBackend, llama_cpp_response_format
from qa_app.errors import ConfigError

GGUF_MAGIC = b"GGUF"


def check_gguf(path: Path) -> None:
    if not path.exists():
        raise ConfigError(f"model file {path} does not exist; give a path to a .gguf file or a valid --model spec")
    if path.is_dir():
        raise ConfigError(f"model path {path} is a folder; give the .gguf file inside it")
    with path.open("rb") as fh:
        if fh.read(4) != GGUF_MAGIC:
            raise ConfigError(f"{path} is not a GGUF model file (bad magic bytes); convert it with llama.cpp's convert tools")


class LlamaCppBackend(InstructorBackend):
    def __init__(self, path: Path, n_ctx: int = 4096, n_threads: int = 0, label: str | None = None,
                 writes_answers: bool = True):
        check_gguf(path)
        from llama_cpp import Llama

        self.path = path
        self.llm = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads or os.cpu_count() or 1,
                         verbose=False, seed=0)
        self._lock = threading.Lock()  # a llama context is not re-entrant
        stat = path.stat()
        self.info = BackendInfo("llama-cpp", label or path.name,
                                {"path": str(path), "size": stat.st_size, "n_ctx": n_ctx})
        self.capabilities = Capabilities(constrained=True, writes_answers=writes_answers)

    @property
    def identity(self) -> str:
        return f"llama-cpp:{self.path.name}:{self.info.detail['size']}"

    def _create(self, **kwargs):
        kwargs = llama_cpp_response_format(kwargs)
        kwargs.pop("model", None)
        with self._lock:
            return self.llm.create_chat_completion_openai_v1(**kwargs)

    def complete(self, messages, max_tokens: int = 512) -> tuple[str, Usage]:
        with Timer() as t:
            completion = self._create(messages=messages, max_tokens=max_tokens, temperature=0)
        u = completion.usage
        return completion.choices[0].message.content or "", Usage(u.prompt_tokens, u.completion_tokens, t.seconds, 1)

    def close(self) -> None:
        close = getattr(self.llm, "close", None)
        if close:
            close()
