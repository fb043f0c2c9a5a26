"""Meeting/commitment cues, status hints, topics and named mechanisms."""

from __future__ import annotations

import pytest

from qa_app.nlp.cues import find_cues, find_mechanisms, topic_of

pytestmark = pytest.mark.unit


def test_meeting_and_commitment_cues_indonesian():
    s = ("Selain pengembangan kapasitas diplomat, Indonesia dan Tiongkok juga sepakat untuk menggelar "
         "latihan militer bersama.")
    cues = find_cues(s, "id")
    assert "menggelar" in cues["meeting"]
    assert ("sepakat", "agreed") in cues["commitment"]
    assert topic_of(s, "id") == "defense"


def test_commitment_modalities():
    cases = {
        "Kedua negara juga berkomitmen untuk menjaga keamanan.": ("berkomitmen", "pledged"),
        "China siap bekerja sama dengan Rusia.": ("siap", "intends"),
        "Japan is keen on expanding its energy partnerships with Indonesia.": ("keen", "intends"),
        "Indonesia reaffirmed its adherence to the one-China principle.": ("reaffirmed", "reaffirmed"),
        "Rusia mematuhi prinsip Satu China dan mendukung langkah-langkah China.": ("mematuhi", "supports"),
        "Konsultasi ke-17 menguatkan komitemen untuk mengimplementasikan konsensus.": ("menguatkan", "reaffirmed"),
        # a schedule word announces a planned meeting; only the modal verb is a (weak) commitment cue
        "pembicaraan tingkat menteri yang direncanakan akan berlangsung pada tahun 2025.": ("akan", "plans"),
        "Kedua negara berencana membangun pelabuhan bersama.": ("berencana", "plans"),
    }
    for sentence, expected in cases.items():
        lang = "en" if " is " in sentence or "reaffirmed" in sentence else "id"
        assert expected in find_cues(sentence, lang)["commitment"], sentence


def test_status_hints():
    planned = find_cues("Rencananya, dialog tingkat menteri pada tahun 2025 akan menjadi bagian perayaan.", "id")
    assert {"Rencananya", "akan"} <= set(planned["status_planned"])
    past = find_cues("China and Indonesia held the first Senior Officials’ Meeting in Jakarta on Tuesday.", "en")
    assert "held" in past["status_past"] and "held" in past["meeting"] and past["status_planned"] == []


def test_topics():
    assert topic_of("Both leaders acknowledged the vital role that energy security plays; LNG supply.", "en") == "energy"
    assert topic_of("mencegah tindak pidana terorisme dan menangani kejahatan lintas negara", "id") == "security"
    assert topic_of("Kishida announced support for infrastructure projects and transportation systems.", "en") == "infrastructure"
    assert topic_of("The weather was nice.", "en") == "other"


def _mechs(text):
    ms = find_mechanisms(text)
    for m in ms:
        assert text[m.start:m.end] == m.text and m.kind == "mechanism"
    return [(m.text, m.value, m.extra.get("round")) for m in ms]


def test_mechanisms_and_rounds():
    assert _mechs("Konsultasi Keamanan Strategis China dan Rusia putaran ke-17 menguatkan komitmen.") == [
        ("Konsultasi Keamanan Strategis", "Strategic Security Consultation", 17)]
    assert _mechs("memimpin Konsultasi Keamanan Strategis Putaran ke-17 antara China dan Rusia") == [
        ("Konsultasi Keamanan Strategis", "Strategic Security Consultation", 17)]
    assert _mechs("held the first Senior Officials’ Meeting of the China-Indonesia Joint Ministerial Dialogue") == [
        ("Senior Officials’ Meeting", "Senior Officials' Meeting", 1),
        ("Joint Ministerial Dialogue", "Joint Ministerial Dialogue on Foreign Affairs and Defense", None)]
    assert _mechs("Dialog Bersama (SOM 2+2) yang berlangsung; SOM 2+2 pertama") == [
        ("SOM 2+2", "2+2", None), ("SOM 2+2", "2+2", 1)]
    assert _mechs("the VI Joint Commission; the 17th round of the Strategic Dialogue") == [
        ("Joint Commission", "Joint Commission", 6), ("Strategic Dialogue", "Strategic Dialogue", 17)]
    assert _mechs("KTT SCO (the Shanghai Cooperation Organisation) dan BRICS") == [
        ("SCO", "SCO", None), ("Shanghai Cooperation Organisation", "SCO", None), ("BRICS", "BRICS", None)]


def test_2plus2_family_and_quotes_outside_span():
    (m,) = find_mechanisms("Defense (“2+2”) in Jakarta")
    assert m.text == "2+2" and m.extra["family"] == "2+2"
    (j,) = find_mechanisms("the Joint Ministerial Dialogue on Foreign Affairs and Defense")
    assert j.extra["family"] == "2+2"
    assert find_mechanisms("2+22 and 12+2 are sums") == []


@pytest.mark.parametrize("text, name, rnd", [
    ("Oslo and Helsinki met for the 9th Annual Consultation in Oslo today.", "Annual Consultation", 9),
    ("Konsultasi Tahunan ke-9 Norwegia-Finlandia digelar di Oslo.", "Konsultasi Tahunan", 9),
    ("Kedua perdana menteri membuka Retreat Pemimpin Norwegia-Finlandia Ke-4 di Bergen.", "Retreat Pemimpin", 4),
    ("They will open the second Arctic Security Forum next week.", "Arctic Security Forum", 2),
])
def test_series_named_as_proper_names_are_mechanisms(text, name, rnd):
    (m,) = find_mechanisms(text)
    assert (m.value, m.extra.get("round")) == (name, rnd)
    assert text[m.start:m.end] == name


@pytest.mark.parametrize("text", [
    "The prime minister chaired the meeting at the Bergen International Conference Center on Friday.",
    "Talks were held at the Arctic Summit Hall in Tromso.",
    "Pertemuan digelar di Gedung Konferensi Asia Afrika, Bandung.",
])
def test_a_building_named_like_a_forum_is_no_mechanism(text):
    assert find_mechanisms(text) == []


def test_title_case_headlines_and_single_words_name_no_mechanism():
    assert find_mechanisms("Oslo dan Helsinki Bertemu di Bergen, Pertemuan Resmi Pertama dalam Lima Tahun") == []
    assert find_mechanisms("The leaders held a summit and a bilateral meeting.") == []
    # bodies, not meetings; and a name glossed by a listed mechanism is that mechanism
    assert find_mechanisms("The Party's Central Committee and the UN Security Council met.") == []
    assert [m.value for m in find_mechanisms("Dialog Bersama SOM 2+2 ini digelar di Jakarta.")] == ["2+2"]


@pytest.mark.parametrize(("text", "name"), [
    ("Leaders of the Group of Seven meet in Hiroshima on Friday.", "G7"),
    ("The G-7 summit opens on Friday.", "G7"),
    ("He attended the Group of 20 summit over the weekend.", "G20"),
    ("Jokowi akan menghadiri KTT G20 di Bali.", "G20"),
    ("Luxon hopes to see Xi at the Apec summit in Lima.", "APEC"),
    ("Alliance leaders gather for the Nato summit in Vilnius.", "NATO"),
    ("Presiden menghadiri KTT Luar Biasa Organisasi Kerja Sama Islam di Riyadh.", "OIC"),
    ("The ministers will meet again at the ADMM-Plus in November.", "ADMM-Plus"),
    ("Para menteri bertemu di sela ADMM ke-18 di Vientiane.", "ADMM"),
    ("The ASEAN Regional Forum opened in Jakarta.", "ASEAN Regional Forum"),
    ("Anwar menghadiri Sidang Kemuncak ASEAN-Majlis Kerjasama Teluk di Riyadh.", "GCC"),
    ("Prabowo akan berpidato di Sidang Majelis Umum PBB di New York.", "UN General Assembly"),
])
def test_well_known_forums_are_mechanisms_in_any_of_their_names(text, name):
    assert name in [m.value for m in find_mechanisms(text)]
    assert all(text[m.start:m.end] == m.text for m in find_mechanisms(text))
