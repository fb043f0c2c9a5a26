"""Extract one article: context -> extractor -> grounded records."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from qa_app.extract.build import build_records
from qa_app.extract.context import build_context
from qa_app.extract.extractors.base import Extractor
from qa_app.schemas.records import SCHEMA_VERSION, ArticleRecords, Provenance
from qa_app.store.docstore import DocumentRow


def extract_article(doc: DocumentRow, extractor: Extractor) -> tuple[ArticleRecords, str]:
    """Records of one article and the raw model output. Raises ExtractionError / BackendError."""
    started = time.perf_counter()
    ctx = build_context(doc)
    result = extractor.extract(ctx)
    built = build_records(ctx, result.draft, model_written=result.model_written)
    records = ArticleRecords(
        doc_id=doc.id, article_id=doc.article_id, source=doc.source, title=doc.title, language=doc.language, published=doc.published,
        meetings=built.meetings, commitments=built.commitments, rejected=built.rejected,
        provenance=Provenance(
            backend=extractor.info.name, model=extractor.info.model, prompt_version=extractor.info.prompt_version,
            schema_version=SCHEMA_VERSION, extracted_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            seconds=round(time.perf_counter() - started, 3), tokens_in=result.usage.tokens_in,
            tokens_out=result.usage.tokens_out,
        ),
    )
    return records, result.raw


def failed_article(doc: DocumentRow, extractor: Extractor, reason: str) -> ArticleRecords:
    """The record of an article whose extraction failed, with the reason."""
    return ArticleRecords(
        doc_id=doc.id, article_id=doc.article_id, source=doc.source, title=doc.title, language=doc.language, published=doc.published,
        status="failed", error=reason,
        provenance=Provenance(backend=extractor.info.name, model=extractor.info.model,
                              prompt_version=extractor.info.prompt_version, schema_version=SCHEMA_VERSION,
                              extracted_at=datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )
