"""All candidates of one cleaned article: countries, people, places, dates, mechanisms."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qa_app.nlp.mentions import Mention


@dataclass
class Candidates:
    countries: list[Mention] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)  # full names, then linked short references
    places: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    mechanisms: list[Mention] = field(default_factory=list)

    def country_codes(self) -> list[str]:
        """Sorted unique ISO3 codes of the country mentions."""
        return sorted({m.value for m in self.countries if m.value})

    def host_codes(self) -> list[str]:
        """Sorted ISO3 codes of the states whose cities the article names ("talks in Tokyo": JPN)."""
        return sorted({m.extra["country"] for m in self.places if m.extra.get("type") == "city" and m.extra.get("country")})

    def person_names(self) -> list[str]:
        """Canonical names in order of first mention, without duplicates."""
        seen: dict[str, None] = {}
        for m in sorted(self.people, key=lambda m: m.start):
            if m.value:
                seen.setdefault(m.value, None)
        return list(seen)

    def people_by_name(self) -> dict[str, Mention]:
        """Canonical name -> its first full (titled) mention, falling back to any mention.

        A person's state is the person's: when the first full mention leaves it open ("Secretary of
        State Marco Rubio") and a later mention settles it, the returned mention carries it.
        """
        out: dict[str, Mention] = {}
        ordered = sorted(self.people, key=lambda m: (m.extra.get("short", False), m.start))
        for m in ordered:
            out.setdefault(m.value, m)
        for name, m in out.items():
            if m.extra.get("country"):
                continue
            known = next((o for o in ordered if o.value == name and o.extra.get("country")), None)
            if known is not None:
                out[name] = replace(m, extra={**m.extra, "country": known.extra["country"],
                                              "country_via": known.extra.get("country_via")})
        return out

    def mechanism_names(self) -> list[str]:
        return sorted({m.value for m in self.mechanisms if m.value})

    def all(self) -> list[Mention]:
        """Every mention, ordered by position."""
        return sorted(self.countries + self.people + self.places + self.dates + self.mechanisms,
                      key=lambda m: (m.start, m.kind))

    def in_span(self, start: int, end: int) -> "Candidates":
        """The candidates inside [start, end), e.g. one sentence."""
        def inside(ms: list[Mention]) -> list[Mention]:
            return [m for m in ms if m.start >= start and m.end <= end]
        return Candidates(inside(self.countries), inside(self.people), inside(self.places),
                          inside(self.dates), inside(self.mechanisms))

    def to_dict(self) -> dict:
        return {k: [m.to_dict() for m in getattr(self, k)]
                for k in ("countries", "people", "places", "dates", "mechanisms")}


def find_candidates(text: str, language: str = "en", published: str | None = None) -> Candidates:
    """Run every finder on the cleaned text.

    Places that lie inside a person's name or title phrase ("Vladimir", "Dirjen Asia
    Pasifik dan Afrika") or a mechanism's name ("Shanghai" in "Shanghai Cooperation
    Organisation") are dropped.
    """
    from qa_app.nlp.countries import find_countries
    from qa_app.nlp.cues import find_mechanisms
    from qa_app.nlp.dates import find_dates
    from qa_app.nlp.people import find_people
    from qa_app.nlp.places import find_places
    from qa_app.nlp.short_names import link_office_references, link_short_names

    language = (language or "en").lower()
    people = find_people(text, language)
    people = sorted(people + link_short_names(people, text, language), key=lambda m: m.start)
    people = sorted(people + link_office_references(people, text, language), key=lambda m: m.start)
    mechanisms = find_mechanisms(text)
    blocked = [(m.extra.get("phrase_start", m.start), m.extra.get("phrase_end", m.end)) for m in people]
    blocked += [(m.start, m.end) for m in mechanisms]
    places = [p for p in find_places(text) if not any(a < p.end and p.start < b for a, b in blocked)]
    return Candidates(
        countries=find_countries(text),
        people=people,
        places=places,
        dates=find_dates(text, language, published),
        mechanisms=mechanisms,
    )
