"""Wording of record-based answers in English and Indonesian: dates with their precision,
country names, people with their roles, lists."""

from __future__ import annotations

from functools import lru_cache

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
}
# Indonesian names that differ from pycountry's translations, or are missing there.
ID_COUNTRY = {"CHN": "Tiongkok", "RUS": "Rusia", "USA": "Amerika Serikat", "GBR": "Inggris", "KOR": "Korea Selatan",
              "PRK": "Korea Utara", "JPN": "Jepang", "FRA": "Prancis", "DEU": "Jerman", "NLD": "Belanda",
              "PHL": "Filipina", "SGP": "Singapura", "KHM": "Kamboja", "TUR": "Turki", "SAU": "Arab Saudi",
              "EGY": "Mesir", "NZL": "Selandia Baru", "ZAF": "Afrika Selatan", "BRA": "Brasil", "IND": "India",
              "VNM": "Vietnam", "TLS": "Timor Leste", "BRN": "Brunei", "MMR": "Myanmar", "UKR": "Ukraina",
              "IRN": "Iran", "ARE": "Uni Emirat Arab", "QAT": "Qatar", "ITA": "Italia", "ESP": "Spanyol",
              "CAN": "Kanada", "MEX": "Meksiko", "POL": "Polandia", "PAK": "Pakistan", "BGD": "Bangladesh"}
EN_COUNTRY = {"USA": "the United States", "GBR": "the United Kingdom", "KOR": "South Korea", "PRK": "North Korea",
              "RUS": "Russia", "VNM": "Vietnam", "IRN": "Iran", "TUR": "Türkiye", "PHL": "the Philippines",
              "NLD": "the Netherlands", "ARE": "the United Arab Emirates", "TWN": "Taiwan", "LAO": "Laos",
              "BRN": "Brunei", "SYR": "Syria", "TLS": "Timor-Leste", "CZE": "Czechia"}

WORDS = {
    "en": {"and": "and", "on": "on", "in": "in", "at": "at", "from": "from", "to": "to", "round": "round"},
    "id": {"and": "dan", "on": "pada", "in": "pada", "at": "di", "from": "dari", "to": "hingga", "round": "putaran"},
}
ORDINALS_EN = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
               9: "ninth", 10: "tenth"}


def lang_of(lang: str) -> str:
    return "id" if lang in ("id", "ms") else "en"


@lru_cache(maxsize=512)
def country_name(code: str, lang: str = "en") -> str:
    lang = lang_of(lang)
    if lang == "id" and code in ID_COUNTRY:
        return ID_COUNTRY[code]
    if lang == "en" and code in EN_COUNTRY:
        return EN_COUNTRY[code]
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    name = getattr(c, "common_name", None) or c.name
    if lang == "id":
        try:
            import gettext

            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
            name = tr.gettext(name)
        except OSError:
            pass
    return name


def bare(name: str) -> str:
    """'the United States' -> 'United States' (for the start of a sentence and for lists)."""
    return name[4:] if name.startswith("the ") else name


def join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {WORDS[lang_of(lang)]['and']} " + items[-1]


def countries_phrase(codes: list[str], lang: str, sep: str = "–") -> str:
    return sep.join(bare(country_name(c, lang)) for c in codes)


def date_words(value: str | None, precision: str | None, end: str | None, lang: str) -> str:
    """'13 August 2024', 'October 2024', '2025', '11–12 February 2025' (the words only)."""
    lang = lang_of(lang)
    if not value:
        return ""
    parts = value.split("-")
    year = parts[0]
    if precision == "year" or len(parts) == 1:
        return year
    month = MONTHS[lang][int(parts[1]) - 1]
    if precision == "month" or len(parts) == 2:
        return f"{month} {year}"
    day = str(int(parts[2]))
    if end and end != value and len(end.split("-")) == 3:
        e = end.split("-")
        if e[:2] == parts[:2]:
            return f"{day}–{int(e[2])} {month} {year}"
        return f"{day} {month} {year} – {int(e[2])} {MONTHS[lang][int(e[1]) - 1]} {e[0]}"
    return f"{day} {month} {year}"


def date_phrase(value: str | None, precision: str | None, end: str | None, lang: str) -> str:
    """The date with a preposition that says its precision: 'on 13 August 2024', 'in October 2024',
    'in 2025' (Indonesian: 'pada ...')."""
    words = date_words(value, precision, end, lang)
    if not words:
        return ""
    w = WORDS[lang_of(lang)]
    return f"{w['on'] if precision == 'day' else w['in']} {words}"


def person_phrase(name: str, role: str | None, country: str | None = None) -> str:
    role = (role or "").strip()
    if role and name.lower() not in role.lower():
        return f"{role} {name}"
    return name


def short_role(role: str | None, words: int = 6) -> str | None:
    """A role short enough for an answer: the rank or title before '·', at most a few words."""
    if not role:
        return role
    first = role.split("·")[0].strip()
    toks = first.split()
    return " ".join(toks[:words])


def round_phrase(rnd: int | None, lang: str) -> str:
    if not rnd:
        return ""
    if lang_of(lang) == "id":
        return f"ke-{rnd}"
    return ORDINALS_EN.get(rnd) or (f"{rnd}th" if 10 <= rnd % 100 <= 20 else
                                   f"{rnd}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(rnd % 10, 'th') }")


def cite(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers))
