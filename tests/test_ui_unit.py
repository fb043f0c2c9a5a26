"""The UI's plain-Python parts: escaping and highlighting, records tables and filters, the
timeline SVG, login rules and upload checks. No gradio, no browser."""

from __future__ import annotations

import csv
import io
import json

import pytest

from qa_app.errors import ConfigError, InputError
from qa_app.schemas.records import ArticleRecords, Commitment, DateInfo, Event, Evidence, Location, Meeting, Participant, Provenance
from qa_app.ui import html as H
from qa_app.ui.app import answer_markdown, stream_pieces
from qa_app.ui.security import is_loopback, parse_auth, resolve_auth, safe_name, stage_upload
from qa_app.ui.tables import Filters, RecordIndex, export_csv, export_json, period
from qa_app.ui.timeline import points, render_svg

XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


# --- escaping and highlighting -------------------------------------------------------------

@pytest.mark.unit
def test_esc_escapes_markup_and_quotes():
    assert H.esc(XSS) == ("&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x "
                          "onerror=&quot;window.__pwned=2&quot;&gt;")
    assert H.esc(None) == "" and H.esc("it's") == "it&#x27;s"


@pytest.mark.unit
def test_md_escape_leaves_no_markup_and_no_markdown_syntax():
    out = H.md_escape(f"**bold** [1](javascript:alert(1)) {XSS} `code` # h _i_ https://x.example")
    assert "<" not in out and ">" not in out
    for ch in "*[]()`#_":
        assert f"\\{ch}" in out  # every Markdown character is backslash-escaped
    assert "&lt;script&gt;" in out and "\\:" in out  # no autolink either


@pytest.mark.unit
def test_highlight_marks_the_span_and_escapes_every_part():
    text = "<b>before</b> the quote <i>after</i>"
    start = text.index("the quote")
    out = H.highlight(text, start, start + len("the quote"), "qa-mark")
    assert out == '&lt;b&gt;before&lt;/b&gt; <mark id="qa-mark">the quote</mark> &lt;i&gt;after&lt;/i&gt;'
    inner = H.highlight(XSS, 0, len(XSS))
    assert inner.startswith("<mark>&lt;script&gt;") and "<script" not in inner and "<img" not in inner


@pytest.mark.unit
@pytest.mark.parametrize("start,end", [(5, 5), (9, 3), (-4, 0), (100, 200)])
def test_highlight_marks_nothing_for_an_empty_or_outside_span(start, end):
    assert H.highlight("abc <x> def", start, end) == "abc &lt;x&gt; def"


@pytest.mark.unit
def test_highlight_clamps_a_span_that_runs_past_the_end():
    assert H.highlight("abc", 1, 99) == "a<mark>bc</mark>"


@pytest.mark.unit
def test_quote_in_paragraph_shows_only_its_line_and_trims_long_ones():
    text = "First line.\nSecond <line> with the quote here.\nThird line."
    start = text.index("the quote")
    out = H.quote_in_paragraph(text, start, start + 9)
    assert out == "Second &lt;line&gt; with <mark>the quote</mark> here."
    long = "x" * 1000 + " needle " + "y" * 1000
    s = long.index("needle")
    trimmed = H.quote_in_paragraph(long, s, s + 6, context=50)
    assert trimmed.startswith("…") and trimmed.endswith("…") and "<mark>needle</mark>" in trimmed
    assert len(trimmed) < 200


@pytest.mark.unit
def test_open_targets_round_trip_and_anything_else_is_refused():
    assert H.parse_target(H.open_target("d96ef036d3c4a160", 0, 172)) == ("d96ef036d3c4a160", 0, 172)
    for bad in (None, "", "abc", "abc:1", "../etc/passwd:1:2", "<script>:1:2", "a:1:2:3", "a:-1:2", "a:1:x"):
        assert H.parse_target(bad) is None, bad


@pytest.mark.unit
@pytest.mark.parametrize("value,precision,label", [
    ("2024-02-26", "day", "2024-02-26"), ("2023-10", "month", "2023-10 (month)"), ("2025", "year", "2025 (year)"),
    (None, None, "no date"),
])
def test_date_label_says_the_precision(value, precision, label):
    assert H.date_label(value, precision) == label


@pytest.mark.unit
def test_quote_card_and_article_view_escape_article_text():
    text = f"Ministers met in Hanoi {XSS} on Monday."
    q = H.Quote("[1]", "doc1", f"Title {XSS}", None, "en", "/x/y/a<b>.txt", text, 0, len(text))
    card = H.quote_card(q)
    assert "<script" not in card and "<img" not in card and "&lt;script&gt;" in card
    assert 'data-open="doc1:0:' in card and "date unknown · EN · a&lt;b&gt;.txt" in card
    assert "<script" not in H.quote_card(q, compact=True)
    page = H.article_html(f"T {XSS}", [f"source {XSS}"], text, 3, 10)
    assert "<script" not in page and "<img" not in page and '<mark id="qa-mark">' in page
    assert '<mark' not in H.article_html("T", [], text)  # opened without a span


@pytest.mark.unit
def test_key_value_table_escapes_values():
    out = H.key_value_table([("Store", "/tmp/<x>")])
    assert "/tmp/&lt;x&gt;" in out


# --- chat text -----------------------------------------------------------------------------

class _Answer:
    def __init__(self, answer, notes=(), abstained=False, closest=(), source="sentences"):
        self.answer, self.notes, self.abstained, self.closest = answer, list(notes), abstained, list(closest)
        self.source = source


@pytest.mark.unit
def test_answer_markdown_escapes_quotes_and_keeps_markers_visible():
    md = answer_markdown(_Answer(f"From the articles:\n“They met {XSS}.” [1]", ["Extractive answer."]))
    assert "<" not in md and "\\[1\\]" in md and md.endswith("*Extractive answer\\.*")


@pytest.mark.unit
def test_a_record_answers_composed_line_is_bold_and_its_quotes_are_not():
    from markdown_it import MarkdownIt

    text = f"*Tamm* met van Dorp in Tallinn on 4 March 2025 [1].\nIn the articles' own words:\n“They met {XSS}.” [1]"
    html = MarkdownIt().render(answer_markdown(_Answer(text, ["Composed."], source="records")))
    assert html.startswith("<p><strong>*Tamm* met van Dorp in Tallinn on 4 March 2025 [1].</strong></p>"), html
    assert html.count("<strong>") == 1 and "<script" not in html
    quoted = MarkdownIt().render(answer_markdown(_Answer(text, ["Quoted."])))
    assert "<strong>" not in quoted


@pytest.mark.unit
def test_stream_pieces_grow_to_the_full_text_without_cutting_escapes():
    text = H.md_escape("“The dialogue, launched in 2023, is the first <2+2> mechanism.” [1] " * 5)
    pieces = stream_pieces(text, steps=8)
    assert len(pieces) > 3 and pieces[-1] == text
    assert all(text.startswith(p) for p in pieces)
    assert all(len(a) < len(b) for a, b in zip(pieces, pieces[1:]))
    assert all(not p.endswith("\\") and not p.endswith("&lt") for p in pieces)
    assert stream_pieces("word") == ["word"]


# --- records tables ------------------------------------------------------------------------

def _ev(doc: str, quote: str = "They met.") -> Evidence:
    return Evidence(doc_id=doc, start=0, end=len(quote), quote=quote)


def _meeting(mid, doc, countries, date=None, precision=None, people=(), topics=(), status="held"):
    return Meeting(id=mid, title=f"Meeting {mid}", status=status, countries=list(countries),
                   date=DateInfo(value=date, precision=precision),
                   participants=[Participant(name=n, role=r) for n, r in people], topics=list(topics),
                   location=Location(city="Moskow"), evidence=[_ev(doc)])


def _article(doc, meetings, commitments=()):
    prov = Provenance(backend="rules", model="rules", prompt_version="v1", extracted_at="2024-01-01T00:00:00+00:00")
    return ArticleRecords(doc_id=doc, source=f"/a/{doc}.txt", title=f"Article {doc}", meetings=list(meetings),
                          commitments=list(commitments), provenance=prov)


@pytest.fixture
def index() -> RecordIndex:
    m1 = _meeting("a:m1", "a", ["CHN", "RUS"], "2024-02-26", "day", [("Sun Weidong", "Wakil Menteri")], ["security"])
    m2 = _meeting("a:m2", "a", ["BRA", "RUS"], "2024", "year", topics=["economy"], status="planned")
    m3 = _meeting("b:m1", "b", ["CHN", "IDN"], None, None, [("Abdul Kadir Jailani", "Dirjen")], ["defense"])
    c1 = Commitment(id="a:c1", actors=["CHN", "RUS"], action="=HYPERLINK(\"http://x\") strengthen coordination",
                    topic="security", meeting_id="a:m1", evidence=[_ev("a", "They agreed.")])
    c2 = Commitment(id="b:c1", actors=["CHN", "IDN"], action="joint exercises", topic="defense",
                    target_date=DateInfo(value="2025", precision="year"), evidence=[_ev("b", "Exercises next year.")])
    arts = [_article("a", [m1, m2], [c1]), _article("b", [m3], [c2])]
    ev = Event(id="e-1", title="Meeting CHN–RUS", countries=["CHN", "RUS"], date=DateInfo(value="2024-02-26", precision="day"),
               meeting_ids=["a:m1"], doc_ids=["a", "b"], evidence=[_ev("a"), _ev("b")])
    return RecordIndex(arts, [ev])


@pytest.mark.unit
def test_period_covers_the_precision():
    assert period("2025") == (period("2025-01-01")[0], period("2025-12-31")[1])
    assert period("2024-02")[1].day == 29
    assert period("2024-13") is None and period("soon") is None and period(None) is None


@pytest.mark.unit
def test_a_bad_date_bound_is_an_input_error():
    with pytest.raises(InputError, match="YYYY"):
        Filters(date_from="last week").bounds()


@pytest.mark.unit
def test_filters_by_country_person_topic_and_date(index):
    ids = lambda sel: sorted([m.id for m, _ in sel.meetings] + [c.id for c, _ in sel.commitments])  # noqa: E731
    assert ids(index.filtered(Filters())) == ["a:c1", "a:m1", "a:m2", "b:c1", "b:m1"]
    assert ids(index.filtered(Filters(countries=["RUS"]))) == ["a:c1", "a:m1", "a:m2"]
    assert ids(index.filtered(Filters(countries=["RUS", "CHN"]))) == ["a:c1", "a:m1"]  # all of them
    assert ids(index.filtered(Filters(person="weidong"))) == ["a:c1", "a:m1"]  # c1 through its meeting
    assert ids(index.filtered(Filters(person="dirjen"))) == ["b:m1"]  # the role counts too
    assert ids(index.filtered(Filters(topic="defense"))) == ["b:c1", "b:m1"]
    # a year-precision date overlaps a range inside that year; undated records drop out of any range
    assert ids(index.filtered(Filters(date_from="2024-06", date_to="2024-07"))) == ["a:m2"]
    assert ids(index.filtered(Filters(date_from="2025"))) == ["b:c1"]  # by its target date
    assert [e.id for e in index.filtered(Filters(countries=["IDN"])).events] == []


@pytest.mark.unit
def test_rows_show_precision_and_every_source_of_an_event(index):
    rows = {r[-1]: r for r in (index.meeting_row(m, a) for m, a in index.meetings.values())}
    assert rows["a:m2"][0] == "2024 (year)" and rows["b:m1"][0] == "no date"
    assert rows["a:m1"][5] == "Sun Weidong (Wakil Menteri)"
    event = index.event_row(index.events[0])
    assert event[-2] == "2: Article a | Article b"
    assert index.countries() == ["BRA", "CHN", "IDN", "RUS"]


@pytest.mark.unit
def test_exports_are_valid_json_and_formula_safe_csv(index):
    sel = index.filtered(Filters(countries=["RUS"]))
    doc = json.loads(export_json(index, sel, Filters(countries=["RUS"])))
    assert doc["filters"]["countries"] == ["RUS"] and len(doc["meetings"]) == 2
    assert doc["meetings"][0]["article"]["title"] == "Article a"
    rows = list(csv.DictReader(io.StringIO(export_csv(index, sel))))
    assert [r["type"] for r in rows] == ["meeting", "meeting", "commitment", "event"]
    assert rows[2]["title"].startswith("'=HYPERLINK")  # not a live formula in a spreadsheet
    assert rows[0]["evidence"] == "a[0:9] They met."


# --- timeline ------------------------------------------------------------------------------

@pytest.mark.unit
def test_timeline_plots_dated_events_at_period_start_with_their_precision():
    def ev(i, value, precision, countries, title="t", status="held"):
        return Event(id=f"e{i}", title=title, status=status, countries=countries,
                     date=DateInfo(value=value, precision=precision), meeting_ids=[], doc_ids=["d"], evidence=[_ev("d")])

    events = [ev(1, "2025", "year", ["IDN", "CHN"], status="planned"), ev(2, "2024-02-26", "day", ["RUS", "CHN"]),
              ev(3, None, None, ["CHN"]), ev(4, "2023-10", "month", ["CHN", "IDN"], title=XSS, status="referenced")]
    pts, undated = points(events, {"d": "Doc <d>"})
    assert [p.label for p in pts] == ["2023-10 (month)", "2025 (year)", "2024-02-26"]
    assert [e.id for e in undated] == ["e3"]
    assert pts[1].start.isoformat() == "2025-01-01" and pts[1].group == "CHN–IDN"
    svg = render_svg(pts, len(undated))
    assert svg.startswith("<svg") and "2025 (year)" in svg and "CHN–RUS" in svg
    assert "<script" not in svg and "<img" not in svg and "Doc &lt;d&gt;" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch
    assert "No dated meetings" in render_svg([], 2)


# --- login and uploads ---------------------------------------------------------------------

@pytest.mark.unit
@pytest.mark.parametrize("host,loop", [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
                                       ("0.0.0.0", False), ("192.168.1.5", False), ("::", False), ("example.org", False)])
def test_is_loopback(host, loop):
    assert is_loopback(host) is loop


@pytest.mark.unit
def test_resolve_auth_needs_a_login_off_loopback():
    assert resolve_auth("127.0.0.1", None, False) is None
    with pytest.raises(ConfigError, match="refusing to serve the UI on 0.0.0.0 without a login"):
        resolve_auth("0.0.0.0", None, False)
    assert resolve_auth("0.0.0.0", "ann:s3:cret", False) == ("ann", "s3:cret")
    assert resolve_auth("0.0.0.0", None, False, env_auth="bob:pw") == ("bob", "pw")
    assert resolve_auth("0.0.0.0", None, True) is None  # --insecure-no-auth
    assert resolve_auth("127.0.0.1", "ann:pw", False) == ("ann", "pw")  # a login on loopback is kept


@pytest.mark.unit
@pytest.mark.parametrize("value", ["nocolon", ":pw", "user:", ""])
def test_parse_auth_rejects_malformed_credentials(value):
    with pytest.raises(ConfigError, match="USER:PASS"):
        parse_auth(value, "--auth")


@pytest.mark.unit
def test_stage_upload_checks_type_and_size_and_strips_paths(tmp_path):
    src = tmp_path / "in.bin"
    src.write_text("Ministers met in Hanoi on Monday.", encoding="utf-8")
    dest = tmp_path / "uploads"
    ok = stage_upload(src, "../../evil name.txt", dest, max_bytes=1000)
    assert ok.reason == "" and ok.path.name == "evil_name.txt" and ok.path.is_relative_to(dest)
    assert ok.path.read_text(encoding="utf-8").startswith("Ministers")
    assert "not accepted" in stage_upload(src, "x.pdf", dest, 1000).reason
    assert "not accepted" in stage_upload(src, "noext", dest, 1000).reason
    assert "too large" in stage_upload(src, "big.jsonl", dest, 10).reason
    assert safe_name("..") == "upload" and safe_name("C:\\docs\\a b.HTML") == "a_b.HTML"


@pytest.mark.unit
def test_ui_login_is_a_setting_kept_out_of_reprs(monkeypatch):
    from qa_app.settings import load_settings

    monkeypatch.setenv("QA_APP_UI_AUTH", "bob:pw")
    settings = load_settings()
    assert settings.ui_auth.get_secret_value() == "bob:pw"
    assert "bob:pw" not in repr(settings)
    monkeypatch.delenv("QA_APP_UI_AUTH")
    assert load_settings().ui_auth is None
