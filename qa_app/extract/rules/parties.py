"""Which of a meeting's states took part: a logistic model over signals of each state, learned
from the gold meetings (`qa-app train-parties`, `evaluation/party_training.py`).

The rules gather a meeting's states from its sentences, its place and the states around it; a
state named only as where a summit met ("on the sidelines of APEC in Lima, Peru"), as what was
discussed, or as the article's other subject then joins a meeting it had no part in. For a meeting
of three or more states, each state that no participant comes from is scored, and the least
likely is dropped while the model puts it below even odds and at least two states remain.
The weights ship in `qa_app/data/party_model.json`.
"""

from __future__ import annotations

import json
import math
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from qa_app.extract.rules.anchors import party_countries
from qa_app.extract.rules.document import Doc, Sent
from qa_app.extract.rules.groups import Group

MODEL_FILE = "party_model.json"
# Signals of one state of one meeting, in the order of the model's weights:
FEATURES = (
    "named_first",      # a party mention in the meeting's first sentence
    "mentioned_first",  # any mention there (a place's apposition, a topic, a posting counts too)
    "evidence_share",   # share of the meeting's sentences naming parties that name it
    "first_two",        # among the first two states the first sentence names as parties
    "host",             # the state of the meeting's city
    "pair",             # one of the article's two most-named states
    "article_share",    # its party mentions in the article over those of the most-named state
    "after_place_word",  # a mention in the first sentence follows "in", "di", "at" closely
    "after_summit",     # a mention in the first sentence lies after a summit or sidelines word
    "neighbours",       # named in the sentence before or after the first one
    "extra_states",     # states of the meeting beyond two (up to 4)
    "forum",            # a summit or a named mechanism
    "referenced",       # told as past or as planned
)
_SUMMIT_CUES = ("summit", "sidelines")


@dataclass(frozen=True)
class PartyModel:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5  # a state less likely than this to have taken part is dropped

    def probability(self, row: list[float]) -> float:
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, row, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, raw: dict) -> "PartyModel":
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"party model features {raw['features']} do not match this version's {FEATURES}")
        return cls(tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["weights"]), float(raw["bias"]),
                   float(raw.get("threshold", 0.5)))


@lru_cache(maxsize=1)
def shipped_model() -> PartyModel | None:
    path = resources.files("qa_app.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return PartyModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


class _Observer:
    """What `collecting()` gathers for training: each scored state with its signals, and which
    meetings survived to be records."""

    def __init__(self) -> None:
        self.rows: list[tuple[Doc, Group, str, list[float], frozenset[str]]] = []
        self.final: list[Group] = []


_observer: _Observer | None = None


@contextmanager
def collecting():
    """Score nothing and gather the signals instead (for `evaluation/party_training.py`)."""
    global _observer
    previous, _observer = _observer, _Observer()
    try:
        yield _observer
    finally:
        _observer = previous


def observe_final(groups: list[Group]) -> None:
    if _observer is not None:
        _observer.final.extend(groups)


def prune_parties(doc: Doc, groups: list[Group], pair: list[str]) -> None:
    """Drop from each meeting of three or more states those the model says took no part (not its
    people's states, nor the members the article lists for its forum)."""
    model = shipped_model()
    large = [g for g in groups if len(g.countries) >= 3]
    if not large or (model is None and _observer is None):
        return
    by_pos = {s.pos: s for s in doc.sents}
    counts = _party_counts(doc)
    for g in large:
        first = by_pos.get(g.first.pos)
        if first is None:
            continue
        people = {p.extra.get("country") for p in g.people.values()}
        scored = []
        for code in sorted(g.countries - people - g.members):  # a forum's listed members all took part
            row = signals(doc, g, code, first, by_pos, pair, counts)
            if _observer is not None:
                _observer.rows.append((doc, g, code, row, frozenset(g.countries)))
            else:
                scored.append((model.probability(row), code))
        for p, code in sorted(scored):
            if p >= model.threshold or len(g.countries) <= 2:
                break
            g.countries.discard(code)


def _party_counts(doc: Doc) -> dict[str, int]:
    """How often the article names each state as a party."""
    counts: dict[str, int] = {}
    for s in doc.sents:
        if s.sid in doc.ctx.blocked:
            continue
        for m in party_countries(doc, s):
            if m.value:
                counts[m.value] = counts.get(m.value, 0) + 1
    return counts


def signals(doc: Doc, g: Group, code: str, first: Sent, by_pos: dict[int, Sent], pair: list[str],
            counts: dict[str, int]) -> list[float]:
    parties = [m for m in party_countries(doc, first) if m.value]
    order = list(dict.fromkeys(m.value for m in parties))
    mentions = [m for m in first.countries if m.value == code]
    # a sentence naming no state ("The two-day summit opened on Thursday") says nothing of any one state
    named = [{m.value for m in party_countries(doc, by_pos[p]) if m.value} for p in g.positions if p in by_pos]
    named = [n for n in named if n]
    place_ends = {j for _, j, _ in first.get("location_prepositions")}
    cue_at = min((doc.char(i) for cls in _SUMMIT_CUES for i, _, _ in first.get(cls)), default=None)
    host = g.place.extra.get("country") if g.place is not None else None
    near = [by_pos[p] for p in (g.first.pos - 1, g.first.pos + 1) if p in by_pos]
    top = max(counts.values(), default=0)
    return [
        float(code in order),
        float(bool(mentions)),
        sum(code in n for n in named) / max(1, len(named)),
        float(code in order[:2]),
        float(code == host),
        float(code in pair),
        counts.get(code, 0) / top if top else 0.0,
        float(any(any(0 <= doc.tok(m.start) - j <= 1 for j in place_ends) for m in mentions)),
        float(cue_at is not None and any(m.start > cue_at for m in mentions)),
        float(any(m.value == code for s in near for m in s.countries)),
        float(min(len(g.countries), 6) - 2),
        float(g.summit or g.mech is not None),
        float(g.referenced or g.planned),
    ]
