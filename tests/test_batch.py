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


def _interrupt_first_save(store, monkeypatch, cut):
    """Make the first `records.save` of `store` meet a Ctrl-C as `cut` says."""
    records = store.records
    real_save = records.save
    calls = []

    def save(*args, **kwargs):
        calls.append(args[1].doc_id)
        if len(calls) == 1:
            return cut(real_save, args, kwargs)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(records, "save", save)
    return calls


@pytest.mark.integration
def test_ctrl_c_inside_a_save_lands_after_it(sample_store_copy, monkeypatch):
    import os
    import signal

    from qa_app.extract.batch import BatchReport

    settings = Settings(store=sample_store_copy)
    store = Store(settings)

    def signal_then_write(real_save, args, kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # arrives before the write starts
        return real_save(*args, **kwargs)

    calls = _interrupt_first_save(store, monkeypatch, signal_then_write)
    report = BatchReport()
    with pytest.raises(KeyboardInterrupt):
        run_batch(store, make_extractor("rules", settings), report=report)
    first = calls[0]
    assert calls.count(first) == 1  # the write the signal met ran to its end: nothing to redo
    assert [o.doc_id for o in report.outcomes][0] == first  # saved and counted once, first
    assert len({o.doc_id for o in report.outcomes}) == len(report.outcomes)
    saved = {a.doc_id for a in Store(settings).records.current()}
    assert saved == {o.doc_id for o in report.outcomes if o.status == "done"}


@pytest.mark.integration
def test_ctrl_c_between_begin_and_commit_does_not_block_later_saves(sample_store_copy, monkeypatch):
    from qa_app.extract.batch import BatchReport

    settings = Settings(store=sample_store_copy)
    store = Store(settings)

    def begin_then_interrupt(real_save, args, kwargs):
        store.docs.conn.execute("BEGIN IMMEDIATE")  # the write had begun when Ctrl-C came
        raise KeyboardInterrupt

    store.records.index  # opened, as after any earlier save (opening it commits what is pending)
    calls = _interrupt_first_save(store, monkeypatch, begin_then_interrupt)
    report = BatchReport()
    with pytest.raises(KeyboardInterrupt):
        run_batch(store, make_extractor("rules", settings), report=report)
    assert report.outcomes and report.outcomes[0].doc_id == calls[0]  # the finished article is kept
    saved = {a.doc_id for a in Store(settings).records.current()}
    assert calls[0] in saved
    assert saved == {o.doc_id for o in report.outcomes}
