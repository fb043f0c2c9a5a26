"""Sentence splitting and chunking: exact offsets, no false boundaries, stable chunk ids."""

from __future__ import annotations

import pytest

from qa_app.ingest.chunking import chunk_id, chunk_text
from qa_app.ingest.clean import clean_text
from qa_app.ingest.pipeline import document_id
from qa_app.text.sentences import Sentence, split_sentences

from conftest import ARTICLES

pytestmark = pytest.mark.unit

SAMPLES = sorted(ARTICLES.glob("*.txt"))


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def cleaned(path) -> str:
    return clean_text(path.read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    "text, expected",
    [
        # A rank before a name, with or without an abbreviation point.
        (
            "Indonesia diwakili oleh Brigjen TNI Oktaheroe Ramsi. Sementara itu, Tiongkok hadir.",
            ["Indonesia diwakili oleh Brigjen TNI Oktaheroe Ramsi.", "Sementara itu, Tiongkok hadir."],
        ),
        (
            "Hadir pula Brigjen. TNI Oktaheroe Ramsi dan Mayjen. Zhang Baoqun. Mereka bertemu.",
            ["Hadir pula Brigjen. TNI Oktaheroe Ramsi dan Mayjen. Zhang Baoqun.", "Mereka bertemu."],
        ),
        (
            "The talks were led by Dr. Retno Marsudi. She spoke first.",
            ["The talks were led by Dr. Retno Marsudi.", "She spoke first."],
        ),
        # An Indonesian date in brackets, inside and at the end of a sentence.
        (
            "Yang Jiechi pada Senin (19/9) memimpin konsultasi. Kedua pihak sepakat.",
            ["Yang Jiechi pada Senin (19/9) memimpin konsultasi.", "Kedua pihak sepakat."],
        ),
        (
            "Mereka bertemu di Fujian (19/9). Kedua pihak sepakat.",
            ["Mereka bertemu di Fujian (19/9).", "Kedua pihak sepakat."],
        ),
        (
            "Resolution No. 1 was adopted unanimously. Then the delegates left.",
            ["Resolution No. 1 was adopted unanimously.", "Then the delegates left."],
        ),
        (
            "Kantornya di Jl. Sudirman No. 5 Jakarta. Besok rapat.",
            ["Kantornya di Jl. Sudirman No. 5 Jakarta.", "Besok rapat."],
        ),
        ("The U.S. President met him. It went well.", ["The U.S. President met him.", "It went well."]),
        # initials run together are part of a name
        ("Kuleba met Vice President J.D. Vance in Munich. They spoke briefly.",
         ["Kuleba met Vice President J.D. Vance in Munich.", "They spoke briefly."]),
        ("Talks with Prime Minister P.V.N. Rao followed. Both sides agreed.",
         ["Talks with Prime Minister P.V.N. Rao followed.", "Both sides agreed."]),
        ("Growth was 3.5 percent in 2024. It rose.", ["Growth was 3.5 percent in 2024.", "It rose."]),
        ('He said: "We agree." Then he left.', ['He said: "We agree."', "Then he left."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        # one abbreviated word in parentheses is part of a title, not the end of a sentence
        ("Hadir pula Marsdya TNI (Purn.) Hadi Santoso. Lalu pulang.",
         ["Hadir pula Marsdya TNI (Purn.) Hadi Santoso.", "Lalu pulang."]),
        ("They met (see photo.) Then they left.", ["They met (see photo.)", "Then they left."]),
        # Line breaks always end a sentence, even without punctuation.
        ("A headline without a point\nThe body starts here.", ["A headline without a point", "The body starts here."]),
    ],
)
def test_boundaries(text, expected):
    assert texts(text) == expected


def test_lowercase_after_point_is_not_a_boundary():
    assert texts("Pada pukul 10.00 WIB. dan seterusnya berlanjut.") == ["Pada pukul 10.00 WIB. dan seterusnya berlanjut."]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t\n") == []


def test_brigjen_sentence_of_article_001_is_whole():
    from conftest import article_path

    text = cleaned(article_path("001"))
    [sentence] = [s for s in split_sentences(text) if "Brigjen" in s.text]
    assert sentence.text.startswith("Dalam dialog tersebut, Indonesia diwakili oleh Dirjen Asia Pasifik")
    assert sentence.text.endswith("Brigjen TNI Oktaheroe Ramsi.")


def test_dated_sentence_of_article_002_is_whole():
    from conftest import article_path

    text = cleaned(article_path("002"))
    [sentence] = [s for s in split_sentences(text) if "(19/9)" in s.text]
    assert sentence.text.startswith("Fuzhou, China (Xinhua) – Yang Jiechi")
    assert sentence.text.endswith("di Provinsi Fujian, China timur.")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_sentence_offsets_are_exact(path):
    text = cleaned(path)
    sentences = split_sentences(text)
    assert len(sentences) >= 5
    previous_end = 0
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert "\n" not in s.text
        assert s.start >= previous_end  # ordered, never overlapping
        previous_end = s.end
    # Nothing but whitespace is left between sentences.
    covered = "".join(text[a.end:b.start] for a, b in zip(sentences, sentences[1:]))
    assert covered.strip() == ""


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_chunks_group_whole_sentences(path):
    text = cleaned(path)
    doc_id = document_id(text)
    sentences = split_sentences(text)
    chunks = chunk_text(doc_id, text, target_chars=400)
    assert [c.idx for c in chunks] == list(range(len(chunks)))
    starts = {s.start for s in sentences}
    ends = {s.end for s in sentences}
    for c in chunks:
        assert text[c.start:c.end] == c.text
        assert c.start in starts and c.end in ends  # never splits a sentence
        assert c.id == chunk_id(doc_id, c.start, c.end)
        inner = [s for s in sentences if c.start <= s.start and s.end <= c.end]
        assert len(inner) == 1 or c.end - c.start <= 400
    # Every sentence is in exactly one chunk.
    for s in sentences:
        assert sum(c.start <= s.start and s.end <= c.end for c in chunks) == 1


def test_long_sentence_is_a_chunk_of_its_own():
    text = "Short one. " + "A very long sentence " * 30 + "ends here. Tail."
    chunks = chunk_text("d", text, target_chars=100)
    assert any(c.text.startswith("A very long sentence") and c.text.endswith("ends here.") for c in chunks)


def test_chunk_ids_are_stable_and_content_addressed():
    from conftest import article_path

    text = cleaned(article_path("000"))
    doc_id = document_id(text)
    first = chunk_text(doc_id, text)
    again = chunk_text(document_id(cleaned(article_path("000"))), cleaned(article_path("000")))
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert all(c.id.startswith(doc_id + ":") for c in first)
    # A different text gives a different document id, hence different chunk ids.
    assert document_id(text + " Extra sentence.") != doc_id


# --- the store keeps the sentence spans split at ingest ---

def _store_with(tmp_path, text: str):
    from qa_app.store.docstore import DocStore, DocumentRow

    docs = DocStore(tmp_path / "qa_app.sqlite3")
    row = DocumentRow("d1", "d1.txt", None, None, "given", "en", "given", None, "none", text, text, "[]", "[]")
    return docs, row


def test_put_document_stores_the_spans_and_get_document_returns_them(tmp_path):
    text = "Ministers met in Jakarta. They agreed to meet again.\nTrade grew."
    docs, row = _store_with(tmp_path, text)
    docs.put_document(row, [])
    got = docs.get_document("d1")
    assert got.sentences == split_sentences(text) == docs.sentences("d1")
    assert [got.clean_text[s.start:s.end] for s in got.sentences] == [s.text for s in got.sentences]
    assert docs.sentences("missing") == [] and docs.get_document("missing") is None


def test_stored_spans_are_what_readers_get(tmp_path):
    from qa_app.extract.context import build_context
    from qa_app.qa.sentences import doc_sentences

    text = "Ministers met in Jakarta. They agreed to meet again."
    docs, row = _store_with(tmp_path, text)
    row.sentences = [Sentence(0, len(text), text)]  # one span where the splitter finds two: read, not re-split
    docs.put_document(row, [])
    doc = docs.get_document("d1")
    assert [s.text for s in build_context(doc).sentences.values()] == [text]

    class FakeStore:
        pass

    fake = FakeStore()
    fake.docs = docs
    assert [s.text for s in doc_sentences(fake, "d1")] == [text]


def test_a_store_made_before_sentence_spans_gets_them_on_open(tmp_path):
    import sqlite3

    from qa_app.store.docstore import DocStore

    text = "Ministers met in Jakarta. They agreed to meet again."
    docs, row = _store_with(tmp_path, text)
    docs.put_document(row, [])
    docs.close()
    conn = sqlite3.connect(tmp_path / "qa_app.sqlite3")
    conn.execute("DROP TABLE sentences")  # as an older store was
    conn.commit()
    conn.close()
    reopened = DocStore(tmp_path / "qa_app.sqlite3")
    assert reopened.sentences("d1") == split_sentences(text)


def test_ingest_splits_once_and_chunks_are_whole_stored_sentences():
    from qa_app.ingest.pipeline import prepare
    from qa_app.ingest.readers import RawArticle

    path = SAMPLES[0]
    prepared = prepare(RawArticle(str(path), path.read_text(encoding="utf-8"), "text"), 800)
    assert prepared.row.sentences == split_sentences(prepared.row.clean_text)
    assert prepared.chunks
    for c in prepared.chunks:
        inside = [s for s in prepared.row.sentences if c.start <= s.start and s.end <= c.end]
        assert (inside[0].start, inside[-1].end) == (c.start, c.end)
