"""Boilerplate removal on the real sample articles, and the offset map back to the raw text."""

from __future__ import annotations

import random

import pytest

from qa_app.ingest.clean import OffsetMap, clean_text, is_dateline
from qa_app.text.sentences import split_sentences

from conftest import ARTICLES, article_path

pytestmark = pytest.mark.unit

SAMPLES = sorted(ARTICLES.glob("*.txt"))

# Every junk line of each sample, written out by hand from reading the articles.
JUNK = {
    "000": ["Chile and Korea hold VI Meeting of Bilateral Dialogue on Antarctic Affairs", "Leave a Reply"],
    "001": [],
    "002": [
        "Banner", "Laporan: Redaksi", "Tinggalkan Komentar",
        "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *", "Iklan",
    ],
    "003": [
        "#IndonesiaJapanRelations #DefenseCooperation #EnergySecurity #StrategicPartnership #BilateralAgreement",
        "Author: Daniel Foster",
    ],
    "004": [
        "Jum'at, 01/03/2024 05:05 WIB",  # the dateline: metadata, not body
        "TERKINI",
        "Zayn Malik Gugup Gelar Konser Solo Pertama Kali Sejak Keluar dari One Direction Gosip Perceraian dengan "
        "Ben Affleck, Jennifer Lopez Semangat Latihan Tari Jelang Konser Karpet Merah Festival Film Cannes 2024, "
        "Selena Gomez Tampil Glamor dengan Gaun Monokrom Kejutan Eras Tour Ke-89 di Swedia, Taylor Swift Bawakan "
        "Tiga Lagu dari Album `1989`",
    ],
}


def raw_of(prefix: str) -> str:
    return article_path(prefix).read_text(encoding="utf-8")


def body_lines(prefix: str) -> list[str]:
    """Non-blank raw lines that are not junk, stripped."""
    junk = set(JUNK[prefix])
    return [line.strip() for line in raw_of(prefix).splitlines() if line.strip() and line.strip() not in junk]


@pytest.mark.parametrize("prefix", sorted(JUNK))
def test_junk_lines_are_removed(prefix):
    result = clean_text(raw_of(prefix))
    kept_lines = set(result.text.splitlines())
    for junk in JUNK[prefix]:
        assert junk in raw_of(prefix)  # the table is right about the article
        assert junk not in kept_lines
        if len(junk) > 20:
            assert junk not in result.text
    assert {d.text for d in result.dropped} == set(JUNK[prefix])


def test_specific_junk_markers_are_gone():
    assert "Chile and Korea" not in clean_text(raw_of("000")).text
    assert "Leave a Reply" not in clean_text(raw_of("000")).text
    text_002 = clean_text(raw_of("002")).text
    for marker in ("Banner", "Iklan", "Tinggalkan Komentar", "Laporan: Redaksi", "Alamat email"):
        assert marker not in text_002
    text_003 = clean_text(raw_of("003")).text
    assert "#" not in text_003 and "Daniel Foster" not in text_003
    text_004 = clean_text(raw_of("004")).text
    assert "TERKINI" not in text_004 and "Zayn Malik" not in text_004 and "Taylor Swift" not in text_004


@pytest.mark.parametrize("prefix", sorted(JUNK))
def test_every_body_line_is_kept(prefix):
    text = clean_text(raw_of(prefix)).text
    for line in body_lines(prefix):
        # 003 has a line that starts with a stray ".": "supply\n.The agreement ..."
        assert line.lstrip(".").strip() in text, line


@pytest.mark.parametrize("prefix", sorted(JUNK))
def test_every_body_sentence_is_kept(prefix):
    raw = raw_of(prefix)
    text = clean_text(raw).text
    junk = set(JUNK[prefix])
    sentences = [s.text for s in split_sentences(raw)]
    body = [s for s in sentences if s not in junk and not any(s in j for j in junk)]
    assert len(body) >= 8
    for sentence in body:
        assert sentence.lstrip(".").strip() in text, sentence


def test_dropped_lines_carry_raw_offsets_and_reasons():
    raw = raw_of("004")
    result = clean_text(raw)
    for d in result.dropped:
        assert raw[d.raw_start:d.raw_end] == d.text
    reasons = {d.text[:12]: d.reason for d in result.dropped}
    assert reasons["Jum'at, 01/0"] == "dateline"
    assert reasons["TERKINI"] == "related-headlines"
    assert reasons["Zayn Malik G"] == "related-headlines"
    byline = {d.text: d.reason for d in clean_text(raw_of("003")).dropped}
    assert byline["Author: Daniel Foster"] == "byline"


def test_title_line_is_kept_as_header():
    result = clean_text(raw_of("004"))
    assert result.header_lines == ["Tiongkok Sebut Beijing dan Moskow harus Perkuat Koordinasi di Asia Pasifik"]
    assert result.text.startswith("Tiongkok Sebut Beijing dan Moskow")


def test_clean_article_is_unchanged():
    raw = raw_of("001")  # no junk at all
    result = clean_text(raw)
    assert result.text == raw.strip()
    assert result.dropped == []


@pytest.mark.parametrize("prefix", sorted(JUNK))
def test_offset_map_segments_are_verbatim(prefix):
    raw = raw_of(prefix)
    result = clean_text(raw)
    assert result.offsets.segments
    for clean_start, raw_start, length in result.offsets.segments:
        assert result.text[clean_start:clean_start + length] == raw[raw_start:raw_start + length]
    # Segments are joined by exactly one "\n" in the cleaned text.
    seg = result.offsets.segments
    for (a, _, la), (b, _, _) in zip(seg, seg[1:]):
        assert b == a + la + 1 and result.text[a + la] == "\n"


@pytest.mark.parametrize("prefix", sorted(JUNK))
def test_offset_map_maps_spans_to_identical_raw_text(prefix):
    raw = raw_of(prefix)
    result = clean_text(raw)
    omap = OffsetMap.from_json(result.offsets.to_json())  # as stored in SQLite
    for s in split_sentences(result.text):
        rs, re_ = omap.span_to_raw(s.start, s.end)
        assert raw[rs:re_] == s.text
    # Random spans inside each kept line, including single characters and empty spans.
    rng = random.Random(prefix)
    for clean_start, _, length in result.offsets.segments:
        for _ in range(20):
            a = rng.randrange(clean_start, clean_start + length)
            b = rng.randrange(a, clean_start + length + 1)
            rs, re_ = omap.span_to_raw(a, b)
            assert raw[rs:re_] == result.text[a:b]


def test_offset_map_of_cross_line_span_covers_both_ends():
    raw = raw_of("000")
    result = clean_text(raw)
    # A span across the removed "Chile and Korea..." headline.
    a = result.text.index("advance the China-Indonesia community")
    b = result.text.index("China provided information") + len("China provided information")
    rs, re_ = result.offsets.span_to_raw(a, b)
    assert raw[rs:].startswith("advance the China-Indonesia community")
    assert raw[:re_].endswith("China provided information")
    assert "Chile and Korea" in raw[rs:re_]


def test_offset_map_without_segments_is_identity():
    assert OffsetMap().to_raw(17) == 17
    assert OffsetMap().span_to_raw(3, 9) == (3, 9)


def test_synthetic_page_junk():
    raw = (
        "Ministers Meet in Jakarta\n"
        "Senin, 13/08/2024 10:15 WIB\n"
        "\n"
        "The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday for talks.\n"
        "Baca juga: Harga cabai naik lagi\n"
        "Share this\n"
        "Both sides agreed to hold a joint naval exercise next year in the Java Sea.\n"
        "Copyright 2024 Example News\n"
        "Reporter: Budi\n"
        "#Diplomacy #Jakarta\n"
    )
    result = clean_text(raw)
    assert result.text == (
        "Ministers Meet in Jakarta\n"
        "The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday for talks.\n"
        "Both sides agreed to hold a joint naval exercise next year in the Java Sea."
    )
    assert {d.reason for d in result.dropped} == {"dateline", "boilerplate", "byline", "hashtags"}


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Jum'at, 01/03/2024 05:05 WIB", True),
        ("Senin, 19/09/2022", True),
        ("Friday, 01-03-2024 05:05 GMT", True),
        ("01/03/2024", True),
        ("Presiden bertemu pada 01/03/2024 di Jakarta.", False),
        ("Jakarta – Pemerintah Indonesia", False),
    ],
)
def test_is_dateline(line, expected):
    assert is_dateline(line) is expected
