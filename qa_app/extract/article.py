"""Extract one article: context -> prompt -> backend -> grounded records."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from qa_app.backends.base import Backend, Usage
from qa_app.extract.build import build_records
from qa_app.extract.context import ArticleContext, build_context
from qa_app.extract.drafts import ExtractionDraft, build_constrained_model
from qa_app.extract.prompts import load_prompt
from qa_app.schemas.records import SCHEMA_VERSION, ArticleRecords, Provenance
from qa_app.store.docstore import DocumentRow

log = logging.getLogger(__name__)

MODES = ("constrained", "free")


@dataclass
class ExtractOptions:
    mode: str = "constrained"  # constrained choices (enums) or free JSON with quoted evidence
    prompt: str = "extract_v1"
    max_retries: int = 2
    max_tokens: int = 1024
    prune: bool = True  # send only sentences with a candidate and a cue (plus neighbours)

    @property
    def prompt_version(self) -> str:
        return load_prompt(self.prompt).version


def prompt_sentences(ctx: ArticleContext, prune: bool) -> list[str]:
    """The numbered sentences shown to the model, instruction-like ones left out."""
    ids = [sid for sid in ctx.sentences if sid not in ctx.blocked]
    if prune:
        from qa_app.extract.pruning import select_sentences

        ids = select_sentences(ctx, ids)
    return ids


def build_messages(ctx: ArticleContext, ids: list[str], options: ExtractOptions) -> list[dict]:
    lines = "\n".join(f"[{sid}] {ctx.sentences[sid].text}" for sid in ids)
    return load_prompt(options.prompt).messages(
        language=ctx.language, published=ctx.doc.published or "unknown", title=ctx.doc.title or "", sentences=lines,
    )


def response_model_for(ctx: ArticleContext, ids: list[str], backend: Backend, options: ExtractOptions):
    if options.mode == "constrained" and backend.capabilities.constrained:
        people = sorted({m.value for m in ctx.candidates.people if m.value})
        return build_constrained_model(ids, ctx.candidates.country_codes(), people)
    return ExtractionDraft


def extract_article(doc: DocumentRow, backend: Backend, options: ExtractOptions) -> tuple[ArticleRecords, str]:
    """Records of one article and the raw model output. Raises ExtractionError / BackendError."""
    started = time.perf_counter()
    ctx = build_context(doc)
    usage = Usage()
    if backend.capabilities.model_free:
        draft, raw = backend.draft(ctx), ""
        usage = getattr(backend, "last_usage", usage)
    else:
        ids = prompt_sentences(ctx, options.prune)
        messages = build_messages(ctx, ids, options)
        result = backend.structured(messages, response_model_for(ctx, ids, backend, options),
                                    max_retries=options.max_retries, max_tokens=options.max_tokens)
        draft, raw, usage = result.value, result.raw, result.usage
    built = build_records(ctx, draft, model_written=not backend.capabilities.model_free)
    records = ArticleRecords(
        doc_id=doc.id, article_id=doc.article_id, source=doc.source, title=doc.title, language=doc.language, published=doc.published,
        meetings=built.meetings, commitments=built.commitments, rejected=built.rejected,
        provenance=Provenance(
            backend=backend.info.name, model=backend.info.model, prompt_version=options.prompt_version,
            schema_version=SCHEMA_VERSION, extracted_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            seconds=round(time.perf_counter() - started, 3), tokens_in=usage.tokens_in, tokens_out=usage.tokens_out,
        ),
    )
    return records, raw
