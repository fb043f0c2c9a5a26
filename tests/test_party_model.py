"""The learned party model of the rules: its training is deterministic and learns what the labels
say, the shipped weights are what `qa-app train-parties` writes from the gold, and on articles
written for this test a summit's venue leaves the meeting planned there while the states that
met together all stay."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa_app.evaluation.party_training import fit
from qa_app.extract.rules import parties as P
from tests.conftest import ROOT, run_cli

DEV_GOLD = ROOT.parent / "shared" / "devcorpus" / "gold"

VENUE = """Australia and India sign a critical minerals pact

CANBERRA - Prime Minister Anthony Albanese held talks with Indian Prime Minister Narendra Modi at Parliament House in Canberra on Wednesday, 20 August 2025.

The two leaders signed an agreement on critical minerals and agreed to expand naval exercises.

Albanese said he expected to join Modi again at the G20 summit in South Africa in November.
"""

TRILATERAL = """Three allies pledge closer coordination

WASHINGTON - The foreign ministers of Japan, South Korea and the United States met in Washington on Friday, 4 April 2025, to discuss missile launches in the region.

The three ministers agreed to share missile warning data in real time.
"""


def _meetings(text: str):
    from qa_app.extract.article import extract_article
    from qa_app.extract.extractors.rules import RulesExtractor
    from qa_app.ingest.pipeline import prepare
    from qa_app.ingest.readers import RawArticle

    prepared = prepare(RawArticle(source="written.txt", text=text, kind="text"), 800)
    return extract_article(prepared.row, RulesExtractor())[0].meetings


@pytest.mark.unit
def test_fit_learns_which_signal_marks_a_party_and_is_deterministic():
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(200, len(P.FEATURES)))
    labels = (rows[:, 2] > 0).astype(float)  # only signal 2 tells a party
    a, b = fit(rows, labels), fit(rows, labels)
    assert a == b
    weights = np.abs(np.array(a["weights"]))
    assert weights.argmax() == 2 and weights[2] > 3 * np.delete(weights, 2).max()
    model = P.PartyModel.from_dict({"features": list(P.FEATURES), **a})
    assert model.probability(list(rows[labels == 1][0])) > 0.5 > model.probability(list(rows[labels == 0][0]))


@pytest.mark.unit
def test_weights_for_other_signals_are_refused():
    with pytest.raises(ValueError, match="do not match"):
        P.PartyModel.from_dict({"features": ["x"], "mean": [0], "scale": [1], "weights": [1], "bias": 0})


@pytest.mark.unit
def test_the_shipped_model_loads_with_this_version_s_signals():
    model = P.shipped_model()
    assert model is not None and len(model.weights) == len(P.FEATURES)


@pytest.mark.unit
def test_a_summit_venue_is_no_party_to_the_meeting_planned_there():
    planned = [m for m in _meetings(VENUE) if m.status == "planned"]
    assert [sorted(m.countries) for m in planned] == [["AUS", "IND"]]


@pytest.mark.unit
def test_without_the_model_the_venue_joins_the_meeting(monkeypatch):
    monkeypatch.setattr(P, "shipped_model", lambda: None)
    planned = [m for m in _meetings(VENUE) if m.status == "planned"]
    assert [sorted(m.countries) for m in planned] == [["AUS", "IND", "ZAF"]]


@pytest.mark.unit
def test_states_that_met_together_all_stay():
    assert [sorted(m.countries) for m in _meetings(TRILATERAL)] == [["JPN", "KOR", "USA"]]


@pytest.mark.unit
def test_collecting_scores_nothing_and_gathers_each_state_of_a_meeting_of_three():
    with P.collecting() as seen:
        meetings = _meetings(VENUE)
    assert any(sorted(m.countries) == ["AUS", "IND", "ZAF"] for m in meetings)  # nothing dropped
    codes = {code for _doc, _g, code, row, states in seen.rows if states == {"AUS", "IND", "ZAF"}}
    assert codes == {"ZAF"}  # the participants' states are never scored
    assert all(len(row) == len(P.FEATURES) for *_x, row, _s in seen.rows)


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.skipif(not DEV_GOLD.is_dir(), reason="the development corpus is not beside the repository")
def test_shipped_weights_are_what_train_parties_writes_from_the_gold(tmp_path):
    out = tmp_path / "party_model.json"
    res = run_cli("train-parties", "--gold", str(ROOT / "eval" / "gold"), "--gold", str(DEV_GOLD),
                  "--gold", str(ROOT / "eval" / "fresh" / "gold"), "--out", str(out))
    assert res.returncode == 0, res.stderr.decode()
    text = res.stdout.decode() + res.stderr.decode()
    assert "articles the rules were not tuned on: rules alone" in text and "with the model" in text
    shipped = Path(P.__file__).parents[2] / "data" / P.MODEL_FILE
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(shipped.read_text(encoding="utf-8"))


@pytest.mark.integration
def test_train_parties_on_a_folder_without_articles_is_a_clear_error(tmp_path):
    res = run_cli("train-parties", "--gold", str(tmp_path / "gold"), "--out", str(tmp_path / "m.json"))
    err = res.stderr.decode()
    assert res.returncode != 0 and "not a gold folder" in err and "Traceback" not in err, err
    assert not (tmp_path / "m.json").exists()
