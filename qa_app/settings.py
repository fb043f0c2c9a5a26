"""All settings in one place: CLI options override QA_APP_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_store() -> Path:
    """$XDG_DATA_HOME/qa-app, or ~/.local/share/qa-app."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qa-app"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_APP_", extra="forbid")

    store: Path = Field(default_factory=default_store, description="Store directory (SQLite, Chroma, BM25 index).")
    chroma_url: str | None = Field(None, description="Chroma server URL, e.g. http://127.0.0.1:8000. Unset: embedded Chroma in the store.")
    embedder: str = Field("use-multilingual", description="Embedder spec: 'use-multilingual' or 'openai:MODEL'.")
    embed_base_url: str | None = Field(None, description="Base URL of an OpenAI-compatible embeddings endpoint.")
    embed_api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable that holds the embeddings API key.")
    embed_threads: int = Field(0, description="Worker threads of the local embedder (BLAS held at 1 thread each); 0 = all available CPUs.")
    model: str | None = Field(None, description="Extraction/answer model spec: rules | smollm2 | qwen2.5-coder-1.5b | local:PATH.gguf | openai:MODEL | rules+SPEC (README, Models). Unset: the offline default.")
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable that holds the API key of an OpenAI-compatible server.")
    base_url: str | None = Field(None, description="Base URL of an OpenAI-compatible server for `openai:MODEL`, e.g. http://127.0.0.1:8080/v1.")
    structured_output: str = Field("json_schema", description="How the server takes a JSON schema: 'json_schema' (OpenAI, vLLM) or 'llama_cpp' (llama_cpp.server).")
    timeout: float = Field(60.0, gt=0, description="Seconds one HTTP model request may take before it times out (then retried within the retry budget).")
    retry_budget: float = Field(120.0, gt=0, description="Total seconds all attempts of one HTTP model request may take; then that article fails with the reason.")
    max_unreachable: int = Field(3, ge=1, description="A batch stops after this many articles in a row could not reach the model server (saved work is kept; rerun to resume).")
    concurrency: int = Field(4, description="Parallel requests to an HTTP backend during batch extraction.")
    n_ctx: int = Field(4096, description="Context window for local GGUF models.")
    n_threads: int = Field(0, description="Threads for local GGUF models (llama.cpp); 0 = all cores.")
    model_cache: Path = Field(Path.home() / ".cache" / "qa-app" / "models",
                              description="Folder where models shipped in parts (qwen2.5-coder-1.5b) are joined once.")
    max_retries: int = Field(2, description="Times a model is asked again after output that fails validation.")
    max_file_bytes: int = Field(5_000_000, description="Files larger than this are rejected.")
    max_line_bytes: int = Field(2_000_000, description="JSONL lines longer than this (in bytes) are rejected, each with its line number.")
    ui_auth: SecretStr | None = Field(None, description="Login USER:PASS of the web UI, instead of --auth (keeps it out of the process list).")
    ui_allowed_hosts: str = Field("", description="Comma-separated Host names the web UI answers to besides its bound address (e.g. a reverse proxy's); any other Host is refused.")
    chunk_chars: int = Field(800, description="Target chunk size in characters (chunks never split a sentence).")

    @property
    def store_dir(self) -> Path:
        return self.store.expanduser()


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None CLI overrides applied on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
