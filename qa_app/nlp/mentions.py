"""The one record type of the candidates layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mention:
    """A span of the cleaned text: ``text[start:end] == self.text``.

    kind: "country" | "person" | "place" | "date" | "mechanism".
    value: the normalised value (ISO3 for countries, canonical name for people,
    place name, ISO date, mechanism name), or None when it cannot be resolved.
    extra: kind-specific details; not part of equality or hashing.
    """

    kind: str
    start: int
    end: int
    text: str
    value: str | None
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
                "value": self.value, "extra": dict(self.extra)}


def make(kind: str, source: str, start: int, end: int, value: str | None,
         extra: dict[str, Any] | None = None, **more: Any) -> Mention:
    """A mention whose text is sliced from `source` itself, so the span always matches."""
    return Mention(kind, start, end, source[start:end], value, {**(extra or {}), **more})


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """Sorted by position; the first mention of each (kind, start, end, value) wins."""
    seen: set[tuple] = set()
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        key = (m.kind, m.start, m.end, m.value)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
