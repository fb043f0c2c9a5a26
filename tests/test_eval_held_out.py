"""The evaluation tells held-out figures apart from in-sample ones, and the rules' cache identity
follows their lexicons."""

from __future__ import annotations

import pytest

from qa_app.evaluation.report import summary_line
from qa_app.evaluation.tuning import held_out, is_tuned

pytestmark = pytest.mark.unit


def test_samples_are_tuned_and_unknown_articles_are_held_out():
    assert is_tuned("001_317e17d52efed6ef.txt")
    assert not is_tuned("900_some_new_article.txt")
    assert held_out(["000_a.txt", "105_b.txt", "900_c.txt"]) == ["105_b.txt", "900_c.txt"]


def _report(articles, held=None):
    rules = {"extraction": {"failed": 0, "rejected": 0, "articles": len(articles)},
             "metrics": {"meetings": {"f1": 0.5}, "commitments": {"f1": 0.5}}}
    if held:
        rules["held_out"] = held
    return {"articles": articles, "backends": {"rules": rules},
            "sample": {"articles": len(articles), "meetings": 1, "commitments": 1, "questions": 0, "unanswerable": 0}}


def test_summary_says_which_figures_are_held_out():
    assert "every figure is held out" in summary_line(_report(["900_x.txt", "901_y.txt"]))
    assert "in-sample" in summary_line(_report(["000_a.txt", "001_b.txt"]))
    held = {"articles": ["104_b.txt"], "metrics": {"meetings": {"f1": 0.7}, "commitments": {"f1": 0.8},
                                                    "merge": {"precision": 1.0, "recall": 0.5}}}
    line = summary_line(_report(["000_a.txt", "104_b.txt"], held))
    assert "on the 1 held out: meetings F1 0.70, commitments F1 0.80" in line


def test_rules_identity_changes_with_its_lexicons(monkeypatch, tmp_path):
    import shutil
    from importlib import resources

    from qa_app.extract import rules

    rules.rules_identity.cache_clear()
    first = rules.rules_identity()
    assert first.startswith("rules-") and len(first) == len("rules-") + 12
    rules.rules_identity.cache_clear()
    assert rules.rules_identity() == first  # deterministic

    data = tmp_path / "data"
    shutil.copytree(resources.files("qa_app.data"), data)
    cues = data / "lex_cues.json"
    cues.write_text(cues.read_text(encoding="utf-8").replace('"agreed"', '"agreed" ', 1), encoding="utf-8")
    real = resources.files
    monkeypatch.setattr(resources, "files", lambda pkg: data if pkg == "qa_app.data" else real(pkg))
    rules.rules_identity.cache_clear()
    try:
        assert rules.rules_identity() != first  # one byte of a lexicon changed
    finally:
        monkeypatch.undo()
        rules.rules_identity.cache_clear()
