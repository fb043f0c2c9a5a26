"""Benchmark: llama.cpp thread count, 1 against 2 (or any list), on the same extraction.

    .venv/bin/python eval/bench_threads.py [--model smollm2] [--threads 1 2] [--articles eval/articles] [--limit 3]

For each thread count the model is loaded with that many threads and extracts the same
articles (constrained mode, the pipeline's prompts); the runs alternate article by article so
that the machine's load falls on both alike. It reports seconds per article for each count,
the ratio of each to the first, and the records kept as a check that the
outputs agree. Output: a table on stdout and eval/out/bench_threads.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _docs(folder: Path, limit: int):
    from qa_app.ingest.pipeline import prepare
    from qa_app.ingest.readers import RawArticle

    paths = sorted(folder.glob("*.txt"))[:limit]
    return [prepare(RawArticle(source=str(p), text=p.read_text(encoding="utf-8"), kind="text"), 800).row for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="smollm2")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--articles", type=Path, default=ROOT / "eval" / "articles")
    ap.add_argument("--limit", type=int, default=3)
    args = ap.parse_args()

    from qa_app.extract.article import extract_article
    from qa_app.extract.extractors import ExtractOptions, make_extractor
    from qa_app.settings import load_settings

    docs = _docs(args.articles, args.limit)
    extractors = {n: make_extractor(args.model, load_settings(n_threads=n), ExtractOptions(max_retries=0))
                  for n in args.threads}
    seconds = {n: [] for n in args.threads}
    kept = {n: 0 for n in args.threads}
    for doc in docs:
        for n, extractor in extractors.items():
            started = time.perf_counter()
            records, _raw = extract_article(doc, extractor)
            seconds[n].append(time.perf_counter() - started)
            kept[n] += len(records.meetings) + len(records.commitments)
    for extractor in extractors.values():
        extractor.close()
    base = statistics.mean(seconds[args.threads[0]])
    rows = [{"threads": n, "seconds_per_article": round(statistics.mean(s), 2), "median": round(statistics.median(s), 2),
             "ratio_to_first": round(statistics.mean(s) / base, 2), "records_kept": kept[n]}
            for n, s in seconds.items()]
    print(f"model {args.model}, {len(docs)} articles")
    print(f"{'threads':>7}  {'s/article':>9}  {'median':>7}  {'ratio':>6}  {'records':>7}")
    for r in rows:
        print(f"{r['threads']:>7}  {r['seconds_per_article']:>9}  {r['median']:>7}  {r['ratio_to_first']:>6}  "
              f"{r['records_kept']:>7}")
    out = ROOT / "eval" / "out" / "bench_threads.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"model": args.model, "articles": len(docs), "rows": rows}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
