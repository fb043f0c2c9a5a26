"""Turn drafts (from the rules or a model) into grounded, normalised records; everything
dropped is listed with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from qa_app.extract.context import ArticleContext
from qa_app.extract.drafts import Draft
from qa_app.extract.grounding import Span, align_quote, free_text_problem, merge_adjacent, neutral_title, sentence_spans
from qa_app.schemas.records import Commitment, DateInfo, Evidence, Location, Meeting, Participant, Rejected


@dataclass
class Built:
    meetings: list[Meeting] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def reject(self, kind: str, reason: str, item: object) -> None:
        dumped = item.model_dump() if isinstance(item, BaseModel) else (item if isinstance(item, dict) else {"value": item})
        self.rejected.append(Rejected(kind=kind, reason=reason, item=dumped))


def _evidence(ctx: ArticleContext, raw_evidence) -> tuple[list[Evidence], str | None]:
    """Evidence spans for the model's evidence (sentence ids or a quote), or a rejection reason."""
    if isinstance(raw_evidence, list):
        spans = sentence_spans([str(x) for x in raw_evidence], ctx.sentences)
        if spans is None:
            return [], "evidence cites a sentence id that does not exist"
    else:
        span = align_quote(str(raw_evidence or ""), ctx.text)
        if span is None:
            return [], "evidence quote not found in the article"
        spans = [span]
    if not spans:
        return [], "no evidence given"
    if any(ctx.in_blocked(s.start, s.end) for s in spans):
        return [], "evidence is an instruction-like sentence (article text is data, not instructions)"
    spans = merge_adjacent(spans, ctx.text)
    return [_ev(ctx, s) for s in spans], None


def _ev(ctx: ArticleContext, s: Span) -> Evidence:
    return Evidence(doc_id=ctx.doc.id, start=s.start, end=s.end, quote=ctx.text[s.start:s.end],
                    alignment=s.alignment, score=s.score)


def _find(ctx: ArticleContext, needle: str) -> int:
    """Offset of `needle` in the text outside instruction-like sentences (case-insensitive), or -1."""
    if not needle or len(needle.strip()) < 2:
        return -1
    for m in re.finditer(re.escape(needle.strip()), ctx.text, flags=re.IGNORECASE):
        if not ctx.in_blocked(m.start(), m.end()):
            return m.start()
    return -1


def _countries(ctx: ArticleContext, values: list[str], out: Built, what: str,
               people_states: frozenset[str] = frozenset()) -> list[str]:
    from qa_app.nlp.countries import country_code

    found = set(ctx.candidates.country_codes()) | set(ctx.candidates.host_codes())  # a named city grounds its state
    found |= people_states  # and a named person, the state they serve
    blocked_only = _codes_only_in_blocked(ctx)
    codes: list[str] = []
    for v in values:
        code = v if re.fullmatch(r"[A-Z]{3}", v or "") and v in found else country_code(v or "")
        if code is None:
            out.reject("field", f"{what}: {v!r} is not a country", {"country": v})
        elif code not in found or code in blocked_only:
            out.reject("field", f"{what}: {code} is not mentioned in the article", {"country": v})
        elif code not in codes:
            codes.append(code)
    return codes


def _codes_only_in_blocked(ctx: ArticleContext) -> set[str]:
    inside, outside = set(), set()
    for m in ctx.candidates.countries:
        (inside if ctx.in_blocked(m.start, m.end) else outside).add(m.value)
    return inside - outside


# What a model writes into a slot it cannot fill: the slot is unknown, not a wrong value.
_PLACEHOLDERS = frozenset({"", "unknown", "none", "null", "n/a", "na", "-", "?", "not stated", "not specified",
                           "not mentioned", "unspecified", "tidak diketahui", "tidak disebutkan"})


def unknown(value: str | None) -> bool:
    return value is None or value.strip().strip(".").casefold() in _PLACEHOLDERS


def _find_in(ctx: ArticleContext, needle: str, evidence) -> int:
    """Offset of `needle` inside the evidence quotes, else anywhere (`_find`): "Wednesday" told
    twice in an article is the one of the sentence the record cites."""
    if not needle or len(needle.strip()) < 2:
        return -1
    pattern = re.compile(re.escape(needle.strip()), re.IGNORECASE)
    for ev in evidence:
        if (m := pattern.search(ctx.text, ev.start, ev.end)) is not None:
            return m.start()
    return _find(ctx, needle)


def _date(ctx: ArticleContext, words: str | None, out: Built, what: str, evidence=()) -> DateInfo:
    from qa_app.nlp.dates import resolve_date

    if unknown(words):
        return DateInfo()
    pos = _find_in(ctx, words, evidence)
    if pos < 0:
        out.reject("field", f"{what}: date words {words!r} not found in the article", {"date_text": words})
        return DateInfo()
    end = pos + len(words.strip())
    exact = ctx.text[pos:end]
    # The candidates step resolved this date in its sentence (a year stated nearby, the
    # report day "pada Rabu"); resolving the bare words again would lose that context.
    found = next((m for m in ctx.candidates.dates if m.start < end and pos < m.end and m.value), None)
    if found is not None:
        x = found.extra
        return DateInfo(value=found.value, precision=x.get("precision"), text=found.text,
                        resolution=x.get("resolution", "unresolved"), end=x.get("end"))
    dv = resolve_date(exact, ctx.language, ctx.doc.published, ctx.context_year)
    return DateInfo(value=dv.value, precision=dv.precision, text=exact, resolution=dv.resolution, end=dv.end)


def _location(ctx: ArticleContext, place: str | None, out: Built) -> Location:
    from qa_app.nlp.countries import country_code

    if unknown(place):
        return Location()
    if _find(ctx, place) < 0:
        out.reject("field", f"location {place!r} not found in the article", {"location": place})
        return Location()
    for m in ctx.candidates.places:
        if m.text.lower() == place.strip().lower() or (m.value or "").lower() == place.strip().lower():
            kind = m.extra.get("type", "city")
            return Location(city=m.value if kind == "city" else None, region=m.value if kind == "region" else None,
                            country=m.extra.get("country"))
    code = country_code(place)
    return Location(country=code) if code else Location(city=place.strip())


def _participants(ctx: ArticleContext, drafts, out: Built, within=()) -> list[Participant]:
    """The people of a meeting, each grounded at their mention in the meeting's own evidence
    (`within`) when it names them there, else at their first full mention (their office and state
    are read from that one either way)."""
    from qa_app.nlp.countries import country_code
    from qa_app.nlp.people import canonical_person
    from qa_app.nlp.people_lexicon import speaks_for_others

    by_name: dict[str, object] = {}
    for m in ctx.candidates.people:  # the first full mention, not a later short "Sun"
        if not m.extra.get("short"):
            by_name.setdefault(m.value, m)
    for m in ctx.candidates.people:
        by_name.setdefault(m.value, m)
    people: dict[str, Participant] = {}
    for d in drafts:
        if unknown(d.name):
            continue  # "NONE": the model had nobody to name
        name, rank = canonical_person(d.name)
        mention = by_name.get(name) or next((m for m in ctx.candidates.people if name and name in (m.value or "")), None)
        pos = mention.start if mention else _find(ctx, name)
        if pos < 0:
            out.reject("participant", f"person {d.name!r} not found in the article", d)
            continue
        end = mention.end if mention else pos + len(name)
        canonical = mention.value if mention else name
        here = next((m for m in ctx.candidates.people if m.value == canonical
                     and any(e.start <= m.start and m.end <= e.end for e in within)), None)
        if here is not None:
            pos, end = here.start, here.end
        role = (None if unknown(d.role) else d.role) or (mention.extra.get("role") if mention else None)
        if speaks_for_others(role):
            out.reject("participant", f"{canonical} is a spokesperson ({role}): who announces a meeting does not attend it", d)
            continue
        rank = rank or (mention.extra.get("rank") if mention else None)
        if rank and role and rank not in role:
            role = f"{rank} · {role}"
        country = country_code(d.country) if not unknown(d.country) else None
        if mention and mention.extra.get("country"):
            country = country or mention.extra["country"]
        people.setdefault(canonical, Participant(
            name=canonical, role=role or rank, country=country,
            evidence=[Evidence(doc_id=ctx.doc.id, start=pos, end=end, quote=ctx.text[pos:end])],
        ))
    return list(people.values())


def _mechanism(ctx: ArticleContext, mechanism: str | None, out: Built, evidence=(), round_hint: int | None = None
               ) -> tuple[str | None, int | None]:
    """The named mechanism, preferring its mention inside the evidence, and its round there."""
    if unknown(mechanism):
        return None, None
    want = mechanism.lower()
    found = [m for m in ctx.candidates.mechanisms if want in m.text.lower() or m.text.lower() in want]
    if found:
        def inside(m) -> bool:
            return any(e.start <= m.start and m.end <= e.end for e in evidence)

        best = next((m for m in found if inside(m)), found[0])
        rounds = [m.extra["round"] for m in ctx.candidates.mechanisms
                  if m.extra.get("round") and m.extra.get("family") == best.extra.get("family") and inside(m)]
        return best.value or best.text, round_hint or (rounds[0] if rounds else None)
    if _find(ctx, mechanism) >= 0:
        return mechanism.strip(), round_hint
    out.reject("field", f"mechanism {mechanism!r} not found in the article", {"mechanism": mechanism})
    return None, None


def build_records(ctx: ArticleContext, draft: Draft, model_written: bool = False) -> Built:
    """Grounded records of a draft. For a draft a model wrote (`model_written`), titles and
    actions are also checked: they may name only what the article names, and must agree in
    meaning with their evidence."""
    out = Built()
    for md in draft.meetings:
        evidence, why = _evidence(ctx, md.evidence)
        if why:
            out.reject("meeting", why, md)
            continue
        countries = _countries(ctx, list(md.countries), out, "meeting country")
        participants = _participants(ctx, md.participants, out, evidence)
        countries += [p.country for p in participants if p.country and p.country not in countries]
        if not countries and not participants:
            out.reject("meeting", "no country or participant of the meeting is grounded in the article", md)
            continue
        mechanism, round_no = _mechanism(ctx, md.mechanism, out, evidence, md.round)
        title = md.title.strip()[:160] or "Meeting"
        if model_written:
            title = _checked_text(ctx, out, "meeting title", title, lambda: neutral_title(md.kind, countries))
        out.meetings.append(Meeting(
            id=f"{ctx.doc.id}:m{len(out.meetings) + 1}", title=title,
            kind=md.kind, status=md.status, date=_date(ctx, md.date_text, out, "meeting date", evidence),
            location=_location(ctx, md.location, out), countries=countries, participants=participants,
            mechanism=mechanism, round=round_no, topics=list(dict.fromkeys(md.topics)), evidence=evidence,
        ))
    # "Foreign Ministers Wong and Wang Yi agreed to ...": the states of the meetings' people
    people_states = frozenset(p.country for m in out.meetings for p in m.participants if p.country)
    for cd in draft.commitments:
        evidence, why = _evidence(ctx, cd.evidence)
        if why:
            out.reject("commitment", why, cd)
            continue
        actors = _countries(ctx, list(cd.actors), out, "commitment actor", people_states)
        if not actors:
            out.reject("commitment", "no actor of the commitment is a country mentioned in the article", cd)
            continue
        target = _date(ctx, cd.target_date_text, out, "target date", evidence) if cd.target_date_text else None
        action = cd.action.strip()[:200] or "commitment"
        if model_written:
            action = _checked_text(ctx, out, "commitment action", action, lambda: evidence[0].quote[:200])
        out.commitments.append(Commitment(
            id=f"{ctx.doc.id}:c{len(out.commitments) + 1}", actors=actors, action=action,
            topic=cd.topic, modality=cd.modality, target_date=target if target and target.text else None,
            meeting_id=_meeting_for(out.meetings, actors), evidence=evidence,
        ))
    if model_written:
        _check_meaning(ctx, out)
    return out


def _check_meaning(ctx: ArticleContext, out: Built) -> None:
    """Titles and actions that do not agree with their evidence are replaced by grounded text."""
    from qa_app.extract.grounding import MIN_AGREEMENT, agreement

    items = [(m, "meeting title", m.title) for m in out.meetings if m.title != neutral_title(m.kind, m.countries)]
    items += [(c, "commitment action", c.action) for c in out.commitments if c.action != c.evidence[0].quote[:200]]
    scores = agreement([(text, " ".join(e.quote for e in rec.evidence)) for rec, _, text in items])
    for (rec, what, text), score in zip(items, scores):
        if score >= MIN_AGREEMENT:
            continue
        out.reject("field", f"{what} {text!r} does not agree with its evidence (similarity {score:.2f} < "
                            f"{MIN_AGREEMENT:.2f})", {what.split()[-1]: text})
        if what == "meeting title":
            rec.title = neutral_title(rec.kind, rec.countries)
        else:
            rec.action = rec.evidence[0].quote[:200]


def _checked_text(ctx: ArticleContext, out: Built, what: str, text: str, fallback) -> str:
    """A free-text field a model wrote, or `fallback()` when it names what the article does not."""
    why = free_text_problem(ctx, what, text)
    if why is None:
        return text
    out.reject("field", why, {what.split()[-1]: text})
    return fallback()


def _meeting_for(meetings: list[Meeting], actors: list[str]) -> str | None:
    """The held meeting of the article whose countries cover the commitment's actors."""
    held = [m for m in meetings if m.status == "held" and set(actors) <= set(m.countries)]
    return held[0].id if len(held) == 1 else None
