"""People with titles, ranks and countries; short references; canonical names."""

from __future__ import annotations

import pytest

from qa_app.nlp.people import canonical_person, find_people
from qa_app.nlp.short_names import link_short_names

pytestmark = pytest.mark.unit


def _people(text, language):
    ms = find_people(text, language)
    for m in ms:
        assert text[m.start:m.end] == m.text
    return {m.value: (m.extra["role"], m.extra["rank"], m.extra["country"]) for m in ms}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Brigjen TNI Oktaheroe Ramsi", ("Oktaheroe Ramsi", "Brigjen TNI")),
        ("Mayjen Zhang Baoqun", ("Zhang Baoqun", "Mayjen")),
        ("Dr. H. Abdul Kadir Jailani", ("Abdul Kadir Jailani", "Dr. H.")),
        ("Maj. Gen. John Smith", ("John Smith", "Maj. Gen.")),
        ("Sun Weidong", ("Sun Weidong", None)),
        ("Jokowi", ("Joko Widodo", None)),
        ("  Abdul  Kadir Jailani ", ("Abdul Kadir Jailani", None)),
        ("Retno Marsudi, S.H.", ("Retno Marsudi", None)),
    ],
)
def test_canonical_person(raw, expected):
    assert canonical_person(raw) == expected


def test_title_first_with_country_after_title():
    text = "Presiden China Xi Jinping bertemu dengan Presiden Rusia Vladimir Putin di Samarkand."
    assert _people(text, "id") == {
        "Xi Jinping": ("Presiden", None, "CHN"),
        "Vladimir Putin": ("Presiden", None, "RUS"),
    }


def test_role_with_organisation_keeps_the_country_inside():
    text = "Yang memimpin konsultasi bersama Sekretaris Dewan Keamanan Federasi Rusia Nikolai Patrushev di Fujian."
    assert _people(text, "id") == {
        "Nikolai Patrushev": ("Sekretaris Dewan Keamanan Federasi Rusia", None, "RUS"),
    }


def test_comma_forms_ranks_and_delegations():
    text = ("Dalam dialog tersebut, Indonesia diwakili oleh Dirjen Asia Pasifik dan Afrika, Abdul Kadir Jailani, "
            "serta Sekdirjen Strategi Pertahanan, Brigjen TNI Oktaheroe Ramsi. Sementara itu, Tiongkok diwakili "
            "oleh Wakil Menteri Luar Negeri, Sun Weidong, dan Wakil Kepala Kantor Kerja Sama Militer "
            "Internasional, Mayjen Zhang Baoqun.")
    assert _people(text, "id") == {
        "Abdul Kadir Jailani": ("Dirjen Asia Pasifik dan Afrika", None, "IDN"),
        "Oktaheroe Ramsi": ("Sekdirjen Strategi Pertahanan", "Brigjen TNI", "IDN"),
        "Sun Weidong": ("Wakil Menteri Luar Negeri", None, "CHN"),
        "Zhang Baoqun": ("Wakil Kepala Kantor Kerja Sama Militer Internasional", "Mayjen", "CHN"),
    }


def test_name_span_excludes_rank_and_title():
    text = "Sekdirjen Strategi Pertahanan, Brigjen TNI Oktaheroe Ramsi."
    (m,) = find_people(text, "id")
    assert (m.text, m.start) == ("Oktaheroe Ramsi", text.index("Oktaheroe"))
    assert text[m.extra["phrase_start"]:m.extra["phrase_end"]] == text[:-1]


def test_apposition():
    text = "Fuzhou, China (Xinhua) – Yang Jiechi, Anggota Biro Politik Komite Sentral Partai Komunis China (CPC), memimpin."
    assert _people(text, "id") == {
        "Yang Jiechi": ("Anggota Biro Politik Komite Sentral Partai Komunis China", None, "CHN"),
    }


def test_demonym_before_title_and_two_people_in_a_row():
    text = ("This agreement was reached during a high-level meeting between Indonesian President Joko Widodo "
            "and Japanese Prime Minister Fumio Kishida, highlighting the growing partnership.")
    assert _people(text, "en") == {
        "Joko Widodo": ("President", None, "IDN"),
        "Fumio Kishida": ("Prime Minister", None, "JPN"),
    }


def test_rank_inside_role_and_role_country_from_tni():
    text = "Panglima TNI Jenderal Agus Subiyanto menerima Kepala Staf Angkatan Darat Australia, Letjen Simon Stuart, di Jakarta."
    assert _people(text, "id") == {
        "Agus Subiyanto": ("Panglima TNI", "Jenderal", "IDN"),
        "Simon Stuart": ("Kepala Staf Angkatan Darat Australia", "Letjen", "AUS"),
    }


def test_no_people_from_titles_without_names():
    text = ("Rusia mendukung menjadi presiden BRICS tahun ini. Yang, yang juga merupakan Direktur Kantor Komisi "
            "Urusan Luar Negeri Komite Sentral CPC, mengatakan bahwa kerja sama berkembang. Kementerian Luar "
            "Negeri Tiongkok pada Rabu.")
    assert _people(text, "id") == {}


def test_no_junk_people_from_headlines_without_titles():
    text = "Zayn Malik Gugup Gelar Konser Solo Pertama Kali. Taylor Swift Bawakan Tiga Lagu dari Album."
    assert _people(text, "id") == {}


def test_link_short_names():
    text = ("Menurut Presiden Joko Widodo, dialog berlangsung. Widodo juga menambahkan. "
            "Yang Jiechi, Anggota Biro Politik Komite Sentral Partai Komunis China, hadir. "
            "Yang menambahkan bahwa kerja sama berkembang, imbuh Yang. Yang terpenting adalah damai.")
    people = find_people(text, "id")
    short = link_short_names(people, text, "id")
    for m in short:
        assert text[m.start:m.end] == m.text
    assert [(m.text, m.value) for m in short] == [
        ("Widodo", "Joko Widodo"), ("Yang", "Yang Jiechi"), ("Yang", "Yang Jiechi"),
    ]
    assert all(m.extra["short"] and m.extra["country"] for m in short)


def test_short_reference_keeps_its_title():
    text = "Japanese Prime Minister Fumio Kishida met him. Prime Minister Kishida also voiced support."
    people = find_people(text, "en")
    assert [m.value for m in people] == ["Fumio Kishida"]
    (short,) = link_short_names(people, text, "en")
    assert (short.text, short.value, short.extra["role"], short.extra["country"]) == (
        "Kishida", "Fumio Kishida", "Prime Minister", "JPN")


def test_repeated_full_name_without_title_is_linked():
    text = "Dirjen Asia Pasifik dan Afrika, Abdul Kadir Jailani, hadir. Menurut Abdul Kadir Jailani, ini penting."
    people = find_people(text, "id")
    links = link_short_names(people, text, "id")
    assert [(m.text, m.extra["repeat"], m.start) for m in links] == [
        ("Abdul Kadir Jailani", True, text.rindex("Abdul")),
    ]


def test_lower_case_counterpart_and_connector_after_title():
    text = ("Indonesian Foreign Minister Sugiono met his Australian counterpart Penny Wong in Canberra. "
            "Director-General for Asia Pacific Abdul Kadir Jailani said the U.S. Secretary of Defense Lloyd Austin agreed.")
    assert _people(text, "en") == {
        "Sugiono": ("Foreign Minister", None, "IDN"),
        "Penny Wong": ("Foreign Minister", None, "AUS"),  # a counterpart holds the office named before
        "Abdul Kadir Jailani": ("Director-General for Asia Pacific", None, None),
        "Lloyd Austin": ("Secretary of Defense", None, "USA"),
    }


def test_honorifics_with_dots_and_ambassador_country():
    text = ("Presiden Dr. H. Joko Widodo bertemu. Deputy Commander Maj. Gen. Zhang Wei said. "
            "Duta Besar RI untuk Tiongkok, Djauhari Oratmangun, mengatakan")
    assert _people(text, "id") == {
        "Joko Widodo": ("Presiden", "Dr. H.", "IDN"),
        "Zhang Wei": ("Deputy Commander", "Maj. Gen.", None),
        "Djauhari Oratmangun": ("Duta Besar RI untuk Tiongkok", None, "IDN"),
    }


@pytest.mark.parametrize("text, name, role", [
    ("Ia diterima Menteri Pertahanan (Menhan) Aksel Tamrin di Jakarta.", "Aksel Tamrin", "Menteri Pertahanan (Menhan)"),
    ("Hadir pula Wakil Menteri Luar Negeri (Wamenlu) Marsdya TNI (Purn.) Hadi Santoso Wibowo serta staf.",
     "Hadi Santoso Wibowo", "Wakil Menteri Luar Negeri (Wamenlu) Marsdya TNI (Purn.)"),
    ("Defence Minister (DM) Ola Berg met them.", "Ola Berg", "Defence Minister (DM)"),
])
def test_a_title_glossed_by_an_abbreviation_in_parentheses_still_names_its_holder(text, name, role):
    found = {m.value: m.extra.get("role") for m in find_people(text, "id" if "Menteri" in text else "en")}
    assert found.get(name) == role


@pytest.mark.parametrize("text, language", [
    ("Presiden itu bertemu rakan sejawatannya dari Finlandia, Aino Laakso, di Putrajaya.", "ms"),
    ("Prabowo met his counterpart from Finland, Aino Laakso, in Jakarta.", "en"),
])
def test_a_counterpart_from_a_country_named_after_a_comma(text, language):
    found = {m.value: m.extra.get("country") for m in find_people(text, language)}
    assert found.get("Aino Laakso") == "FIN"


@pytest.mark.parametrize("text, language", [
    ("Dari pihak Finlandia, pertemuan itu dihadiri Menlu Aino Laakso dan Menteri Pertahanan Eero Virtanen.", "id"),
    ("On the Finnish side, the talks were attended by Foreign Minister Aino Laakso and Defence Minister Eero Virtanen.",
     "en"),
])
def test_a_sentence_that_names_a_side_gives_its_people_that_state(text, language):
    found = {m.value: m.extra.get("country") for m in find_people(text, language)}
    assert found == {"Aino Laakso": "FIN", "Eero Virtanen": "FIN"}


@pytest.mark.unit
@pytest.mark.parametrize("text, name", [
    ("Chilean Foreign Minister Lucas van Dorp met his Estonian counterpart.", "Lucas van Dorp"),
    ("Presiden Komisi Eropa Greta von der Heide bertemu Presiden Prabowo.", "Greta von der Heide"),
    ("Brazilian President Paulo Ramos da Costa arrived on Monday.", "Paulo Ramos da Costa"),
    ("Prime Minister Hadi bin Osman said the talks went well.", "Hadi bin Osman"),
])
def test_lower_case_particles_inside_a_name(text, name):
    assert name in [m.value for m in find_people(text)]


@pytest.mark.unit
def test_a_particle_at_the_end_is_not_part_of_the_name():
    assert [m.value for m in find_people("Foreign Minister Retno Marsudi de facto ruled it out.")] == ["Retno Marsudi"]


@pytest.mark.unit
def test_a_generational_suffix_is_part_of_the_name():
    # "Ferdinand Marcos" is his father: the suffix stays, written one way
    assert [m.value for m in find_people("President Ferdinand Marcos Jr. looked on.")] == ["Ferdinand Marcos Jr."]
    assert [m.value for m in find_people("Foreign Secretary Teodoro Locsin Jr said so.")] == ["Teodoro Locsin Jr."]


@pytest.mark.unit
def test_french_titles_in_lower_case_with_a_demonym():
    found = {m.value: (m.extra.get("role"), m.extra.get("country")) for m in find_people(
        "Le président français Jean Dupuis s’est entretenu lundi avec son homologue vietnamien Tran Van Minh, "
        "accompagné du ministre des Armées Luc Moreau.", "fr")}
    assert found == {"Jean Dupuis": ("président", "FRA"), "Tran Van Minh": ("président", "VNM"),
                     "Luc Moreau": ("ministre des Armées", None)}


@pytest.mark.unit
def test_french_demonyms_are_countries_only_as_words():
    from qa_app.nlp.countries import find_countries

    assert [m.value for m in find_countries("le gouvernement français et la partie vietnamienne")] == ["FRA", "VNM"]
    assert find_countries("the francophone turcoman") == []


def test_a_state_in_the_possessive_names_its_person_but_not_its_companies_or_places():
    text = ("Norway's Ingrid Solberg hosted Chile's Tomas Aravena and Peru’s Rosa Quispe, while Norway's Kongsberg "
            "Group and Chile's Easter Island stayed out of the talks; Chile's Foreign Minister Tomas Aravena spoke.")
    people = _people(text, "en")
    assert people["Ingrid Solberg"] == (None, None, "NOR")
    assert people["Rosa Quispe"] == (None, None, "PER")
    assert people["Tomas Aravena"][2] == "CHL"
    assert not [p for p in people if "Kongsberg" in p or "Easter" in p], people
    assert "Ingrid Solberg" not in _people(text, "id")  # an English possessive only


def test_a_state_or_city_after_the_title_belongs_to_the_office_and_names_its_country():
    people = _people("Gubernur Okinawa Kenji Arakaki dan Wali Kota Surabaya Eri Wibowo hadir.", "id")
    assert people["Kenji Arakaki"] == ("Gubernur Okinawa", None, "JPN")
    assert people["Eri Wibowo"] == ("Wali Kota Surabaya", None, "IDN")
    assert _people("Presiden Rusia Vladimir Putin tiba.", "id")["Vladimir Putin"] == ("Presiden", None, "RUS")


@pytest.mark.parametrize("text, language", [
    ("PM Rahman didampingi Menlu Siti Aminah, Menteri Investasi, Perdagangan, dan Industri Nordin Yusof, dan "
     "Mendagri Faizal Omar, lalu bertemu Presiden Prabowo. "
     "Perdana Menteri Malaysia Abdul Rahman tiba Selasa.", "id"),
    ("Malaysian Prime Minister Abdul Rahman, accompanied by Foreign Minister Siti Aminah and Home Minister Faizal "
     "Omar, met President Prabowo.", "en"),
])
def test_people_listed_as_company_share_the_state_of_the_person_they_accompany(text, language):
    people = _people(text, language)
    assert people["Siti Aminah"][2] == people["Faizal Omar"][2] == "MYS", people
    if language == "id":  # an office of several fields, with commas
        assert people["Nordin Yusof"] == ("Menteri Investasi, Perdagangan, dan Industri", None, "MYS"), people
    assert people["Prabowo Subianto" if "Prabowo Subianto" in people else "Prabowo"][2] != "MYS"


def test_pm_after_a_clock_time_is_no_title():
    assert _people("Updated 07/01/2025 05:12 PM Jakarta Malik Harun", "en") == {}


def test_an_office_held_at_the_time_in_apposition():
    people = _people("Talks were held with Lt. Gen. Arne Solheim Berg, then Secretary General of the ministry, "
                     "in 2023.", "en")
    assert people["Arne Solheim Berg"][0] == "Secretary General", people


def test_company_of_a_person_named_by_surname_and_honorific():
    text = ("Le président norvégien Jon Berg est arrivé lundi. M. Berg est notamment accompagné du ministre des "
            "Armées Luc Moreau et du ministre de l’Économie Paul Girard.")
    people = _people(text, "fr")
    assert people["Luc Moreau"] == ("ministre des Armées", None, "NOR"), people
    assert people["Paul Girard"][2] == "NOR", people


@pytest.mark.parametrize("text, name", [
    ("On Friday, External Affairs Minister K. Raghavan called on the president.", "K. Raghavan"),
    ("Menteri Luar Negeri RI Sinta L. P. Wardani hadir.", "Sinta L. P. Wardani"),
    ("President Arif S. Nugroho met the envoy.", "Arif S. Nugroho"),
    ("Kuleba met Vice President K.D. Raghavan in Munich.", "K.D. Raghavan"),  # initials run together
])
def test_initials_stay_in_the_name(text, name):
    assert name in _people(text, "en" if "Menteri" not in text else "id")


def test_a_country_abbreviation_is_no_initial():
    assert set(_people("U.S. President Tom Baker met Foreign Minister Wang Yi.", "en")) == {"Tom Baker", "Wang Yi"}


def test_apposition_with_the_state_of_the_office_between_comma_and_title():
    people = _people("Ola Nordmann hosted Tomas Aravena, Chile's Deputy Prime Minister, and Rosa Quispe, the Peruvian "
                     "Minister of Defence, in Oslo.", "en")
    assert people["Tomas Aravena"] == ("Deputy Prime Minister", None, "CHL"), people
    assert people["Rosa Quispe"][2] == "PER", people


def test_an_office_written_in_lower_case_after_the_name():
    people = _people("Ola Nordmann and Tomas Aravena, the general secretary of Chile's Socialist Party, agreed on "
                     "Tuesday; Rosa Quispe, Peru's foreign minister, was also there.", "en")
    assert people["Tomas Aravena"][2] == "CHL" and people["Tomas Aravena"][0].startswith("general secretary"), people
    assert people["Rosa Quispe"] == ("foreign minister", None, "PER"), people
    assert _people("The talks, the minister said, were useful.", "en") == {}


def test_an_office_written_in_lower_case_before_the_name():
    people = _people("Chile's foreign minister, Tomas Aravena, and the Peruvian defence minister, Rosa Quispe, met "
                     "in Lima.", "en")
    assert people["Tomas Aravena"] == ("foreign minister", None, "CHL"), people
    assert people["Rosa Quispe"] == ("defence minister", None, "PER"), people
    assert _people("The minister said the president would travel on Monday.", "en") == {}


@pytest.mark.parametrize("text", ["Sergei Lavrov and Tomas Aravena met in Lima on Tuesday.",
                                  "Tomas Aravena dan Sergei Lavrov bertemu di Lima pada Selasa."])
def test_a_name_without_title_joined_to_a_known_person_is_a_person(text):
    people = _people(text, "en" if " and " in text else "id")
    assert set(people) == {"Sergei Lavrov", "Tomas Aravena"}, people
    assert people["Tomas Aravena"][2] is None  # its state is told elsewhere, if at all


@pytest.mark.parametrize("text", ["Sergei Lavrov and Puerto Montt were named.", "Sergei Lavrov and Foreign Minister met.",
                                  "Sergei Lavrov and Chile agreed.", "Sergei Lavrov and\nTomas Aravena met."])
def test_a_place_an_office_or_a_new_line_after_and_is_no_person(text):
    assert set(_people(text, "en")) == {"Sergei Lavrov"}


def _offices(text, language):
    from qa_app.nlp.candidates import find_candidates

    return [(m.text, m.value, m.extra["country"]) for m in find_candidates(text, language).people
            if m.extra.get("pattern") == "office"]


def test_an_office_alone_names_the_person_named_before_with_it():
    text = ("Perdana Menteri Datuk Seri Anwar Ibrahim tiba di Tashkent semalam. Beliau disambut Perdana Menteri "
            "Abdulla Aripov. Anwar berkata lawatan itu penting. Di Uzbekistan, Perdana Menteri dijangka mengadakan "
            "pertemuan dengan Presiden Shavkat Mirziyoyev.")
    # two prime ministers were named: the one the article names most
    assert _offices(text, "ms") == [("Perdana Menteri", "Anwar Ibrahim", "MYS")]
    text = "Prime Minister Narendra Modi arrived in Abu Dhabi on Tuesday. On Wednesday the prime minister was in Dubai."
    assert _offices(text, "en") == [("prime minister", "Narendra Modi", "IND")]


@pytest.mark.parametrize("text", [
    "Prime Minister Narendra Modi arrived on Tuesday. The Prime Minister of Qatar met him.",  # another state's office
    "Prime Minister Narendra Modi arrived on Tuesday. Deputy Prime Minister Ola Nordmann met him.",
    "Prime Minister Narendra Modi arrived on Tuesday. A prime minister should listen.",  # not "the" office
    "The Prime Minister said on Monday that Prime Minister Narendra Modi would come.",  # before the name
])
def test_an_office_that_is_not_a_back_reference(text):
    assert _offices(text, "en") == []


def test_a_headline_meeting_verb_joins_no_name():
    text = ("DUNIA\n\nAravena Telepon Berg, Presiden Norwegia Nyatakan Akan Hadiri KTT di Oslo\n\n"
            "29/04/2022, 14:10 WIB\n\nPresiden Chile Tomas Aravena menelepon Presiden Norwegia Jonas Berg.")
    names = set(_people(text, "id"))
    assert not any("Telepon" in n for n in names), names
    assert {"Tomas Aravena", "Jonas Berg"} <= names, names


def test_a_generational_suffix_ends_a_name_and_the_surname_before_it_refers_back():
    from qa_app.nlp.candidates import find_candidates

    text = ("Menteri Pertahanan Chile Tomas J. Aravena III bertemu Raja Norwegia Harald II di Oslo. "
            "Pertemuan ini melanjutkan pembicaraan Aravena dan Harald pada Juni.")
    found = [(m.value, m.text, m.extra.get("country")) for m in find_candidates(text, "id").people]
    assert ("Tomas J. Aravena III", "Tomas J. Aravena III", "CHL") in found, found
    assert ("Tomas J. Aravena III", "Aravena", "CHL") in found, found


def test_an_indonesian_portfolio_of_two_fields_or_a_ministry_word_is_the_office_not_the_name():
    text = ("Presiden didampingi Menteri Investasi dan Hilirisasi Budi Santoso, Menteri Agama Hasan Basri, dan "
            "Menteri Pariwisata Dewi Lestari.")
    assert _people(text, "id") == {"Budi Santoso": ("Menteri Investasi dan Hilirisasi", None, None),
                                   "Hasan Basri": ("Menteri Agama", None, None),
                                   "Dewi Lestari": ("Menteri Pariwisata", None, None)}


def test_the_state_of_an_office_holder_the_text_gives_no_state_for():
    people = {m.value: m for m in find_people("Vice President J.D. Vance met Foreign Minister Dmytro Kuleba and "
                                              "Defence Minister Phan Van Giang on Friday.")}
    assert {n: (m.extra["country"], m.extra["country_via"]) for n, m in people.items()} == {
        "J.D. Vance": ("USA", "lexicon"), "Dmytro Kuleba": ("UKR", "lexicon"), "Phan Van Giang": ("VNM", "lexicon")}


def test_the_state_the_text_gives_comes_before_the_gazetteer():
    (m,) = find_people("Ukrainian envoy Dmytro Kuleba arrived.")
    assert m.extra["country"] == "UKR" and m.extra["country_via"] != "lexicon"


def test_the_gazetteer_of_office_holders_is_well_formed():
    from qa_app.nlp.lexicon import load
    from qa_app.nlp.people_lexicon import person_lexicon

    holders = load("people")["office_holders"]
    assert len(holders) > 1000
    seen: dict[str, str] = {}
    for p in holders:
        assert len(p["country"]) == 3 and p["country"].isupper(), p
        for form in [p["name"], *p["aliases"]]:
            assert seen.setdefault(form.lower(), p["name"]) == p["name"], (form, seen[form.lower()], p["name"])
    # a bare surname or given name never stands for a person: one word only for a few well-known nicknames
    one_word = sorted({f for p in holders for f in [p["name"], *p["aliases"]] if len(f.split()) == 1})
    assert len(one_word) < 20, one_word
    assert not set(person_lexicon().holders) & set(person_lexicon().known)  # no name in both lists


@pytest.mark.parametrize("text, language, name, country", [
    ("The minister met the Norwegian Foreign Minister, Kari J. Nordby, in Oslo.", "en", "Kari J. Nordby", "NOR"),
    ("Saifuddin bertemu Setiausaha Negara Norway, Kari J. Nordby di Oslo.", "ms", "Kari J. Nordby", "NOR"),
])
def test_a_middle_initial_stays_in_a_name_told_after_a_comma(text, language, name, country):
    assert _people(text, language)[name][2] == country


@pytest.mark.parametrize("text, language, expected", [
    # the article never gives the full names: the one office holder with that family name, of a state it names
    ("Mr Biden and Mr Xi met in Bali last year, their first talks since the United States and China fell out.", "en",
     {"Joe Biden": "USA", "Xi Jinping": "CHN"}),
    ("President Biden phoned Beijing on Monday; American officials called the talks candid.", "en", {"Joe Biden": "USA"}),
    ("Pak Prabowo menerima Mr Albanese di Jakarta; Indonesia dan Australia sepakat memperkuat patroli.", "id",
     {"Prabowo Subianto": "IDN", "Anthony Albanese": "AUS"}),
])
def test_a_titled_family_name_is_the_known_office_holder_of_a_state_the_article_names(text, language, expected):
    people = {m.value: m.extra.get("country") for m in find_people(text, language)}
    assert people == expected, people


@pytest.mark.parametrize("text", [
    "Mr Biden flew home on Friday.",  # no state is named: a namesake may be meant
    "Menteri Kesenian, Datuk Seri Halim Sing, bertemu rakan sejawatnya dari Malaysia.",  # not Singapore's Chan Chun Sing
    "Mr Wang met Mr Li in China on Monday.",  # several office holders share each of these names
])
def test_a_family_name_is_not_read_as_an_office_holder_without_support(text):
    people = find_people(text, "id" if "Menteri" in text else "en")
    assert all(m.value == m.text for m in people), people  # no one-word name read as someone's full name


@pytest.mark.parametrize("text, language, expected", [
    ("Putra Mahkota Arab Saudi Mohammed bin Salman memimpin KTT. Di sela KTT, MBS menerima Perdana Menteri "
     "Singapura Lee Hsien Loong.", "id", ("MBS", "Mohammed bin Salman", "SAU")),
    ("Former Mexican President Andres Manuel Lopez Obrador was not there. AMLO sent a letter.", "en",
     ("AMLO", "Andres Manuel Lopez Obrador", "MEX")),
])
def test_capitals_that_spell_the_start_of_a_full_name_stand_for_that_person(text, language, expected):
    short, full, country = expected
    found = [(m.text, m.value, m.extra["country"]) for m in find_people(text, language) if m.text == short]
    assert found == [expected]


@pytest.mark.parametrize("text", [
    "Mexican President Andres Manuel Lopez Obrador met Argentine President Alberto Martin Lopez. The AML said so.",
    "Chilean President Rosa Vidal met Norway's Prime Minister Ola Dahl. The UNO said so.",
])
def test_capitals_no_one_or_more_than_one_name_begins_with_stand_for_no_one(text):
    assert all(m.extra.get("pattern") != "initialism" for m in find_people(text, "en"))


def test_a_title_in_a_palaces_name_names_no_one():
    text = "Dahl bertemu Presiden Chile Rosa Vidal di Istana Presiden Cerro Alegre, Santiago."
    assert [m.value for m in find_people(text, "id")] == ["Rosa Vidal"]


@pytest.mark.parametrize("text, language, name", [
    # the Arabic article joined to the family name by a hyphen
    ("Egypt's Karim Nabil al-Masri hosted the talks in Cairo.", "en", "Karim Nabil al-Masri"),
    # "bin" after a generational number, and a family name that starts with "Al-"
    ("Raja Yordania Hashem II bin Al-Karim menerima Presiden Prabowo.", "id", "Hashem II bin Al-Karim"),
    # an honorific before the name in apposition, "bin" and "Al" inside it
    ("He met Sheikh Faisal bin Khalid Al Amiri, the UAE Minister of State, on Monday.", "en",
     "Faisal bin Khalid Al Amiri"),
    # the honorific after the comma of a title-comma-name
    ("Talks with the Emir, Sheikh Saud bin Nasser Al Marri, in Doha on Thursday.", "en", "Saud bin Nasser Al Marri"),
    # a style of address before the honorific
    ("Putin received UAE President His Highness Sheikh Karim bin Zayed Al Nahyan.", "en", "Karim bin Zayed Al Nahyan"),
    # a name that ends on a capitalised name part after "bin"
    ("Hadir pula Pangeran Ghazi bin Muhammad, penasihat utama Raja.", "id", "Ghazi bin Muhammad"),
    # the same word inside a name is part of it
    ("Somalia's Ali Sheikh Farah arrived on Monday.", "en", "Ali Sheikh Farah"),
    ("President Ali Sheikh Farah arrived on Monday.", "en", "Ali Sheikh Farah"),
])
def test_arabic_name_parts_stay_in_the_name(text, language, name):
    assert name in [m.value for m in find_people(text, language)]


def test_a_plural_possessive_apostrophe_is_not_part_of_the_name():
    text = "The visit follows Foreign Minister James Andrews' talks with his counterpart."
    assert [m.value for m in find_people(text, "en")] == ["James Andrews"]


@pytest.mark.parametrize("text, name, role", [
    # the royal name part before the honorifics goes with them; capitalised particles do not count
    # towards the length of the name
    ("Turut hadir Menteri Pelaburan, Perdagangan dan Industri, Tengku Datuk Seri Amir Tengku Abdul Rahman.",
     "Amir Tengku Abdul Rahman", "Menteri Pelaburan, Perdagangan dan Industri"),
    ("Hadir Menteri Perdagangan Antarabangsa dan Industri Tengku Amir Tengku Abdul Rahman serta pegawai kanan.",
     "Tengku Amir Tengku Abdul Rahman", "Menteri Perdagangan Antarabangsa dan Industri"),
    # a one-word title in the middle of a name
    ("Menteri Pelancongan, Seni dan Budaya, Datuk Seri Ooi King Hwa hadir.", "Ooi King Hwa",
     "Menteri Pelancongan, Seni dan Budaya"),
    # a qualifier of the office in parentheses before the comma
    ("Hadir Menteri di Jabatan Perdana Menteri (Hal Ehwal Agama), Datuk Dr Ahmad Fauzi Hamid.",
     "Ahmad Fauzi Hamid", "Menteri di Jabatan Perdana Menteri (Hal Ehwal Agama)"),
])
def test_malaysian_offices_and_honorifics(text, name, role):
    found = _people(text, "ms")
    assert list(found) == [name]
    assert found[name][0] == role


def test_a_title_before_a_name_still_starts_a_new_person():
    assert _people("President Ali Farah and King Hamad met in Manama.", "en").keys() == {"Ali Farah", "Hamad"}


def test_an_office_of_a_place_names_no_one():
    assert find_people("The Ruler of Sharjah met him on Monday.", "en") == []


@pytest.mark.parametrize("text, language, name, role, country", [
    ("Pertemuan itu digelar antara Anwar dan Perdana Menteri Thailand ketika itu, Somchai Rattanakul.", "id",
     "Somchai Rattanakul", "Perdana Menteri", "THA"),
    ("He met the Foreign Minister of Chile at the time, Lucas Herrera.", "en", "Lucas Herrera", "Foreign Minister of Chile", "CHL"),
])
def test_an_office_held_then_before_the_comma_of_a_title_comma_name(text, language, name, role, country):
    found = _people(text, language)
    assert found[name][0] == role
    assert found[name][2] == country


@pytest.mark.parametrize("text, language, name, country", [
    # the abbreviation in parentheses is part of the office; the state after "untuk"/"to" is the host
    ("Duta Besar Republik Ceko (RC) untuk Indonesia Pavel Novak berkunjung ke Kemhan.", "id", "Pavel Novak", "CZE"),
    ("The Canadian Ambassador to Indonesia Claire Dubois attended the signing.", "en", "Claire Dubois", "CAN"),
])
def test_an_ambassador_is_of_the_state_that_sends_them(text, language, name, country):
    assert _people(text, language)[name][2] == country


@pytest.mark.parametrize("text, name", [
    ("Gen. RW Talbot, the chairman of the joint staff, held a video call on Friday.", "RW Talbot"),
    ("Chairman RW Talbot met the press.", "RW Talbot"),
    ("KP Adhikari, Nepal's Foreign Minister, arrived on Monday.", "KP Adhikari"),
])
def test_two_capitals_before_a_name_stand_for_its_given_names(text, name):
    assert name in [m.value for m in find_people(text, "en")]


@pytest.mark.parametrize("text, name", [
    ("The US Secretary Antony Blinken spoke.", "Antony Blinken"),
    # the number of an office ("Minister of Defence II")
    ("He met Brunei's Minister of Defence II Awang Hamid Yusof on Tuesday.", "Awang Hamid Yusof"),
])
def test_a_state_abbreviation_or_a_number_before_a_name_is_no_given_name(text, name):
    assert [m.value for m in find_people(text, "en")] == [name]
