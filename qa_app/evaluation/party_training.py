"""Learning which of a meeting's states took part (`qa-app train-parties`): the rules extract every
gold article with the party model switched off, each state of a meeting of three or more is
labelled by the gold meeting it best matches, and a logistic model is fitted over the signals of
`extract/rules/parties.py`.

The model learns only from the articles the rules were tuned on (`rules_tuning.json`). The
report is held out: the articles are split into folds by the first two digits of their file
names (a batch, with its same-event pairs), each fold is extracted with a model fitted on the
others, and meetings are scored as `qa-app eval` scores them, against the rules without the model.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

L2 = 1.0
STEPS = 3000
STEP_SIZE = 0.5


@dataclass
class Article:
    name: str
    text: str
    gold: Any  # GoldArticle
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)

    @property
    def fold(self) -> str:
        return self.name[:2]


def load_articles(gold_dirs: list[Path]) -> list[Article]:
    from qa_app.evaluation.gold import load_gold

    out = []
    for gold_dir in gold_dirs:
        gold = load_gold(gold_dir)
        articles_dir = gold_dir.parent / "articles"
        for name, art in sorted(gold.articles.items()):
            path = articles_dir / name
            if not path.is_file():
                raise ValueError(f"the article {path} named by the gold is missing")
            out.append(Article(name, path.read_text(encoding="utf-8"), art))
    return out


def _records(article: Article):
    from qa_app.extract.article import extract_article
    from qa_app.extract.extractors.rules import RulesExtractor
    from qa_app.ingest.pipeline import prepare
    from qa_app.ingest.readers import RawArticle

    prepared = prepare(RawArticle(source=article.name, text=article.text, kind="text"), 800)
    return extract_article(prepared.row, RulesExtractor())[0]


def collect(article: Article) -> None:
    """The signals and labels of every scored state of the article's meetings."""
    from qa_app.extract.rules.parties import collecting

    with collecting() as seen:
        _records(article)
    final = {id(g) for g in seen.final}
    for _doc, g, code, row, states in seen.rows:
        if id(g) not in final:
            continue  # folded into another meeting or dropped: no record of its own
        gold = _best_gold(article.gold.meetings, g, states)
        if gold is not None:
            article.rows.append(row)
            article.labels.append(int(code in gold.countries))


def _best_gold(meetings, g, states: frozenset[str]):
    """The gold meeting of the same date (or none given) sharing the most states, at least two."""
    value = g.date.value if g.date is not None else None
    best, best_score = None, 0.0
    for m in meetings:
        if m.date.value is not None and m.date.value != value:
            continue
        shared = len(states & set(m.countries))
        if shared < 2:
            continue
        score = shared / len(states | set(m.countries))
        if score > best_score:
            best, best_score = m, score
    return best


def fit(rows: np.ndarray, labels: np.ndarray) -> dict[str, Any]:
    """Logistic regression with an L2 penalty, by full-batch gradient descent (deterministic)."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (rows - mean) / scale
    w = np.zeros(z.shape[1])
    b = 0.0
    n = len(labels)
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        w -= STEP_SIZE * (z.T @ (p - labels) / n + L2 * w / n)
        b -= STEP_SIZE * float(np.mean(p - labels))
    return {"mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
            "weights": [round(float(v), 6) for v in w], "bias": round(b, 6)}


@contextmanager
def _using(model: dict[str, Any] | None):
    """Extract with `model` (None: without any) in place of the shipped one."""
    from qa_app.extract.rules import parties

    previous = parties.shipped_model
    chosen = parties.PartyModel.from_dict({"features": list(parties.FEATURES), **model}) if model else None
    parties.shipped_model = lambda: chosen
    try:
        yield
    finally:
        parties.shipped_model = previous


def _meeting_counts(article: Article) -> tuple[int, int, int]:
    from qa_app.evaluation.metrics import _greedy, meeting_priority

    preds = [m.model_dump(mode="json") for m in _records(article).meetings]
    pairs = _greedy(article.name, preds, article.gold.meetings, meeting_priority)
    return len(pairs), len(preds) - len(pairs), len(article.gold.meetings) - len(pairs)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _stack(articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    from qa_app.extract.rules.parties import FEATURES

    rows = [r for a in articles for r in a.rows]
    labels = [y for a in articles for y in a.labels]
    return np.array(rows, float).reshape(-1, len(FEATURES)), np.array(labels, float)


def train(gold_dirs: list[Path], tuned: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the model file's content, the held-out report). `tuned`: file-name prefixes the rules were
    tuned on; only those articles are learned from, and the report gives the others apart."""
    from qa_app.extract.rules.parties import FEATURES

    articles = load_articles(gold_dirs)
    with _using(None):
        for a in articles:
            collect(a)
    # Learned only from the articles the rules were tuned on, so that `qa-app eval` still reports
    # the others as held out.
    pool = [a for a in articles if a.name.startswith(tuned)] if tuned else articles
    rows, labels = _stack(pool)
    if len(labels) < 20 or labels.min() == labels.max():
        raise ValueError(f"too few labelled states to learn from ({len(labels)}); give more gold folders")
    counts = {"without": [0, 0, 0], "with": [0, 0, 0], "untuned_without": [0, 0, 0], "untuned_with": [0, 0, 0]}
    for fold in sorted({a.fold for a in articles}):
        inside = [a for a in articles if a.fold == fold]
        fold_rows, fold_labels = _stack([a for a in pool if a.fold != fold])
        model = fit(fold_rows, fold_labels)
        for a in inside:
            untuned = not a.name.startswith(tuned) if tuned else False
            for key, chosen in (("without", None), ("with", model)):
                with _using(chosen):
                    got = _meeting_counts(a)
                for k in (key, f"untuned_{key}") if untuned else (key,):
                    counts[k] = [x + y for x, y in zip(counts[k], got)]
    report = {k: _prf(*v) for k, v in counts.items()}
    report["states"] = {"labelled": int(len(labels)), "parties": int(labels.sum())}
    model = {"_doc": "Party model weights, written by `qa-app train-parties` (see qa_app/evaluation/party_training.py).",
             "features": list(FEATURES), **fit(rows, labels),
             "trained_on": {"gold_sets": [str(d.parent.name) for d in gold_dirs], "articles": len(pool),
                            "states": report["states"], "l2": L2, "steps": STEPS},
             "held_out_by_batch": {k: report[k] for k in counts}}
    return model, report
