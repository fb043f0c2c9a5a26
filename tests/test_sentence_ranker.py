"""The learned sentence ranker: its training is deterministic and learns what the labels say, the
shipped weights load, and on an article written for this test it picks the sentence that holds
the question's specific words over the lead sentence that only names the meeting."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qa_app.evaluation.ranker_training import QuestionList, fit, outcomes
from qa_app.qa import sentence_ranker as R
from tests.conftest import ROOT, run_cli

ARTICLE = """Norway and Chile agree to expand Antarctic research cooperation

OSLO - Norwegian Foreign Minister Ingrid Solberg held talks with Chilean Foreign Minister Tomas Aravena in Oslo on Tuesday, and the two countries agreed to expand their cooperation on Antarctic research.

The two ministers discussed fisheries, polar logistics and the protection of the Southern Ocean.

On Monday evening Solberg hosted Aravena for dinner at the Akershus Fortress, where the two ministers were joined by the rectors of three universities.

Norway and Chile will hold their next round of consultations in Santiago in 2026.
"""


def _list(rows, labels, held_out=False):
    rows = np.array(rows, float)
    return QuestionList("q", held_out, rows, np.array(labels, float), [r[1] for r in rows.tolist()], [True] * len(rows))


@pytest.mark.unit
def test_training_learns_which_signal_marks_the_gold_sentence_and_is_deterministic():
    rng = np.random.default_rng(7)
    lists = []
    for _ in range(30):  # signal 0 marks the gold sentence; signal 1 (the "hand rank") is noise
        rows = rng.normal(size=(6, 2))
        gold = int(rng.integers(6))
        rows[gold, 0] += 3.0
        lists.append(_list(rows, [i == gold for i in range(6)]))
    first, second = fit(lists), fit(lists)
    for a, b in zip(first, second):
        assert np.array_equal(a, b)
    mean, scale, weights = first
    assert weights[0] > 1.0 and abs(weights[1]) < weights[0] / 3
    report = outcomes(lists, mean, scale, weights, 0.3)
    assert report["questions"] == 30 and report["learned_top"] >= 27 and report["learned_top"] > report["hand_top"]


@pytest.mark.unit
def test_the_shipped_weights_load_and_match_the_signals_of_this_version():
    model = R.shipped_model()
    assert model.features == R.FEATURES and model.weights.shape == (len(R.FEATURES),)
    assert np.all(np.isfinite(model.weights)) and np.any(model.weights != 0)
    assert len(R.model_hash()) == 12
    raw = json.loads(R.shipped_text())
    raw["features"] = raw["features"][:-1]
    with pytest.raises(ValueError, match="do not match"):
        R.RankerModel.from_dict(raw)


@pytest.mark.unit
def test_a_word_rare_in_its_article_weighs_more_than_the_names_every_sentence_repeats():
    doc = [{"NOR", "CHL", "talk"}, {"NOR", "CHL", "fisheri"}, {"NOR", "CHL", "dinner"}, {"NOR", "CHL", "round"}]
    wanted = {"NOR", "CHL", "dinner"}
    assert R._doc_coverage(wanted, doc[2], doc) > 0.6 > R._doc_coverage(wanted, doc[0], doc)
    assert R._doc_coverage(set(), doc[0], doc) == 0.0


def _store(tmp_path_factory, articles: dict[str, str], extracted: bool = False):
    """A store holding the given articles (file name -> text), with the rules' records if `extracted`."""
    from qa_app.app.extract import ExtractRequest, extract, open_extractor
    from qa_app.ingest.pipeline import ingest
    from qa_app.settings import Settings
    from qa_app.store import Store

    folder = tmp_path_factory.mktemp("ranker-articles")
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    store_dir = tmp_path_factory.mktemp("ranker-store")
    st = Store(Settings(store=store_dir))
    try:
        assert ingest([str(folder)], st).count("ingested") == len(articles)
        if extracted:
            assert extract(st, open_extractor("rules", st.settings), ExtractRequest()).ok
    finally:
        st.close()
    return store_dir


def _ask(store_dir, *questions):
    """The extractive answers from sentences alone (no record answers) to the questions."""
    from qa_app.qa.answer import AskOptions, ask
    from qa_app.settings import Settings
    from qa_app.store import Store

    st = Store(Settings(store=store_dir))
    try:
        return [ask(st, question, options=AskOptions(records=False)) for question in questions]
    finally:
        st.close()


@pytest.fixture(scope="module")
def research_store(tmp_path_factory):
    return _store(tmp_path_factory, {"norway_chile.txt": ARTICLE})


@pytest.mark.integration
def test_the_sentence_with_the_questions_own_words_is_quoted_first(research_store):
    for answer in _ask(research_store, "Where did Solberg host Aravena for dinner?",
                       "Di mana Solberg menjamu Aravena makan malam (dinner)?"):
        assert not answer.abstained, answer
        assert "Akershus Fortress" in answer.citations[0].quote, [c.quote for c in answer.citations]
        assert len(answer.citations) <= 3


@pytest.mark.integration
@pytest.mark.slow
def test_train_ranker_writes_the_same_weights_twice_and_reports_held_out_questions(tmp_path):
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outs:
        res = run_cli("train-ranker", "--gold", str(ROOT / "eval" / "gold"), "--hold-out", "001", "--out", str(out))
        assert res.returncode == 0, res.stderr.decode()
    assert outs[0].read_bytes() == outs[1].read_bytes()
    text = res.stdout.decode() + res.stderr.decode()
    assert "held out:" in text and "by the learned one" in text
    model = json.loads(outs[0].read_text(encoding="utf-8"))
    assert R.RankerModel.from_dict(model).features == R.FEATURES
    assert model["trained_on"]["held_out_prefixes"] == ["001"] and model["held_out"]["questions"] >= 1


@pytest.mark.integration
def test_train_ranker_without_questions_is_a_clear_error(tmp_path):
    res = run_cli("train-ranker", "--gold", str(tmp_path), "--out", str(tmp_path / "m.json"))
    assert res.returncode != 0 and "questions.json" in res.stderr.decode()
    assert not (tmp_path / "m.json").exists()


@pytest.mark.integration
@pytest.mark.slow
def test_train_ranker_into_a_folder_that_does_not_exist_is_a_clear_error(tmp_path):
    out = tmp_path / "missing" / "m.json"
    res = run_cli("train-ranker", "--gold", str(ROOT / "eval" / "gold"), "--out", str(out))
    err = res.stderr.decode()
    assert res.returncode == 1 and "cannot write the ranker weights" in err and "Traceback" not in err, err


@pytest.mark.integration
@pytest.mark.slow
def test_train_ranker_holds_out_the_articles_the_rules_were_not_tuned_on(tmp_path):
    import shutil

    gold, articles = tmp_path / "gold", tmp_path / "articles"
    shutil.copytree(ROOT / "eval" / "gold", gold)
    shutil.copytree(ROOT / "eval" / "articles", articles)
    stem = "001_317e17d52efed6ef"  # one sample, renamed to a prefix no rule was tuned on
    (articles / f"{stem}.txt").rename(articles / f"999{stem[3:]}.txt")
    (gold / f"{stem}.json").rename(gold / f"999{stem[3:]}.json")
    for f in gold.glob("*.json"):
        f.write_text(f.read_text(encoding="utf-8").replace(stem, "999" + stem[3:]), encoding="utf-8")
    out = tmp_path / "m.json"
    res = run_cli("train-ranker", "--gold", str(gold), "--hold-out-untuned", "--out", str(out))
    assert res.returncode == 0, res.stderr.decode()
    assert "held out:" in res.stdout.decode() + res.stderr.decode()
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["trained_on"]["held_out_untuned"] is True and model["held_out"]["questions"] >= 1


OSLO_LEG = """Chileans to travel visa-free to Norway as Aravena and Dahl sign four agreements

OSLO - Chilean President Tomas Aravena held talks with Norwegian Prime Minister Erik Dahl in Oslo on Tuesday, and the two leaders signed four agreements on fisheries, research and trade.

Norwegians will be able to visit Chile without a visa from March, Aravena announced after the talks.

Aravena flies to Copenhagen on Thursday, where he will hold talks with Danish Prime Minister Mette Lund.
"""

COPENHAGEN_LEG = """Aravena and Lund open a new chapter in Chile-Denmark ties

COPENHAGEN - Chilean President Tomas Aravena met Danish Prime Minister Mette Lund in Copenhagen on Thursday, the second stop of his tour of northern Europe.

The two leaders agreed to give each other's citizens five-year multiple-entry visas for business travel, Aravena told reporters.

They also discussed wind power and copper supply chains.
"""


@pytest.fixture(scope="module")
def two_leg_store(tmp_path_factory):
    return _store(tmp_path_factory, {"oslo.txt": OSLO_LEG, "copenhagen.txt": COPENHAGEN_LEG}, extracted=True)


@pytest.mark.integration
def test_the_report_on_the_meeting_in_the_city_asked_about_is_quoted_not_the_one_on_the_trips_other_leg(two_leg_store):
    [answer] = _ask(two_leg_store, "What visa arrangements did Aravena announce in Copenhagen?")
    assert not answer.abstained, answer
    assert "multiple-entry visas" in answer.citations[0].quote, [c.quote for c in answer.citations]


@pytest.mark.unit
def test_the_lead_meeting_matches_or_contradicts_the_place_and_period_asked_about():
    import datetime as dt
    from types import SimpleNamespace

    november = [("in", dt.date(2023, 11, 1), dt.date(2023, 11, 30))]
    q = SimpleNamespace(places=["Canberra"], dates=november)
    assert R._lead_match(q, ("Canberra", None, "2023-11-06", "2023-11-06")) == (1.0, 1.0)
    assert R._lead_match(q, ("Wellington", None, "2024-06-14", "2024-06-14")) == (-1.0, -1.0)
    assert R._lead_match(q, (None, None, None, None)) == (0.0, 0.0)
    assert R._lead_match(q, None) == (0.0, 0.0)
    assert R._lead_match(SimpleNamespace(places=[], dates=[]), ("Canberra", None, "2023-11-06", "2023-11-06")) == (0.0, 0.0)
