"""The rules extractor (no model) on the sample articles and on small made-up texts."""

from __future__ import annotations

from functools import lru_cache

import pytest

from qa_app.extract.article import extract_article
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.ingest.pipeline import prepare
from qa_app.ingest.readers import RawArticle
from qa_app.schemas.records import ArticleRecords
from tests.conftest import ARTICLES, ROOT, article_path

pytestmark = pytest.mark.unit

SAMPLES = ("000", "001", "002", "003", "004")


def doc_from(text: str, name: str = "made-up.txt"):
    prepared = prepare(RawArticle(source=name, text=text, kind="text"), 800)
    assert not isinstance(prepared, str), prepared
    return prepared.row


@lru_cache(maxsize=None)
def sample(prefix: str):
    doc = doc_from(article_path(prefix).read_text(encoding="utf-8"), f"{prefix}.txt")
    return doc, extract_article(doc, RulesExtractor())[0]


def extract(text: str) -> ArticleRecords:
    return extract_article(doc_from(text), RulesExtractor())[0]


def one(items, what: str):
    assert len(items) == 1, f"expected one {what}, got {len(items)}: {items}"
    return items[0]


# --- article 001: the SOM 2+2 ----------------------------------------------------------------


def test_001_one_held_som_meeting_with_date_place_and_countries():
    _, rec = sample("001")
    som = one([m for m in rec.meetings if m.status == "held"], "held meeting")
    assert som.date.value == "2024-08-13" and som.date.precision == "day"
    assert sorted(som.countries) == ["CHN", "IDN"]
    assert som.location.city == "Jakarta"  # from the dateline "Jakarta –"
    assert "2+2" in som.mechanism
    assert any("13 Agustus 2024" in e.quote for e in som.evidence)


def test_001_four_officials_with_roles_and_countries():
    _, rec = sample("001")
    som = one([m for m in rec.meetings if m.status == "held"], "held meeting")
    people = {p.name: p for p in som.participants}
    assert set(people) == {"Abdul Kadir Jailani", "Oktaheroe Ramsi", "Sun Weidong", "Zhang Baoqun"}
    assert {n: p.country for n, p in people.items()} == {
        "Abdul Kadir Jailani": "IDN", "Oktaheroe Ramsi": "IDN", "Sun Weidong": "CHN", "Zhang Baoqun": "CHN"}
    assert "Dirjen Asia Pasifik dan Afrika" in people["Abdul Kadir Jailani"].role
    assert "Brigjen TNI" in people["Oktaheroe Ramsi"].role
    assert "Sekdirjen Strategi Pertahanan" in people["Oktaheroe Ramsi"].role
    assert "Wakil Menteri Luar Negeri" in people["Sun Weidong"].role
    assert "Mayjen" in people["Zhang Baoqun"].role
    assert "Wakil Kepala Kantor Kerja Sama Militer Internasional" in people["Zhang Baoqun"].role


def test_001_planned_ministerial_talks_once_and_widodo_visit_referenced():
    _, rec = sample("001")
    assert len(rec.meetings) == 3
    planned = one([m for m in rec.meetings if m.status == "planned"], "planned meeting")
    assert (planned.date.value, planned.date.precision) == ("2025", "year")
    assert sorted(planned.countries) == ["CHN", "IDN"]
    assert planned.participants == []  # Jailani only reports it
    visit = one([m for m in rec.meetings if m.status == "referenced"], "referenced meeting")
    assert visit.kind == "visit" and visit.date.value == "2023-10" and visit.location.city == "Beijing"
    assert sorted(visit.countries) == ["CHN", "IDN"] and [p.name for p in visit.participants] == ["Joko Widodo"]
    assert visit.mechanism is None  # "SOM 2+2 ini" in that sentence points back at the held meeting


def test_001_commitments_are_the_two_states_and_not_the_planned_meeting():
    doc, rec = sample("001")
    assert rec.commitments
    for c in rec.commitments:
        assert sorted(c.actors) == ["CHN", "IDN"]
        assert "Rencananya" not in c.evidence[0].quote and "direncanakan" not in c.evidence[0].quote
    quotes = [e.quote for c in rec.commitments for e in c.evidence]
    assert any(q.startswith("Kedua negara juga berkomitmen") for q in quotes)
    assert any("latihan militer bersama" in c.action for c in rec.commitments)


# --- article 004: Sun Weidong in Moscow, the BRICS summit in Kazan -----------------------------


def test_004_moscow_talks_monday_and_tuesday_before_the_report():
    _, rec = sample("004")
    assert rec.published == "2024-03-01"
    talks = one([m for m in rec.meetings if m.status == "held"], "held meeting")
    assert sorted(talks.countries) == ["CHN", "RUS"]
    assert (talks.date.value, talks.date.end, talks.date.precision) == ("2024-02-26", "2024-02-27", "day")
    assert talks.location.city == "Moscow"
    assert {p.name: p.country for p in talks.participants} == {"Sun Weidong": "CHN", "Sergei Lavrov": "RUS"}


def test_004_planned_brics_summit_in_kazan_with_the_listed_members():
    _, rec = sample("004")
    summit = one([m for m in rec.meetings if m.status == "planned"], "planned meeting")
    assert summit.kind == "summit" and summit.mechanism == "BRICS" and summit.location.city == "Kazan"
    assert (summit.date.value, summit.date.precision) == ("2024-10", "month")
    assert sorted(summit.countries) == ["BRA", "CHN", "IND", "RUS", "ZAF"]


def test_004_no_meeting_from_a_topic_or_a_founding_clause():
    _, rec = sample("004")
    assert len(rec.meetings) == 2
    assert not any("UKR" in m.countries for m in rec.meetings)  # "bertukar pandangan mengenai krisis Ukraina"
    assert not any(m.date.value == "2001" for m in rec.meetings)  # the SCO "didirikan ... pada tahun 2001"
    assert {tuple(c.actors) for c in rec.commitments} == {("CHN",)}


# --- false meetings and wrong actors on the other samples --------------------------------------


def test_000_one_meeting_not_the_launch_of_the_dialogue():
    _, rec = sample("000")
    m = one(rec.meetings, "meeting")  # not "2+2: China" from "The dialogue, launched in 2023"
    assert sorted(m.countries) == ["CHN", "IDN"] and m.location.city == "Jakarta" and m.status == "held"
    assert m.date.value is None and m.date.text == "Tuesday"


def test_000_commitment_actors_are_subjects_and_taiwan_is_a_topic():
    _, rec = sample("000")
    by_quote = {c.evidence[0].quote[:30]: sorted(c.actors) for c in rec.commitments}
    assert by_quote["The countries agreed to peacef"] == ["CHN", "IDN"]
    assert by_quote["Indonesia reaffirmed its adher"] == ["IDN"]
    assert by_quote["China said it advocates a comm"] == ["CHN"]
    assert not any("TWN" in c.actors for c in rec.commitments)
    quotes = " ".join(e.quote for c in rec.commitments for e in c.evidence)
    assert "stressed the importance" not in quotes and "agreed that" not in quotes


def test_002_topics_and_places_are_not_parties():
    _, rec = sample("002")
    assert len(rec.meetings) == 3
    for m in rec.meetings:
        assert sorted(m.countries) == ["CHN", "RUS"], m.title  # not AFG/UKR (topics) nor UZB (Samarkand, Uzbekistan)
    held = one([m for m in rec.meetings if m.status == "held"], "held meeting")
    assert held.date.value == "2022-09-19" and held.location.region == "Fujian" and held.location.city is None
    assert {m.date.value for m in rec.meetings if m.status == "referenced"} == {"2022-09-15"}
    for c in rec.commitments:
        assert set(c.actors) <= {"CHN", "RUS"}
    both = [c for c in rec.commitments if any(e.quote.startswith("Kedua pihak sepakat") for e in c.evidence)]
    assert sorted(one(both, "commitment").actors) == ["CHN", "RUS"]  # "Kedua pihak" = the meeting's two states


# --- grounding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", SAMPLES)
def test_every_kept_evidence_is_an_exact_span_and_nothing_is_rejected(prefix):
    doc, rec = sample(prefix)
    spans = [e for m in rec.meetings for e in m.evidence]
    spans += [e for m in rec.meetings for p in m.participants for e in p.evidence]
    spans += [e for c in rec.commitments for e in c.evidence]
    assert spans
    for e in spans:
        assert e.doc_id == doc.id and e.quote == doc.clean_text[e.start:e.end]
    assert rec.rejected == []  # everything the rules extractor emits is a candidate found in the text


def test_scores_against_the_gold_do_not_regress():
    from qa_app.evaluation.gold import doc_map, load_gold, locate_evidence, read_articles
    from qa_app.evaluation.metrics import match_commitments, match_meetings, participants_prf

    gold = load_gold(ROOT / "eval" / "gold")
    arts = read_articles(ARTICLES)
    spans, _ = locate_evidence(gold, arts)
    recs = [sample(p)[1] for p in SAMPLES]
    meetings = {r.doc_id: [m.model_dump() for m in r.meetings] for r in recs}
    commitments = {r.doc_id: [c.model_dump() for c in r.commitments] for r in recs}
    dm = doc_map(arts.values())
    assert match_meetings(meetings, gold.articles, dm).score.f1 >= 0.85
    assert participants_prf(meetings, gold.articles, dm).f1 >= 0.85
    assert match_commitments(commitments, gold.articles, spans, dm).score.f1 >= 0.8


# --- made-up texts: one rule each ---------------------------------------------------------------


def test_topic_countries_after_a_topic_marker_are_not_parties():
    rec = extract("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing on "
                  "Monday 4 March 2024 and exchanged views about the crisis in Ukraine and Afghanistan.")
    m = one(rec.meetings, "meeting")
    assert sorted(m.countries) == ["CHN", "RUS"]


def test_a_speaker_who_reports_a_meeting_is_not_its_participant():
    rec = extract("Indonesia dan Jepang akan menggelar pertemuan tingkat menteri pada tahun 2025. "
                  "Menteri Luar Negeri Indonesia Retno Marsudi mengatakan bahwa pertemuan itu penting.")
    m = one(rec.meetings, "meeting")
    assert m.status == "planned" and sorted(m.countries) == ["IDN", "JPN"] and m.participants == []


def test_abstract_dialogue_and_opinions_are_not_meetings_or_commitments():
    rec = extract("China is willing to work with Indonesia to strengthen dialogue and communication. "
                  "Both sides stressed the importance of regional stability. "
                  "China and Indonesia agreed that relations are strong.")
    assert rec.meetings == []
    assert [c.evidence[0].quote[:5] for c in rec.commitments] == ["China"]
    assert rec.commitments[0].actors == ["CHN"]


def test_both_sides_take_the_states_of_the_meeting():
    rec = extract("Japan and Vietnam held talks in Hanoi on 5 May 2024. "
                  "Both sides agreed to expand cooperation on energy and maritime security with partners such as "
                  "the Philippines.")
    m = one(rec.meetings, "meeting")
    assert sorted(m.countries) == ["JPN", "VNM"] and m.location.city == "Hanoi"
    c = one(rec.commitments, "commitment")
    assert sorted(c.actors) == ["JPN", "VNM"]
