"""Which sentence answers: a linear ranker over signals of each candidate sentence, learned from
the gold questions (`qa-app train-ranker`, `evaluation/ranker_training.py`).

Whether to answer at all stays the answerability decision (`answerability.py`); the ranker
orders the sentences that pass its checks, so a sentence whose words are specific to the
question ("at his hotel", "for roughly 80 minutes") can win over the lead sentence that names
the same meeting. The weights ship in `qa_app/data/sentence_ranker.json`.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from qa_app.qa.sentences import DocCache

MODEL_FILE = "sentence_ranker.json"
# Signals, in the order of the model's weights:
FEATURES = (
    "cosine",         # multilingual embedding similarity of question and sentence
    "coverage",       # share of the question's concepts the sentence holds, weighted by rarity among candidates
    "record",         # the sentence is the evidence of a record matching the question
    "headline",       # a title, caption or other line that does not end like a sentence
    "carries",        # holds an answer of the kind asked for
    "novel",          # ... beyond what the question names
    "names",          # share of the question's names its article holds
    "chunk_prior",    # 1 / rank of its chunk in hybrid search (0 if it came from elsewhere)
    "doc_coverage",   # share of the question's concepts and countries, weighted by rarity in its own article
    "lead",           # the article's first or second sentence
    "cross_cosine",   # the cosine again when article and question differ in language
    "doc_best",       # the best cosine of its article's candidates minus the best of all
    "lead_place",     # its article's lead meeting is in the place the question names (1), elsewhere (-1)
    "lead_date",      # ... falls in the period the question names (1), outside it (-1)
)
_DOC_CONCEPTS = DocCache()
# Further sentences are quoted while their learned score is within this factor of the best one's.
QUOTE_RATIO = 0.15


@dataclass(frozen=True)
class RankerModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return ((rows - self.mean) / self.scale) @ self.weights

    @classmethod
    def from_dict(cls, raw: dict) -> "RankerModel":
        feats = tuple(raw["features"])
        if feats != FEATURES:
            raise ValueError(f"sentence ranker features {feats} do not match this version's {FEATURES}")
        return cls(feats, np.array(raw["mean"], float), np.array(raw["scale"], float), np.array(raw["weights"], float))


@lru_cache(maxsize=1)
def shipped_text() -> str:
    return resources.files("qa_app.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def shipped_model() -> RankerModel:
    return RankerModel.from_dict(json.loads(shipped_text()))


def model_hash() -> str:
    return hashlib.sha256(shipped_text().encode("utf-8")).hexdigest()[:12]


def _doc_concepts(store, doc_id: str) -> tuple[list[int], list[set[str]]]:
    """The start offsets and the concepts of each sentence of a document."""
    from qa_app.qa.concepts import concepts
    from qa_app.qa.sentences import doc_sentences

    def compute():
        sents = doc_sentences(store, doc_id)
        return ([s.start for s in sents], [concepts(s.text) for s in sents]) if sents else ()

    return _DOC_CONCEPTS.get(doc_id, compute) or ([], [])


def _doc_coverage(wanted: set[str], mine: set[str], doc: list[set[str]]) -> float:
    """Share of the question's concepts in the sentence, each weighted by how few of its article's
    sentences hold it (the names of the meeting every sentence reports weigh little)."""
    if not wanted:
        return 0.0
    n = len(doc)
    weight = {c: math.log(1.0 + (n + 1) / (1 + sum(c in s for s in doc))) for c in wanted}
    total = sum(weight.values())
    return sum(weight[c] for c in wanted & mine) / total if total else 0.0


def _lead_meetings(store, doc_ids: list[str]) -> dict[str, tuple]:
    """Each article's lead meeting, the one its earliest evidence states (a meeting the article
    only refers back to counts when there is no other), as (city, region, first day, last day)."""
    marks = ",".join("?" * len(doc_ids))
    rows = store.records.index.conn.execute(
        "SELECT r.doc_id, r.status = 'referenced', MIN(e.start), r.city, r.region, r.date_lo, r.date_hi "
        "FROM ri_records r JOIN ri_evidence e ON e.record_id = r.id AND e.person_seq IS NULL "
        f"WHERE r.kind = 'meeting' AND r.doc_id IN ({marks}) GROUP BY r.id", doc_ids).fetchall()
    lead: dict[str, tuple] = {}
    for row in sorted(rows, key=lambda r: (r[0], r[1], r[2])):  # by article, then told before referred to, then first
        lead.setdefault(row[0], tuple(row[3:]))
    return lead


def _lead_match(q, lead: tuple | None) -> tuple[float, float]:
    """Whether an article's lead meeting is where and when the question says (1), is not (-1),
    or cannot tell (0): a sentence of a report on another meeting of the same states rarely
    answers ("in Canberra" asked, the article on the Wellington talks that precede it)."""
    if lead is None:
        return 0.0, 0.0
    from qa_app.qa.record_match import overlaps
    from qa_app.store.record_keys import name_key

    city, region, lo, hi = lead
    place = 0.0
    where = {name_key(x) for x in (city, region) if x}
    if q.places and where:
        place = 1.0 if where & {name_key(p) for p in q.places} else -1.0
    periods = [(a, b) for rel, a, b in q.dates if rel == "in"]
    when = 0.0
    if periods and lo and hi:
        when = 1.0 if any(overlaps(lo, hi, span) for span in periods) else -1.0
    return place, when


def features(store, q, passages: list, decisions: list, languages: dict[str, str | None]) -> np.ndarray:
    """One row of `FEATURES` per passage (decisions from `answerability.decide_sentence`, in the
    same order; `languages` holds each article's language)."""
    from qa_app.qa.concepts import QUESTION_WORDS, concepts
    from qa_app.qa.question import focus_text

    if not passages:
        return np.zeros((0, len(FEATURES)))
    # in its own article a country can be the rare word (Taiwan in a China-Russia story)
    wanted = concepts(focus_text(q.text)) - QUESTION_WORDS
    best = max(p.cosine for p in passages)
    doc_best: dict[str, float] = {}
    for p in passages:
        doc_best[p.doc_id] = max(doc_best.get(p.doc_id, -1.0), p.cosine)
    lead = _lead_meetings(store, list(doc_best)) if q.places or q.dates else {}
    rows = []
    for p, d in zip(passages, decisions):
        starts, doc = _doc_concepts(store, p.doc_id)
        index = next((i for i in range(len(starts) - 1, -1, -1) if starts[i] <= p.start), -1)
        cross = languages.get(p.doc_id) not in (None, q.language)
        rows.append([
            p.cosine, p.coverage, float(bool(p.records)), float(d.headline), float(d.carried), d.novel, d.names,
            1.0 / p.chunk_rank if p.chunk_rank else 0.0, _doc_coverage(wanted, concepts(p.text), doc),
            float(0 <= index <= 1), p.cosine if cross else 0.0, doc_best[p.doc_id] - best,
            *_lead_match(q, lead.get(p.doc_id)),
        ])
    return np.array(rows, float)


def rank(store, q, passages: list, decisions: list, languages: dict[str, str | None],
         model: RankerModel | None = None) -> list[float]:
    """The learned score of each passage (higher is better; comparable within one question only)."""
    if not passages:
        return []
    model = model or shipped_model()
    return [float(s) for s in model.scores(features(store, q, passages, decisions, languages))]
