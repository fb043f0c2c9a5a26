"""Write batch output atomically: .json (one document) or .jsonl (one article per line,
with the merged events in events.jsonl beside it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qa_app.errors import ConfigError
from qa_app.schemas.records import ArticleRecords, BatchOutput, Event


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_output(out: Path, articles: list[ArticleRecords], events: list[Event]) -> list[Path]:
    suffix = out.suffix.lower()
    if suffix == ".json":
        atomic_write(out, BatchOutput(articles=articles, events=events).model_dump_json(indent=2) + "\n")
        return [out]
    if suffix == ".jsonl":
        atomic_write(out, "".join(a.model_dump_json() + "\n" for a in articles))
        ev = out.with_name("events.jsonl")
        atomic_write(ev, "".join(e.model_dump_json() + "\n" for e in events))
        return [out, ev]
    raise ConfigError(f"--out {out}: unknown extension {suffix or '(none)'}; use .json or .jsonl")
