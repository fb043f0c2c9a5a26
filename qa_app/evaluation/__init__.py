"""Evaluation harness: gold annotations (`gold`) and metrics (`metrics`). See eval/README.md."""

from qa_app.evaluation.gold import (
    ArticleText,
    GoldArticle,
    GoldCommitment,
    GoldMeeting,
    GoldQuestion,
    GoldSet,
    check_evidence,
    doc_map,
    load_gold,
    locate_evidence,
    read_articles,
)
from qa_app.evaluation.scores import PRF, Rate, prf

__all__ = [
    "PRF", "ArticleText", "GoldArticle", "GoldCommitment", "GoldMeeting", "GoldQuestion", "GoldSet", "Rate",
    "check_evidence", "doc_map", "load_gold", "locate_evidence", "prf", "read_articles",
]
