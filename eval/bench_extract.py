"""Benchmark: local extraction through the pipeline against raw llama.cpp.

    .venv/bin/python eval/bench_extract.py [--model smollm2] [--articles eval/articles] [--repeat 1]

Every timed call starts with an empty prompt cache (Llama.reset()), so neither side
profits from the other's prompt processing. For every sample article it runs the full pipeline (context, candidates, prompt,
instructor, validation, grounding) with the local backend, records the exact request
llama.cpp received, then replays the same requests on the same loaded model with raw
llama-cpp-python calls. It reports seconds and tokens per article, the ratio of the
pipeline's wall time to raw llama.cpp's, and JSON-schema-constrained against free decoding
speed on the same prompt. Output: a table on stdout and eval/out/bench_extract.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _docs(folder: Path):
    from qa_app.ingest.pipeline import prepare
    from qa_app.ingest.readers import RawArticle

    docs = []
    for path in sorted(folder.glob("*.txt")):
        prepared = prepare(RawArticle(source=str(path), text=path.read_text(encoding="utf-8"), kind="text"), 800)
        docs.append(prepared.row)
    return docs


def _recording(backend):
    calls = []
    original = backend._create

    def create(**kwargs):
        backend.llm.reset()  # no prompt-prefix cache carried over: every timed call starts cold
        completion = original(**kwargs)
        calls.append({"kwargs": kwargs, "tokens_out": completion.usage.completion_tokens,
                      "tokens_in": completion.usage.prompt_tokens})
        return completion

    backend._create = create
    return calls


def _raw(llm, kwargs: dict) -> tuple[float, int]:
    from qa_app.backends.instructor_base import llama_cpp_response_format

    kw = llama_cpp_response_format(dict(kwargs))
    kw.pop("model", None)
    llm.reset()
    t = time.perf_counter()
    out = llm.create_chat_completion(**kw)
    return time.perf_counter() - t, out["usage"]["completion_tokens"]


def _decode_speed(llm, messages, schema: dict, tokens: int) -> dict:
    """Tokens/s generating `tokens` tokens with and without the JSON-schema grammar."""
    out = {}
    for label, fmt in (("free", None), ("json_schema", {"type": "json_object", "schema": schema})):
        llm.reset()
        t = time.perf_counter()
        res = llm.create_chat_completion(messages=messages, max_tokens=tokens, temperature=0, response_format=fmt)
        dt = time.perf_counter() - t
        n = res["usage"]["completion_tokens"]
        out[label] = {"tokens": n, "seconds": round(dt, 3), "tok_per_s": round(n / dt, 2) if dt else None}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="smollm2", help="local model spec: smollm2 or local:PATH.gguf")
    ap.add_argument("--articles", type=Path, default=ROOT / "eval" / "articles")
    ap.add_argument("--mode", default="constrained", choices=["constrained", "free"])
    ap.add_argument("--decode-tokens", type=int, default=64)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "out" / "bench_extract.json")
    args = ap.parse_args()

    os.environ.setdefault("QA_APP_STORE", tempfile.mkdtemp(prefix="qa-bench-"))
    from qa_app.backends import make_backend
    from qa_app.extract.article import extract_article
    from qa_app.extract.extractors.model import ExtractOptions, ModelExtractor
    from qa_app.settings import Settings

    backend = make_backend(args.model, Settings())
    calls = _recording(backend)
    extractor = ModelExtractor(backend, ExtractOptions(mode=args.mode))
    rows = []
    for doc in _docs(args.articles):
        before = len(calls)
        t = time.perf_counter()
        records, _raw_out = extract_article(doc, extractor)
        pipeline_s = time.perf_counter() - t
        mine = calls[before:]
        raw_s = 0.0
        for c in mine:
            raw_s += _raw(backend.llm, c["kwargs"])[0]
        rows.append({
            "article": Path(doc.source).name, "pipeline_s": round(pipeline_s, 3), "raw_llama_s": round(raw_s, 3),
            "ratio": round(pipeline_s / raw_s, 3) if raw_s else None, "calls": len(mine),
            "tokens_in": sum(c["tokens_in"] for c in mine), "tokens_out": sum(c["tokens_out"] for c in mine),
            "meetings": len(records.meetings), "commitments": len(records.commitments), "rejected": len(records.rejected),
        })
        print(f"{rows[-1]['article']}: pipeline {pipeline_s:.2f}s, raw {raw_s:.2f}s, "
              f"tokens {rows[-1]['tokens_in']}/{rows[-1]['tokens_out']}", flush=True)
    first = calls[0]["kwargs"]
    schema = first["response_format"]["json_schema"]["schema"]
    speed = _decode_speed(backend.llm, first["messages"], schema, args.decode_tokens)
    total_p, total_r = sum(r["pipeline_s"] for r in rows), sum(r["raw_llama_s"] for r in rows)
    summary = {
        "model": backend.info.model, "mode": args.mode, "articles": len(rows),
        "seconds_per_article": round(total_p / len(rows), 2),
        "tokens_in_per_article": round(statistics.mean(r["tokens_in"] for r in rows), 1),
        "tokens_out_per_article": round(statistics.mean(r["tokens_out"] for r in rows), 1),
        "pipeline_over_raw_llama": round(total_p / total_r, 3) if total_r else None,
        "decode_speed": speed,
        "constrained_slowdown": round(speed["free"]["tok_per_s"] / speed["json_schema"]["tok_per_s"], 2)
        if speed["json_schema"]["tok_per_s"] else None,
        "rows": rows,
        "machine": {"cpus": os.cpu_count()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2))
    print()
    print(f"model                     {summary['model']} ({args.mode})")
    print(f"seconds per article       {summary['seconds_per_article']}")
    print(f"tokens in / out per art.  {summary['tokens_in_per_article']} / {summary['tokens_out_per_article']}")
    print(f"pipeline / raw llama.cpp  {summary['pipeline_over_raw_llama']}  (target <= 1.10)")
    print(f"decode tok/s free         {speed['free']['tok_per_s']}")
    print(f"decode tok/s json-schema  {speed['json_schema']['tok_per_s']}  (free/constrained = {summary['constrained_slowdown']}x)")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
