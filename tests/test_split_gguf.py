"""A GGUF split over packages: joined once, checked against its sha256, refused when a part is
missing or altered (small part files written for the test)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from qa_app.backends.split_gguf import QWEN_CODER_1_5B, SplitModel, join_parts, part_paths
from qa_app.errors import ConfigError

pytestmark = pytest.mark.unit


def _model(tmp_path, chunks: list[bytes]) -> tuple[SplitModel, list]:
    paths = []
    for i, data in enumerate(chunks, 1):
        p = tmp_path / "parts" / f"part{i:02d}.bin"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(data)
        paths.append(p)
    whole = b"".join(chunks)
    model = replace(QWEN_CODER_1_5B, spec="test-model", filename="test.gguf", size=len(whole),
                    sha256=hashlib.sha256(whole).hexdigest())
    return model, paths


def test_parts_join_in_order_and_the_result_is_reused(tmp_path):
    model, parts = _model(tmp_path, [b"GGUF" + b"a" * 100, b"b" * 50, b"c" * 7])
    out = join_parts(model, parts, tmp_path / "cache")
    assert out.read_bytes() == b"GGUF" + b"a" * 100 + b"b" * 50 + b"c" * 7
    mtime = out.stat().st_mtime_ns
    parts[0].unlink()  # a second call trusts the verified file and does not read the parts
    assert join_parts(model, parts, tmp_path / "cache") == out and out.stat().st_mtime_ns == mtime


def test_an_altered_part_is_refused_and_leaves_no_file(tmp_path):
    model, parts = _model(tmp_path, [b"GGUF" + b"a" * 100, b"b" * 50])
    parts[1].write_bytes(b"x" * 50)
    with pytest.raises(ConfigError, match="do not join into the published file"):
        join_parts(model, parts, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_changed_joined_file_is_joined_again(tmp_path):
    model, parts = _model(tmp_path, [b"GGUF" + b"a" * 100, b"b" * 50])
    out = join_parts(model, parts, tmp_path / "cache")
    out.write_bytes(b"GGUF" + b"z" * 150)
    assert join_parts(model, parts, tmp_path / "cache").read_bytes() == b"GGUF" + b"a" * 100 + b"b" * 50


def test_missing_extra_says_how_to_install():
    model = replace(QWEN_CODER_1_5B, parts=(("qa-app-no-such-model-part", "x/part01.bin"),))
    with pytest.raises(ConfigError, match=r"pip install 'qa-app\[qwen\]'"):
        part_paths(model)


def test_the_spec_names_the_model_alone_and_behind_the_rules():
    from qa_app.backends import parse_model_spec
    from qa_app.extract.extractors import parse_spec

    assert parse_model_spec("qwen2.5-coder-1.5b") == ("qwen2.5-coder-1.5b", "")
    assert parse_spec("rules+qwen2.5-coder-1.5b") == ("rules+model", "qwen2.5-coder-1.5b")
    assert parse_model_spec("qwen2.5-coder-1.5b:x") is None
