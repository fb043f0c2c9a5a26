"""The model extractor: the extraction prompt plus the per-article response model, through a backend."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from qa_app.backends.base import Backend
from qa_app.extract.context import ArticleContext
from qa_app.extract.drafts import ExtractionDraft, build_constrained_model
from qa_app.extract.extractors.base import Extraction, Extractor, ExtractorInfo
from qa_app.prompt_templates import PromptTemplate, load_prompt

MODES = ("constrained", "free")


@dataclass(frozen=True)
class ExtractOptions:
    """How a model is asked to extract (the rules extractor takes none of these)."""

    mode: str = "constrained"  # constrained choices (enums) or free JSON with quoted evidence
    prompt: str = "extract_v1"
    max_retries: int = 2
    max_tokens: int = 1024
    prune: bool = True  # send only sentences with a candidate and a cue (plus neighbours)


def prompt_sentences(ctx: ArticleContext, prune: bool) -> list[str]:
    """The numbered sentences shown to the model, instruction-like ones left out."""
    ids = [sid for sid in ctx.sentences if sid not in ctx.blocked]
    if prune:
        from qa_app.extract.pruning import select_sentences

        ids = select_sentences(ctx, ids)
    return ids


def build_messages(ctx: ArticleContext, ids: list[str], prompt: PromptTemplate) -> list[dict]:
    lines = "\n".join(f"[{sid}] {ctx.sentences[sid].text}" for sid in ids)
    return prompt.messages(
        language=ctx.language, published=ctx.doc.published or "unknown", title=ctx.doc.title or "", sentences=lines,
    )


class ModelExtractor(Extractor):
    def __init__(self, backend: Backend, options: ExtractOptions | None = None):
        self.backend = backend
        self.options = options or ExtractOptions()
        # Loaded once: the prompt sent is the prompt whose hash is in the cache key.
        self.prompt = load_prompt(self.options.prompt)
        self.info = ExtractorInfo(backend.info.name, backend.info.model, self.prompt.version)

    @property
    def identity(self) -> str:
        return self.backend.identity

    @property
    def mode(self) -> str:
        return self.options.mode

    def response_model(self, ctx: ArticleContext, ids: list[str]) -> type[BaseModel]:
        if self.options.mode == "constrained" and self.backend.capabilities.constrained:
            people = sorted({m.value for m in ctx.candidates.people if m.value})
            codes = sorted(set(ctx.candidates.country_codes()) | set(ctx.candidates.host_codes()))
            return build_constrained_model(ids, codes, people)
        return ExtractionDraft

    def extract(self, ctx: ArticleContext) -> Extraction:
        ids = prompt_sentences(ctx, self.options.prune)
        result = self.backend.structured(build_messages(ctx, ids, self.prompt), self.response_model(ctx, ids),
                                         max_retries=self.options.max_retries, max_tokens=self.options.max_tokens)
        return Extraction(result.value, model_written=True, usage=result.usage, raw=result.raw)
