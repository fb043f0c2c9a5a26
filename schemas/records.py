"""Typed records of meetings and commitments, each grounded in the text it came from.

These pydantic models are the source of truth. `batch_output.schema.json` beside this
file is generated from `BatchOutput` (`python -m qa_app.schemas.generate`), and a test
fails when the two drift apart.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

MeetingKind = Literal["bilateral", "multilateral", "visit", "call", "summit", "other"]
MeetingStatus = Literal["held", "planned", "referenced"]
Topic = Literal["defense", "security", "economy", "trade", "energy", "infrastructure", "technology", "health", "diplomacy", "other"]
Modality = Literal["agreed", "pledged", "intends", "plans", "reaffirmed", "supports"]
Precision = Literal["day", "month", "year"]
Resolution = Literal["absolute", "relative_to_published", "year_from_context", "unresolved"]
Alignment = Literal["exact", "fuzzy"]
ISO3_PATTERN = r"^[A-Z]{3}$"  # ISO 3166-1 alpha-3


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """A span of the cleaned article text: quote == cleaned_text[start:end]."""

    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)
    alignment: Alignment = "exact"
    score: float = Field(100.0, ge=0, le=100, description="Alignment score (rapidfuzz ratio) of the model's quote.")


class DateInfo(_Model):
    value: str | None = Field(None, description="ISO date: YYYY-MM-DD, YYYY-MM or YYYY; null when unresolved.")
    precision: Precision | None = None
    text: str = Field("", description="The exact date words in the article.")
    resolution: Resolution = "unresolved"
    end: str | None = Field(None, description="End of a span, e.g. 'pada hari Senin dan Selasa'.")


class Location(_Model):
    city: str | None = None
    region: str | None = None
    country: str | None = Field(None, pattern=ISO3_PATTERN)


class Participant(_Model):
    name: str = Field(description="Canonical name, without military or honorific prefixes.")
    role: str | None = Field(None, description="Role as stated, including a rank such as 'Brigjen TNI'.")
    country: str | None = Field(None, pattern=ISO3_PATTERN)
    evidence: list[Evidence] = Field(default_factory=list)


class Meeting(_Model):
    id: str
    title: str
    kind: MeetingKind = "other"
    status: MeetingStatus = "held"
    date: DateInfo = Field(default_factory=DateInfo)
    location: Location = Field(default_factory=Location)
    countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-3 codes.")
    participants: list[Participant] = Field(default_factory=list)
    mechanism: str | None = Field(None, description="Named dialogue or forum, e.g. '2+2', 'SCO'.")
    round: int | None = Field(None, description="Round or session number of the mechanism, when stated.")
    topics: list[Topic] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)


class Commitment(_Model):
    id: str
    actors: list[str] = Field(description="ISO 3166-1 alpha-3 codes.")
    action: str = Field(description="Short, in English.")
    topic: Topic = "other"
    modality: Modality = "agreed"
    target_date: DateInfo | None = None
    meeting_id: str | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Rejected(_Model):
    kind: Literal["meeting", "commitment", "participant", "field"]
    reason: str
    item: dict = Field(default_factory=dict, description="What the model returned, as returned.")


class Provenance(_Model):
    backend: str
    model: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    extracted_at: str = Field(description="ISO 8601 timestamp (UTC).")
    seconds: float = 0.0
    tokens_in: int = 0
    tokens_out: int = 0
    cached: bool = Field(False, description="True when this result was served from the extraction cache, not extracted in this run.")


class ArticleRecords(_Model):
    doc_id: str
    article_id: str | None = Field(None, description="The id the source gave the article (the 'id' of a JSONL line).")
    source: str
    title: str | None = None
    language: str | None = None
    published: str | None = None
    status: Literal["ok", "failed"] = "ok"
    error: str | None = Field(None, description="Why extraction failed, when status is 'failed'.")
    meetings: list[Meeting] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    provenance: Provenance

    def served_from_cache(self) -> ArticleRecords:
        """A copy whose provenance says it was served from the extraction cache."""
        return self.model_copy(update={"provenance": self.provenance.model_copy(update={"cached": True})})


class Event(Meeting):
    """One real-world meeting, merged across the articles that report it: the fields of a
    meeting, each from its most precise source, plus where it came from."""

    meeting_ids: list[str] = Field(description="The per-article meetings merged into this event.")
    doc_ids: list[str]


class BatchOutput(_Model):
    """The `.json` output of `qa-app extract`; `.jsonl` holds one ArticleRecords per line."""

    schema_version: str = SCHEMA_VERSION
    articles: list[ArticleRecords]
    events: list[Event] = Field(default_factory=list)
