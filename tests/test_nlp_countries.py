"""Country names, demonyms and capital metonyms to ISO 3166-1 alpha-3."""

from __future__ import annotations

import pytest

from qa_app.nlp.countries import country_code, find_countries

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("Tiongkok", "CHN"), ("RRT", "CHN"), ("RRC", "CHN"), ("Cina", "CHN"), ("China", "CHN"),
        ("Republik Rakyat Tiongkok", "CHN"), ("Chinese", "CHN"),
        ("Rusia", "RUS"), ("Federasi Rusia", "RUS"), ("Russian Federation", "RUS"), ("Russian", "RUS"),
        ("Jepang", "JPN"), ("Japanese", "JPN"), ("Japan", "JPN"),
        ("Korea Selatan", "KOR"), ("Korsel", "KOR"), ("South Korea", "KOR"), ("Korea Utara", "PRK"),
        ("AS", "USA"), ("US", "USA"), ("USA", "USA"), ("U.S.", "USA"), ("Amerika Serikat", "USA"),
        ("United States of America", "USA"),
        ("Inggris", "GBR"), ("Britain", "GBR"), ("UK", "GBR"), ("Britania Raya", "GBR"),
        ("Indonesia", "IDN"), ("Indonesian", "IDN"), ("Ukraina", "UKR"), ("Brasil", "BRA"),
        ("Afrika Selatan", "ZAF"), ("Uzbekistan", "UZB"), ("Belanda", "NLD"), ("Korea, Republic of", "KOR"),
        ("CHN", "CHN"), ("  Rusia ", "RUS"),
    ],
)
def test_country_code(name, iso3):
    assert country_code(name) == iso3


@pytest.mark.parametrize("name", ["as", "us", "As", "Us", "", "   ", "Asia", "Pasifik", "South China Sea", "Zayn Malik"])
def test_country_code_rejects(name):
    assert country_code(name) is None


def _found(text):
    ms = find_countries(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.value, m.extra["via"]) for m in ms]


def test_longest_match_and_hyphenated_pairs():
    text = "Sekretaris Dewan Keamanan Federasi Rusia bertemu. China-Indonesia relations; China-Rusia."
    assert _found(text) == [
        ("Federasi Rusia", "RUS", "name"), ("China", "CHN", "name"), ("Indonesia", "IDN", "name"),
        ("China", "CHN", "name"), ("Rusia", "RUS", "name"),
    ]


def test_seas_and_peninsulas_are_not_countries():
    text = "issues such as the Taiwan region and the South China Sea, Laut China Selatan, semenanjung Korea"
    assert _found(text) == [("Taiwan", "TWN", "name")]


def test_us_and_as_only_in_capitals():
    assert _found("Let us go as planned.") == []
    assert _found("AS dan Korsel hadir; the US and the UK too.") == [
        ("AS", "USA", "name"), ("Korsel", "KOR", "name"), ("US", "USA", "name"), ("UK", "GBR", "name"),
    ]


def test_demonyms():
    text = "Indonesian President Joko Widodo and Japanese Prime Minister Fumio Kishida; the Chinese side said"
    assert _found(text) == [("Indonesian", "IDN", "demonym"), ("Japanese", "JPN", "demonym"), ("Chinese", "CHN", "demonym")]


def test_capitals_as_metonyms_but_not_as_locations():
    text = ("Tiongkok Sebut Beijing dan Moskow harus Perkuat Koordinasi\n"
            "BEIJING - Tiongkok dan Rusia harus memperkuat komunikasi, kata Sun di Moskow.\n"
            "Beijing said Washington and Tokyo were wrong. They met in Jakarta on Tuesday.")
    assert _found(text) == [
        ("Tiongkok", "CHN", "name"), ("Beijing", "CHN", "capital"), ("Moskow", "RUS", "capital"),
        ("Tiongkok", "CHN", "name"), ("Rusia", "RUS", "name"),
        ("Beijing", "CHN", "capital"), ("Washington", "USA", "capital"), ("Tokyo", "JPN", "capital"),
    ]


def test_capital_inside_a_name_is_not_a_country():
    assert _found("The Washington Post and the Beijing Olympics.") == []


@pytest.mark.unit
@pytest.mark.parametrize("text, codes", [
    ("Hasilnya, Oslo dan Santiago sepakat memperluas kerja sama perikanan.", ["NOR", "CHL"]),
    ("Meanwhile, Oslo and Santiago agreed to expand fisheries research.", ["NOR", "CHL"]),
    ("Di Cilangkap, Jakarta dan Bandung ada markas.", []),  # a list of places, not two states acting
    ("The talks in Bogor, Jakarta and Bandung were held in turn.", []),
])
def test_two_capitals_after_a_comma_that_act_together_are_their_states(text, codes):
    assert [m.value for m in find_countries(text)] == codes


@pytest.mark.parametrize("word, iso3", [("Peruvian", "PER"), ("Ghanaian", "GHA"), ("Maldivian", "MDV"),
                                        ("Moroccan", "MAR"), ("Omani", "OMN"), ("Mongolian", "MNG")])
def test_demonyms_the_lexicon_lacks_are_derived_from_the_country_name(word, iso3):
    from qa_app.nlp.countries import find_countries

    assert [(m.text, m.value) for m in find_countries(f"the {word} foreign minister")] == [(word, iso3)]


@pytest.mark.parametrize("word, iso3", [("Icelandic", "ISL"), ("Cypriot", "CYP"), ("Slovak", "SVK"), ("Ivorian", "CIV"),
                                        ("Malagasy", "MDG"), ("Burkinabe", "BFA"), ("Costa Rican", "CRI"),
                                        ("Sierra Leonean", "SLE"), ("Montenegrin", "MNE"), ("Seychellois", "SYC")])
def test_irregular_demonyms_name_their_state(word, iso3):
    from qa_app.nlp.countries import find_countries

    assert [(m.text, m.value) for m in find_countries(f"the {word} foreign minister")] == [(word, iso3)]


@pytest.mark.parametrize("name, iso3", [("Cile", "CHL"), ("Kirgistan", "KGZ"), ("Jibuti", "DJI"), ("Tanjung Verde", "CPV")])
def test_indonesian_spellings_of_state_names(name, iso3):
    assert country_code(name) == iso3


def test_a_derived_form_is_no_country_when_it_is_an_ordinary_word():
    from qa_app.nlp.countries import find_countries

    assert find_countries("The Roman Catholic church and the Italian envoy")[0].value == "ITA"
    assert len(find_countries("The Roman Catholic church and the Italian envoy")) == 1


@pytest.mark.parametrize("text, states", [
    ("Kedua pemimpin membahas target perdagangan 15 miliar dolar AS pada 2028.", []),
    ("Chile pledged US$40 million to Norway's fund.", ["CHL", "NOR"]),
    ("The loan of 2 billion Australian dollars was signed in Santiago.", []),
    ("Pinjaman 300 juta ringgit Malaysia diumumkan di Oslo.", []),
    ("Menteri Chile menerima bantuan 5 juta dolar Amerika Serikat.", ["CHL"]),
    ("AS dan Chile sepakat memperluas latihan bersama.", ["USA", "CHL"]),
    ("The US and Norway held talks; Australian officials joined.", ["USA", "NOR", "AUS"]),
])
def test_the_name_of_a_currency_names_no_state(text, states):
    assert [m.value for m in find_countries(text)] == states
