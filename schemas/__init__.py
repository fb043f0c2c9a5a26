"""Record types (pydantic, the source of truth) and the generated JSON Schema of the batch output."""

from qa_app.schemas.records import (
    SCHEMA_VERSION,
    ArticleRecords,
    BatchOutput,
    Commitment,
    DateInfo,
    Event,
    Evidence,
    Location,
    Meeting,
    Participant,
    Provenance,
    Rejected,
)

__all__ = [
    "SCHEMA_VERSION", "ArticleRecords", "BatchOutput", "Commitment", "DateInfo", "Event", "Evidence",
    "Location", "Meeting", "Participant", "Provenance", "Rejected",
]
