"""The `rules` backend: deterministic extraction from candidates and cue lexicons, no model.

It is the baseline the evaluation compares models against and the offline fallback. It
only points at what the candidate finders found (sentence ids, ISO3 codes, people, date
words, places, mechanisms), so grounding holds by construction. Word lists live in
`lex_cues.json` ("meeting", "commitment", "status_planned", "topics" and the "rules" block).

Meetings, sentence by sentence (instruction-like sentences excluded):
- An *anaphoric phrase* ("dialog tersebut", "Dialog Bersama SOM 2+2 ini", "the meeting")
  points back at a meeting already found; its cue word, mechanism and countries are used
  to attach the sentence to that meeting (as evidence, with its named delegates), not to
  start a new one. So does a sentence naming delegates ("Tiongkok diwakili oleh ...").
- An *anchor* is a sentence with a strong meeting cue (talks, bertemu, KTT, dialog; not
  "strengthen dialogue") or a weak one (held, menggelar) plus a mechanism or delegates of
  two states. Its countries are the states named outside topic phrases ("bertukar
  pandangan mengenai krisis Ukraina"), outside a place apposition ("Samarkand,
  Uzbekistan") and outside the dateline, plus the countries of the people it names (not
  of a speaker who reports it: "Jailani menambahkan bahwa ..."), plus the host when one
  side travels ("berada di Moskow"). Its mechanism is the first one not in a topic phrase
  or a founding clause ("didirikan ... pada tahun 2001" is not a meeting date); its date
  the most precise date word near it; its place a city or region after "di"/"in".
- Anchors join the same meeting when nothing conflicts (planned vs not, dates, mechanism
  family and round, city, countries) and something links them: the same mechanism, a
  shared person, a pronoun subject ("Ia juga bertemu ..."), the same date for two bare
  mentions, or a bare mention (countries and a cue only) of the same states.
- Countries still missing: "kedua pihak" / "both sides" take the nearest meeting's
  states; a named mechanism falls back on the article's two main states; a forum summit
  takes the member list the article gives ("blok BRICS meliputi ..."). Meetings left with
  fewer than two states are dropped.
- Status: planned when the sentence says so (akan, berencana, will) or its date is after
  the reference date; the main meeting (latest day-precise date, else the first) is held;
  a meeting dated before the main one, or more than two weeks before publication, or
  marked "pernah"/"last year", is referenced.
- A dateline city ("Jakarta –") is the fallback place of the held meeting when it lies
  in one of its states.

Commitments: a sentence with a commitment cue whose actors are the states named before
the cue (the subject: "Indonesia reaffirmed ...", "Sun mengatakan Tiongkok mendukung
Rusia" -> CHN), plus the meeting's states when "kedua negara" / "both sides" is the
subject. Not commitments: "agreed that ...", "stressed the importance of ...", "reiterated
its positions", what a state "should" do, a planned meeting, a sentence about one state
only with no international scope. Coordinated actions ("... serta ...") are split;
repeated statements of one commitment (same actors, same content words) are merged.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from qa_app.backends.base import Backend, BackendInfo, Capabilities, StructuredResult, Usage
from qa_app.errors import ConfigError

ANCHOR_GAP = 3  # sentences this far apart or closer may describe one meeting
NEAR_CHARS = 120  # a date or place this close to the meeting words belongs to them
MAX_EVIDENCE = 4
REFERENCED_AFTER_DAYS = 14  # a meeting this long before publication is a past one
_TOKEN = re.compile(r"\w+(?:[+'’\-]\w+)*")
_DATELINE = re.compile(r"[^\n–—]{0,60}?(?:\([^)\n]{1,40}\))?\s*[–—-]\s")
_PRECISION = {"day": 3, "month": 2, "year": 1}
_UNTIL = re.compile(r"^(?:until|till|by|sehingga|hingga|sampai|jusqu)\b", re.IGNORECASE)
_SINCE = re.compile(r"^(?:since|sejak|semenjak|depuis)\b", re.IGNORECASE)
# Word lists used for a language besides its own and English: Malay reads with the Indonesian ones
# (language detection often says "ms" for short Indonesian texts).
_RELATED = {"ms": ("id",), "id": ("ms",)}
# A coordinated action starts with a verb: Indonesian meN-/ber- forms, English -ing forms.
_VERBISH = re.compile(r"(?:me|ber)[a-z]{3,}|[a-z]{3,}ing", re.IGNORECASE)
# Photo captions describe a picture, often of an earlier moment: never the statement of a meeting.
_CAPTION = re.compile(r"^\W*(?:photo|foto|caption|keterangan foto|gambar|image|pic)\s*:", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[•\-–*▪])\s+")
_QUOTE_MARK = re.compile(r"[\"“”]")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_COORDINATOR = re.compile(r"(?:\band\b|\bdan\b|\bserta\b|\bet\b|,)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",?\s+(?:and|dan|serta|while|sementara|as well as)\s+|[,;]\s+", re.IGNORECASE)
_NOT_VERBS = frozenset({"menteri", "media", "meeting", "during", "including", "morning", "evening"})


# --- output (what build_records reads) ------------------------------------------------------


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


# --- lexicon: one token table for every word class -------------------------------------------


class _Table:
    """Phrases (token tuples) by their first token; one pass over the tokens finds them all."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}

    def add(self, phrase: str, cls: str, label: str = "") -> None:
        toks = tuple(t.lower() for t in _TOKEN.findall(phrase))
        if toks:
            self.by_first.setdefault(toks[0], []).append((toks, cls, label))

    def scan(self, low: list[str]) -> list[tuple[str, int, int, str]]:
        """(class, first token, end token, label): per class the longest match, no overlaps."""
        out, free = [], {}
        for i, w in enumerate(low):
            cands = self.by_first.get(w)
            if not cands:
                continue
            best: dict[str, tuple[int, str]] = {}
            for toks, cls, label in cands:
                n = len(toks)
                if free.get(cls, 0) > i or (n > 1 and tuple(low[i:i + n]) != toks):
                    continue
                if cls not in best or n > best[cls][0]:
                    best[cls] = (n, label)
            for cls, (n, label) in best.items():
                out.append((cls, i, i + n, label))
                free[cls] = i + n
        return out


@lru_cache(maxsize=8)
def _table(language: str) -> _Table:
    from qa_app.nlp.lexicon import load

    lex = load("cues")
    langs = list(dict.fromkeys([language, *_RELATED.get(language, ()), "en"]))
    rules = lex["rules"]
    weak = {w.lower() for lang in langs for w in rules["meeting_weak"].get(lang, [])}
    t = _Table()
    for lang in langs:
        for w in lex["meeting"].get(lang, []):
            t.add(w, "meet", "weak" if w.lower() in weak else "strong")
        for w in lex["status_planned"].get(lang, []):
            t.add(w, "planned")
        for key, words in rules.items():
            if key not in ("_doc", "meeting_weak", "stopwords") and isinstance(words, dict):
                for w in words.get(lang, []):
                    t.add(w, key)
    for modality, words in lex["commitment"].items():
        for w in words:
            t.add(w, "commit", modality)
    for topic, words in lex["topics"].items():
        for w in words:
            t.add(w, "topic", topic)
    return t


# --- the article, tokenised once, and its sentences --------------------------------------------


@dataclass
class _Sent:
    sid: str
    pos: int
    start: int
    end: int
    text: str
    hits: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # class -> [(tok i, tok j, label)]
    countries: list = field(default_factory=list)
    people: list = field(default_factory=list)
    places: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    mechs: list = field(default_factory=list)
    dateline_end: int = -1  # char offset where the dateline ends, -1 when none

    def get(self, cls: str) -> list[tuple[int, int, str]]:
        return self.hits.get(cls, [])


class _Doc:
    """Tokens, per-sentence hits and candidates of one article."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        text = ctx.text
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.tstart = [a for a, _ in spans]
        self.tend = [b for _, b in spans]
        self.low = [text[a:b].lower() for a, b in spans]
        self.sents = [_Sent(sid, pos, s.start, s.end, s.text) for pos, (sid, s) in enumerate(ctx.sentences.items())]
        self._starts = [s.start for s in self.sents]
        for cls, i, j, label in _table(ctx.language).scan(self.low):
            s = self.sentence_at(self.tstart[i])
            if s is not None and self.tend[j - 1] <= s.end:
                s.hits.setdefault(cls, []).append((i, j, label))
        c = ctx.candidates
        for attr, ms in (("countries", c.countries), ("people", c.people), ("places", c.places),
                         ("dates", c.dates), ("mechs", c.mechanisms)):
            for m in ms:
                s = self.sentence_at(m.start)
                if s is not None and m.end <= s.end:
                    getattr(s, attr).append(m)
        for s in self.sents:
            s.dateline_end = self._dateline_end(s)
        self.full_people = c.people_by_name()
        # States the text names outside instruction-like sentences: the only ones build_records keeps.
        self.mentioned = {m.value for s in self.sents if s.sid not in ctx.blocked for m in s.countries if m.value}

    def sentence_at(self, offset: int) -> _Sent | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        return self.sents[k] if k >= 0 and offset < self.sents[k].end else None

    def tok(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.tstart, offset)

    def char(self, tok_i: int) -> int:
        return self.tstart[tok_i] if tok_i < len(self.tstart) else len(self.ctx.text)

    def _dateline_end(self, s: _Sent) -> int:
        """'Jakarta – ...', 'BEIJING - ...', 'Fuzhou, China (Xinhua) – ...': a place opens the sentence."""
        first = next((p for p in s.places if p.start == s.start and p.extra.get("type") == "city"), None)
        if first is None:
            return -1
        m = _DATELINE.match(self.ctx.text, first.end, s.end)
        return m.end() if m else -1


# --- one sentence's report of a meeting --------------------------------------------------------


@dataclass
class _Anchor:
    pos: int
    sid: str
    countries: set[str]
    people: list
    mech: object = None
    date: object = None
    place: object = None
    planned: bool = False
    referenced: bool = False
    both: bool = False
    pronoun: bool = False
    summit: bool = False
    visit: bool = False
    call: bool = False
    strong: bool = False  # a meeting word of its own (talks, visit, bertemu), not only "held"
    both_count: int | None = None  # "the three leaders" -> 3
    topics: list[str] = field(default_factory=list)

    @property
    def bare(self) -> bool:
        return self.mech is None and not self.people and self.date is None


@dataclass
class _Group:
    """A meeting of the article as it is being assembled."""

    first: _Anchor
    evidence: list[str]
    positions: list[int]
    countries: set[str]
    people: dict  # canonical name -> mention
    mech: object = None
    date: object = None
    place: object = None
    planned: bool = False
    referenced: bool = False
    both: bool = False
    summit: bool = False
    visit: bool = False
    call: bool = False
    strong: bool = False
    both_count: int | None = None
    topics: list[str] = field(default_factory=list)
    status: str = "held"

    @classmethod
    def of(cls, a: _Anchor) -> "_Group":
        g = cls(a, [a.sid], [a.pos], set(), {})
        g.absorb(a)
        return g

    @property
    def last(self) -> int:
        return self.positions[-1]

    @property
    def bare(self) -> bool:
        return self.mech is None and not self.people and self.date is None

    def absorb(self, a: _Anchor) -> None:
        if a.sid not in self.evidence:
            self.evidence.append(a.sid)
            self.positions.append(a.pos)
        self.countries |= a.countries
        for p in a.people:
            self.people.setdefault(p.value, p)
        if self.mech is None or (a.mech is not None and a.mech.extra.get("round") and not self.mech.extra.get("round")):
            self.mech = a.mech or self.mech
        if a.date is not None and (self.date is None or _prec(a.date) > _prec(self.date)):
            self.date = a.date
        self.place = self.place or a.place
        for flag in ("planned", "referenced", "both", "summit", "visit", "call", "strong"):
            setattr(self, flag, getattr(self, flag) or getattr(a, flag))
        self.both_count = self.both_count or a.both_count
        self.topics += [t for t in a.topics if t not in self.topics]

    def attach(self, s: _Sent, people: list, countries: set[str]) -> None:
        if s.sid not in self.evidence:
            self.evidence.append(s.sid)
            self.positions.append(s.pos)
        for p in people:
            self.people.setdefault(p.value, p)
        self.countries |= countries | {p.extra["country"] for p in people if p.extra.get("country")}


def _fold_undated(groups: list[_Group]) -> list[_Group]:
    """An undated meeting of exactly the same states as a dated one (and as planned) is the
    same meeting told again ("The four ministers met for 80 minutes"): one record, not two."""
    out = []
    for g in groups:
        if g.date is None and g.mech is None:
            same = [o for o in groups if o is not g and o.date is not None and o.countries == g.countries
                    and o.planned == g.planned and not o.referenced
                    and not _other_delegation(o.people.values(), g.people.values())]
            if same:
                target = min(same, key=lambda o: min(abs(p - q) for p in o.positions for q in g.positions))
                for sid, pos in zip(g.evidence, g.positions):
                    if sid not in target.evidence:
                        target.evidence.append(sid)
                        target.positions.append(pos)
                for name, p in g.people.items():
                    target.people.setdefault(name, p)
                target.place = target.place or g.place
                continue
        out.append(g)
    return out


def _prec(date_mention) -> int:
    return _PRECISION.get(date_mention.extra.get("precision"), 0) if date_mention is not None else -1


def _family(mech) -> str:
    return mech.extra.get("family") or mech.value or mech.text


# --- dates as intervals ---------------------------------------------------------------------------


def _interval(value: str | None, end: str | None = None) -> tuple[str, str] | None:
    if not value:
        return None
    last = end or value
    lo = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    if len(last) == 7:  # the last day of that month
        import calendar

        y, m = int(last[:4]), int(last[5:7])
        hi = f"{last}-{calendar.monthrange(y, m)[1]:02d}"
    else:
        hi = last + "-12-31"[len(last) - 4:] if len(last) < 10 else last
    return lo[:10], hi[:10]


def _mention_interval(m) -> tuple[str, str] | None:
    return _interval(m.value, m.extra.get("end")) if m is not None else None


def _overlap(a, b) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


# --- the backend --------------------------------------------------------------------------------


class RulesBackend(Backend):
    def __init__(self):
        self.info = BackendInfo("rules", rules_identity())
        self.capabilities = Capabilities(constrained=True, writes_answers=False, model_free=True, concurrent=True)

    def structured(self, messages, response_model, max_retries=2, max_tokens=1024) -> StructuredResult:
        raise ConfigError("the rules backend extracts from candidates directly; it takes no prompt")

    def complete(self, messages, max_tokens=512) -> tuple[str, Usage]:
        raise ConfigError("the rules backend cannot write answers; use --mode extractive")

    def draft(self, ctx) -> RuleDraft:
        doc = _Doc(ctx)
        sents = [s for s in doc.sents if s.sid not in ctx.blocked]
        groups, planned_anchor_pos = _MeetingFinder(doc).run(sents)
        meetings = [_to_meeting(doc, g) for g in groups]
        return RuleDraft(meetings, _Commitments(doc, groups, planned_anchor_pos).run(sents))


@lru_cache(maxsize=1)
def rules_identity() -> str:
    """"rules-<hash>": the content hash of the lexicons and of the code that applies them, so that
    changing either makes cached extractions stale instead of silently reused."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    data = resources.files("qa_app.data")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith((".json", ".txt"))):
        h.update(name.encode() + b"\0" + data.joinpath(name).read_bytes())
    code = resources.files("qa_app")
    for part in ("backends/rules.py", "nlp", "ingest/clean.py", "ingest/published.py", "extract/build.py"):
        node = code.joinpath(part)
        files = sorted(node.iterdir(), key=lambda p: p.name) if node.is_dir() else [node]
        for f in files:
            if f.name.endswith(".py"):
                h.update(f.name.encode() + b"\0" + f.read_bytes())
    return f"rules-{h.hexdigest()[:12]}"


# --- meetings -----------------------------------------------------------------------------------


class _MeetingFinder:
    def __init__(self, doc: _Doc) -> None:
        self.doc = doc
        self.groups: list[_Group] = []
        self.planned_anchor_pos: set[int] = set()

    def run(self, sents: list[_Sent]) -> tuple[list[_Group], set[int]]:
        # The body states the meetings; a headline sums them up, so it is read last and joins the
        # meeting it names rather than gluing together the body's meetings.
        heads = [s for s in sents if _is_headline(self.doc, s)]
        for s in [s for s in sents if s not in heads] + heads:
            self._sentence(s, headline=s in heads)
        pair = _main_pair(self.doc, sents)
        self._fill_countries(pair, sents)
        for g in self.groups:  # build_records keeps only states the text names, and adds the people's states
            g.countries = (g.countries & self.doc.mentioned) | {
                p.extra["country"] for p in g.people.values() if p.extra.get("country")}
        groups = [g for g in self.groups if len(g.countries) >= 2]
        self._date_from_neighbours(groups)
        groups = _fold_undated(groups)
        _resolve_status(groups, self.doc.ctx.doc.published)
        self._dateline_place(groups)
        return sorted(groups, key=lambda g: g.positions[0]), self.planned_anchor_pos

    # one sentence: a new anchor, or an attachment to a meeting already found
    def _sentence(self, s: _Sent, headline: bool = False) -> None:
        ana = _anaphora(self.doc, s) if self.groups else []
        if _founding_only(self.doc, s, ana):
            return  # "The dialogue, launched in 2023, ...": about the mechanism, not a meeting
        anchor = None if _CAPTION.match(s.text) else _anchor(self.doc, s, ana, host=not headline)
        if anchor is not None and s.get("separate"):
            parts = _separate_meetings(self.doc, s, anchor)
            if parts:
                for part in parts:
                    self.groups.append(_Group.of(part))
                return
        if anchor is not None:
            if anchor.planned:
                self.planned_anchor_pos.add(s.pos)
            target = self._headline_target(anchor) if headline else self._merge_target(anchor)
            if target is None:
                self.groups.append(_Group.of(anchor))
            else:
                target.absorb(anchor)
            return
        if ana or s.get("participation"):
            self._attach(s, ana)

    def _headline_target(self, a: _Anchor) -> _Group | None:
        """The body meeting a headline names: most shared states and people, the earliest on ties."""
        best, key = None, None
        for g in self.groups:
            if not _compatible(g, a):
                continue
            shared = len(g.countries & a.countries) + 2 * len(set(g.people) & {p.value for p in a.people})
            if shared < 2 and not (g.mech is not None and a.mech is not None):
                continue
            same_mech = g.mech is not None and a.mech is not None and _family(g.mech) == _family(a.mech)
            k = (same_mech, shared, not g.referenced, -g.positions[0])
            if key is None or k > key:
                best, key = g, k
        return best

    def _merge_target(self, a: _Anchor) -> _Group | None:
        for g in sorted(self.groups, key=lambda g: -g.last):
            if _compatible(g, a) and _linked(g, a, a.pos - g.last <= ANCHOR_GAP):
                return g
        return None

    def _attach(self, s: _Sent, ana: list[tuple[int, int]]) -> None:
        doc = self.doc
        mechs = [m for m in s.mechs if any(doc.char(i) <= m.start < doc.char(j) for i, j in ana)]
        target = None
        if mechs:
            fam = _family(mechs[0])
            target = next((g for g in sorted(self.groups, key=lambda g: -g.last)
                           if g.mech is not None and _family(g.mech) == fam), None)
        if target is None and self.groups:
            near = max(self.groups, key=lambda g: g.last)
            if ana or s.pos - near.last <= ANCHOR_GAP:
                target = near
        if target is None:
            return
        if self._another_occasion(s, target):
            return
        if ana:  # "The talks in Anchorage on Thursday and Friday ...": the when and where of that meeting
            at = [doc.char(i) for i, _ in ana]
            date = _pick_date(s, at, s.end)
            if target.date is None or (date is not None and date.extra.get("end") and _overlap(
                    _mention_interval(date), _mention_interval(target.date))):
                target.date = date or target.date  # "which ran from Tuesday to Thursday": the whole span
            target.place = target.place or _pick_place(doc, s, at, _topic_start(doc, s))
        people = _participants(doc, s, first_cue=s.end)
        countries = set()
        part = s.get("participation")
        if part:
            cue = doc.char(part[0][0])
            countries = {m.value for m in _own_countries(doc, s) if m.value and m.start < cue}
            listed = {m.value for m in _own_countries(doc, s) if m.value and m.start > cue}
            if len(listed) >= 3:
                countries |= listed  # "delegations from every ASEAN member: Brunei, Cambodia, ..."
        target.attach(s, people, countries)

    def _same_parties(self) -> None:
        """'The three leaders last met in May', 'The Quad ministers last met in September 2023':
        a group subject or the same forum names the parties of the meeting told nearby, of which
        this one names only some."""
        for g in self.groups:
            def same_forum(o: _Group) -> bool:
                return g.mech is not None and o.mech is not None and _family(o.mech) == _family(g.mech)
            n = g.both_count
            cands = [o for o in self.groups if o is not g and len(o.countries) > len(g.countries)
                     and g.countries <= o.countries
                     and ((g.both and (n is None or len(o.countries) == n)) or same_forum(o))]
            if cands:
                near = min(cands, key=lambda o: min(abs(p - q) for p in o.positions for q in g.positions))
                g.countries |= near.countries

    def _another_occasion(self, s: _Sent, target: _Group) -> bool:
        """'The consultation ... was last held in 2017': a sentence pointing back at a meeting but
        dated apart from it reports another meeting of the same parties (a new group)."""
        if not s.get("meet") or target.date is None:
            return False
        a = _anchor(self.doc, s, [], loose=True)
        if a is None or a.date is None or _overlap(_mention_interval(a.date), _mention_interval(target.date)):
            return False
        a.countries |= target.countries
        a.mech = a.mech or target.mech
        a.referenced = a.referenced or (_mention_interval(a.date)[1] < _mention_interval(target.date)[0])
        self.groups.append(_Group.of(a))
        return True

    def _fill_countries(self, pair: list[str], sents: list[_Sent]) -> None:
        self._same_parties()
        for g in self.groups:
            if g.summit and g.mech is not None:
                members = _members(self.doc, sents, _family(g.mech))
                if members:
                    g.countries |= members[0]
                    g.attach(members[1], [], set())
            if len(g.countries) >= 2:
                continue
            if g.both:
                near = _nearest(self.groups, g, lambda o: o is not g and not o.planned and len(o.countries) >= 2)
                if near is not None:
                    g.countries |= near.countries
                    continue
            if (g.mech is not None or g.both) and len(pair) == 2 and g.countries <= set(pair):
                g.countries |= set(pair)
            elif g.strong and len(pair) == 2 and len(g.countries) == 1 and g.countries <= set(pair):
                # "It follows a working visit by Anwar to Jakarta last month": one state is named, the
                # other side is the article's other main state
                g.countries |= set(pair)

    def _date_from_neighbours(self, groups: list[_Group]) -> None:
        """A meeting stated without a date takes the day or month the sentence right before or
        after it gives ("... were in Manila for the second 2+2." / "They signed the pact on Monday."),
        unless that sentence belongs to another meeting."""
        used = {sid for g in groups for sid in g.evidence}
        by_pos = {s.pos: s for s in self.doc.sents if s.sid not in self.doc.ctx.blocked}
        for g in groups:
            if g.date is not None:
                continue
            first = by_pos.get(g.positions[0])
            if first is not None and first.get("same_day"):
                # "pada hari yang sama", "the same day": the day of the meeting told just before
                before = [o for o in groups if o is not g and o.date is not None and o.positions[0] < g.positions[0]]
                if before:
                    g.date = max(before, key=lambda o: o.positions[0]).date
                    continue
            for pos in (g.positions[0] + 1, g.positions[0] - 1):
                s = by_pos.get(pos)
                if s is None or (s.sid in used and s.sid not in g.evidence):
                    continue
                dates = [d for d in s.dates if d.value and _prec(d) >= _PRECISION["month"]
                         and not _SINCE.search(d.extra.get("phrase", ""))]
                if len(dates) == 1:
                    g.date = dates[0]
                    g.attach(s, [], set())
                    used.add(s.sid)
                    break

    def _dateline_place(self, groups: list[_Group]) -> None:
        held = [g for g in groups if g.status == "held"]
        if len(held) != 1 or held[0].place is not None:
            return
        for s in self.doc.sents:
            if s.dateline_end > 0:
                place = s.places[0]
                if place.extra.get("country") in held[0].countries:
                    held[0].place = place
                return


def _is_headline(doc: _Doc, s: _Sent) -> bool:
    """The article's title line, kept at the top of the text."""
    title = (doc.ctx.doc.title or "").strip()
    return bool(title) and s.pos <= 2 and s.text.strip() == title and not s.text.rstrip().endswith(".")


def _anaphora(doc: _Doc, s: _Sent) -> list[tuple[int, int]]:
    """Token spans of phrases pointing back at a meeting: 'dialog tersebut', 'the meeting'."""
    out = []
    after = {i for i, _, _ in s.get("anaphora_after")}
    breakers = {i for i, _, _ in s.get("np_breakers")}
    before = {j: i for i, j, _ in s.get("anaphora_before")}
    the = {j: i for i, j, _ in s.get("anaphora_the")}
    for i, j, _ in s.get("meeting_nouns"):
        det = the.get(i, next((before[k] for k in (i, i - 1, i - 2) if k in before), None))
        if det is not None:
            out.append((det, j))  # "the meeting", "this dialogue", "that first round"
            continue
        for k in range(j, min(j + 5, len(doc.low))):
            if k in after:
                out.append((i, k + 1))
                break
            if k in breakers or doc.char(k) >= s.end:
                break
    return out


def _founding_only(doc: _Doc, s: _Sent, ana: list[tuple[int, int]]) -> bool:
    """A founding verb ('launched', 'didirikan') with no meeting word of its own before it."""
    found = s.get("founding")
    if not found:
        return False
    strong, _ = _cues(doc, s, ana)
    return not any(i < found[0][0] for i, _ in strong)


def _inside(doc: _Doc, m, spans: list[tuple[int, int]]) -> bool:
    return any(doc.char(i) <= m.start and m.end <= doc.tend[j - 1] for i, j in spans)


def _topic_start(doc: _Doc, s: _Sent) -> int:
    """Char offset from which named states are topics ('mengenai krisis Ukraina'), else the end."""
    marks = s.get("topic_markers")
    return doc.char(marks[0][0]) if marks else s.end


def _own_countries(doc: _Doc, s: _Sent, skip: list[tuple[int, int]] = ()) -> list:
    """Country mentions that can be a party: not topics, not a place's apposition, not the dateline."""
    topic = _topic_start(doc, s)
    out = []
    for m in s.countries:
        if m.start >= topic or m.start < s.dateline_end or (skip and _inside(doc, m, skip)):
            continue
        if any(0 <= m.start - p.end <= 2 and doc.ctx.text[p.end:m.start].strip() in (",", "")
               and p.extra.get("country") in (m.value, None) for p in s.places):
            continue  # "Samarkand, Uzbekistan", "Provinsi Fujian, China timur"
        out.append(m)
    return out


def _participants(doc: _Doc, s: _Sent, first_cue: int) -> list:
    """People of the sentence, without speakers who report the meeting."""
    out = []
    compl = {i for i, _, _ in s.get("complementizers")}
    attrib_end = {j for _, j, _ in s.get("attribution")}
    topic = _topic_start(doc, s)
    for p in s.people:
        if not p.value or p.start >= topic:
            continue
        pt = doc.tok(p.extra.get("phrase_start", p.start))
        if pt in attrib_end or pt - 1 in attrib_end:
            continue  # "Menurut Abdul Kadir Jailani, ...", "kata Sun"
        if any(p.end <= doc.char(i) < first_cue and ({j, j + 1} & compl) for i, j, _ in s.get("speech")):
            continue  # "Jailani juga menambahkan bahwa dialog ini ..."
        out.append(doc.full_people.get(p.value, p) if not p.extra.get("role") else p)
    return out


def _cues(doc: _Doc, s: _Sent, consumed: list[tuple[int, int]]) -> tuple[list, list]:
    """(strong, weak) meeting cue hits outside anaphoric phrases and not used abstractly."""
    abstract_end = {j for _, j, _ in s.get("abstract_verbs")}
    strong, weak = [], []
    for i, j, label in s.get("meet"):
        if any(a <= i < b for a, b in consumed):
            continue
        if label == "strong" and (i in abstract_end or i - 1 in abstract_end):
            continue  # "strengthen dialogue", "mekanisme konsultasi"
        (strong if label == "strong" else weak).append((i, j))
    strong += [(i, j) for i, j, _ in s.get("call") if not any(a <= i < b for a, b in consumed)]  # "by telephone"
    return sorted(strong), weak


def _anchor(doc: _Doc, s: _Sent, ana: list[tuple[int, int]], loose: bool = False, host: bool = True) -> _Anchor | None:
    """The meeting this sentence reports; `loose`: any meeting word will do (the caller knows the parties);
    `host`: the state of the meeting's city takes part when one side travels (not in a headline, whose
    few words leave out the other side)."""
    strong, weak = _cues(doc, s, ana)
    if not strong and not weak:
        return None
    topic = _topic_start(doc, s)
    found_at = doc.char(s.get("founding")[0][0]) if s.get("founding") else s.end
    # "on the sidelines of the BRICS summit": the forum is where, not what, this meeting is
    side_at = doc.char(s.get("sidelines")[0][1]) if s.get("sidelines") else s.end
    mechs = [m for m in s.mechs if m.start < min(topic, found_at, side_at) and not _inside(doc, m, ana)]
    first_cue = min(doc.char(i) for i, _ in strong + weak)
    people = _participants(doc, s, first_cue)
    countries = {m.value for m in _own_countries(doc, s, ana) if m.value and m.start < side_at}
    countries |= {p.extra["country"] for p in people if p.extra.get("country")}
    if not loose and not strong and not (mechs or len({p.extra.get("country") for p in people} - {None}) >= 2):
        return None
    cue_at = [doc.char(i) for i, _ in strong + weak] + [m.start for m in mechs]
    mech = _pick_mechanism(mechs)
    a = _Anchor(s.pos, s.sid, countries, people, mech=mech,
                date=_pick_date(s, cue_at, found_at), place=_pick_place(doc, s, cue_at, topic),
                planned=bool(s.get("planned")), referenced=bool(s.get("status_referenced")),
                both=bool(s.get("both_sides")), both_count=_party_count(doc, s), pronoun=_pronoun_start(doc, s),
                visit=bool(s.get("visit")), call=bool(s.get("call")), strong=bool(strong),
                topics=list(dict.fromkeys(label for _, _, label in s.get("topic"))))
    a.summit = _is_summit(doc, s, mech, side_at)
    if host and a.place is not None and a.place.extra.get("country") and (a.visit or len(countries) == 1):
        a.countries.add(a.place.extra["country"])  # the host of a visit takes part
    if not (a.countries or a.people or a.mech or a.date):
        return None
    if s.get("domestic") and len(a.countries) < 2:
        return None  # "a meeting of his ruling party", "rapat para menteri terkait": not diplomacy
    return a


def _separate_meetings(doc: _Doc, s: _Sent, a: _Anchor) -> list[_Anchor]:
    """'Biden held separate talks with Yoon and with Kishida': one bilateral meeting per counterpart,
    each with the host, whose state is named (or whose person is) before the meeting word."""
    cue = doc.char(s.get("separate")[0][0])
    host = {m.value for m in _own_countries(doc, s) if m.value and m.start < cue}
    def country(p):
        return p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
    host |= {country(p) for p in s.people if country(p) and p.end <= cue}
    if len(host) != 1:
        return []
    others = sorted(a.countries - host)
    if len(others) < 2:
        return []
    out = []
    for c in others:
        people = [p for p in a.people if p.extra.get("country") in host | {c}]
        out.append(_Anchor(a.pos, a.sid, host | {c}, people, mech=a.mech, date=a.date, place=a.place,
                           planned=a.planned, referenced=a.referenced, visit=a.visit, call=a.call,
                           strong=a.strong, topics=a.topics))
    return out


def _pick_mechanism(mechs: list):
    """The first mechanism's family, named by its canonical mention when the sentence has one."""
    if not mechs:
        return None
    fam = _family(mechs[0])
    same = [m for m in mechs if _family(m) == fam]
    canonical = next((m for m in same if m.value == fam), same[0])
    rnd = next((m.extra["round"] for m in same if m.extra.get("round")), None)
    if rnd and not canonical.extra.get("round"):
        canonical = type(canonical)(canonical.kind, canonical.start, canonical.end, canonical.text,
                                    canonical.value, {**canonical.extra, "round": rnd})
    return canonical


def _pick_date(s: _Sent, cue_at: list[int], found_at: int):
    """The most precise date word near the meeting words, nearest first; none after a founding verb.

    When none is near, a day- or month-precise date elsewhere in the sentence ("was welcomed in
    Hanoi on July 30 by ..., and the two then sat down for talks"), never a date after
    "since" / "sejak" (how long something has lasted, not when the meeting was).
    """
    best, key, far, far_key = None, None, None, None
    for d in s.dates:
        if d.start >= found_at or _UNTIL.search(d.extra.get("phrase", "")):
            continue  # "until 2028", "hingga 2028": a deadline, not when anyone met
        dist = min(abs(d.start - c) for c in cue_at)
        k = (_prec(d), -dist)
        if dist <= NEAR_CHARS:
            if key is None or k > key:
                best, key = d, k
        elif d.value and _prec(d) >= _PRECISION["month"] and not _SINCE.search(d.extra.get("phrase", "")):
            if far_key is None or k > far_key:
                far, far_key = d, k
    return best or far


def _pick_place(doc: _Doc, s: _Sent, cue_at: list[int], topic: int):
    """A city, or a region of one state, after 'di' / 'in' / 'ke' or a visit verb, outside the dateline."""
    preps = {j for _, j, _ in s.get("location_prepositions") + s.get("visit")}
    best, key = None, None
    for p in s.places:
        if p.start < s.dateline_end or p.start >= topic:
            continue
        if p.extra.get("type") != "city" and not p.extra.get("country"):
            continue  # "Asia-Pasifik"
        t = doc.tok(p.start)
        if not ({t, t - 1} & preps):
            continue
        k = (p.extra.get("type") == "city", -min(abs(p.start - c) for c in cue_at))
        if key is None or k > key:
            best, key = p, k
    return best


_COUNT_WORDS = {"both": 2, "two": 2, "kedua": 2, "kedua-dua": 2, "keduanya": 2, "kedua-duanya": 2, "three": 3,
                "ketiga": 3, "ketiga-tiga": 3, "four": 4, "keempat": 4, "keempat-empat": 4, "five": 5, "kelima": 5}


def _party_count(doc: _Doc, s: _Sent) -> int | None:
    """How many parties a group subject counts ("the three leaders" -> 3), None when it does not say."""
    for i, j, _ in s.get("both_sides"):
        for w in doc.low[i:j]:
            if w in _COUNT_WORDS:
                return _COUNT_WORDS[w]
    return None


def _pronoun_start(doc: _Doc, s: _Sent) -> bool:
    return any(doc.char(i) == s.start for i, _, _ in s.get("pronoun_subjects"))


def _is_summit(doc: _Doc, s: _Sent, mech, side_at: int | None = None) -> bool:
    hits = [h for h in s.get("summit") if side_at is None or doc.char(h[0]) < side_at]
    if not hits:
        return False
    if mech is None:
        return True
    mt = doc.tok(mech.start)
    return any(abs(i - mt) <= 4 for i, _, _ in hits)


def _compatible(g: _Group, a: _Anchor) -> bool:
    if g.planned != a.planned:
        return False
    if not _overlap(_mention_interval(g.date), _mention_interval(a.date)):
        return False
    if g.mech is not None and a.mech is not None:
        if _family(g.mech) != _family(a.mech):
            return False
        rg, ra = g.mech.extra.get("round"), a.mech.extra.get("round")
        if rg and ra and rg != ra:
            return False
    if g.place is not None and a.place is not None and g.place.value != a.place.value:
        return False
    if _other_delegation(g.people.values(), a.people):
        return False  # Parly meeting Jokowi and Parly meeting Prabowo the same day: two meetings
    return not (g.countries and a.countries and not g.countries & a.countries)


def _other_delegation(people_a, people_b) -> bool:
    """Both name people of one state, and none of them in common."""
    def by_country(people):
        out: dict[str, set[str]] = {}
        for p in people:
            if p.extra.get("country") and p.value:
                out.setdefault(p.extra["country"], set()).add(p.value)
        return out
    a, b = by_country(people_a), by_country(people_b)
    return any(not (a[c] & b[c]) for c in a.keys() & b.keys())


def _linked(g: _Group, a: _Anchor, near: bool) -> bool:
    if g.mech is not None and a.mech is not None:
        return True
    if set(g.people) & {p.value for p in a.people}:
        return True
    if near and (a.pronoun or g.bare or a.bare):
        return True
    if a.bare and a.countries and a.countries <= g.countries:
        return True
    return (g.date is not None and a.date is not None and g.date.value == a.date.value
            and g.mech is None and a.mech is None and not g.people and not a.people)


def _nearest(groups: list[_Group], g: _Group, ok) -> _Group | None:
    cands = [o for o in groups if ok(o)]
    return min(cands, key=lambda o: (min(abs(p - q) for p in o.positions for q in g.positions), o.positions[0]),
               default=None)


def _members(doc: _Doc, sents: list[_Sent], family: str) -> tuple[set[str], _Sent] | None:
    """The member states the article lists for a forum ('blok BRICS meliputi Tiongkok, Brasil, ...')."""
    for s in sents:
        if s.get("membership") and any(_family(m) == family for m in s.mechs):
            codes = {m.value for m in s.countries if m.value}
            if len(codes) >= 2:
                return codes, s
    return None


def _main_pair(doc: _Doc, sents: list[_Sent]) -> list[str]:
    """The two states the article is about: most mentioned, first mentioned on ties."""
    count: dict[str, list[int]] = {}
    for s in sents:
        for m in _own_countries(doc, s):
            if m.value:
                count.setdefault(m.value, [0, m.start])[0] += 1
    ranked = sorted(count.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    return [c for c, (n, _) in ranked[:2] if n >= 2] if len(ranked) >= 2 else []


def _resolve_status(groups: list[_Group], published: str | None) -> None:
    pub = _interval(published) if published else None
    for g in groups:
        iv = _mention_interval(g.date)
        if g.planned or (iv and pub and iv[0] > pub[1]):
            g.status, g.planned = "planned", True
    live = [g for g in groups if not g.planned]
    dated = [g for g in live if _prec(g.date) == _PRECISION["day"]]
    main = max(dated, key=lambda g: _mention_interval(g.date)[0]) if dated else (live[0] if live else None)
    ref = _mention_interval(main.date) if main is not None else None
    for g in live:
        iv = _mention_interval(g.date)
        if g.referenced and g is not main:
            g.status = "referenced"
        elif g is main or iv is None:
            g.status = "held"
        elif ref and iv[1] < ref[0]:
            g.status = "referenced"
        elif ref and iv[0] > ref[1] and not pub:
            g.status, g.planned = "planned", True
        elif pub and _days_before(iv[1], pub[0]) > REFERENCED_AFTER_DAYS:
            g.status = "referenced"
        else:
            g.status = "held"


def _days_before(a: str, b: str) -> int:
    from datetime import date

    return (date.fromisoformat(b) - date.fromisoformat(a)).days


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or (c.name if c else code)


def _kind(g: _Group) -> str:
    if g.summit:
        return "summit"
    if g.call:
        return "call"
    if g.visit:
        return "visit"
    return "multilateral" if len(g.countries) > 2 else "bilateral"


def _to_meeting(doc: _Doc, g: _Group) -> RuleMeeting:
    order = sorted(zip(g.positions, g.evidence))
    evidence = [g.first.sid] + [sid for _, sid in order if sid != g.first.sid]
    kind = _kind(g)
    head = {"summit": "Summit", "visit": "Visit", "call": "Call"}.get(kind, "Meeting")
    if g.mech is not None:
        name = g.mech.value or g.mech.text
        head = g.mech.text if name in g.mech.text else name  # "SOM 2+2" over "2+2"
        head += f" (round {g.mech.extra['round']})" if g.mech.extra.get("round") else ""
    countries = sorted(g.countries)
    named = [c for c in countries if c in doc.mentioned]  # build_records adds the participants' states
    people = [RuleParticipant(name, p.extra.get("role") or doc.full_people.get(name, p).extra.get("role"),
                              p.extra.get("country")) for name, p in g.people.items()]
    return RuleMeeting(
        evidence=evidence[:MAX_EVIDENCE], title=f"{head}: {'–'.join(country_name(c) for c in countries)}",
        kind=kind, status=g.status, date_text=g.date.text if g.date is not None else None,
        date_value=g.date.value if g.date is not None else None,
        location=g.place.text if g.place is not None else None, countries=named, participants=people,
        mechanism=g.mech.text if g.mech is not None else None,
        round=g.mech.extra.get("round") if g.mech is not None else None, topics=g.topics, position=g.positions[0],
    )


# --- commitments --------------------------------------------------------------------------------


@dataclass
class _Found:
    actors: frozenset
    words: set[str]
    commitment: RuleCommitment


class _Commitments:
    def __init__(self, doc: _Doc, groups: list[_Group], planned_anchor_pos: set[int]) -> None:
        self.doc = doc
        self.groups = groups
        self.planned_anchor_pos = planned_anchor_pos
        self.found: list[_Found] = []
        self._stop = None

    def run(self, sents: list[_Sent]) -> list[RuleCommitment]:
        intro = None  # "Dokumen yang diteken antara lain:" heads a list of agreed items
        for s in sents:
            if _is_headline(self.doc, s):
                continue  # a headline repeats what the body says, in words cut short
            item = _LIST_ITEM.match(s.text)
            if item and intro is not None:
                self._list_item(s, intro, item.end())
                continue
            before = len(self.found)
            if s.get("commit"):
                self._sentence(s)
            if s.text.rstrip().endswith(":"):
                # "The ministers agreed to carry five issues forward:" is itself the commitment and the
                # items its content; "The documents signed that day included:" heads a list of them
                intro = self._list_intro(s) if len(self.found) == before else None
            elif not item:
                intro = None
        return [f.commitment for f in self.found]


    def _list_intro(self, s: _Sent) -> tuple[set[str], str] | None:
        """(actors, modality) of a sentence that opens a list of agreements."""
        hits = s.get("commit")
        if not hits and not s.get("agreement_nouns"):
            return None
        actors = {m.value for m in _own_countries(self.doc, s) if m.value} & self.doc.mentioned
        if len(actors) < 2:
            actors = self._meeting_states(s)
        modality = next((label for _, _, label in hits if label != "plans"), "agreed")
        return (actors, modality) if len(actors) >= 2 else None

    def _list_item(self, s: _Sent, intro: tuple[set[str], str], body_at: int) -> None:
        actors, modality = intro
        start = s.start + body_at
        for a, b in self._split_coordinated(s, start):
            self._add(s, set(actors), modality, a, b)

    def _sentence(self, s: _Sent) -> None:
        """One commitment per clause: 'Xi agreed to X, and the two governments agreed to Y' has two,
        with their own actors; 'agreed to X and pledged Y' has two with the same actors."""
        hits = s.get("commit")
        if s.pos in self.planned_anchor_pos and all(label == "plans" for _, _, label in hits):
            return  # a planned meeting, not a commitment
        clauses = self._clauses(s, hits)
        actors: set[str] = set()
        for k, (hit, subject_at, end) in enumerate(clauses):
            if self._negated(s, hit):
                if k == 0:
                    return
                continue
            own = self._actors(s, subject_at, self.doc.char(hit[0]))
            quoted = not own and self._quoted_actors(s, subject_at, self.doc.char(hit[0]))
            actors = own or quoted or actors
            if not actors or not (self._international(s) or quoted):
                continue
            modality = hit[2]
            if k == 0 and len(clauses) == 1:
                weak = {i for i, _, _ in s.get("weak_commitment")}
                modality = next((label for i, _, label in hits if i not in weak), hit[2])
            if modality == "plans" and _QUOTE_MARK.search(s.text) and self._in_quote(s, hit[0]):
                modality = "pledged"  # "we will ...", "Japan will stand with ...": said aloud, a promise
            for start, stop in self._split_coordinated(s, self.doc.tend[hit[1] - 1], end):
                self._add(s, actors, modality, start, stop)

    def _clauses(self, s: _Sent, hits: list) -> list[tuple[tuple[int, int, str], int, int]]:
        """(cue, where its subject may start, where its action ends) for each clause of the sentence.
        A later cue opens a clause when it is not a weak one (will, akan) and stands apart from the
        previous cue; its subject starts after the previous cue's action, at the first party named."""
        doc = self.doc
        weak = {i for i, _, _ in s.get("weak_commitment")}
        nouns = {i for i, _, _ in s.get("commitment_nouns")}
        heads = [hits[0]]
        for h in hits[1:]:
            if h[0] in weak or h[0] in nouns or h[0] - heads[-1][1] < 3:
                continue
            start = self._subject_start(s, doc.tend[heads[-1][1] - 1], doc.char(h[0]))
            if start == doc.char(h[0]) or not doc.ctx.text[start:doc.char(h[0])].strip():
                if h[2] != heads[-1][2] and self._coordinated(h[0]):
                    heads.append(h)  # "agreed to start X and pledged Y": another kind of promise
            elif self._actors(s, start, doc.char(h[0])):
                heads.append(h)  # "..., and the two governments agreed to Y": a subject of its own
        out = []
        for k, h in enumerate(heads):
            end = s.end
            if k + 1 < len(heads):
                nxt = doc.char(heads[k + 1][0])
                end = self._subject_start(s, doc.tend[h[1] - 1], nxt)
            out.append((h, s.start if k == 0 else out[-1][2], end))
        return out

    def _coordinated(self, tok: int) -> bool:
        """'and' / 'dan' / 'serta' / a comma within the two tokens before the cue."""
        doc = self.doc
        lo = doc.tend[tok - 3] if tok >= 3 else 0
        return bool(_COORDINATOR.search(doc.ctx.text[lo:doc.char(tok)]))

    def _subject_start(self, s: _Sent, after: int, cue: int) -> int:
        """Where the next clause starts: at the last coordinator or comma before its cue ("..., and
        the two governments agreed"), else at the cue (the same subject goes on: "and pledged")."""
        m = None
        for m in _CLAUSE_BREAK.finditer(self.doc.ctx.text, after, cue):
            pass
        return m.end() if m else cue

    def _quoted_actors(self, s: _Sent, lo: int, cue: int) -> set[str]:
        """A pledge in a direct quote: "we will ..." / "our two countries will ..." are the meeting's
        states; "I will ..." / "saya berkomitmen ..." is the speaker's state."""
        doc = self.doc
        if not _QUOTE_MARK.search(s.text):
            return set()
        if any(lo <= doc.char(i) < cue for i, _, _ in s.get("we_subjects")):
            return self._meeting_states(s)
        if any(lo <= doc.char(i) < cue for i, _, _ in s.get("i_subjects")):
            return self._speaker_state(s)
        return set()

    def _in_quote(self, s: _Sent, tok: int) -> bool:
        at = self.doc.char(tok)
        return any(m.start() <= at < m.end() for m in _QUOTED.finditer(self.doc.ctx.text, s.start, s.end))

    def _speaker_state(self, s: _Sent) -> set[str]:
        """The state of the person the sentence quotes: named outside the quotation marks."""
        doc = self.doc
        text = doc.ctx.text
        inside = [(m.start(), m.end()) for m in _QUOTED.finditer(text, s.start, s.end)]
        for p in s.people:
            if any(a <= p.start < b for a, b in inside):
                continue
            country = p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
            if country:
                return {country} & doc.mentioned or {country}
        return set()

    def _actors(self, s: _Sent, lo: int, cue: int) -> set[str]:
        doc = self.doc
        actors = {m.value for m in _own_countries(doc, s) if m.value and lo <= m.start < cue}
        actors |= {p.extra["country"] for p in s.people if p.extra.get("country") and lo <= p.start and p.end <= cue}
        if any(lo <= doc.char(i) < cue for i, _, _ in s.get("both_sides")):
            actors |= self._meeting_states(s)
        return actors & doc.mentioned

    def _negated(self, s: _Sent, first: tuple[int, int, str]) -> bool:
        if any(first[0] - 3 <= j <= first[0] for _, j, _ in s.get("negations")):
            return True  # "did not reach any agreement", "tidak sepakat"
        return self._not_a_promise(s, first)

    def _not_a_promise(self, s: _Sent, first: tuple[int, int, str]) -> bool:
        """'agreed that ...', 'stressed the importance of ...', 'reiterated its positions', 'harus ...',
        and how things stand ('kedua negara terus memperdalam ... dukungan'), not what is promised."""
        if any(j0 in (first[1], first[1] + 1) for j0, _, _ in s.get("not_commitment_next")):
            # "agreed that ..." states a view, unless what follows is something to be done:
            # "agreed that their ministers would meet every year", "sepakat bahwa ... bisa ..."
            return not any(first[1] < i <= first[1] + 15 for i, _, _ in s.get("modal_complement"))
        if any(i < first[0] for i, _, _ in s.get("opinion")):
            return True
        modal = any(i < first[0] for i, _, _ in s.get("weak_commitment"))
        return not modal and any(i < first[0] for i, _, _ in s.get("ongoing"))

    def _meeting_states(self, s: _Sent) -> set[str]:
        live = [g for g in self.groups if not g.planned and len(g.countries) >= 2]
        if not live:
            return set()
        g = min(live, key=lambda g: (min(abs(p - s.pos) for p in g.positions), g.positions[0]))
        return set(g.countries)

    def _international(self, s: _Sent) -> bool:
        states = {m.value for m in s.countries if m.value} | {p.extra.get("country") for p in s.people} - {None}
        return len(states) >= 2 or bool(s.get("both_sides")) or bool(s.get("scope"))

    def _actions(self, s: _Sent, first: tuple[int, int, str]) -> list[tuple[int, int]]:
        """Char spans of the committed actions after the cue, split at 'serta' / 'as well as'."""
        return self._split_coordinated(s, self.doc.tend[first[1] - 1])

    def _split_coordinated(self, s: _Sent, start: int, stop: int | None = None) -> list[tuple[int, int]]:
        doc = self.doc
        stop = s.end if stop is None else stop
        spans, at = [], start
        for i, j, _ in s.get("action_splitters"):
            nxt = doc.low[j] if j < len(doc.low) and doc.char(j) < stop else ""
            if at < doc.char(i) < stop and _VERBISH.fullmatch(nxt) and nxt not in _NOT_VERBS:
                spans.append((at, doc.char(i)))
                at = doc.tend[j - 1]
        spans.append((at, stop))
        return [sp for sp in spans if len(_TOKEN.findall(doc.ctx.text[sp[0]:sp[1]])) >= 3] or [(start, stop)]

    def _add(self, s: _Sent, actors: set[str], modality: str, start: int, end: int) -> None:
        doc = self.doc
        words = self._content(doc.ctx.text[start:end])
        key = frozenset(actors)
        for f in self.found:
            shared = len(words & f.words)
            if f.actors == key and shared >= 3 and shared >= 0.6 * min(len(words), len(f.words)):
                if s.sid not in f.commitment.evidence:
                    f.commitment.evidence.append(s.sid)
                return
        topic = self._topic(s, start, end)
        action = f"{modality}: {_clip(doc.ctx.text[start:end])}"
        self.found.append(_Found(key, words, RuleCommitment([s.sid], sorted(actors), action, topic, modality)))

    def _content(self, text: str) -> set[str]:
        if self._stop is None:
            from qa_app.nlp.lexicon import load

            words = load("cues")["rules"]["stopwords"]
            self._stop = {w for ws in words.values() for w in ws}
        return {w for w in (t.lower() for t in _TOKEN.findall(text)) if w not in self._stop and len(w) > 2}

    def _topic(self, s: _Sent, start: int, end: int) -> str:
        """The first topic named in the action; else the sentence's most frequent; else diplomacy."""
        doc = self.doc
        hits = s.get("topic")
        inside = [label for i, _, label in hits if start <= doc.char(i) < end]
        if inside:
            return inside[0]
        if hits:
            labels = [label for _, _, label in hits]
            return max(dict.fromkeys(labels), key=labels.count)
        return "diplomacy"


def _clip(fragment: str, limit: int = 160) -> str:
    text = " ".join(fragment.split()).strip(" ,;.")
    text = re.sub(r"^(to|untuk|on|for)\s+", "", text, flags=re.IGNORECASE)
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[:cut.rfind(" ")].rstrip(" ,;") + " …"
