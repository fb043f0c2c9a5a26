"""Questions about one person across articles: a person the articles write in two ways is one
person, a first name shared with someone else names nobody else, and "Which meetings did X take
part in?" lists the person's meetings from the records, each fact cited; and a sentence that
names its subject only in the sentence before it ("Ia diterima ...") is scored with that one; the
place of a meeting is cited from the meeting's own sentence."""

from __future__ import annotations

import pytest

from qa_app.qa.question import answer_types, people_named
from qa_app.store.record_keys import person_groups
from tests.test_ask import ask_json, assert_quotes_exact, extract_into


@pytest.mark.unit
def test_the_names_of_one_person_are_grouped_and_other_people_kept_apart():
    groups = person_groups(["Tomas Aravena", "Tomas A. Aravena III", "Tomas Vidal", "Aravena"])
    assert groups == [("Tomas Aravena", "Tomas A. Aravena III", "Aravena"), ("Tomas Vidal",)]


class _Index:
    """The record index's lookup of people by name token, over a fixed list of names."""

    def __init__(self, names):
        self.names = names

    def people_named(self, tokens):
        from qa_app.store.record_keys import name_key

        return [n for n in self.names if set(name_key(n).split()) & set(tokens)]


@pytest.mark.unit
def test_a_first_name_written_with_its_surname_names_only_that_person():
    index = _Index(["Jonas Berg", "Jonas Lund", "J. Berg", "Kari Lund"])
    assert people_named("Which meetings did Jonas Berg attend?", index) == ["Jonas Berg", "J. Berg"]
    # without the full name, a surname still finds everyone who bears it
    assert set(people_named("Whom did Lund meet?", index)) == {"Jonas Lund", "Kari Lund"}


@pytest.mark.unit
@pytest.mark.parametrize("question", [
    "When is the prime minister visiting Oslo, and at whose invitation?",
    "At whose initiative was the call held?",
])
def test_at_whose_invitation_asks_for_a_person(question):
    assert "person" in answer_types(question)


@pytest.mark.integration
def test_which_meetings_lists_every_meeting_of_a_person_written_two_ways(sample_store_copy, tmp_path):
    lima = tmp_path / "lima.txt"
    lima.write_text(
        "Published: 14 April 2025\n\n"
        "LIMA - Chilean Foreign Minister Tomas A. Aravena III met Peruvian Foreign Minister Rosa Vidal in Lima on "
        "Monday, and the two discussed fisheries.\n", encoding="utf-8")
    oslo = tmp_path / "oslo.txt"
    oslo.write_text(
        "Diterbitkan: Kamis, 22 Mei 2025\n\n"
        "Oslo (ANTARA) - Menteri Luar Negeri Chile Tomas Aravena bertemu Menteri Luar Negeri Norwegia Jonas Berg di "
        "Oslo, Kamis (22/5), untuk membahas kerja sama energi.\n", encoding="utf-8")
    extract_into(sample_store_copy, lima, oslo)
    a = ask_json(sample_store_copy, "Which meetings did Tomas Aravena take part in, according to these articles?")
    assert not a["abstained"], a
    text = a["answer"]
    for fact in ("Rosa Vidal", "Lima", "Jonas Berg", "Oslo", "2025"):
        assert fact in text, text
    assert text.index("Lima") < text.index("Oslo"), text  # oldest first
    cited = " ".join(c["quote"] for c in a["citations"])
    assert "Vidal" in cited and "Berg" in cited, a["citations"]
    assert_quotes_exact(sample_store_copy, a)


@pytest.mark.integration
def test_a_sentence_that_names_its_subject_only_in_the_sentence_before_answers(sample_store_copy, tmp_path):
    article = tmp_path / "santiago.txt"
    article.write_text(
        "Diterbitkan: Selasa, 15 April 2025\n\n"
        "Santiago (ANTARA) - Menteri Pertahanan Norwegia Jonas Berg tiba di Santiago, Senin (14/4), untuk kunjungan "
        "kerja selama dua hari.\n\n"
        "Ia diterima Presiden Chile Tomas Aravena di Istana La Moneda pada sore harinya.\n\n"
        "Kunjungan itu merupakan yang pertama bagi seorang menteri pertahanan Norwegia ke Amerika Selatan.\n\n"
        "Chile dan Norwegia menjalin hubungan diplomatik sejak 1930-an.\n", encoding="utf-8")
    extract_into(sample_store_copy, article)
    from qa_app.qa.retrieve import retrieve
    from qa_app.settings import Settings
    from qa_app.store import Store

    st = Store(Settings(store=sample_store_copy))
    try:
        received = next(p for p in retrieve(st, "Siapa yang menerima Jonas Berg di Santiago?")
                        if p.text.startswith("Ia diterima"))
    finally:
        st.close()
    # the visitor and the city are told in the sentence before; they count for this one too
    assert received.coverage > received.own_coverage, received
    a = ask_json(sample_store_copy, "Siapa yang menerima Jonas Berg di Santiago?")
    assert not a["abstained"] and "Tomas Aravena" in a["answer"], a["answer"]
    assert any(c["quote"].startswith("Ia diterima") for c in a["citations"]), a["citations"]
    assert_quotes_exact(sample_store_copy, a)


@pytest.mark.integration
def test_the_place_of_a_meeting_is_cited_from_its_own_sentence_not_another_that_names_the_city(
        sample_store_copy, tmp_path):
    article = tmp_path / "oslo.txt"
    article.write_text(
        "Published: 14 April 2025\n\n"
        "OSLO - Norwegian Prime Minister Jonas Berg and Peruvian President Rosa Vidal met in Lima on Monday to "
        "discuss fisheries.\n\n"
        "The Chilean president is expected in Oslo next week.\n\n"
        "The last Chilean president to visit Oslo was Tomas Aravena, who held talks with Berg there in "
        "March 2023.\n", encoding="utf-8")
    extract_into(sample_store_copy, article)
    a = ask_json(sample_store_copy, "Where did Tomas Aravena and Jonas Berg meet in March 2023?")
    assert not a["abstained"] and "Oslo" in a["answer"], a["answer"]
    assert not any("next week" in c["quote"] for c in a["citations"]), a["citations"]
    assert_quotes_exact(sample_store_copy, a)
