"""`qa-app train-ranker`: learn the sentence ranker (`qa/sentence_ranker.py`) from gold questions.

For each gold set, its articles are ingested into a temporary store and extracted with the
rules (records are one of the signals); each answerable question is retrieved and judged as
`qa-app ask` does, and the candidate sentences that pass every answerability check become one
training list, labelled by the gold evidence. The weights minimise the softmax cross-entropy of
the gold sentences within each list (a listwise ranking loss), by full-batch gradient descent
from zero: the same gold and code give the same file.

Questions whose evidence lies in held-out articles (by file-name prefix, and optionally every
article the rules were not tuned on, `evaluation/tuning.py`) are not trained on; they are
reported, the learned ranker against the hand-set ranking it replaces.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

L2 = 1.0
STEPS = 2000
STEP_SIZE = 0.3


@dataclass
class QuestionList:
    """One question's candidate sentences that pass every check, as feature rows and labels."""
    question_id: str
    held_out: bool
    rows: np.ndarray
    labels: np.ndarray
    hand_ranks: list[float]  # the answerability rank of each candidate (the ranking before the learned one)
    answered: list[bool]  # whether each candidate passed the support threshold too


@dataclass
class TrainingData:
    lists: list[QuestionList] = field(default_factory=list)
    questions: int = 0
    without_gold: int = 0  # answerable questions none of whose candidates is a gold sentence


def _is_gold(text: str, quotes: list[str]) -> bool:
    t = text.strip()
    return any(t in quote or quote in t for quote in quotes)


def collect(gold_dir: Path, articles_dir: Path, hold_out: tuple[str, ...], data: TrainingData,
            untuned: bool = False) -> None:
    """Add the question lists of one gold set to `data`; `untuned` holds out the questions about
    articles the rules were not tuned on, as `qa-app eval` reports them."""
    from qa_app.app.extract import ExtractRequest, extract, open_extractor
    from qa_app.evaluation.run import ingest_gold, load_inputs
    from qa_app.evaluation.tuning import is_tuned
    from qa_app.qa.answer import decide_all
    from qa_app.qa.question import analyse, question_language
    from qa_app.qa.retrieve import retrieve
    from qa_app.qa.sentence_ranker import features
    from qa_app.settings import load_settings
    from qa_app.store import Store

    inputs = load_inputs(gold_dir, articles_dir)
    with tempfile.TemporaryDirectory(prefix="qa-app-train-", ignore_cleanup_errors=True) as tmp:
        settings = load_settings(store=Path(tmp))
        store = Store(settings)
        try:
            ing = ingest_gold(store, inputs)
            extractor = open_extractor("rules", settings, ExtractRequest())
            try:
                extract(store, extractor, ExtractRequest(doc_ids=ing.doc_ids))
            finally:
                extractor.close()
            for gq in inputs.gold.questions:
                data.questions += 1
                if not gq.answerable or not gq.evidence:
                    continue
                quotes = [e.quote for e in gq.evidence]
                q = analyse(gq.question, question_language(store, gq.question), store.records.index)
                passages = retrieve(store, gq.question, q=q)
                decisions, languages = decide_all(store, q, passages)
                kept = [(p, d) for p, d in zip(passages, decisions) if d.eligible]
                labels = np.array([_is_gold(p.text, quotes) for p, _d in kept], float)
                if not labels.any():
                    data.without_gold += 1
                    continue
                rows = features(store, q, [p for p, _d in kept], [d for _p, d in kept], languages)
                held = any((hold_out and e.article.startswith(hold_out)) or (untuned and not is_tuned(e.article))
                           for e in gq.evidence)
                data.lists.append(QuestionList(gq.id, held, rows, labels, [d.rank for _p, d in kept],
                                               [d.answer for _p, d in kept]))
        finally:
            store.close()


def fit(lists: list[QuestionList]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, scale, weights) minimising the listwise softmax loss with an L2 penalty."""
    all_rows = np.concatenate([ql.rows for ql in lists])
    mean = all_rows.mean(axis=0)
    scale = all_rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    standard = [((ql.rows - mean) / scale, ql.labels / ql.labels.sum()) for ql in lists]
    weights = np.zeros(all_rows.shape[1])
    for _ in range(STEPS):
        grad = L2 * weights
        for z, target in standard:
            s = z @ weights
            p = np.exp(s - s.max())
            grad += z.T @ (p / p.sum() - target)
        weights -= STEP_SIZE * grad / len(standard)
    return mean, scale, weights


def outcomes(lists: list[QuestionList], mean, scale, weights, quote_ratio: float) -> dict[str, Any]:
    """Of the questions `qa-app ask` answers from sentences: how often the top sentence is a gold
    one, and how often a gold one is among the quoted, by the hand-set rank and by the learned one."""
    out = {"questions": 0, "hand_top": 0, "learned_top": 0, "hand_quoted": 0, "learned_quoted": 0}
    for ql in lists:
        answered = [i for i, a in enumerate(ql.answered) if a]
        if not answered:
            continue  # the question is abstained on either way
        out["questions"] += 1
        hand = sorted(answered, key=lambda i: -ql.hand_ranks[i])
        out["hand_top"] += int(ql.labels[hand[0]])
        out["hand_quoted"] += int(any(ql.labels[i] for i in hand[:3] if ql.hand_ranks[i] >= 0.7 * ql.hand_ranks[hand[0]]))
        s = ((ql.rows - mean) / scale) @ weights
        learned = sorted(range(len(s)), key=lambda i: -s[i])
        out["learned_top"] += int(ql.labels[learned[0]])
        quoted = [i for i in learned[:3] if math.exp(s[i] - s[learned[0]]) >= quote_ratio]
        out["learned_quoted"] += int(any(ql.labels[i] for i in quoted))
    return out


def train(gold_dirs: list[Path], hold_out: tuple[str, ...], untuned: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the model file's content, the report of held-in and held-out outcomes)."""
    from qa_app.qa.sentence_ranker import FEATURES, QUOTE_RATIO

    data = TrainingData()
    for gold_dir in gold_dirs:
        collect(gold_dir, gold_dir.parent / "articles", hold_out, data, untuned)
    train_lists = [ql for ql in data.lists if not ql.held_out]
    if not train_lists:
        raise ValueError("no answerable gold question to train on (every one is held out or has no gold candidate)")
    mean, scale, weights = fit(train_lists)
    report = {
        "trained": outcomes(train_lists, mean, scale, weights, QUOTE_RATIO),
        "held_out": outcomes([ql for ql in data.lists if ql.held_out], mean, scale, weights, QUOTE_RATIO),
        "questions": data.questions, "lists": len(data.lists), "without_gold": data.without_gold,
    }
    model = {
        "_doc": "Sentence ranker weights, written by `qa-app train-ranker` (see qa_app/evaluation/ranker_training.py).",
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in weights],
        "trained_on": {"gold_sets": [d.parent.name for d in gold_dirs], "held_out_prefixes": list(hold_out),
                       "held_out_untuned": untuned,
                       "questions": len(train_lists), "loss": "listwise softmax", "l2": L2, "steps": STEPS},
        "held_out": report["held_out"],
    }
    return model, report
