"""Pieces of record-first answering with no store: what a question asks for and names, the
wording of dates and lists, what a sentence carries, the answerability curve, record links."""

from __future__ import annotations

import pytest

from qa_app.evaluation.answers import _rates, group_of
from qa_app.qa import compose as C
from qa_app.qa.answerability import carries, names_found, names_written_alike
from qa_app.qa.concepts import word_stem
from qa_app.qa.question import analyse, answer_types, question_round
from qa_app.qa.records_answer import lone_venue, venue
from qa_app.ui import html as H


def _decide(q, text: str, context: str = "", language: str = "en", periods: tuple = (), published=None,
            start: int = 0):
    """`decide_sentence` on `text` as a well-matched passage (at `start`) of the document `context + text`."""
    from qa_app.qa.answerability import decide_sentence
    from qa_app.qa.retrieve import Passage

    p = Passage("d", start, start + len(text), text, cosine=0.9, overlap=0.9, coverage=0.9)
    return decide_sentence(q, p, context + text, 0.1, None, language, periods, published)


@pytest.mark.unit
@pytest.mark.parametrize("question,types", [
    ("Who represented China at the SOM 2+2?", ["person"]),
    ("Siapa saja menteri Malaysia yang mendampingi PM Anwar?", ["person"]),
    ("When and where was the first China-Indonesia 2+2 held?", ["date", "place"]),
    ("Di mana dan kapan Prabowo bertemu Parly?", ["place", "date"]),
    ("Kapan Sun Weidong berada di Moskow?", ["date"]),
    ("Di kota mana Erdogan dan Prabowo akan bertemu?", ["city"]),
    ("How many Rafale jets did Indonesia order?", ["number"]),
    ("Berapa anggaran latihan militer gabungan?", ["amount"]),
    ("What was the total value of the contract?", ["amount"]),
    ("What did Indonesia and Japan agree to cooperate on?", ["commitment"]),
    ("Apa saja yang disepakati Indonesia dan Tiongkok?", ["commitment"]),
    ("Which countries took part in the retreat?", ["country"]),
    ("Apakah Jepang akan mendukung proyek infrastruktur Indonesia?", ["yesno"]),
    ("Which round of the Annual Consultation was held in July?", ["mechanism"]),
    ("Which documents were signed when the two presidents met in Oslo?", ["commitment"]),  # "when" opens a clause
    ("Who met Berg in Oslo, and when?", ["person", "date"]),
    # a clause asking what was agreed, joined to one asking a detail of it: both are asked
    ("What did Norway and Chile agree to set up in Oslo, and how long was it given?", ["commitment", "duration"]),
    ("Which treaties did Peru and Norway sign in Lima, and who signed the first one?", ["commitment", "person"]),
    ("Apa yang disepakati Peru dan Norwegia di Lima, dan kapan komite itu bertemu?", ["commitment", "date"]),
    ("Which ministers signed the treaty Peru and Norway agreed on?", ["person"]),
])
def test_answer_types_in_english_and_indonesian(question, types):
    assert answer_types(question) == types


@pytest.mark.unit
@pytest.mark.parametrize("question,rnd", [
    ("When was the 17th strategic security consultation?", 17), ("Konsultasi Keamanan Strategis putaran ke-17", 17),
    ("the second Japan-Philippines 2+2 meeting", 2), ("pertemuan 2+2 pertama Jepang-Filipina", 1),
    ("Where did Modi and Prabowo first meet?", None),
])
def test_round_numbers(question, rnd):
    assert question_round(question) == rnd


@pytest.mark.unit
def test_question_facets_countries_dates_and_names():
    q = analyse("Kapan dan di mana Konsultasi Tahunan Malaysia-Indonesia digelar sebelum pertemuan Juli 2025?", "id")
    assert set(q.countries) == {"MYS", "IDN"}
    assert [(rel, lo.isoformat(), hi.isoformat()) for rel, lo, hi in q.dates] == [("before", "2025-07-01", "2025-07-31")]
    q = analyse("Lima isu apa yang disepakati para menteri ASEAN di retret Penang?", "id")
    assert "PER" not in q.countries  # 'lima' is five here, not Peru's capital
    q = analyse("Whom did Sjafrie Sjamsoeddin meet in Ho Chi Minh City?", "en")
    assert any("Chi Minh" in n for n in q.names) and not q.planned
    # countries and dates are matched as codes and dates, so an article in another language need not spell them
    q = analyse("What did Erdogan tell the United States on Friday in February about Ukraine?", "en")
    assert q.names == ["Erdogan"]


@pytest.mark.unit
def test_when_someone_is_scheduled_to_come_is_not_answered_by_the_day_of_the_invitation():
    from datetime import date

    from qa_app.qa.answerability import DATES_NOTHING_TO_COME

    q = analyse("Kapan Presiden Chile dijadwalkan berkunjung ke Norwegia untuk memenuhi undangan Store?", "id")
    assert q.future and not q.planned  # "dijadwalkan" tells a schedule, not the words of a plan
    doc = "Chile Norwegia. Store menelepon Presiden Chile, Selasa (26/6), dan mengundangnya ke Norwegia."
    called = "Store menelepon Presiden Chile, Selasa (26/6), dan mengundangnya ke Norwegia."
    same_day = ((date(2018, 6, 26), date(2018, 6, 26)),)  # the day of the report itself
    refused = _decide(q, called, "Chile Norwegia. ", "id", same_day, date(2018, 6, 26), start=16)
    assert not refused.answer and refused.reason == DATES_NOTHING_TO_COME
    due = "Presiden Chile dijadwalkan tiba di Oslo pada Senin (2/7)."
    to_come = ((date(2018, 7, 2), date(2018, 7, 2)),)
    assert _decide(q, due, doc + " ", "id", to_come, date(2018, 6, 26)).answer
    q = analyse("When is the Chilean president scheduled to visit Norway?", "en")
    assert not _decide(q, "The Chilean president said on Tuesday that Norway was a close partner.").answer


@pytest.mark.unit
def test_a_figure_asked_for_each_unit_needs_a_sentence_that_gives_a_rate():
    from qa_app.qa.answerability import asked_rate, tells_rate

    assert asked_rate("At what price per ton will Chilean copper be sold to Norway?") == "ton"
    assert asked_rate("Berapa ton salmon yang akan dipasok Norwegia setiap tahun?") == asked_rate("each year?")
    assert asked_rate("How many tons of salmon will Norway supply?") is None
    assert tells_rate(asked_rate("per year"), "Norway will supply 40,000 tonnes of salmon annually.")
    assert tells_rate(asked_rate("per tahun"), "Norwegia akan memasok 40 ribu ton salmon setahun.")
    assert tells_rate("ton", "The copper will be sold at US$9,000/ton.")
    assert tells_rate("ton", "Tembaga itu dijual pada harga RM40,000 setiap tan.")  # Malay "tan"
    assert tells_rate(asked_rate("per ton"), "Copper sells at $9,000 a tonne.")
    assert not tells_rate("ton", "Norway bought 300,000 tons of copper last year.")

    q = analyse("At what price per ton will Chilean copper be sold to Norway under the new deal?", "en")

    def decision(text):
        return _decide(q, text, "Chile Norway. ")

    total = decision("Norway bought about 300,000 tons of Chilean copper worth some $2.7 billion last year.")
    assert not total.answer and "each unit" in total.reason
    assert decision("Under the deal, Chilean copper will be sold to Norway at $9,100 per ton.").answer
    q = analyse("Berapa ton salmon yang akan dipasok Norwegia ke Chile setiap tahun?", "id")
    p_text = "Norwegia akan memasok 40 ribu ton salmon ke Chile setiap tahun mulai 2026."
    assert _decide(q, p_text, "Chile Norwegia. ", "id").answer


@pytest.mark.unit
def test_a_question_about_what_is_to_come_needs_a_sentence_that_announces_it():
    q = analyse("When will the Arctic patrol task force hold its first meeting?", "en")
    assert q.planned

    def decision(text):
        return _decide(q, text)

    past = decision("Norway said on Saturday that the three states had agreed to set up an Arctic patrol task force.")
    assert not past.answer and "to come" in past.reason
    assert decision("The Arctic patrol task force will hold its first meeting in Tromsø on 4 March.").answer
    q = analyse("Where will the next Arctic summit be held?", "en")
    assert not decision("The Arctic summit was held in Tromsø, Norway, in March.").answer
    q = analyse("What did Norway and Sweden agree in Tromsø?", "en")
    refused = decision("Norway's and Sweden's prime ministers are expected in Tromsø next week.")
    assert not refused.answer and "commitment" in refused.reason
    assert decision("In Tromsø, Norway and Sweden agreed to pool their Arctic patrols.").answer
    # the states may be named through the people the question names for them
    q = analyse("Apa yang disepakati Store dan PM Swedia Kristersson di Oslo?", "id")
    said = "Di Oslo, Store dan Kristersson sepakat membentuk kelompok kerja untuk patroli Arktik."
    assert _decide(q, said, "PM Swedia Ulf Kristersson tiba di Oslo. ", "id").answer


@pytest.mark.unit
@pytest.mark.parametrize("value,precision,end,lang,words", [
    ("2024-08-13", "day", None, "en", "on 13 August 2024"),
    ("2024-08-13", "day", None, "id", "pada 13 Agustus 2024"),
    ("2023-10", "month", None, "en", "in October 2023"),
    ("2025", "year", None, "id", "pada 2025"),
    ("2025-02-11", "day", "2025-02-12", "en", "on 11–12 February 2025"),
    (None, None, None, "en", ""),
])
def test_dates_say_their_precision(value, precision, end, lang, words):
    assert C.date_phrase(value, precision, end, lang) == words


@pytest.mark.unit
def test_country_names_and_lists_in_both_languages():
    assert C.country_name("CHN", "id") == "Tiongkok" and C.country_name("CHN", "en") == "China"
    assert C.bare(C.country_name("USA", "en")) == "United States"
    assert C.join(["A", "B", "C"], "id") == "A, B dan C" and C.join(["A", "B"], "en") == "A and B"
    assert C.round_phrase(13, "en") == "13th" and C.round_phrase(2, "en") == "second" and C.round_phrase(1, "id") == "ke-1"
    assert C.short_role("Brigjen TNI · Sekdirjen Strategi Pertahanan") == "Brigjen TNI"


@pytest.mark.unit
def test_what_a_sentence_carries():
    assert carries("date", "The talks were held on Tuesday, 13 August 2024.")
    assert not carries("date", "The talks covered maritime security.")
    assert carries("number", "The four ministers met for roughly 80 minutes.")
    assert not carries("number", "Filipina dan Jepang menandatangani RAA di Manila, Senin (8/7).", "id")
    assert not carries("number", "They held the first 2+2 meeting.")
    # a definite group is not a count
    assert not carries("number", "Both leaders and the two governments agreed to form a working group.")
    assert carries("number", "The two sides signed four agreements.")
    assert carries("amount", "Indonesia agreed to buy US$15 billion of energy.")
    assert not carries("amount", "Indonesia ordered 42 Rafale jets.")
    # a large count of tons or people is no sum of money
    assert not carries("amount", "Chile will supply 1.5 million to 2 million metric tons of copper a year.")
    assert not carries("amount", "Norwegia menargetkan 2 juta wisatawan Chile.", "id")
    assert carries("amount", "Norwegia menyiapkan 15 miliar dolar AS.", "id")
    assert carries("country", "Brunei and Myanmar sent ministers.", question_countries=frozenset({"MYS"}))
    assert not carries("country", "Malaysia hosted the retreat.", question_countries=frozenset({"MYS"}))
    # what was agreed, pledged, signed or welcomed needs a sentence that says so
    assert carries("commitment", "The two ministers agreed to set up an Arctic patrol task force.")
    assert carries("commitment", "Kedua menteri meneken nota kesepahaman tentang perikanan.", "id")
    assert carries("commitment", "Lavrov did promise to raise the request in Moscow.")
    assert not carries("commitment", "The Norwegian prime minister is expected in Stockholm next week.")
    assert not carries("commitment", "Menlu Norwegia tiba di Stockholm pada Selasa malam.", "id")


@pytest.mark.unit
def test_names_the_question_relies_on_must_be_in_the_evidence():
    assert names_found(["Ho Chi Minh City", "Sjafrie"], "Sjafrie visited Hanoi.") < 0.75
    assert names_found(["Menhan Sjafrie"], "Menteri Pertahanan Sjafrie Sjamsoeddin") == 1.0  # titles are not names
    assert names_found([], "anything") == 1.0


@pytest.mark.unit
def test_across_languages_a_name_keeps_only_the_words_an_article_would_write_alike():
    # ordinary words of the question's language are translated; unknown names and acronyms are not
    q = analyse("Who received Sven Halvorsen at the Merdeka Palace during the Joint Commission?", "en")
    assert names_written_alike(q) == ["Sven Halvorsen", "Merdeka Palace"]  # "Palace" is no word a name needs
    q = analyse("Siapa yang menandatangani Pasal 4 di Gedung Putih bersama delegasi OKI?", "id")
    assert names_written_alike(q) == ["OKI"]


@pytest.mark.unit
def test_an_article_in_another_language_is_not_refused_for_a_translated_name():
    q = analyse("Who did Halvorsen meet aboard the Carrier Strike Group flagship?", "en")
    told = "Halvorsen bertemu Menteri Luar Negeri Retno Marsudi di kapal utama Kelompok Kapal Induk, Kamis (10/2)."
    assert names_found(q.names, told) < 0.75  # as written, the question's names are not all there
    assert _decide(q, told, language="id").reason != "a name in the question is not in the article"
    # in the question's own language the name must be there: this article tells of another meeting
    other = "Halvorsen met Foreign Minister Retno Marsudi at the Bogor Palace on Thursday."
    assert _decide(q, other, language="en").reason == "a name in the question is not in the article"
    assert _decide(q, told, language=None).reason == "a name in the question is not in the article"  # language unknown
    # nor is a name that no language translates excused
    q = analyse("Who did Halvorsen meet in Tromsdalen?", "en")
    assert _decide(q, told, language="id").reason == "a name in the question is not in the article"


@pytest.mark.unit
def test_word_stems_join_inflections_across_affixes():
    assert word_stem("didampingi") == word_stem("mendampingi")
    assert word_stem("deepened") == word_stem("deepening") == "deepen"
    assert word_stem("2024") == "2024" and word_stem("Rafale".lower()) == "rafale"


@pytest.mark.unit
def test_venue_before_the_city():
    assert venue("diterima Presiden Joko Widodo di Istana Merdeka, Jakarta, Kamis (10/2)", "Jakarta") == "Istana Merdeka"
    assert venue("met at Hyderabad House in New Delhi", "New Delhi") == "Hyderabad House"
    assert venue("met in Jakarta on Tuesday", "Jakarta") is None


@pytest.mark.unit
@pytest.mark.parametrize("sentence,city,hall", [
    # the city opens the sentence as its dateline: the venue is named on its own
    ("OSLO – Prime Minister Ola Dahl received Rosa Vidal at the Hall of the Storting on Monday.", "Oslo",
     "Hall of the Storting"),
    ("Oslo - Dahl menerima Vidal di Gedung Lysaker, Senin (20/5).", "Oslo", "Gedung Lysaker"),
    # an event, a state or someone's invitation is no venue
    ("OSLO – Dahl met Vidal at the Nordic Summit on Monday.", "Oslo", None),
    ("OSLO – Dahl met Vidal at Prime Minister Dahl's residence on Monday.", "Oslo", None),
    ("OSLO – Dahl spoke about the talks at Chile's request.", "Oslo", None),
    # with no dateline, a venue that is not written beside the city says nothing of it
    ("Dahl received Vidal at the Hall of the Storting on Monday in Oslo.", "Oslo", None),
])
def test_venue_in_a_sentence_the_city_opens(sentence, city, hall):
    assert venue(sentence, city) == hall


@pytest.mark.unit
@pytest.mark.parametrize("sentence,hall", [
    # a venue the sentence names apart from the city ("tiba di Oslo ... bertemu ... di Istana Akershus")
    ("Presiden Chile dijadwalkan bertemu Perdana Menteri Dahl di Istana Akershus.", "Istana Akershus"),
    ("The two ministers met at Storhaug Manor on Tuesday, a short drive from the capital.", "Storhaug Manor"),
    # a place the gazetteer knows is the record's city, not a venue; a capitalised word before a
    # common noun names a kind of place, not the venue ("at California estate")
    ("Rina Saud arrived in Oslo and held talks at Santiago on Monday.", None),
    ("Leaders hold talks at Nordland estate", None),
    # an organisation's acronym, an event and a person are no venue
    ("The ministers met at NATO on Friday.", None),
    ("Saud met Dahl at the Arctic Summit in Tromsø.", None),
    ("They met at Dahl's invitation.", None),
])
def test_a_venue_named_apart_from_the_city(sentence, hall):
    assert lone_venue(sentence, ("Rina Saud", "Erik Dahl")) == hall


@pytest.mark.unit
def test_question_groups_and_curve_counts():
    assert group_of("A01") == "A" and group_of("B12") == "B" and group_of("q01") == "Q"
    rows = [{"answerable": True, "abstained": False, "complete": True},
            {"answerable": True, "abstained": True, "complete": False},
            {"answerable": False, "abstained": True, "complete": False}]
    assert _rates(rows) == {"answerable": 2, "unanswerable": 1, "complete": 1, "false_abstentions": 1,
                            "abstained_unanswerable": 1}


@pytest.mark.unit
def test_record_links_are_escaped_and_round_trip():
    link = H.RecordLink("e-1<x>", "event", "<b>Summit</b>", "2024-08-13")
    html = H.record_cards([link])
    assert "<b>" not in html and "&lt;b&gt;Summit" in html
    assert H.parse_record_target(H.record_target("e-2a2f0cb3eeb6")) == "e-2a2f0cb3eeb6"
    assert H.parse_record_target(H.record_target("3f73a34befd4e306:m1")) == "3f73a34befd4e306:m1"
    for bad in (None, "", "record:", "record:<script>", "doc:1:2", "record:a b"):
        assert H.parse_record_target(bad) is None, bad
    panel = H.quote_panel("Sources", [], records=[link])
    assert "Records behind this answer (1)" in panel and 'data-open="record:e-1&lt;x&gt;"' in panel


@pytest.mark.unit
@pytest.mark.parametrize("action, lang, verb", [
    ("acquire a pair of submarines", "en", True),
    ("the contract to take effect as soon as possible", "en", False),  # quoted, not "intend to the contract"
    ("a memorandum on joint research", "en", False),
    ("memperkuat kerja sama maritim", "id", True),
    ("kontrak pengadaan enam pesawat", "id", False),
])
def test_a_commitment_is_worded_as_a_verb_phrase_only_when_it_is_one(action, lang, verb):
    from qa_app.qa.records_answer import _verb_first

    assert _verb_first(action, lang) is verb


@pytest.mark.unit
def test_states_named_after_from_or_with_are_not_the_ones_committing():
    q = analyse("What is Indonesia planning to buy from France?", "en")
    assert q.countries == ["IDN", "FRA"] and q.actors == ["IDN"]
    assert analyse("Apa yang disepakati Indonesia dan Prancis?", "id").actors == ["IDN", "FRA"]


@pytest.mark.unit
def test_rounds_a_sentence_names_and_indonesian_ordinals_that_count_parties():
    from qa_app.qa.question import rounds_named

    assert rounds_named("The 10th retreat was held in Oslo in October 2023.") == {10}
    assert rounds_named("Retreat Ke-11 diadakan di Santiago.") == {11}
    assert rounds_named("the second round of talks, after the first meeting in Lima") == {1, 2}
    # "kedua negara" is both countries and "ketiga pemimpin" the three leaders, not a round
    assert rounds_named("pertemuan kedua negara di forum itu") == set()
    assert question_round("Di mana ketiga pemimpin bertemu di sela forum internasional?") is None
    assert question_round("pertemuan 2+2 kedua Norwegia-Chile") == 2


@pytest.mark.unit
def test_a_country_that_names_the_report_is_no_facet_of_the_question():
    q = analyse("According to the Chilean report, which exercise could Norway join?", "en")
    assert q.countries == ["NOR"]
    q = analyse("Di mana kedua menteri bertemu menurut laporan berbahasa Indonesia?", "id")
    assert q.countries == []
    q = analyse("When did the Chilean minister visit Norway?", "en")
    assert set(q.countries) == {"CHL", "NOR"}


@pytest.mark.unit
def test_a_sentence_about_another_round_or_an_article_without_the_countries_cannot_answer():
    from qa_app.qa.answerability import decide_sentence
    from qa_app.qa.retrieve import Passage

    def decision(question, text, doc_text=None):
        q = analyse(question, "en")
        p = Passage("d", 0, len(text), text, cosine=0.9, overlap=0.9, coverage=0.9)
        return decide_sentence(q, p, doc_text or text, 0.1, None, "en")

    other = decision("Who attended the 10th Norway-Chile consultation?",
                     "Foreign Minister Ingrid Solberg attended the 11th Norway-Chile consultation in Oslo.")
    assert not other.answer and not other.eligible and "another round" in other.reason
    same = decision("Who attended the 10th Norway-Chile consultation?",
                    "Foreign Minister Ingrid Solberg attended the 10th Norway-Chile consultation in Oslo.")
    assert same.answer and same.eligible
    measured = decision("Who attended the 2nd Norway-Chile consultation?",
                        "Ingrid Solberg and Tomas Aravena met in Oslo, two years after the 1st Norway-Chile "
                        "consultation, for the second round.")
    assert "another round" not in measured.reason  # the round it measures from is not the one it is about
    missing = decision("When did Norway and Peru raise their ties to a strategic partnership?",
                       "Norway and Chile raised their ties to a strategic partnership in March 2024.")
    assert not missing.answer and "country in the question" in missing.reason


@pytest.mark.unit
def test_what_two_countries_agreed_may_be_told_of_both_sides_without_naming_them():
    from qa_app.qa.answerability import decide_sentence
    from qa_app.qa.retrieve import Passage

    q = analyse("Which old treaties did Norway and Chile agree to revive?", "en")
    assert q.main == "commitment" and set(q.countries) == {"NOR", "CHL"}

    def decision(text):
        p = Passage("d", 0, len(text), text, cosine=0.9, overlap=0.9, coverage=0.9)
        return decide_sentence(q, p, "Norway and Chile. " + text, 0.1, None, "en")

    assert decision("Keduanya sepakat mengaktifkan kembali perjanjian perikanan tahun 2001.").answer
    assert decision("The two sides agreed to revive the 2001 fisheries treaty.").answer
    assert not decision("Peru agreed to revive the 2001 fisheries treaty.").answer
    one = analyse("Which treaty did Norway agree to revive?", "en")
    p = Passage("d", 0, 10, "The two sides agreed to revive the 2001 treaty.", cosine=0.9, overlap=0.9, coverage=0.9)
    assert not decide_sentence(one, p, "Norway and Chile. " + p.text, 0.1, None, "en").answer


@pytest.mark.unit
def test_a_place_written_in_the_questions_language_is_a_place_not_a_name_the_article_must_hold():
    q = analyse("Apa yang disepakati para menteri luar negeri Quad terkait Samudra Hindia?", "id")
    assert q.places == ["Indian Ocean"] and q.names == ["Quad"]
    q = analyse("Whom did the minister meet in Ho Chi Minh City?", "en")
    assert "Ho Chi Minh City" in q.names  # written as the article would write it: still required


@pytest.mark.unit
def test_month_names_are_one_concept_across_languages_and_abbreviations():
    from qa_app.qa.concepts import concepts

    for text in ("on 8 December", "pada 8 Desember", "le 8 décembre", "on Dec 8", "pada 8 Disember"):
        assert "#month12" in concepts(text), text
    assert "#month5" not in concepts("The two sides may meet again")  # the modal is no month


@pytest.mark.unit
def test_the_later_meeting_a_question_measures_from_is_no_facet_of_the_answer():
    q = analyse("Kapan dan di mana Solberg dan Aravena bertemu sebelum pembicaraan di Oslo?", "id")
    assert q.places == [] and q.names == ["Solberg", "Aravena"]
    q = analyse("When was the consultation last held before the meeting in July 2025?", "en")
    assert [rel for rel, _lo, _hi in q.dates] == ["before"]
    from qa_app.qa.answerability import unmet_constraints

    assert unmet_constraints(q, "The consultation was last held in 2017 in Kuching.") == 0.0
    assert analyse("Where did Solberg meet Aravena in Oslo?", "en").places == ["Oslo"]


@pytest.mark.unit
def test_what_a_question_sets_aside_is_not_what_the_answer_shares_with_it():
    from qa_app.qa.question import focus_text

    assert "fentanyl" not in focus_text("Besides fentanyl and military channels, what new talks did they agree to hold?")
    assert focus_text("Which other leaders did Modi meet in Kazan besides Xi Jinping?").split()[-2:] == ["Kazan", "?"]
    assert "attended the retreat" in focus_text("Which officials besides Anwar Ibrahim attended the retreat?")
    assert focus_text("Siapa selain Anwar yang hadir?").split() == ["Siapa", "yang", "hadir?"]
    assert focus_text("What must happen before the agreement takes effect?") == \
        "What must happen before the agreement takes effect?"


@pytest.mark.unit
@pytest.mark.parametrize("question, kind", [
    ("How long did the video call between the two ministers last?", "duration"),
    ("Berapa lama pertemuan itu berlangsung?", "duration"),
    ("How much aid did Norway promise Chile?", "amount"),
    ("How many documents were signed?", "number"),
])
def test_how_long_asks_for_a_duration_and_how_much_for_an_amount(question, kind):
    assert answer_types(question)[0] == kind


@pytest.mark.unit
def test_a_duration_is_a_number_of_minutes_hours_days_or_months():
    assert carries("duration", "The ministers met for roughly 80 minutes.")
    assert carries("duration", "Kedua negara akan membuka kedutaan dalam waktu paling lambat dua bulan.")
    assert not carries("duration", "It was the first exchange between them in nearly a year and a half.")
    assert not carries("amount", "The two sides signed 36 cooperation documents.")


@pytest.mark.unit
def test_a_sentence_dated_outside_the_period_the_question_names_cannot_answer():
    import datetime as dt

    from qa_app.qa.answerability import dated_apart

    q = analyse("Where did the defence ministers of Norway and Chile meet in December 2023?", "en")
    december_2022 = ((dt.date(2022, 12, 1), dt.date(2022, 12, 31)),)  # "last December" in a report of December 2023
    friday = ((dt.date(2023, 12, 1), dt.date(2023, 12, 1)),)
    assert dated_apart(q, december_2022) and not dated_apart(q, friday) and not dated_apart(q, ())
    assert not dated_apart(analyse("Where did the ministers meet?", "en"), december_2022)


@pytest.mark.unit
@pytest.mark.parametrize("question", [
    "What did Rubio welcome from Indonesia?",
    "Apa yang didukung para menlu dalam sidang pleno?",
    "Which memoranda did Norway and Chile sign?",
])
def test_what_was_welcomed_supported_or_signed_asks_for_a_commitment(question):
    assert answer_types(question) == ["commitment"]


@pytest.mark.unit
@pytest.mark.parametrize("question, thing", [
    ("Which hotel in Tromsø hosted the Arctic talks?", "hotel"),
    ("What are the names of the two new reindeer Norway will send to Oslo Zoo?", "reindeer"),
    ("Kapal fregat jenis apa yang akan dibeli Norwegia?", "fregat"),
    ("Di hotel mana pertemuan itu digelar?", "hotel"),
    ("Which Norwegian coast guard vessel will lead the Arctic patrol next year?", "vessel"),
])
def test_a_question_about_a_thing_the_answer_must_name(question, thing):
    q = analyse(question, "en")
    assert q.thing == thing and "name" in q.types


@pytest.mark.unit
def test_a_sentence_that_only_mentions_the_thing_does_not_name_it():
    from qa_app.qa.answerability import names_thing

    asked = "Which hotel in Tromsø hosted the Arctic talks?"
    assert not names_thing("hotel", "The ministers met for two hours at a seaside hotel in Tromsø.", asked)
    assert names_thing("hotel", "The ministers met at the Scandic Ishavshotel hotel in Tromsø.", asked)
    # the noun in the article's language counts as the noun of the question
    assert names_thing("hotel", "Kedua menteri bertemu di Hotel Clarion, Tromsø, pada Selasa.", asked)


@pytest.mark.unit
def test_what_was_signed_needs_a_signing_or_a_document_not_a_plan():
    from qa_app.qa.answerability import decide_sentence
    from qa_app.qa.retrieve import Passage

    q = analyse("Perjanjian apa saja yang ditandatangani Norwegia dan Chile di Oslo?", "id")
    assert q.main == "commitment" and q.signed

    def decision(text):
        p = Passage("d", 0, len(text), text, cosine=0.9, overlap=0.9, coverage=0.9)
        return decide_sentence(q, p, "Norwegia dan Chile di Oslo. " + text, 0.1, None, "id")

    assert not decision("Presiden Chile akan melakukan lawatan ke Norwegia dan Chile berencana memperluas kerja sama.").answer
    assert decision("Norwegia dan Chile meneken nota kesepahaman perikanan di Oslo.").answer
    assert decision("Chile and Norway signed a fisheries memorandum in Oslo.").answer
    # a signing that only dates what is asked does not make the question one about signing
    assert not analyse("What exercise did Norway and Chile plan after signing the treaty?", "en").signed


def _one_article(monkeypatch, lines: list[str]) -> list:
    """The sentences of one stored article made of `lines`, one per line, as `doc_sentences` gives them."""
    from types import SimpleNamespace

    import qa_app.qa.sentences as S

    sents, at = [], 0
    for line in lines:
        sents.append(SimpleNamespace(start=at, end=at + len(line), text=line))
        at += len(line) + 1
    monkeypatch.setattr(S, "doc_sentences", lambda store, doc_id: sents)
    return sents


@pytest.mark.unit
def test_a_quoted_sentence_that_points_back_brings_the_sentence_it_points_at(monkeypatch):
    from qa_app.qa.answer import told_around
    from qa_app.qa.retrieve import Passage

    lines = ["Foto: delegasi kedua negara di Oslo", "Pada Januari, Menlu Chile menerima Menlu Norwegia di Santiago.",
             "Keduanya memimpin sidang kelima Komisi Bersama.", "MoU itu diteken kedua menteri.",
             "Harga minyak naik pekan lalu."]
    sents = _one_article(monkeypatch, lines)

    def around(k):
        s = sents[k]
        return [x.text if x else None for x in told_around(None, Passage("d", s.start, s.end, s.text))]

    assert around(2) == [lines[1], lines[3]]  # "Keduanya ..." says who in the sentence before; "MoU itu ..." follows
    assert around(1) == [None, lines[2]]  # the caption before is no context; "Keduanya ..." goes on about it
    assert around(4) == [None, None]


@pytest.mark.unit
def test_a_quoted_sentence_brings_the_next_one_that_goes_on_about_it(monkeypatch):
    from qa_app.qa.answer import told_around
    from qa_app.qa.retrieve import Passage

    lines = ["Menlu Chile dan Menlu Norwegia bertemu dalam forum 2+2 di Oslo, Selasa (30/3).",
             "Dalam pertemuan tersebut, keduanya meneken perjanjian alih teknologi perikanan.",
             "The ministers signed a fisheries accord in Oslo on Tuesday.",
             "The ceremony was held at the Akershus Fortress, where the ministers also planted a tree.",
             "Chile bought two frigates from Norway.", "Kemhan juga menyepakati pembelian enam helikopter.",
             "Oil prices rose last week.", "Santiago hosted the next round.",
             "Their last formal meetings both took place in 2019.", "In October that year, they met in Santiago."]
    sents = _one_article(monkeypatch, lines)

    def after(k):
        s = sents[k]
        found = told_around(None, Passage("d", s.start, s.end, s.text))[1]
        return found.text if found else None

    assert after(0) == lines[1]  # "Dalam pertemuan tersebut": the meeting just told
    assert after(4) == lines[5]  # "... juga ...": more of the same
    assert after(8) == lines[9]  # "In October that year": the year just told
    assert after(2) is None  # "The ceremony was held at ..." opens on no word that points back
    assert after(6) is None


@pytest.mark.unit
def test_when_something_is_to_come_is_not_answered_by_a_day_before_the_report():
    from datetime import date

    from qa_app.qa.answerability import DATES_NOTHING_TO_COME

    q = analyse("Kapan Presiden Chile dijadwalkan berkunjung ke Norwegia?", "id")
    assert q.future and "date" in q.types
    text = "Presiden Chile dijadwalkan berkunjung ke Norwegia pada Kamis, 6 Juli 2017."
    past = ((date(2017, 7, 6), date(2017, 7, 6)),)
    refused = _decide(q, text, "Chile Norwegia. ", "id", past, date(2018, 6, 26))
    assert not refused.answer and refused.reason == DATES_NOTHING_TO_COME
    to_come = ((date(2018, 7, 2), date(2018, 7, 2)),)
    assert _decide(q, text, "Chile Norwegia. ", "id", to_come, date(2018, 6, 26)).answer
    # a plan unveiled in the past is asked about as a past event
    assert not analyse("When was the plan for the submarines unveiled?", "en").future
    for asked in ("Kapan Presiden Chile berencana berkunjung ke Norwegia?", "Bila Presiden Chile bakal ke Norwegia?",
                  "When does the Chilean president intend to visit Norway?"):
        q = analyse(asked, "id" if asked[0] in "KB" else "en")
        assert q.future and q.planned, asked


@pytest.mark.unit
def test_a_record_held_elsewhere_than_the_question_says_does_not_answer_it():
    from qa_app.qa.record_match import facet_score

    q = analyse("When did Chile and Norway meet in Oslo?", "en")
    assert q.places == ["Oslo"]

    assert facet_score(q, _chile_norway(city="Oslo"), strict=True) == 3
    assert facet_score(q, _chile_norway(city="Santiago"), strict=True) is None
    assert facet_score(q, _chile_norway(), strict=True) == 1  # of no known place: below what an answer needs
    assert facet_score(q, _chile_norway(city="Santiago")) is not None  # to find candidates, a place is no veto


def _chile_norway(**fields):
    """An indexed Chile–Norway meeting held on 11 March 2025, of no known place unless given."""
    from types import SimpleNamespace

    return SimpleNamespace(**{"kind": "meeting", "mkind": "bilateral", "people": [], "countries": ["CHL", "NOR"],
                              "mechanism": None, "round": None, "date_lo": "2025-03-11", "date_hi": "2025-03-11",
                              "city": None, "region": None, "status": "held", **fields})


@pytest.mark.unit
@pytest.mark.parametrize("question,language", [
    ("Where did Chile and Norway last meet in person?", "en"),
    ("When did the two leaders of Chile and Norway meet face-to-face?", "en"),
    ("Kapan Chile dan Norwegia terakhir bertatap muka?", "id"),
    ("Bila pemimpin Chile dan Norwegia bertemu secara fizikal?", "ms"),
])
def test_a_question_about_meeting_in_person_is_not_answered_by_a_call(question, language):
    from qa_app.qa.record_match import facet_score

    q = analyse(question, language)
    assert q.in_person

    assert facet_score(q, _chile_norway(mkind="call")) is None
    assert facet_score(q, _chile_norway()) == 2
    assert not analyse("Siapa yang secara langsung memimpin delegasi Chile?", "id").in_person


@pytest.mark.unit
def test_a_name_in_the_plural_is_the_name_the_article_writes():
    assert names_found(["F 16s"], "Denmark pledged 19 F-16 jets to Ukraine.") == 1.0
    assert names_found(["Rafales"], "Indonesia ordered 42 Rafale jets.") == 1.0
    assert names_found(["Gripens"], "Indonesia ordered 42 Rafale jets.") == 0.0


@pytest.mark.unit
def test_a_model_name_holds_no_count_and_a_city_may_carry_an_adjective():
    assert not carries("number", "Filipina berencana membeli pesawat NC212i dari PT Dirgantara Indonesia.")
    assert not carries("number", "It marked the 10th anniversary of the partnership.")
    assert carries("number", "Argentina will buy 24 F-16 jets from Denmark.")
    assert analyse("On what date and in which Chilean city will the summit take place?", "en").types == ["date", "city"]


@pytest.mark.unit
def test_a_how_many_question_is_answered_only_by_a_number_of_the_thing_it_counts():
    from qa_app.qa.answerability import counted_noun, counts

    assert counted_noun("How many Japanese troops will take part in the drill?") == "troops"
    assert counted_noun("Berapa jumlah wisatawan China yang datang tahun ini?") == "wisatawan"
    assert counted_noun("How many F-16s did Denmark pledge?") is None  # a name, not a counted noun
    assert counted_noun("How many personnel were sent, and from which force?") is None  # two parts
    assert counted_noun("Berapa lama kunjungan itu?") is None  # a duration, not a count
    assert not counts("troops", "About 2000 US Marines joined the drill off the coast.")
    assert counts("troops", "Some 1,500 soldiers from both armies joined the drill.")
    assert counts("pasukan", "Sebanyak 500 prajurit TNI ikut dalam latihan itu.")
    assert counts("members", "The country became the tenth full member of the bloc.")
    assert not counts("jets", "The deal was signed on 12 March 2024 in Oslo.")  # a date counts nothing


@pytest.mark.unit
def test_a_sentence_that_says_the_detail_is_not_settled_does_not_answer():
    from qa_app.qa.answerability import decide_sentence
    from qa_app.qa.retrieve import Passage

    q = analyse("When will the leaders of Chile and Norway hold their summit?", "en")
    for text, answers in [
        ("A date for the summit of Chile and Norway was yet to be finalised, the ministry said.", False),
        ("Tanggal pertemuan puncak Chile dan Norwegia belum ditentukan.", False),
        ("The summit of Chile and Norway will be held in Oslo on 4 May 2026.", True),
    ]:
        p = Passage("d", 0, len(text), text, cosine=0.9, overlap=0.9, coverage=0.9)
        decision = decide_sentence(q, p, "Chile Norway summit. " + text, 0.1, None, "en")
        assert decision.answer is answers, (text, decision.reason)


@pytest.mark.unit
def test_a_day_counted_from_the_date_told_before_dates_the_sentence():
    assert carries("date", "The following day the Peruvian president will join them in Santiago.")
    assert carries("date", "Keesokan harinya, Presiden Peru bergabung dengan mereka di Santiago.", "id")
    assert not carries("date", "The Peruvian president will join them in Santiago.")


@pytest.mark.unit
@pytest.mark.parametrize("question, earlier", [
    ("When and where had the two ministers last met before the Oslo talks?", "last"),
    ("Kapan terakhir kali kedua menteri bertemu?", "last"),
    ("Where was the previous round held?", "last"),
    ("Kapan dan di mana kedua pemimpin pertama kali bertemu?", "first"),
    ("When did the two leaders first meet?", "first"),
    ("Where and when had they met before this visit?", "all"),
    ("Di mana mereka bertemu sebelum kunjungan ke Oslo?", "all"),
    ("When did the two leaders meet in Oslo?", None),
    ("What did they agree before signing the treaty?", None),
])
def test_a_question_about_an_earlier_meeting_says_which_one(question, earlier):
    from qa_app.qa.question import earlier_meeting

    assert earlier_meeting(question) == earlier


@pytest.mark.unit
def test_a_question_asking_for_the_day_needs_a_sentence_that_gives_one():
    from datetime import date

    from qa_app.qa.answerability import names_a_day
    from qa_app.qa.question import analyse

    assert analyse("On what date will the summit take place?", "en").day
    assert analyse("Pada tanggal berapa menteri itu dijadwalkan tiba?", "id").day
    assert not analyse("When will the summit take place?", "en").day
    year = ((date(2026, 1, 1), date(2026, 12, 31)),)
    assert not names_a_day("He invited her to come next year.", "en", year)
    assert not names_a_day("Kishida akan ke Tokyo bulan depan.", "id", ())
    assert names_a_day("She is due to arrive on Thursday.", "en", ((date(2026, 3, 5), date(2026, 3, 5)),))
    assert names_a_day("She is due to arrive on Thursday.", "en", ())  # a page without a date
    assert names_a_day("The leaders meet in Hanoi on July 3-4.", "en", ((date(2026, 7, 3), date(2026, 7, 4)),))


@pytest.mark.unit
def test_two_people_joined_by_a_dash_are_two_names_the_article_must_hold():
    from qa_app.qa.question import analyse

    assert analyse("How many deals were signed after the Jokowi-Yoon talks?", "en").names == ["Jokowi", "Yoon"]
    assert analyse("What did the Xi–Zelensky call cover?", "en").names == ["Xi", "Zelensky"]
    assert analyse("Who met him at Al-Yamamah Palace?", "en").names == ["Al Yamamah Palace"]


@pytest.mark.unit
def test_a_name_particle_joins_a_name_only_before_another_of_its_words():
    from qa_app.qa.question import analyse

    # "de" of "defence" and "da" of "data" are no particles; "van" in "Ola van Dahl" is
    assert analyse("What did the Arctic Council defence ministers agree?", "en").names == ["Arctic Council"]
    assert analyse("Which Oslo Forum data centre hosted the talks?", "en").names == ["Oslo Forum"]
    assert analyse("Who did Ola van Dahl meet in Tromsø?", "en").names[0] == "Ola van Dahl"


@pytest.mark.unit
def test_a_person_the_question_calls_by_another_known_name_is_found_in_the_article():
    from qa_app.qa.answerability import names_found

    article = "Biden received Indonesian President Joko Widodo at the White House on Monday."
    assert names_found(["Jokowi", "Biden"], article) == 1.0
    assert names_found(["Jokowi", "Prabowo"], article) == 0.5


def _passage(doc: str, start: int, text: str):
    from qa_app.qa.retrieve import Passage

    return Passage(doc, start, start + len(text), text)


@pytest.mark.unit
def test_a_sentence_is_added_for_the_kind_of_answer_the_chosen_ones_lack():
    from qa_app.qa.answer import _complement

    q = analyse("After Lima, which leader was Aravena scheduled to meet, and on what day?", "en")
    chosen = [_passage("a", 0, "From Lima, Aravena flies on to Quito to meet President Ines Morales.")]
    passages = chosen + [
        _passage("b", 0, "Aravena is due in Caracas on Friday, 14 March."),  # another article
        _passage("a", 80, "The talks in Quito are set for Thursday, 13 March."),
        _passage("a", 140, "The Quito leg was added on Wednesday, 12 March."),
    ]
    assert _complement(q, chosen, passages, [0.0, -0.5, -1.0, -1.5]).start == 80
    # a sentence far below the best one is not quoted for it
    assert _complement(q, chosen, passages, [0.0, -0.5, -6.0, -6.5]) is None


@pytest.mark.unit
def test_the_sentence_added_for_a_missing_date_is_the_one_that_tells_the_event_asked_about():
    from qa_app.qa.answer import _complement

    q = analyse("Where and when did Lie and Soto sign the fisheries accord?", "en")
    chosen = [_passage("a", 0, "Kari Lie and Ana Soto put their names to the fisheries accord at the harbour "
                               "office in Bergen.")]
    since = _passage("a", 100, "Norway has had a trade agreement with Peru since 2015.")
    older = _passage("a", 160, "Chile and Norway had opened their talks in Madrid in 2019.")
    signed = _passage("a", 230, "Norway and Chile signed the accord in Bergen on Wednesday.")
    passages = chosen + [since, older, signed]
    # a year after "since" dates nothing asked; of the dated ones, the one sharing the question's words
    assert _complement(q, chosen, passages, [0.0, -1.0, -1.5, -2.0]) == signed
    assert _complement(q, [*chosen, since], passages, [0.0, -1.0, -1.5, -2.0]) == signed


@pytest.mark.unit
def test_a_sentence_is_added_for_a_word_of_the_question_the_chosen_ones_lack():
    from qa_app.qa.answer import _complement

    q = analyse("Who brokered the talks between Aravena and Berg in Geneva?", "en")
    chosen = [_passage("a", 0, "Chilean President Tomas Aravena and Norwegian Prime Minister Jonas Berg met in "
                               "Geneva on Monday.")]
    broker = _passage("a", 120, "The meeting was brokered by Swiss envoy Anna Keller.")
    passages = chosen + [_passage("a", 60, "Aravena and Berg spoke for two hours."), broker]
    assert _complement(q, chosen, passages, [0.0, -1.0, -2.0]) == broker
    # nothing is added when the chosen sentences hold every word and kind asked for
    assert _complement(q, [chosen[0], broker], passages, [0.0, -1.0, -2.0]) is None


@pytest.mark.unit
def test_an_acronym_of_the_question_is_found_spelled_out_in_the_article():
    from qa_app.qa.answerability import spelled_out

    text = ("Seoul said it would drop its case at the World Trade Organization. Tokyo will raise its official "
            "development assistance to the islands. He spoke with the other leaders.")
    assert names_found(["WTO"], text) == 1.0
    assert names_found(["ODA"], text) == 1.0
    assert names_found(["IMF"], text) == 0.0
    assert names_found(["OECD"], "It wants to join the Organisation for Economic Co-operation and Development.") == 1.0
    # function words break a run: "with the other leaders" spells no acronym
    assert "wtol" not in spelled_out(text) and "tol" not in spelled_out(text)


@pytest.mark.unit
def test_a_photo_caption_answers_nothing_though_its_words_match():
    from qa_app.qa.answerability import PHOTO_CAPTION, decide_sentence
    from qa_app.qa.retrieve import Passage

    q = analyse("When did the presidents of Chile and Peru hold talks?", "en")
    doc = "Chile and Peru sign a fisheries pact. "

    def decision(text):
        p = Passage("d", 0, len(text), text, cosine=0.9, overlap=0.9, coverage=0.9)
        return decide_sentence(q, p, doc + text, 0.1, None, "en")

    for caption in ("[Image] The presidents of Chile and Peru pose before the summit in Quito, May 3, 2024.",
                    "The presidents of Chile and Peru shake hands in Lima on Monday. (Andina/Luis Rojas)",
                    "Foto: Presiden Chile dan Presiden Peru berjabat tangan di Lima, Senin (3/6)."):
        refused = decision(caption)
        assert not refused.answer and refused.reason == PHOTO_CAPTION, caption
    assert decision("The presidents of Chile and Peru held talks in Lima on Monday, 3 June 2024.").answer


@pytest.mark.unit
def test_every_quoted_sentence_brings_the_one_after_it_that_points_back(monkeypatch):
    from qa_app.qa.answer import _select
    from qa_app.qa.retrieve import Passage

    lines = ["The leaders of Chile, Peru and Bolivia met in La Paz on Monday for their fourth trilateral summit.",
             "They agreed to open a joint customs post at the Tambo Quemado crossing.",
             "Chile and Peru held their first summit of this kind in Arica in 2019.",
             "The three last met at this level in Cusco, Peru, in March 2022.",
             "Oil prices rose last week."]
    sents = _one_article(monkeypatch, lines)
    q = analyse("When and where did the leaders of Chile, Peru and Bolivia meet, and where did they last meet?", "en")
    passages = [Passage("d", sents[k].start, sents[k].end, sents[k].text) for k in (0, 2)]
    quoted = [p.text for p in _select(None, q, passages, [0.0, -0.5])]
    # the first quoted sentence and the second both bring the sentence after them that says "they", "the three"
    assert quoted == lines[:4]


@pytest.mark.unit
def test_an_abstention_offers_first_the_sentence_the_ranker_prefers_and_a_caption_last(monkeypatch):
    from qa_app.qa.answer import Gate, closest
    from qa_app.qa.answerability import decide_sentence
    from qa_app.qa.retrieve import Passage

    lines = ["[Image] The presidents of Chile and Peru pose in Lima, June 3, 2024.",
             "Chile and Peru have disputed the maritime border for decades.",
             "The presidents of Chile and Peru held talks in Lima on Monday, 3 June 2024.",
             "Oil prices rose last week."]
    sents = _one_article(monkeypatch, lines)
    doc = "\n".join(lines)
    q = analyse("When did the presidents of Chile and Peru hold talks?", "en")
    # retrieval found the caption and the background line first, the sentence that answers third
    looks = [(0.8, 0.9, 1), (0.7, 0.5, 1), (0.8, 0.9, 2), (0.1, 0.0, 3)]
    passages = [Passage("d", s.start, s.end, s.text, cosine=c, coverage=cov, chunk_rank=r)
                for s, (c, cov, r) in zip(sents, looks)]
    judged = [decide_sentence(q, p, doc, 0.99, None, "en") for p in passages]  # nothing clears this threshold
    g = Gate([], judged, [], 0.0, {}, 0.0, passages, judged, {"d": "en"})
    offered = [p.text for p in closest(None, q, g)]
    assert offered[0] == lines[2]
    assert offered[-1] == lines[0]
    assert not closest(None, q, Gate([], [], [], 0.0, {}, 0.0))


@pytest.mark.unit
@pytest.mark.parametrize("sentence, tells", [
    ("Chilean President Tomas Aravena will hold a summit with Norwegian Prime Minister Jonas Berg in Oslo.", False),
    ("Presiden Chile akan bertemu Perdana Menteri Norwegia di Oslo pada 20 Mei.", False),
    ("Norway will provide two patrol boats to the Chilean navy.", True),
    ("Chile will hold a summit with Norway, where the two are expected to agree on fisheries.", True),
    ("Chile dan Norwegia sepakat menggelar pertemuan tahunan.", True),
])
def test_the_news_that_a_meeting_will_take_place_tells_no_commitment(sentence, tells):
    from qa_app.qa.answerability import carries

    assert carries("commitment", sentence) is tells


class _NameIndex:
    """The one lookup `people_named` makes of the record index: names holding any of the tokens."""

    def __init__(self, names: list[str]):
        self.names = names

    def people_named(self, tokens) -> list[str]:
        from qa_app.store.record_keys import name_key

        wanted = set(tokens)
        return [n for n in self.names if wanted & set(name_key(n).split())]


@pytest.mark.unit
@pytest.mark.parametrize("question,indexed,named", [
    # a name the people lexicon knows for someone the records spell out
    ("With which leaders did Jokowi hold talks in Bogor?", ["Joko Widodo", "Joko Susilo"], ["Joko Widodo"]),
    ("Siapa yang ditemui Jokowi di Bogor?", ["Joko Widodo"], ["Joko Widodo"]),
    # a word written next to a full name belongs to it, not to another person who has it
    ("Which meetings with UAE President Sheikh Mohamed bin Zayed Al Nahyan do the articles report?",
     ["Mohamed bin Zayed Al Nahyan", "Sheikh Hasina", "Hassan Sheikh Mohamud"], ["Mohamed bin Zayed Al Nahyan"]),
    ("Did Sheikh Hasina meet Modi?", ["Sheikh Hasina", "Narendra Modi"], ["Sheikh Hasina", "Narendra Modi"]),
])
def test_a_question_names_people_by_the_names_the_records_hold(question, indexed, named):
    from qa_app.qa.question import people_named

    assert sorted(people_named(question, _NameIndex(indexed))) == sorted(named)


@pytest.mark.unit
@pytest.mark.parametrize("question,language,person,kept,dropped", [
    # the titles before a person's name say who they are, not what the question is about
    ("Dalam pertemuan apa saja Menteri Luar Negeri India S. Jaishankar ikut serta?", "id", "S. Jaishankar",
     set(), {"#minister", "#foreign"}),
    ("What did Defence Minister Rina Saud agree on the defence industry?", "en", "Rina Saud", {"#industry"}, set()),
    # nor is another name of the person the question names ("Jokowi" for Joko Widodo)
    ("What did Jokowi agree with Rina Saud on trade?", "en", "Joko Widodo", {"#trade"}, {"jokowi"}),
    # what the question says of the later meeting is not a topic of the earlier one it asks about
    ("Kapan dan di mana Aravena dan Berg terakhir bertemu sebelum pertemuan di Holmenkollen?", "id", "Tomas Aravena",
     set(), {"holmenkollen"}),
    # "mengadakan" (hold) and "menjelang" (ahead of) only ask
    ("Dengan siapa Rina Saud mengadakan pembicaraan terpisah menjelang KTT?", "id", "Rina Saud", {"pisah"},
     {"ngada", "jelang"}),
    # the office a who-question asks for is what the records' roles hold, and "accompanied" what their
    # participants tell
    ("Which Chilean ministers accompanied Rina Saud on her visit to Oslo?", "en", "Rina Saud", {"#visit"},
     {"#minister", "#accompany", "her"}),
    ("Siapa saja pejabat yang mendampingi Rina Saud dalam pertemuan dengan Dahl?", "id", "Rina Saud", set(),
     {"#official", "#accompany"}),
    # an office in a question that asks no person is a topic
    ("What did the ministers agree with Rina Saud on trade?", "en", "Rina Saud", {"#minister", "#trade"}, set()),
    # meeting in person is the kind of meeting asked for (the record's kind), not a word its sentences hold
    ("Where did Rina Saud and Dahl last meet in person before their phone call?", "en", "Rina Saud", set(),
     {"person"}),
    ("Kapan Rina Saud dan Dahl terakhir bertatap muka?", "id", "Rina Saud", set(), {"tatap", "muka"}),
])
def test_the_topic_a_record_must_cover_leaves_out_titles_and_the_later_meeting(question, language, person, kept,
                                                                                dropped):
    from qa_app.qa.question import analyse
    from qa_app.qa.record_match import topic_concepts

    q = analyse(question, language)
    q.people = [person]
    topics = topic_concepts(q)
    assert kept <= topics and not dropped & topics, topics


@pytest.mark.unit
@pytest.mark.parametrize("sentence,names_it", [
    ("Dalam pertemuan itu kedua menteri sepakat membentuk kelompok kerja.", True),
    ("Kala itu keduanya sepakat menyusun program aksi.", True),
    ("In that meeting the two ministers agreed to set up a working group.", True),
    ("They agreed to meet again in May.", True),
    # a sentence that only adds to the one before tells something of its own
    ("Kementerian juga menyepakati pembelian 24 helikopter.", False),
    ("The ministry also agreed to buy two frigates.", False),
])
def test_a_sentence_that_names_what_the_one_before_told(sentence, names_it):
    from qa_app.qa.sentences import refers_back

    assert refers_back(sentence) is names_it


@pytest.mark.unit
def test_an_item_of_a_list_is_quoted_with_the_other_items(monkeypatch):
    from qa_app.qa.answer import list_items
    from qa_app.qa.retrieve import Passage

    lines = ["Kedua menteri meneken tiga dokumen di Santiago.", "Tiga dokumen itu adalah:",
             "1. MoU perikanan, diteken Menteri Kelautan;", "2. MoU pendidikan, diteken Menteri Pendidikan;",
             "3. Perjanjian ekstradisi, diteken Menteri Hukum.", "Harga minyak naik pekan lalu."]
    sents = _one_article(monkeypatch, lines)

    def items(k):
        s = sents[k]
        return [x.text for x in list_items(None, Passage("d", s.start, s.end, s.text))]

    assert items(3) == [lines[2], lines[4]]  # the item on the extradition signer brings the other two
    assert items(1) == lines[2:5]  # the sentence that opens the list brings all three
    assert items(0) == [] and items(5) == []


@pytest.mark.unit
def test_a_question_asking_for_several_people_gets_a_sentence_for_each():
    from qa_app.qa.answer import _complement, asks_list

    q = analyse("Which leaders did Aravena meet in Quito on Monday?", "en")
    assert asks_list(q.text)
    lead = _passage("a", 0, "Aravena wrapped up his visit to Quito on Monday with meetings with Ecuador's president "
                            "and prime minister.")
    first = _passage("a", 120, "On Monday, Aravena met Prime Minister Lucia Paredes at the Carondelet Palace "
                               "in Quito.")
    second = _passage("a", 230, "Later in the day he held talks with President Ines Morales.")
    passages = [lead, first, _passage("a", 300, "Aravena is the third Chilean president to visit Quito."), second]
    scores = [0.0, -0.5, -0.8, -1.0]
    chosen = [lead]
    # the lead names only the man the question names: each further sentence names one more leader
    while (extra := _complement(q, chosen, passages, scores)) is not None:
        chosen.append(extra)
    assert chosen == [lead, first, second]
    # a question after one person is answered by one sentence that names someone new
    one = analyse("Who did Aravena meet in Quito on Monday?", "en")
    assert not asks_list(one.text)
    assert _complement(one, [lead], passages, scores) == first
    assert _complement(one, [lead, first], passages, scores) is None


@pytest.mark.unit
@pytest.mark.parametrize("question, several", [
    ("Which documents did Chile and Norway sign in Oslo?", True),
    ("Siapa saja yang ditemui Menlu Chile di Oslo?", True),
    ("What new talks did the two leaders agree to hold?", True),
    ("Which British minister was due in Oslo the next day?", False),
    ("What is the status of the fisheries talks?", False),
    ("What did Chile agree to buy?", False),
    ("Which country hosted the round?", False),
])
def test_a_question_asking_for_a_list_is_told_from_one_asking_for_one_thing(question, several):
    from qa_app.qa.answer import asks_list

    assert asks_list(question) is several


@pytest.mark.unit
def test_the_article_that_names_what_the_question_names_is_read_whole():
    from types import SimpleNamespace

    from qa_app.qa.retrieve import _naming_doc

    texts = {"oslo": "Chile and Norway signed a fisheries accord in Oslo on Tuesday.",
             "bergen": "At the Bergen retreat, the two leaders witnessed the signing of three agreements."}
    store = SimpleNamespace(docs=SimpleNamespace(
        get_document=lambda d: SimpleNamespace(title="", clean_text=texts[d]) if d in texts else None))
    assert _naming_doc(store, ["Bergen"], ["oslo", "bergen"]) == "bergen"
    assert _naming_doc(store, ["Tromso"], ["oslo", "bergen"]) is None


@pytest.mark.unit
def test_an_amount_or_count_must_be_of_what_the_question_asks_about():
    from qa_app.qa.answerability import counts_what_is_asked

    q = analyse("How much will Norway invest in Chile's copper mining under the new accord?", "en")
    assert not counts_what_is_asked(q, "The two leaders welcomed a deal under which LATAM will buy 12 jets for $900 million.")
    assert counts_what_is_asked(q, "Norway will put $300 million into copper projects in the Atacama.")
    q = analyse("Berapa nilai kontrak pembelian kapal patroli itu?", "id")
    assert counts_what_is_asked(q, "Kontrak senilai 1,2 miliar dolar AS itu diteken pada Senin.")
    assert not counts_what_is_asked(q, "Perdagangan kedua negara mencapai 4 miliar dolar AS tahun lalu.")


@pytest.mark.unit
@pytest.mark.parametrize("question, rnd", [
    ("Kapan dan di mana kedua menteri pertama kali bertemu sebelum pertemuan di Santiago?", None),
    ("When did the two ministers first meet before the Oslo talks?", None),
    ("When did Chile and Norway meet for the first time?", None),
    ("Who attended the first 2+2 meeting of Chile and Norway?", 1),
    ("Kapan pertemuan 2+2 pertama Chile-Norwegia digelar?", 1),
])
def test_when_something_first_happened_is_no_first_round_of_a_series(question, rnd):
    assert question_round(question) == rnd


@pytest.mark.unit
@pytest.mark.parametrize("sentence, name", [
    ("The two ministers first met on the sidelines of the G20 summit in Oslo in March.", "the G20 summit"),
    ("On the margins of the Arctic Council session, the two sides spoke briefly.", "the Arctic Council session"),
    ("Keduanya bertemu di sela KTT ke-12 Kutub Utara di Tromso pada Mei lalu.", "KTT ke-12 Kutub Utara"),
    ("Keduanya berbincang di sela-sela Forum Samudra, Santiago.", "Forum Samudra"),
    ("Menlu Chile berbicara di sela kunjungannya ke Oslo.", None),  # names no gathering
    ("Keduanya membahas perikanan di selatan Chile.", None),
])
def test_the_gathering_a_meeting_was_held_beside(sentence, name):
    from qa_app.qa.records_answer import sideline_of

    assert sideline_of(sentence) == name


@pytest.mark.unit
def test_a_city_that_is_its_state_is_named_once():
    from types import SimpleNamespace

    from qa_app.qa.records_answer import _place

    assert _place(SimpleNamespace(city="Singapore", loc_country="SGP", region=None), "id") == "Singapura"
    assert _place(SimpleNamespace(city="Singapore", loc_country="SGP", region=None), "en") == "Singapore"
    assert _place(SimpleNamespace(city="Oslo", loc_country="NOR", region=None), "id") == "Oslo, Norwegia"


@pytest.mark.unit
def test_a_kind_of_answer_still_missing_is_quoted_before_a_word_of_the_question():
    from qa_app.qa.answer import _complement
    from qa_app.qa.retrieve import Passage

    q = analyse("Where and when did the ministers sign the fisheries accord?", "en")
    assert set(q.types) == {"place", "date"}
    texts = ["The ministers signed the accord at the Akershus Fortress in Oslo.",
             "The fisheries accord is the first such pact between the two states.",
             "Chile and Norway put their names to it on Tuesday, 30 March."]
    passages = [Passage("d", i * 100, i * 100 + len(t), t) for i, t in enumerate(texts)]
    scores = [5.0, 4.0, 2.0]
    found = _complement(q, passages[:1], passages, scores)
    assert found is passages[2]  # the day asked for, not one more sentence with "fisheries"
    # with every kind of answer quoted, a word of the question still brings the sentence that holds it
    assert _complement(q, passages[:1] + passages[2:], passages, scores) is passages[1]
    assert _complement(q, passages[:1] + passages[2:], passages, scores, words=False) is None


@pytest.mark.unit
def test_sentences_that_barely_share_the_question_answer_only_when_none_shares_more():
    from qa_app.qa.answerability import barely_answers

    assert barely_answers(topic=0.4, answering=0.15)  # a closer sentence without the answer: next to the question
    assert not barely_answers(topic=0.15, answering=0.15)  # nothing closer: the article's best answer
    assert not barely_answers(topic=0.6, answering=0.3)  # shares enough of the question


@pytest.mark.unit
@pytest.mark.parametrize("text, countries, places", [
    ("What did Ottawa offer in return for the tariff cut?", ["CAN"], []),
    ("Which fisheries deal did Lisbon and Rabat sign?", ["PRT", "MAR"], []),
    ("What did the report say Canberra and Wellington agreed on visas?", ["AUS", "NZL"], []),
    ("When did Portugal and Morocco hold talks in Rabat?", ["PRT", "MAR"], ["Rabat"]),
    ("What did they agree at their Lisbon summit?", [], ["Lisbon"]),
    ("Where did the minister go after Ottawa?", [], ["Ottawa"]),
])
def test_a_capital_that_acts_stands_for_its_state_and_is_otherwise_a_city(text, countries, places):
    q = analyse(text, "en")
    assert q.countries == countries and q.places == places, (q.countries, q.places)
