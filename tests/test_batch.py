"""Batch extraction: shards, bounded concurrency, caching, with the real rules extractor and a real store."""

from __future__ import annotations

import pytest

from qa_app.errors import ConfigError
from qa_app.extract.batch import in_shard, parse_shard, run_batch
from qa_app.extract.extractors import make_extractor
from qa_app.settings import Settings
from qa_app.store import Store


@pytest.mark.unit
def test_parse_shard():
    assert parse_shard("2/4") == (2, 4) and parse_shard(None) is None
    for bad in ("0/4", "5/4", "x/4", "1", "1/0"):
        with pytest.raises(ConfigError):
            parse_shard(bad)


@pytest.mark.unit
def test_shards_partition_documents_stably():
    import hashlib

    ids = [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(200)]  # like document ids
    for n in (1, 2, 3, 7):
        slices = [[d for d in ids if in_shard(d, (k, n))] for k in range(1, n + 1)]
        assert sorted(sum(slices, [])) == sorted(ids)  # every document in exactly one shard
        assert all(slices)
        assert slices == [[d for d in ids if in_shard(d, (k, n))] for k in range(1, n + 1)]


@pytest.mark.integration
def test_sharded_runs_cover_the_batch_and_second_run_is_cached(sample_store_copy):
    settings = Settings(store=sample_store_copy)
    store = Store(settings)
    extractor = make_extractor("rules", settings)
    seen = []
    for k in (1, 2, 3):
        report = run_batch(store, extractor, shard=(k, 3), concurrency=2)
        seen += [o.doc_id for o in report.outcomes]
        assert all(o.status == "done" for o in report.outcomes)
    assert sorted(seen) == sorted(store.docs.document_ids())
    again = run_batch(store, extractor, concurrency=4)
    assert again.count("cached") == 5 and again.count("done") == 0
    assert all(a.provenance.cached for a in again.articles)  # the output says they came from the cache
    assert not any(a.provenance.cached for a in store.records.current())  # the store keeps the original
    assert len(store.records.current()) == 5


@pytest.mark.integration
def test_cached_records_follow_writes_from_any_connection(sample_store_copy):
    settings = Settings(store=sample_store_copy)
    reader, writer = Store(settings), Store(settings)
    run_batch(writer, make_extractor("rules", settings))
    assert len(reader.records.current()) == 5  # parsed and cached
    assert len(reader.records.current()) == 5  # from the cache
    victim = next(a for a in reader.records.current() if a.meetings)
    writer.records.save("k-failed", victim.model_copy(update={"status": "failed", "error": "x", "meetings": [],
                                                               "commitments": []}))
    assert len(reader.records.current()) == 5  # a failed run keeps the records an earlier run stored
    writer.records.save("k-new", victim.model_copy(update={"meetings": [], "commitments": []}))
    mine = [a for a in reader.records.current() if a.doc_id == victim.doc_id]
    assert [a.meetings for a in mine] == [[]]  # another connection's commit invalidates the cache
    reader.records.forget_current([a.doc_id for a in reader.records.current()])
    assert reader.records.current() == []  # and so does this connection's own write
