"""The `rules` backend: deterministic extraction from candidates and cue lexicons, no model.

It is the baseline the evaluation compares models against and the offline fallback.
Per sentence (instruction-like sentences excluded):
- a meeting anchor is a sentence with a meeting cue and at least two countries (named,
  via a person's country or via the meeting place), or one country plus a named
  mechanism; nearby anchors with the same mechanism and compatible dates become one
  meeting of the article;
- a commitment is a sentence with a commitment cue whose actors are the countries it
  names, or the meeting's countries when it says "both sides" / "kedua negara".
Everything it emits is a candidate found in the text, so grounding holds by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_app.backends.base import Backend, BackendInfo, Capabilities, StructuredResult, Usage
from qa_app.errors import ConfigError

BOTH_SIDES = re.compile(
    r"\b(kedua (negara|pihak|belah pihak)|both (sides|countries|nations|leaders)|the two (sides|countries|nations)|"
    r"the countries|the leaders|mereka)\b", re.IGNORECASE)
VISIT = re.compile(r"\b(visit\w*|berkunjung|kunjungan|lawatan|berada di|in \w+ for talks)\b", re.IGNORECASE)
SUMMIT = re.compile(r"\b(summit|KTT)\b", re.IGNORECASE)
CALL = re.compile(r"\b(phone call|telephone|telepon|panggilan)\b", re.IGNORECASE)
VERBS = {"agreed": "agreed on", "pledged": "pledged", "intends": "intends", "plans": "plans",
         "reaffirmed": "reaffirmed", "supports": "supports"}
ANCHOR_GAP = 3  # anchors this many sentences apart or closer may describe one meeting


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


def _within(ms, start: int, end: int):
    return [m for m in ms if start <= m.start and m.end <= end]


class RulesBackend(Backend):
    def __init__(self):
        self.info = BackendInfo("rules", "rules-v1")
        self.capabilities = Capabilities(constrained=True, writes_answers=False, model_free=True, concurrent=True)

    def structured(self, messages, response_model, max_retries=2, max_tokens=1024) -> StructuredResult:
        raise ConfigError("the rules backend extracts from candidates directly; it takes no prompt")

    def complete(self, messages, max_tokens=512) -> tuple[str, Usage]:
        raise ConfigError("the rules backend cannot write answers; use --mode extractive")

    # --- extraction ---
    def draft(self, ctx) -> RuleDraft:
        from qa_app.nlp.cues import find_cues

        anchors: list[RuleMeeting] = []
        commitments: list[tuple[int, str, dict, set[str]]] = []
        for pos, (sid, s) in enumerate(ctx.sentences.items()):
            if sid in ctx.blocked:
                continue
            cues = find_cues(s.text, ctx.language)
            if cues["meeting"]:
                m = self._anchor(ctx, pos, sid, s, cues)
                if m is not None:
                    anchors.append(m)
            if cues["commitment"]:
                commitments.append((pos, sid, cues, self._countries_in(ctx, s.start, s.end)))
        meetings = _merge_anchors(anchors)
        return RuleDraft(meetings, self._commitments(ctx, commitments, meetings))

    def _countries_in(self, ctx, start: int, end: int) -> set[str]:
        return {m.value for m in _within(ctx.candidates.countries, start, end) if m.value}

    def _anchor(self, ctx, pos: int, sid: str, s, cues) -> RuleMeeting | None:
        c = ctx.candidates
        countries = self._countries_in(ctx, s.start, s.end)
        people = _within(c.people, s.start, s.end)
        countries |= {p.extra.get("country") for p in people if p.extra.get("country")}
        places = [p for p in _within(c.places, s.start, s.end) if p.extra.get("type") == "city"]
        mechs = _within(c.mechanisms, s.start, s.end)
        if places and places[0].extra.get("country") and (VISIT.search(s.text) or len(countries) == 1):
            countries.add(places[0].extra["country"])
        if not (len(countries) >= 2 or (countries and mechs)):
            return None
        dates = [d for d in _within(c.dates, s.start, s.end) if d.value]
        date = dates[0] if dates else None
        status = _status(ctx, cues, date.value if date else None)
        kind = ("summit" if SUMMIT.search(s.text) else "visit" if VISIT.search(s.text)
                else "call" if CALL.search(s.text) else "multilateral" if len(countries) > 2
                else "bilateral" if len(countries) == 2 else "other")
        from qa_app.nlp.cues import topic_of

        topic = topic_of(s.text, ctx.language)
        mech = mechs[0] if mechs else None
        return RuleMeeting(
            evidence=[sid], kind=kind, status=status, date_text=date.text if date else None,
            date_value=date.value if date else None, location=places[0].text if places else None,
            countries=sorted(countries),
            participants=[RuleParticipant(p.value, p.extra.get("role"), p.extra.get("country")) for p in people if p.value],
            mechanism=mech.text if mech else None, topics=[topic] if topic != "other" else [], position=pos,
        )

    def _commitments(self, ctx, found, meetings: list[RuleMeeting]) -> list[RuleCommitment]:
        from qa_app.nlp.cues import topic_of

        main = next((m for m in meetings if m.status == "held"), None)
        out = []
        for pos, sid, cues, countries in found:
            s = ctx.sentences[sid]
            actors = set(countries)
            if BOTH_SIDES.search(s.text) and main is not None:
                actors |= set(main.countries)
            if not actors:
                continue
            modality = cues["commitment"][0][1]
            topic = topic_of(s.text, ctx.language)
            action = f"{VERBS[modality]} {topic if topic != 'other' else 'cooperation'}" + (
                " cooperation" if topic not in ("other", "diplomacy") else "")
            out.append(RuleCommitment([sid], sorted(actors), action, topic, modality))
        return out


def _status(ctx, cues, date_value: str | None) -> str:
    if cues["status_planned"]:
        return "planned"
    if cues["status_past"]:
        return "referenced"
    pub = ctx.doc.published
    if date_value and pub:
        if date_value[:len(pub)] > pub[:len(date_value)]:
            return "planned"
        if len(date_value) < 10 or _days_between(date_value, pub) > 45:
            return "referenced"
    return "held"


def _days_between(a: str, b: str) -> int:
    from datetime import date

    return abs((date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days)


def _norm(m: str | None) -> str:
    return re.sub(r"[^a-z0-9+]+", " ", (m or "").lower()).strip()


def _compatible(a: RuleMeeting, b: RuleMeeting) -> bool:
    if a.status != b.status:
        return False
    if a.date_value and b.date_value and a.date_value != b.date_value:
        return False
    ma, mb = _norm(a.mechanism), _norm(b.mechanism)
    if ma and mb and not (ma in mb or mb in ma):
        return False
    same_mech = bool(ma and mb)
    close = abs(a.position - b.position) <= ANCHOR_GAP
    shared = bool(set(a.countries) & set(b.countries))
    return shared and (same_mech or close)


def _merge_anchors(anchors: list[RuleMeeting]) -> list[RuleMeeting]:
    merged: list[RuleMeeting] = []
    for a in anchors:
        target = next((m for m in merged if _compatible(m, a)), None)
        if target is None:
            merged.append(a)
            continue
        target.evidence += [e for e in a.evidence if e not in target.evidence]
        target.countries = sorted(set(target.countries) | set(a.countries))
        names = {p.name for p in target.participants}
        target.participants += [p for p in a.participants if p.name not in names]
        target.date_text, target.date_value = target.date_text or a.date_text, target.date_value or a.date_value
        target.location = target.location or a.location
        target.mechanism = max((x for x in (target.mechanism, a.mechanism) if x), key=len, default=None)
        target.topics = list(dict.fromkeys(target.topics + a.topics))
        target.position = a.position
    for m in merged:
        m.evidence = m.evidence[:4]
        m.title = _title(m)
    return merged


def country_name(code: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or (c.name if c else code)


def _title(m: RuleMeeting) -> str:
    head = m.mechanism or {"summit": "Summit", "visit": "Visit", "call": "Call"}.get(m.kind, "Meeting")
    return f"{head}: {'–'.join(country_name(c) for c in m.countries)}"
