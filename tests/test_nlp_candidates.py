"""Candidates on the five sample articles (cleaned text), exact spans, and throughput."""

from __future__ import annotations

from collections import Counter

import pytest

from qa_app.ingest.clean import clean_text
from qa_app.nlp import Candidates, Mention, find_candidates

from conftest import article_path

pytestmark = pytest.mark.unit

LANG = {"000": "en", "001": "id", "002": "id", "003": "en", "004": "id"}
PUBLISHED = {"004": "2024-03-01"}


def _text(prefix: str) -> str:
    return clean_text(article_path(prefix).read_text(encoding="utf-8")).text


@pytest.fixture(scope="module")
def cands() -> dict[str, tuple[str, Candidates]]:
    out = {}
    for prefix, lang in LANG.items():
        text = _text(prefix)
        out[prefix] = (text, find_candidates(text, lang, PUBLISHED.get(prefix)))
    return out


def _check_spans(text: str, c: Candidates) -> None:
    for m in c.all():
        assert isinstance(m, Mention)
        assert text[m.start:m.end] == m.text, m


def _pairs(ms):
    return Counter((m.text, m.value) for m in ms)


def test_every_span_is_exact(cands):
    for text, c in cands.values():
        _check_spans(text, c)


def test_000_en_2plus2_jakarta(cands):
    text, c = cands["000"]
    assert c.country_codes() == ["CHN", "IDN", "PSE", "TWN"]
    assert c.people == []
    assert _pairs(c.places) == Counter({("Jakarta", "Jakarta"): 1, ("South China Sea", "South China Sea"): 1})
    assert [(m.text, m.value, m.extra["resolution"]) for m in c.dates] == [
        ("Tuesday", None, "unresolved"), ("2023", "2023", "absolute"), ("2023", "2023", "absolute")]
    assert c.dates[0].start == text.index("Tuesday")
    assert [(m.value, m.extra.get("round")) for m in c.mechanisms][:3] == [
        ("Senior Officials' Meeting", 1), ("Joint Ministerial Dialogue on Foreign Affairs and Defense", None), ("2+2", None)]
    assert {m.extra["family"] for m in c.mechanisms} == {"2+2"}
    chinese = [m for m in c.countries if m.text == "Chinese"]
    assert chinese and chinese[0].extra["via"] == "demonym"


def test_001_id_som_2plus2(cands):
    text, c = cands["001"]
    assert c.country_codes() == ["CHN", "IDN"]
    full = {m.value: m for m in c.people if not m.extra["short"] and not m.extra.get("repeat")}
    expected = {
        "Abdul Kadir Jailani": ("Dirjen Asia Pasifik dan Afrika", None, "IDN"),
        "Oktaheroe Ramsi": ("Sekdirjen Strategi Pertahanan", "Brigjen TNI", "IDN"),
        "Sun Weidong": ("Wakil Menteri Luar Negeri", None, "CHN"),
        "Zhang Baoqun": ("Wakil Kepala Kantor Kerja Sama Militer Internasional", "Mayjen", "CHN"),
        "Joko Widodo": ("Presiden", None, "IDN"),
    }
    assert {k: (m.extra["role"], m.extra["rank"], m.extra["country"]) for k, m in full.items()} == expected
    assert full["Oktaheroe Ramsi"].start == text.index("Oktaheroe Ramsi")
    assert full["Zhang Baoqun"].start == text.index("Zhang Baoqun")
    linked = [(m.text, m.value) for m in c.people if m.extra["short"] or m.extra.get("repeat")]
    assert linked == [("Abdul Kadir Jailani", "Abdul Kadir Jailani"), ("Jailani", "Abdul Kadir Jailani")]
    assert c.person_names() == ["Abdul Kadir Jailani", "Oktaheroe Ramsi", "Sun Weidong", "Zhang Baoqun", "Joko Widodo"]
    assert _pairs(c.places) == Counter({("Jakarta", "Jakarta"): 1, ("Beijing", "Beijing"): 1})
    assert not [m for m in c.countries if m.extra["via"] == "capital"]  # "Jakarta –", "ke Beijing"
    dates = [(m.text, m.value, m.extra["precision"], m.extra["resolution"]) for m in c.dates]
    assert dates[0] == ("Selasa, 13 Agustus 2024", "2024-08-13", "day", "absolute")
    assert ("Oktober 2023", "2023-10", "month", "absolute") in dates
    assert Counter(d[1] for d in dates)["2025"] == 4
    assert not any(m.text.endswith("tahun ini") for m in c.dates)  # "puluhan tahun ini"
    assert [m.value for m in c.mechanisms] == ["Senior Officials' Meeting", "2+2", "2+2"]


def test_002_id_strategic_security_consultation(cands):
    text, c = cands["002"]
    assert c.country_codes() == ["AFG", "CHN", "RUS", "TWN", "UKR", "UZB"]
    full = {m.value: m for m in c.people if not m.extra["short"]}
    assert {k: (m.extra["role"], m.extra["country"]) for k, m in full.items()} == {
        "Xi Jinping": ("Presiden", "CHN"),
        "Vladimir Putin": ("Presiden", "RUS"),
        "Yang Jiechi": ("Anggota Biro Politik Komite Sentral Partai Komunis China", "CHN"),
        "Nikolai Patrushev": ("Sekretaris Dewan Keamanan Federasi Rusia", "RUS"),
    }
    short = Counter((m.text, m.value) for m in c.people if m.extra["short"])
    assert short == Counter({("Yang", "Yang Jiechi"): 4, ("Xi", "Xi Jinping"): 1, ("Putin", "Vladimir Putin"): 1,
                             ("Patrushev", "Nikolai Patrushev"): 1})
    assert {m.start for m in c.people if m.text == "Yang"} == {
        text.index("Yang, yang"), text.index("Yang menambahkan"), text.index("Yang.", text.index("imbuh")),
        text.index("Yang.", text.index("papar"))}
    places = _pairs(c.places)
    assert places[("Samarkand", "Samarkand")] == 4
    assert places[("Fuzhou", "Fuzhou")] == 1 and places[("Provinsi Fujian", "Fujian")] == 1
    assert ("Vladimir", "Vladimir") not in places
    fed = [m for m in c.countries if m.text == "Federasi Rusia"]
    assert fed and fed[0].value == "RUS"
    assert [(m.text, m.value, m.extra["end"], m.extra["resolution"]) for m in c.dates] == [
        ("15 September 2022", "2022-09-15", None, "absolute"),
        ("Senin (19/9)", "2022-09-19", None, "year_from_context"),
        ("2022", "2022", None, "absolute"),
        ("15-16 September", "2022-09-15", "2022-09-16", "absolute"),
    ]
    rounds = [(m.value, m.extra.get("round")) for m in c.mechanisms if m.value == "Strategic Security Consultation"]
    assert rounds == [("Strategic Security Consultation", None), ("Strategic Security Consultation", 17),
                      ("Strategic Security Consultation", 17), ("Strategic Security Consultation", None)]
    assert c.mechanism_names() == ["SCO", "Strategic Security Consultation"]


def test_003_en_widodo_kishida(cands):
    text, c = cands["003"]
    assert c.country_codes() == ["IDN", "JPN"]
    full = {m.value: m for m in c.people if not m.extra["short"]}
    assert {k: (m.extra["role"], m.extra["country"]) for k, m in full.items()} == {
        "Joko Widodo": ("President", "IDN"), "Fumio Kishida": ("Prime Minister", "JPN")}
    assert full["Fumio Kishida"].start == text.index("Fumio Kishida")
    short = [(m.text, m.value, m.extra["role"]) for m in c.people if m.extra["short"]]
    assert short == [("Widodo", "Joko Widodo", "President"), ("Kishida", "Fumio Kishida", "Prime Minister"),
                     ("Kishida", "Fumio Kishida", None)]
    assert c.dates == []  # "may include" is not a month
    assert [m.value for m in c.mechanisms] == ["ASEAN"]


def test_004_id_sun_weidong_moscow(cands):
    text, c = cands["004"]
    assert c.country_codes() == ["BRA", "CHN", "IND", "RUS", "UKR", "ZAF"]  # "semenanjung Korea" is a place
    capitals = [(m.text, m.value) for m in c.countries if m.extra["via"] == "capital"]
    assert capitals == [("Beijing", "CHN"), ("Moskow", "RUS")]  # the headline metonyms only
    full = {m.value: m for m in c.people if not m.extra["short"]}
    assert {k: (m.extra["role"], m.extra["country"]) for k, m in full.items()} == {
        "Sun Weidong": ("Wakil Menteri Luar Negeri", "CHN"), "Sergei Lavrov": ("Menteri Luar Negeri", "RUS")}
    assert [m.value for m in c.people if m.extra["short"]] == ["Sun Weidong"] * 3
    places = _pairs(c.places)
    assert places[("Moskow", "Moscow")] == 4 and places[("Kazan", "Kazan")] == 1
    assert places[("BEIJING", "Beijing")] == 1 and places[("semenanjung Korea", "Korean Peninsula")] == 1
    assert ("Negara", "Negara") not in places
    assert [(m.text, m.value, m.extra["end"], m.extra["precision"], m.extra["resolution"]) for m in c.dates] == [
        ("Rabu", "2024-02-28", None, "day", "relative_to_published"),
        ("hari Senin dan Selasa", "2024-02-26", "2024-02-27", "day", "relative_to_published"),
        ("tahun 2001", "2001", None, "year", "absolute"),
        ("tahun ini", "2024", None, "year", "relative_to_published"),
        ("tahun 2024", "2024", None, "year", "absolute"),
        ("bulan Oktober", "2024-10", None, "month", "year_from_context"),
    ]
    assert c.mechanism_names() == ["BRICS", "SCO"]


def test_junk_removed_by_cleaning_gives_no_people():
    raw = article_path("004").read_text(encoding="utf-8")
    text = clean_text(raw).text
    assert "Zayn" not in text
    c = find_candidates(text, "id", "2024-03-01")
    assert not {"Zayn Malik", "Taylor Swift", "Jennifer Lopez", "Selena Gomez"} & set(c.person_names())


def test_mention_is_hashable_and_extra_is_not_compared():
    a = Mention("country", 0, 5, "China", "CHN", {"via": "name"})
    b = Mention("country", 0, 5, "China", "CHN", {"via": "other"})
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.value = "RUS"  # frozen


def test_candidates_helpers(cands):
    _, c = cands["002"]
    assert c.person_names()[:2] == ["Xi Jinping", "Vladimir Putin"]
    assert c.people_by_name()["Yang Jiechi"].extra["role"].startswith("Anggota")
    sentence = c.in_span(0, 200)
    assert all(m.end <= 200 for m in sentence.all())
    d = c.to_dict()
    assert set(d) == {"countries", "people", "places", "dates", "mechanisms"}

