"""Bounded memory: sentences and chunks have a hard size bound, text without sentence breaks
is cut at word boundaries, titles are bounded, and ingesting a 1 MB file with no sentence
break stays far below 1 GB (it took 4.1 GB before)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from qa_app.ingest.chunking import chunk_text
from qa_app.ingest.pipeline import MAX_TITLE_CHARS, bounded_title, prepare
from qa_app.ingest.readers import RawArticle
from qa_app.text.sentences import MAX_SENTENCE_CHARS, split_sentences

from conftest import ROOT

WORDS = "kerja sama pertahanan maritim antara Indonesia dan Jepang dibahas para menteri".split()


def flat_text(n_chars: int) -> str:
    out, size, i = [], 0, 0
    while size < n_chars:
        out.append(WORDS[i % len(WORDS)])
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out)


@pytest.mark.unit
def test_text_without_sentence_breaks_is_cut_at_word_boundaries():
    text = flat_text(25_000)
    sentences = split_sentences(text)
    assert len(sentences) >= 25
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text.split()[0] in WORDS and s.text.split()[-1] in WORDS  # whole words on both sides
        assert (s.start == 0 or text[s.start - 1] == " ") and (s.end == len(text) or text[s.end] == " ")
    assert " ".join(s.text for s in sentences) == text  # nothing lost


@pytest.mark.unit
def test_one_word_longer_than_the_bound_is_cut_where_it_must_be():
    text = "Intro words here. " + "x" * 2500 + " tail words."
    sentences = split_sentences(text)
    assert [len(s.text) for s in sentences] == [17, 1000, 1000, 512]
    assert "".join(s.text for s in sentences[1:]) == "x" * 2500 + " tail words."


@pytest.mark.unit
def test_ordinary_sentences_are_unchanged():
    text = "The ministers met in Jakarta. They agreed to hold talks. Dr. Retno said so."
    assert [s.text for s in split_sentences(text)] == [
        "The ministers met in Jakarta.", "They agreed to hold talks.", "Dr. Retno said so."]


@pytest.mark.unit
def test_chunks_are_bounded_and_cover_the_text():
    text = flat_text(40_000) + ". A normal sentence follows. And another one.\n" + flat_text(3_000)
    chunks = chunk_text("d", text, 800)
    assert max(c.end - c.start for c in chunks) <= max(800, MAX_SENTENCE_CHARS)
    assert all(text[c.start:c.end] == c.text for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)


@pytest.mark.unit
def test_a_page_with_no_line_breaks_gets_a_bounded_title():
    prepared = prepare(RawArticle("x.txt", flat_text(200_000), "text"), 800)
    assert len(prepared.row.title) <= MAX_TITLE_CHARS + 1 and prepared.row.title.endswith("…")
    assert max(len(c.text) for c in prepared.chunks) <= MAX_SENTENCE_CHARS
    assert bounded_title("Short title") == "Short title"
    assert bounded_title(None) is None


CHILD = """
import json, resource, sys
from qa_app.ingest.pipeline import ingest
from qa_app.settings import Settings
from qa_app.store import Store
store = Store(Settings(store=sys.argv[1]))
report = ingest(sys.argv[2:], store)
print(json.dumps({"ingested": report.count("ingested"), "chunks": report.chunks,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.integration
def test_ingesting_1mb_without_sentence_breaks_stays_below_1gb(tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text(flat_text(1_000_000), encoding="utf-8")
    line = tmp_path / "line.jsonl"
    line.write_text(json.dumps({"text": flat_text(1_000_000).replace("Indonesia", "Malaysia")}) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "store"), str(flat), str(line)],
                         capture_output=True, cwd=ROOT, timeout=900)
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    out = json.loads(res.stdout.decode().splitlines()[-1])
    assert out["ingested"] == 2 and out["chunks"] >= 1900
    assert out["peak_mb"] < 1024, out
