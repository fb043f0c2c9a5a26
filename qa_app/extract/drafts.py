"""Drafts: what an extractor hands to `extract.build.build_records`, which grounds and
normalises them into records.

`Draft` is the shape `build_records` reads. The rules extractor drafts dataclasses
(`extract.rules.drafts`); a model fills in one of two response models:
- free: evidence is a quoted string, countries and people are free strings
  (for backends that cannot constrain decoding, and as the baseline);
- constrained: built per article, evidence is an enum of the article's sentence ids,
  countries an enum of the ISO3 codes found in it and participant names an enum of the
  people found in it. With grammar-constrained decoding a model can only point at
  what is really there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Optional, Protocol

from pydantic import BaseModel, ConfigDict, Field, create_model

from qa_app.schemas.records import MeetingKind, MeetingStatus, Modality, Topic

MAX_MEETINGS = 6
MAX_COMMITMENTS = 8
MAX_PARTICIPANTS = 8


class DraftParticipant(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...


class DraftMeeting(Protocol):
    @property
    def evidence(self) -> str | Sequence[str]: ...  # a quote, or sentence ids
    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def date_text(self) -> str | None: ...
    @property
    def location(self) -> str | None: ...
    @property
    def countries(self) -> Sequence[str]: ...
    @property
    def participants(self) -> Sequence[DraftParticipant]: ...
    @property
    def mechanism(self) -> str | None: ...
    @property
    def round(self) -> int | None: ...  # of the mechanism, when the text numbers it
    @property
    def topics(self) -> Sequence[str]: ...


class DraftCommitment(Protocol):
    @property
    def evidence(self) -> str | Sequence[str]: ...
    @property
    def actors(self) -> Sequence[str]: ...
    @property
    def action(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def modality(self) -> str: ...
    @property
    def target_date_text(self) -> str | None: ...


class Draft(Protocol):
    @property
    def meetings(self) -> Sequence[DraftMeeting]: ...
    @property
    def commitments(self) -> Sequence[DraftCommitment]: ...


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _MeetingBase(_Draft):
    @property
    def round(self) -> int | None:
        """A model is not asked for the round; grounding finds it in the mechanism's mention."""
        return None


class ParticipantDraft(_Draft):
    name: str
    role: Optional[str] = None
    country: Optional[str] = None


class MeetingDraft(_MeetingBase):
    evidence: str = Field(description="The sentence(s) that report the meeting, copied exactly.")
    title: str = Field(description="Short English title.")
    kind: MeetingKind = "other"
    status: MeetingStatus = "held"
    date_text: Optional[str] = Field(None, description="The date words exactly as written, or null.")
    location: Optional[str] = Field(None, description="City or place as written, or null.")
    countries: list[str] = Field(default_factory=list, max_length=10)
    participants: list[ParticipantDraft] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    mechanism: Optional[str] = None
    topics: list[Topic] = Field(default_factory=list, max_length=4)


class CommitmentDraft(_Draft):
    evidence: str = Field(description="The sentence that states the commitment, copied exactly.")
    actors: list[str] = Field(default_factory=list, max_length=6)
    action: str = Field(description="Short English description of what was committed.")
    topic: Topic = "other"
    modality: Modality = "agreed"
    target_date_text: Optional[str] = None


class ExtractionDraft(_Draft):
    meetings: list[MeetingDraft] = Field(default_factory=list, max_length=MAX_MEETINGS)
    commitments: list[CommitmentDraft] = Field(default_factory=list, max_length=MAX_COMMITMENTS)


def _enum(values: list[str], fallback: str):
    """A Literal of the values; a single impossible placeholder when there are none."""
    return Literal[tuple(values)] if values else Literal[fallback]  # type: ignore[valid-type]


def build_constrained_model(sentence_ids: list[str], iso3: list[str], people: list[str]) -> type[BaseModel]:
    """A response model whose grounded fields can only take values found in the article."""
    SentenceId = _enum(sentence_ids, "S0")
    Country = _enum(iso3, "NONE")
    Person = _enum(people, "NONE")
    # Every slot is required (a grammar lets the model close an object after its required keys, and
    # a meeting without its countries is lost); slots the article may not fill are nullable, so an
    # unknown date is written null rather than "unknown".
    unknown_ok = (Optional[str], Field(...))
    participant = create_model(
        "Participant", __config__=ConfigDict(extra="forbid"),
        name=(Person, ...), role=unknown_ok, country=(Optional[Country], Field(...)),
    )
    meeting = create_model(
        "Meeting", __base__=_MeetingBase,
        evidence=(list[SentenceId], Field(..., min_length=1, max_length=3)),  # one statement, not a passage
        title=(str, Field(..., max_length=160)),
        kind=(MeetingKind, ...),
        status=(MeetingStatus, ...),
        date_text=unknown_ok,
        location=unknown_ok,
        countries=(list[Country], Field(..., max_length=10)),
        participants=(list[participant], Field(..., max_length=MAX_PARTICIPANTS)),
        mechanism=unknown_ok,
        topics=(list[Topic], Field(..., max_length=4)),
    )
    commitment = create_model(
        "Commitment", __config__=ConfigDict(extra="forbid"),
        evidence=(list[SentenceId], Field(..., min_length=1, max_length=3)),
        actors=(list[Country], Field(..., min_length=1, max_length=6)),
        action=(str, Field(..., max_length=200)),
        topic=(Topic, ...),
        modality=(Modality, ...),
        target_date_text=unknown_ok,
    )
    return create_model(
        "Extraction", __config__=ConfigDict(extra="forbid"),
        meetings=(list[meeting], Field(default_factory=list, max_length=MAX_MEETINGS)),
        commitments=(list[commitment], Field(default_factory=list, max_length=MAX_COMMITMENTS)),
    )
