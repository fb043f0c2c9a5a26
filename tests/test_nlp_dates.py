"""Date finding and resolution: never today's date, weekdays checked, years from context."""

from __future__ import annotations

import datetime as dt

import pytest

from qa_app.nlp.dates import DateValue, find_dates, resolve_date

pytestmark = pytest.mark.unit


def _dates(text, language, published=None):
    ms = find_dates(text, language, published)
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert m.extra["text"] == m.text and m.extra["value"] == m.value
    return [(m.text, m.value, m.extra["end"], m.extra["precision"], m.extra["resolution"]) for m in ms]


def test_full_indonesian_date_with_weekday():
    text = "Dialog yang berlangsung pada Selasa, 13 Agustus 2024. Dalam dialog tersebut"
    assert _dates(text, "id") == [("Selasa, 13 Agustus 2024", "2024-08-13", None, "day", "absolute")]
    (m,) = find_dates(text, "id")
    assert m.extra["weekday_check"] == "ok" and m.extra["phrase"] == "pada Selasa, 13 Agustus 2024"


def test_weekday_with_day_month_takes_year_from_other_dates_and_checks_weekday():
    text = ("Presiden bertemu di Samarkand, Uzbekistan, pada 15 September 2022.\n"
            "Yang Jiechi pada Senin (19/9) memimpin konsultasi.\n"
            "KTT SCO 2022 di Samarkand, Uzbekistan pada 15-16 September, dan meningkatkan rasa saling percaya.")
    assert _dates(text, "id") == [
        ("15 September 2022", "2022-09-15", None, "day", "absolute"),
        ("Senin (19/9)", "2022-09-19", None, "day", "year_from_context"),
        ("2022", "2022", None, "year", "absolute"),
        ("15-16 September", "2022-09-15", "2022-09-16", "day", "absolute"),
    ]
    monday = find_dates(text, "id")[1]
    assert dt.date(2022, 9, 19).weekday() == 0 and monday.extra["weekday_check"] == "ok"


def test_weekday_day_month_adjusts_year_to_match_weekday():
    # 19/9 was a Monday in 2022, not in 2023: the weekday wins over the context year.
    dv = resolve_date("Senin (19/9)", "id", None, context_year=2023)
    assert (dv.value, dv.resolution) == ("2022-09-19", "year_from_context")


def test_weekday_pair_relative_to_report_day():
    text = ("BEIJING - Tiongkok dan Rusia harus memperkuat komunikasi, demikian laporan Kementerian Luar Negeri "
            "Tiongkok pada Rabu.\nWakil Menteri Luar Negeri Tiongkok Sun Weidong, yang berada di Moskow pada "
            "hari Senin dan Selasa untuk melakukan pembicaraan.")
    assert _dates(text, "id", "2024-03-01") == [
        ("Rabu", "2024-02-28", None, "day", "relative_to_published"),
        ("hari Senin dan Selasa", "2024-02-26", "2024-02-27", "day", "relative_to_published"),
    ]
    assert find_dates(text, "id", "2024-03-01")[1].extra["phrase"] == "pada hari Senin dan Selasa"


def test_weekday_pair_relative_to_publication_alone():
    dv = resolve_date("pada hari Senin dan Selasa", "id", "2024-03-01")
    assert (dv.value, dv.end, dv.precision, dv.resolution) == ("2024-02-26", "2024-02-27", "day", "relative_to_published")


def test_weekday_without_publication_date_stays_unresolved():
    text = "held the first Senior Officials’ Meeting (“2+2”) in Jakarta on Tuesday."
    assert _dates(text, "en") == [("Tuesday", None, None, None, "unresolved")]
    assert find_dates(text, "en")[0].extra["phrase"] == "on Tuesday"
    assert resolve_date("on Tuesday", "en", None) == DateValue(None, None, None, "on Tuesday", "unresolved")


def test_weekday_resolves_to_the_most_recent_one():
    assert resolve_date("on Tuesday", "en", "2024-03-01").value == "2024-02-27"
    assert resolve_date("next Tuesday", "en", "2024-03-01").value == "2024-03-05"


@pytest.mark.parametrize(
    "words, language, published, context_year, expected",
    [
        ("Oktober 2023", "id", None, None, ("2023-10", None, "month", "absolute")),
        ("pada tahun 2025", "id", None, None, ("2025", None, "year", "absolute")),
        ("in 2023", "en", None, None, ("2023", None, "year", "absolute")),
        ("15-16 September", "id", None, 2022, ("2022-09-15", "2022-09-16", "day", "year_from_context")),
        ("15-16 September", "id", None, None, (None, None, None, "unresolved")),
        ("akan digelar pada bulan Oktober", "id", "2024-03-01", None, ("2024-10", None, "month", "year_from_context")),
        ("pada bulan Oktober", "id", "2024-03-01", None, ("2023-10", None, "month", "year_from_context")),
        ("pada bulan Mei", "id", "2024-03-01", None, ("2024-05", None, "month", "year_from_context")),
        ("minggu lalu", "id", "2024-03-01", None, ("2024-02", None, "month", "relative_to_published")),
        ("tahun ini", "id", "2024-03-01", None, ("2024", None, "year", "relative_to_published")),
        ("tahun ini", "id", None, None, (None, None, None, "unresolved")),
        ("kemarin", "id", "2024-03-01", None, ("2024-02-29", None, "day", "relative_to_published")),
        ("last year", "en", "2024-03-01", None, ("2023", None, "year", "relative_to_published")),
        ("3 hari yang lalu", "id", "2024-03-01", None, ("2024-02-27", None, "day", "relative_to_published")),
        ("August 13, 2024", "en", None, None, ("2024-08-13", None, "day", "absolute")),
        ("30 September - 2 Oktober 2024", "id", None, None, ("2024-09-30", "2024-10-02", "day", "absolute")),
        ("30 Desember 2023 - 2 Januari 2024", "id", None, None, ("2023-12-30", "2024-01-02", "day", "absolute")),
        ("30 Desember - 2 Januari 2024", "id", None, None, ("2023-12-30", "2024-01-02", "day", "absolute")),
        ("Dec. 30 - Jan 2", "en", "2024-01-05", None, ("2023-12-30", "2024-01-02", "day", "year_from_context")),
        ("December 30, 2023 to January 2, 2024", "en", None, None, ("2023-12-30", "2024-01-02", "day", "absolute")),
        ("01/03/2024", "id", None, None, ("2024-03-01", None, "day", "absolute")),
        ("2 days ago", "en", None, None, (None, None, None, "unresolved")),
        ("le 3 mars 2021", "fr", None, None, ("2021-03-03", None, "day", "absolute")),
        ("nonsense words", "en", None, None, (None, None, None, "unresolved")),
    ],
)
def test_resolve_date(words, language, published, context_year, expected):
    dv = resolve_date(words, language, published, context_year)
    assert (dv.value, dv.end, dv.precision, dv.resolution) == expected
    assert dv.text == words


def test_month_without_year_in_a_planned_sentence_is_not_pushed_into_the_past():
    text = "Rusia berencana mengadakan KTT BRICS di kota Kazan pada bulan Oktober."
    assert _dates(text, "id", "2024-03-01") == [("bulan Oktober", "2024-10", None, "month", "year_from_context")]


def test_no_dates_from_numbers_and_words():
    text = ("the first ministerial-level “2+2” mechanism; the 20th Communist Party of China Central Committee; "
            "Konsultasi Keamanan Strategis putaran ke-17; perayaan 75 tahun hubungan diplomatik; "
            "selama puluhan tahun ini; it may include drills; Sun said; 2000 troops; Minggu kedua.")
    assert _dates(text, "id") == []
    assert _dates(text, "en") == []


def test_minggu_is_sunday_or_week():
    assert _dates("Mereka bertemu pada Minggu.", "id", "2024-03-01") == [
        ("Minggu", "2024-02-25", None, "day", "relative_to_published")]
    assert _dates("Minggu lalu mereka bertemu.", "id", "2024-03-01") == [
        ("Minggu lalu", "2024-02", None, "month", "relative_to_published")]  # a week names no day


def test_never_uses_todays_date():
    today = dt.date.today().isoformat()
    for words in ("on Tuesday", "Senin (19/9)", "yesterday", "bulan Oktober", "this year"):
        dv = resolve_date(words, "en" if words[0].islower() else "id", None)
        assert dv.value is None and dv.resolution == "unresolved", words
    assert all(m.value != today for m in find_dates("on Monday and today and 5 May", "en", None))


def test_published_year_for_day_month():
    assert _dates("on 5 May the talks resumed", "en", "2024-03-01") == [
        ("5 May", "2024-05-05", None, "day", "year_from_context"),
    ]
    # late December in an article published in early January belongs to the year before
    assert _dates("talks on 28 December", "en", "2024-01-05")[0][1] == "2023-12-28"


def test_page_dates_in_words():
    from qa_app.nlp.calendar_words import is_weekday_word, parse_calendar_words

    assert parse_calendar_words("Tue 29 Jul 2025") == "2025-07-29"
    assert parse_calendar_words("Khamis 20 Jun 2024") == "2024-06-20"
    assert parse_calendar_words("July 8 2024") == "2024-07-08"
    assert parse_calendar_words("30 February 2024") is None  # no such day
    assert parse_calendar_words("Posted 10 February 2022") is None  # not just a date
    assert is_weekday_word("Jum'at") and is_weekday_word("tue") and not is_weekday_word("Jakarta")


def test_date_words_come_from_the_lexicon():
    from qa_app.nlp.date_lexicon import lang_table
    from qa_app.nlp.lexicon import load

    lex = load("dates")
    id_ = lang_table("id")
    assert id_.number_words == lex["number_words"] and id_.number_words["tiga"] == 3
    assert id_.units["pekan"] == "week" and id_.modifiers["depan"] == "next" and id_.modifiers["last"] == "past"
    assert {"pada", "sejak"} <= id_.month_preps
    assert _dates("tiga hari lalu", "id", "2024-03-01") == [("tiga hari lalu", "2024-02-27", None, "day",
                                                            "relative_to_published")]
    assert _dates("Selasa depan", "id", "2024-03-01")[0][1] == "2024-03-05"


def test_a_plan_told_in_the_past_may_lie_before_the_report():
    def months(text):
        return [value for _t, value, *_rest in _dates(text, "en", "2023-06-20")]

    # "had been due in February" in a June report: the February just gone, not the next one
    assert months("The minister had originally been due in Oslo in early February, but put the trip off.") == ["2023-02"]
    assert months("The summit was expected in March but was postponed.") == ["2023-03"]
    # a plan told now still looks forward
    assert months("The minister is due in Oslo in February.") == ["2024-02"]


def test_the_same_day_month_or_year_as_the_date_told_before():
    # the period of the date just before, at the precision the phrase names
    text = ("The ministers signed a declaration in Berlin in July. Their leaders had discussed it earlier that "
            "month, and they met again on 3 September 2024. The treaty was ratified the same year.")
    got = _dates(text, "en", "2024-10-23")
    assert ("that month", "2024-07", None, "month", "year_from_context") in got
    assert ("the same year", "2024", None, "year", "absolute") in got
    id_text = "Jokowi bertemu Xi pada Senin (17/10/2022). Pada hari yang sama ia menerima Perdana Menteri Li."
    assert _dates(id_text, "id")[-1][:4] == ("hari yang sama", "2022-10-17", None, "day")


def test_a_period_phrase_with_its_own_reference_or_its_own_month_is_not_the_date_before():
    # "that year" after a month is the month's own year; "the same day as X" names X, not the date before
    assert [d[0] for d in _dates("They met in 2019. In October that year they met again.", "en")] == ["2019", "October"]
    text = "Talks were held in Oslo on 10 February 2022. On the same day as the Oslo talks, Dahl was in Lima."
    assert [d[0] for d in _dates(text, "en")] == ["10 February 2022"]
    # nothing told before: nothing to repeat
    assert _dates("Later that month the two sides met.", "en", "2024-10-23") == []
