"""What the rules extractor hands to `extract.build.build_records`: draft meetings and
commitments that point at sentence ids and candidate values only.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RuleParticipant:
    name: str
    role: str | None = None
    country: str | None = None


@dataclass
class RuleMeeting:
    evidence: list[str]
    title: str = ""
    kind: str = "other"
    status: str = "held"
    date_text: str | None = None
    date_value: str | None = None
    location: str | None = None
    countries: list[str] = field(default_factory=list)
    participants: list[RuleParticipant] = field(default_factory=list)
    mechanism: str | None = None
    round: int | None = None  # of the mechanism, when the text numbers it ("putaran ke-17")
    topics: list[str] = field(default_factory=list)
    position: int = 0


@dataclass
class RuleCommitment:
    evidence: list[str]
    actors: list[str]
    action: str
    topic: str
    modality: str
    target_date_text: str | None = None


@dataclass
class RuleDraft:
    meetings: list[RuleMeeting]
    commitments: list[RuleCommitment]
