"""Basic scores shared by every metric: precision/recall/F1 and rates, with one rule for empty cases.

Conventions for empty cases (documented once here, used everywhere):
- `prf`: precision = tp / (tp + fp) and recall = tp / (tp + fn); when a denominator is 0
  the value is 1.0 if the other side is empty too (nothing predicted and nothing to find),
  else 0.0. So empty prediction + empty gold = 1.0 for P, R and F1; empty prediction +
  non-empty gold = 0.0; non-empty prediction + empty gold = 0.0. F1 is 0.0 when P + R = 0.
- `Rate` (accuracies and shares): `value` is correct / total, and None when total is 0
  (nothing to measure). Always read a rate with its `total`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

Record = Mapping[str, Any]
Predictions = Mapping[str, Sequence[Record]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def ratio(num: int, den: int, other_side_empty: bool) -> float:
    if den:
        return num / den
    return 1.0 if other_side_empty else 0.0


def prf(tp: int, fp: int, fn: int) -> PRF:
    """Precision, recall and F1 from counts, with the 0/0 rules of the module docstring."""
    if min(tp, fp, fn) < 0:
        raise ValueError("counts must not be negative")
    p = ratio(tp, tp + fp, fn == 0)
    r = ratio(tp, tp + fn, fp == 0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1, tp, fp, fn)


@dataclass(frozen=True)
class Rate:
    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"correct": self.correct, "total": self.total, "value": self.value}


def norm(text: str | None) -> str:
    """Case-, width- and whitespace-insensitive form of a string ('' for None)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return " ".join(text.split())


def canon_article(key: str, doc_map: Mapping[str, str] | None) -> str:
    return doc_map.get(key, key) if doc_map else key


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
